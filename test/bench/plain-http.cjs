// A plain node:http client for the benchmark's baselines, nothing but Node: a multipart upload
// streamed from any source of chunks, its MD5 worked out on the way, and a GET. Used by
// node-client.mjs (in a process of its own) and by reference-node/ (the same client inside n8n).
'use strict';

const { createHash, randomBytes } = require('node:crypto');
const http = require('node:http');
const { Readable } = require('node:stream');
const { pipeline } = require('node:stream/promises');

/**
 * POSTs `fields` and a file part (`chunks`: an async iterable of exactly `size` bytes) as
 * multipart/form-data with an exact Content-Length. Resolves { md5, status, text }.
 */
async function plainUpload({ url, fields, fileField, fileName, size, chunks }) {
	const boundary = `----bench${randomBytes(8).toString('hex')}`;
	const field = (name, value) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
	const head = Buffer.from(
		Object.entries(fields).map(([name, value]) => field(name, value)).join('') +
			`--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="${fileName}"\r\n` +
			'Content-Type: application/octet-stream\r\n\r\n',
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	const hash = createHash('md5');
	async function* body() {
		yield head;
		for await (const chunk of chunks) {
			hash.update(chunk);
			yield chunk;
		}
		yield tail;
	}
	const { status, text } = await new Promise((resolve, reject) => {
		const request = http.request(url, {
			method: 'POST',
			headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + size + tail.length },
		});
		request.on('response', async (response) => {
			let data = '';
			for await (const chunk of response) data += chunk;
			resolve({ status: response.statusCode, text: data });
		});
		request.on('error', reject);
		pipeline(Readable.from(body()), request).catch(reject);
	});
	return { md5: hash.digest('hex'), status, text };
}

/** GETs `url`: resolves the response (a readable stream of the body). */
function plainGet(url) {
	return new Promise((resolve, reject) => http.get(url, resolve).on('error', reject));
}

module.exports = { plainUpload, plainGet };
