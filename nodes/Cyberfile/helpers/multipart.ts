import { createHash, randomBytes } from 'crypto';
import type { Hash } from 'crypto';

import { readableFrom } from '../transport';
import type { ByteStream, Session, StreamedBody } from '../transport';
import type { BinaryInput } from './binaryInput';

/**
 * A multipart/form-data body streamed from n8n's binary store: the form fields, the file part's
 * header, the file's bytes as they are read (never the whole file in memory), the closing
 * boundary, with an exact Content-Length. The MD5 of the bytes is worked out as they pass.
 */

export interface MultipartFile {
	/** The form field of the file part. */
	field: string;
	name: string;
	mimeType?: string;
}

export interface MultipartUpload {
	/** A fresh body for one attempt, with the form fields that attempt's session calls for. */
	body: (session: Session) => Promise<StreamedBody>;
	/** The MD5 (hex) of the file bytes the last attempt sent in full; undefined until one has. */
	md5: () => string | undefined;
}

const CRLF = '\r\n';

/**
 * Boundaries: random per process, numbered per body. As unlikely in a file's bytes as a fresh
 * random one, without asking the system for random bytes on every upload.
 */
const BOUNDARY_PREFIX = `----n8nCyberfile${randomBytes(9).toString('hex')}`;
let bodies = 0;
const nextBoundary = () => `${BOUNDARY_PREFIX}${(bodies++).toString(36).padStart(6, '0')}`;

/** A header parameter value in quotes, as browsers write it: quotes and line breaks escaped. */
const quoted = (value: string) => `"${value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]/g, ' ')}"`;

function preamble(boundary: string, fields: Record<string, string>, file: MultipartFile): Buffer {
	const parts = Object.entries(fields).map(
		([name, value]) => `--${boundary}${CRLF}Content-Disposition: form-data; name=${quoted(name)}${CRLF}${CRLF}${value}${CRLF}`,
	);
	parts.push(
		`--${boundary}${CRLF}Content-Disposition: form-data; name=${quoted(file.field)}; filename=${quoted(file.name)}${CRLF}` +
			`Content-Type: ${file.mimeType || 'application/octet-stream'}${CRLF}${CRLF}`,
	);
	return Buffer.from(parts.join(''), 'utf8');
}

/** The file's bytes from the store, hashed as they go; exactly `size` of them or an error. */
async function* fileChunks(source: ByteStream, size: number, hash: Hash | undefined, done: (md5?: string) => void) {
	let sent = 0;
	for await (const chunk of source as AsyncIterable<Buffer>) {
		sent += chunk.length;
		if (sent > size) break;
		hash?.update(chunk);
		yield chunk;
	}
	if (sent !== size) {
		throw new Error(`The binary data changed while it was being sent (${sent} bytes instead of ${size})`);
	}
	done(hash?.digest('hex'));
}

async function* concat(head: Buffer, body: AsyncIterable<Buffer>, tail: Buffer) {
	yield head;
	yield* body;
	yield tail;
}

/**
 * @param fields form fields besides the session's, e.g. `folder_id`
 * @param sessionFields the session's own fields (token and account), read from each attempt's session
 * @param hashing whether to work out the MD5 of the bytes sent
 */
export function multipartUpload(
	input: BinaryInput,
	file: MultipartFile,
	fields: (session: Session) => Record<string, string>,
	hashing: boolean,
): MultipartUpload {
	let md5: string | undefined;
	const body = async (session: Session): Promise<StreamedBody> => {
		md5 = undefined;
		const boundary = nextBoundary();
		const head = preamble(boundary, fields(session), file);
		const tail = Buffer.from(`${CRLF}--${boundary}--${CRLF}`, 'utf8');
		const headers = {
			'content-type': `multipart/form-data; boundary=${boundary}`,
			'content-length': String(head.length + input.size + tail.length),
		};
		const source = await input.open();
		if (Buffer.isBuffer(source)) {
			md5 = hashing ? createHash('md5').update(source).digest('hex') : undefined;
			return { body: Buffer.concat([head, source, tail]), headers };
		}
		const hash = hashing ? createHash('md5') : undefined;
		const chunks = fileChunks(source, input.size, hash, (digest) => (md5 = digest));
		const stream = readableFrom(source, concat(head, chunks, tail));
		return {
			body: stream,
			headers,
			close: () => {
				stream.destroy();
				source.destroy();
			},
		};
	};
	return { body, md5: () => md5 };
}
