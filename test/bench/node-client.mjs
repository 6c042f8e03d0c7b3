// A plain node:http client doing what the node does, for the benchmark's baseline: a multipart
// upload streamed from a file in 1 MiB chunks with its MD5 worked out on the way, or a download
// streamed to a file. Prints one JSON line: { ms, bytes, md5?, answer? }.
//   node node-client.mjs upload <apiBase> <token> <accountId> <file>
//   node node-client.mjs download <url> <outFile>
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import http from 'node:http';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const [command, ...args] = process.argv.slice(2);

async function upload(apiBase, token, accountId, file) {
	const size = statSync(file).size;
	const boundary = `----bench${randomBytes(8).toString('hex')}`;
	const field = (name, value) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
	const head = Buffer.from(
		field('access_token', token) +
			field('account_id', accountId) +
			field('folder_id', '') +
			`--${boundary}\r\nContent-Disposition: form-data; name="upload_file"; filename="${basename(file)}"\r\n` +
			'Content-Type: application/octet-stream\r\n\r\n',
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	const hash = createHash('md5');
	async function* body() {
		yield head;
		for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
			hash.update(chunk);
			yield chunk;
		}
		yield tail;
	}
	const started = performance.now();
	const text = await new Promise((resolve, reject) => {
		const request = http.request(`${apiBase}/file/upload`, {
			method: 'POST',
			headers: {
				'content-type': `multipart/form-data; boundary=${boundary}`,
				'content-length': head.length + size + tail.length,
			},
		});
		request.on('response', async (response) => {
			let data = '';
			for await (const chunk of response) data += chunk;
			resolve(data);
		});
		request.on('error', reject);
		pipeline(Readable.from(body()), request).catch(reject);
	});
	const ms = performance.now() - started;
	return { ms, bytes: size, md5: hash.digest('hex'), answer: JSON.parse(text) };
}

async function download(url, out) {
	const started = performance.now();
	const bytes = await new Promise((resolve, reject) => {
		http
			.get(url, (response) => {
				let count = 0;
				response.on('data', (chunk) => (count += chunk.length));
				pipeline(response, createWriteStream(out)).then(() => resolve(count), reject);
			})
			.on('error', reject);
	});
	return { ms: performance.now() - started, bytes };
}

const result = command === 'upload' ? await upload(...args) : await download(...args);
process.stdout.write(`${JSON.stringify(result)}\n`);
