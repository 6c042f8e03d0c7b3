// Reads a request's parameters the way the PHP API does: POST form fields only (urlencoded or
// multipart), GET and PUT from the query string, anything else ignored. A guard counts the bytes
// as they arrive, to enforce the web server's body limit and to cut a request mid-body (fault).
import { PassThrough } from 'node:stream';
import { parseMultipart } from './multipart.mjs';
import { cleanInput } from './php.mjs';

/** PHP drops every POST field when the body is over post_max_size. */
const MAX_FORM_BYTES = 16 * 1024 * 1024;

export class BodyError extends Error {
	constructor(code) {
		super(code);
		this.code = code;
	}
}

function queryFields(url) {
	const fields = {};
	for (const [name, value] of url.searchParams) fields[name] = cleanInput(value);
	return fields;
}

function mediaType(req) {
	return String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/** Resolves when the body has been read to the end, or rejects with BodyError / a socket error. */
function readUrlencoded(source) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let length = 0;
		source.on('data', (chunk) => {
			length += chunk.length;
			if (length <= MAX_FORM_BYTES) chunks.push(chunk);
		});
		source.on('error', reject);
		source.on('end', () => {
			if (length > MAX_FORM_BYTES) return resolve({});
			const fields = {};
			for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) {
				fields[name] = cleanInput(value);
			}
			resolve(fields);
		});
	});
}

function discard(source) {
	return new Promise((resolve, reject) => {
		source.on('error', reject);
		source.on('end', resolve);
		source.resume();
	});
}

/**
 * @param {object} opts uploadField (name of the file field kept on disk, or null), tmpPath (fn),
 *   highWaterMark, maxBytes (413 limit or null), cutAt (reset the connection after that many bytes).
 * @returns {Promise<{fields, upload, files, bytes}>}
 */
export async function readBody(req, url, opts) {
	const state = { bytes: 0 };
	const source = new PassThrough({ highWaterMark: opts.highWaterMark });
	let tripped = null;
	const trip = (code) => {
		if (tripped) return;
		tripped = new BodyError(code);
		req.unpipe(source);
		source.destroy(tripped);
	};
	req.on('data', (chunk) => {
		state.bytes += chunk.length;
		if (opts.maxBytes && state.bytes > opts.maxBytes) trip('BODY_TOO_LARGE');
		else if (opts.cutAt !== null && opts.cutAt !== undefined && state.bytes >= opts.cutAt) trip('BODY_CUT');
	});
	req.on('close', () => {
		if (!req.complete) trip('CLIENT_ABORTED');
	});
	req.pipe(source);

	const type = mediaType(req);
	let work;
	let multipart;
	const empty = { fields: {}, upload: null, files: [] };
	if (req.method === 'POST' && type === 'multipart/form-data') {
		try {
			multipart = parseMultipart(req, source, opts);
			source.on('error', (error) => multipart.parser.destroy(error));
			work = multipart.done;
		} catch {
			work = discard(source).then(() => empty); // no boundary: PHP sees no fields
		}
	} else if (req.method === 'POST' && type === 'application/x-www-form-urlencoded') {
		work = readUrlencoded(source).then((fields) => ({ fields, upload: null, files: [] }));
	} else {
		const fields = req.method === 'GET' || req.method === 'PUT' ? queryFields(url) : {};
		work = discard(source).then(() => ({ fields, upload: null, files: [] }));
	}
	try {
		const result = await work;
		return { ...result, bytes: state.bytes };
	} catch (error) {
		if (tripped) {
			tripped.bytes = state.bytes;
			throw tripped;
		}
		// A malformed body: PHP sees no fields at all. Read the rest and carry on.
		await drain(req);
		return { ...empty, bytes: state.bytes };
	}
}

/** Reads and forgets whatever is left of a request body. */
export function drain(req) {
	return new Promise((resolve) => {
		req.unpipe();
		if (req.complete || req.destroyed) return resolve();
		req.on('end', resolve);
		req.on('close', resolve);
		req.resume();
	});
}
