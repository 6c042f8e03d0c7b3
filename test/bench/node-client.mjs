// A plain node:http client doing what the node does, in a process of its own, for the benchmark's
// baseline: a multipart upload streamed from a file in 1 MiB chunks with its MD5 worked out on the
// way, or a download streamed to a file. Prints one JSON line: { ms, bytes, md5?, answer?, rssBefore,
// hwm } (the process's RSS when the transfer started and its VmHWM when it ended, in bytes).
//   node node-client.mjs upload <apiBase> <token> <accountId> <file>
//   node node-client.mjs download <url> <outFile>
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import plain from './plain-http.cjs';

const [command, ...args] = process.argv.slice(2);

async function upload(apiBase, token, accountId, file) {
	const size = statSync(file).size;
	const started = performance.now();
	const { md5, text } = await plain.plainUpload({
		url: `${apiBase}/file/upload`,
		fields: { access_token: token, account_id: accountId, folder_id: '' },
		fileField: 'upload_file',
		fileName: basename(file),
		size,
		chunks: createReadStream(file, { highWaterMark: 1024 * 1024 }),
	});
	return { ms: performance.now() - started, bytes: size, md5, answer: JSON.parse(text) };
}

async function download(url, out) {
	const started = performance.now();
	const response = await plain.plainGet(url);
	let bytes = 0;
	response.on('data', (chunk) => (bytes += chunk.length));
	await pipeline(response, createWriteStream(out));
	return { ms: performance.now() - started, bytes };
}

const rssBefore = process.memoryUsage.rss();
const result = command === 'upload' ? await upload(...args) : await download(...args);
process.stdout.write(`${JSON.stringify({ ...result, rssBefore, hwm: process.resourceUsage().maxRSS * 1024 })}\n`);
