import { sleep } from 'n8n-workflow';

import type { ByteStream } from './types';

type ReadableClass = {
	from(source: AsyncIterable<Buffer>, options?: { objectMode?: boolean; highWaterMark?: number }): ByteStream;
};

/**
 * A readable stream over an async iterable of chunks, made without importing 'stream' (which a
 * verified package may not): every readable stream's class inherits the static `Readable.from`,
 * so the class of a stream n8n handed us makes one. `readAheadChunks`: how many chunks it may pull
 * from the source before its reader asks for them, so that the source keeps going while the
 * reader writes. Such a stream hands its chunks on one by one, as they came: a byte stream would
 * join what piled up into one new buffer, a copy of every byte that only adds to the garbage a
 * transfer leaves for n8n's collector.
 */
export function readableFrom(like: ByteStream, source: AsyncIterable<Buffer>, readAheadChunks?: number): ByteStream {
	const Readable = like.constructor as unknown as ReadableClass;
	return readAheadChunks
		? Readable.from(source, { objectMode: true, highWaterMark: readAheadChunks })
		: Readable.from(source, { objectMode: false });
}

/** A body that sent nothing for too long: after a response's headers, n8n's helper has no timeout. */
export class StalledError extends Error {
	readonly code = 'ESTALLED';
}

/**
 * The chunks of a stream; when it sends nothing for `stallMs`, `stop` is called (it must end the
 * request: destroying the stream n8n's helper hands out waits for the socket) and this fails.
 * Only the time spent waiting for the stream counts: a reader that takes its time with a chunk
 * (a slow binary store) is not a stall.
 */
export async function* chunksWithin(stream: ByteStream, stallMs: number, stop: () => void): AsyncGenerator<Buffer> {
	let waitingSince: number | undefined;
	let finished = false;
	let stalled = false;
	// One check a second (no cancellable timer is open to a verified package): it outlives the
	// stream by a second at most.
	const watch = async () => {
		while (!finished) {
			await sleep(Math.min(1000, stallMs / 2));
			if (!finished && waitingSince !== undefined && Date.now() - waitingSince > stallMs) {
				stalled = true;
				stop();
			}
		}
	};
	void watch();
	const chunks = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
	let failure: unknown;
	try {
		for (;;) {
			waitingSince = Date.now();
			const next = await chunks.next();
			waitingSince = undefined;
			if (next.done) break;
			yield next.value;
		}
	} catch (error) {
		failure = error;
	} finally {
		finished = true;
		// Left early (a reader that stopped, or a failure): the stream is let go, as `for await` would.
		if (failure === undefined) await chunks.return?.();
	}
	if (stalled) throw new StalledError(`nothing was received for ${Math.round(stallMs / 100) / 10} s`);
	if (failure) throw failure;
}
