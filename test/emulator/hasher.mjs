// MD5 of uploads computed on a worker thread, so that hashing (about 2 ns/byte) runs beside the
// multipart parsing instead of after it. Chunks are copied into 1 MiB batches, transferred to the
// worker and back (then reused); at most `limit` bytes may wait in the worker before `full` asks
// the caller to pause.
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

const BATCH_BYTES = 1024 * 1024;
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const jobs = new Map();
parentPort.on('message', ({ job, buffer, end }) => {
	let hash = jobs.get(job);
	if (!hash) jobs.set(job, (hash = createHash('md5')));
	if (buffer) {
		hash.update(new Uint8Array(buffer));
		parentPort.postMessage({ job, ack: buffer.byteLength, buffer }, [buffer]);
	}
	if (end) {
		jobs.delete(job);
		parentPort.postMessage({ job, digest: hash.digest('hex') });
	}
});`;

const POOL_MAX = 16;
/** Batch buffers come back from the worker and are reused: no allocation per MiB hashed. */
const pool = [];
let worker = null;
let nextJob = 1;
const hashers = new Map();

function sharedWorker() {
	if (worker) return worker;
	worker = new Worker(WORKER_SOURCE, { eval: true });
	worker.on('message', ({ job, ack, buffer, digest }) => {
		if (buffer?.byteLength === BATCH_BYTES && pool.length < POOL_MAX) pool.push(Buffer.from(buffer));
		hashers.get(job)?.onMessage(ack, digest);
	});
	worker.on('error', (error) => {
		worker = null;
		for (const hasher of hashers.values()) hasher.fail(error);
	});
	return worker;
}

/** The worker keeps the process alive only while it has jobs. */
function track(hasher) {
	hashers.set(hasher.job, hasher);
	if (hashers.size === 1) worker?.ref();
}

function untrack(hasher) {
	hashers.delete(hasher.job);
	if (hashers.size === 0) worker?.unref();
}

/** Hashes on the worker thread. update(chunk); `full` means pause; onDrain() is called when not. */
class WorkerMd5 {
	constructor(limit) {
		this.job = nextJob++;
		this.limit = limit;
		this.inflight = 0;
		this.batch = null;
		this.used = 0;
		this.onDrain = () => {};
		this.result = new Promise((resolve, reject) => {
			this.resolve = resolve;
			this.reject = reject;
		});
		this.result.catch(() => {});
		this.worker = sharedWorker();
		track(this);
	}

	get full() {
		return this.inflight >= this.limit;
	}

	update(chunk) {
		let offset = 0;
		while (offset < chunk.length) {
			this.batch ??= pool.pop() ?? Buffer.allocUnsafeSlow(BATCH_BYTES);
			const copied = chunk.copy(this.batch, this.used, offset);
			this.used += copied;
			offset += copied;
			if (this.used === BATCH_BYTES) this.flush();
		}
	}

	flush() {
		if (!this.used) return;
		// A full batch owns its whole ArrayBuffer and is transferred as is; the last one is copied.
		const full = this.used === BATCH_BYTES;
		const buffer = full ? this.batch.buffer : this.batch.buffer.slice(0, this.used);
		if (!full && pool.length < POOL_MAX) pool.push(this.batch);
		this.batch = null;
		this.used = 0;
		this.inflight += buffer.byteLength;
		this.worker.postMessage({ job: this.job, buffer }, [buffer]);
	}

	digest() {
		this.flush();
		this.worker.postMessage({ job: this.job, end: true });
		return this.result;
	}

	onMessage(ack, digest) {
		if (ack) {
			const wasFull = this.full;
			this.inflight -= ack;
			if (wasFull && !this.full) this.onDrain();
		}
		if (digest) {
			untrack(this);
			this.resolve(digest);
		}
	}

	fail(error) {
		untrack(this);
		this.reject(error);
	}

	/** Forget the job (the upload failed); the worker's state for it is dropped on `end`. */
	abort() {
		if (hashers.has(this.job)) this.digest().catch(() => {});
	}
}

/** The same interface, hashing on the calling thread. */
class InlineMd5 {
	constructor() {
		this.hash = createHash('md5');
		this.full = false;
		this.onDrain = () => {};
	}

	update(chunk) {
		this.hash.update(chunk);
	}

	digest() {
		return Promise.resolve(this.hash.digest('hex'));
	}

	abort() {}
}

export function createMd5({ inWorker = true, limit = 8 * BATCH_BYTES } = {}) {
	return inWorker ? new WorkerMd5(limit) : new InlineMd5();
}
