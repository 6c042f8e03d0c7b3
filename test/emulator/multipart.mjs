// multipart/form-data with busboy. Text fields are collected; the one upload field (when asked
// for) is streamed to a temporary file while its MD5 is computed, so memory stays flat whatever
// the size. Every other file part is read and thrown away, as PHP would ignore it.
import busboy from 'busboy';
import { createWriteStream, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { createMd5 } from './hasher.mjs';
import { cleanInput } from './php.mjs';

/** Streams one file part to disk; resolves { filename, size, md5, tmpPath, mimeType }. */
function saveFilePart(stream, info, tmpPath, { highWaterMark, hashInWorker }) {
	return new Promise((resolve, reject) => {
		const md5 = createMd5({ inWorker: hashInWorker });
		const out = createWriteStream(tmpPath, { highWaterMark });
		let size = 0;
		const blocked = () => out.writableNeedDrain || md5.full;
		const resume = () => {
			if (!blocked()) stream.resume();
		};
		md5.onDrain = resume;
		out.on('drain', resume);
		stream.on('data', (chunk) => {
			size += chunk.length;
			md5.update(chunk);
			out.write(chunk);
			if (blocked()) stream.pause();
		});
		stream.on('end', () => out.end());
		stream.on('error', (error) => out.destroy(error));
		out.on('error', (error) => {
			md5.abort();
			reject(error);
		});
		out.on('finish', () =>
			md5.digest().then(
				(hex) => resolve({ filename: info.filename, size, md5: hex, tmpPath, mimeType: info.mimeType }),
				reject,
			),
		);
	});
}

/**
 * Parses a multipart body from `source` (the request, or the request seen through a guard).
 * Returns { done, parser }: `done` resolves { fields, upload, files } once the body has been read.
 */
export function parseMultipart(req, source, { uploadField, tmpPath, highWaterMark, hashInWorker = true }) {
	const fields = {};
	const files = [];
	const saved = [];
	const tmpPaths = [];
	const parser = busboy({
		headers: req.headers,
		defParamCharset: 'utf8',
		highWaterMark,
		fileHwm: highWaterMark,
		limits: { fieldSize: 16 * 1024 * 1024 },
	});
	parser.on('field', (name, value) => {
		fields[name] = cleanInput(value);
	});
	parser.on('file', (name, stream, info) => {
		// PHP keeps the base name of the client's file name; an empty name means "no file chosen".
		const filename = basename(String(info.filename ?? '').replace(/\\/g, '/'));
		files.push({ field: name, filename });
		if (name !== uploadField || filename === '') {
			if (name === uploadField) saved.push(Promise.resolve({ filename: '', size: 0, md5: null, tmpPath: null }));
			stream.resume();
			return;
		}
		const path = tmpPath();
		tmpPaths.push(path);
		saved.push(saveFilePart(stream, { ...info, filename }, path, { highWaterMark, hashInWorker }));
	});
	const done = new Promise((resolve, reject) => {
		parser.on('error', reject);
		parser.on('close', resolve);
	}).then(
		async () => {
			const uploads = await Promise.all(saved);
			// Like PHP, a repeated field keeps the last part: drop the earlier temporary files.
			for (const extra of uploads.slice(0, -1)) if (extra.tmpPath) rmSync(extra.tmpPath, { force: true });
			const upload = uploads.at(-1) ?? null;
			for (const file of files) if (upload && file.field === uploadField) file.size = upload.size;
			return { fields, upload, files };
		},
		async (error) => {
			await Promise.allSettled(saved);
			for (const path of tmpPaths) rmSync(path, { force: true });
			throw error;
		},
	);
	source.pipe(parser);
	return { done, parser };
}
