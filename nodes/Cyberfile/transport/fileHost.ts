import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { describeBody } from './envelope';
import { apiError } from './errors';
import { DEFAULT_TIMEOUT_MS } from './request';
import { RETRYABLE_STATUS, RetrySchedule, classifyConnectionFailure, errorCode, parseRetryAfter, wait } from './retry';
import { chunksWithin, readableFrom } from './stream';
import type { ByteStream, CyberfileContext } from './types';

/**
 * Downloads from the file host: a download URL carries its own `download_token`, so it is fetched
 * with a plain GET and no credential (the API token must never reach that host). The body is
 * handed on as a stream that yields exactly the file's bytes: a body that breaks off is resumed
 * with an HTTP Range request on the transport's retry schedule, a body of the wrong length fails.
 */

export interface FileDownload {
	url: string;
	/** The file's size from /file/info; undefined: take the Content-Length on trust. */
	size?: number;
	name: string;
	itemIndex?: number;
}

interface HostResponse {
	statusCode: number;
	headers: IDataObject;
	body: ByteStream;
	/** Ends the request, and with it a body that stopped coming. */
	abort: () => void;
}

/** An open body, and how many of its first bytes were already received (a Range that was ignored). */
interface Opened {
	body: ByteStream;
	abort: () => void;
	skip: number;
	size?: number;
}

/** Why a body must be asked for again; `cause` (an error code) goes into descriptions only. */
type Retry = { retry: string; cause?: string; retryAfterMs?: number };

/** How long a body may send nothing before it is given up (and resumed): the helper has no timeout once the headers are in. */
export const FILE_HOST = { stallMs: 60_000 };

const hostOf = (url: string) => /^[a-z]+:\/\/([^/?#]+)/i.exec(url)?.[1] ?? 'the file host';

/** One GET of a download URL: no credential, so nothing of the session can go with it. */
async function getFromFileHost(this: CyberfileContext, url: string, from: number): Promise<HostResponse> {
	const request: IHttpRequestOptions = {
		method: 'GET',
		url,
		headers: from > 0 ? { range: `bytes=${from}-` } : {},
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: DEFAULT_TIMEOUT_MS,
	};
	// Its own signal, so that a stalled body can be ended, which also follows the execution's
	// (until this request is ended: a resumed download must not pile listeners on it).
	const controller = new AbortController();
	const cancel = 'getExecutionCancelSignal' in this ? this.getExecutionCancelSignal() : undefined;
	const follow = () => controller.abort();
	cancel?.addEventListener('abort', follow, { once: true });
	const abort = () => {
		cancel?.removeEventListener('abort', follow);
		controller.abort();
	};
	request.abortSignal = controller.signal;
	const sent = this.helpers.httpRequest(request) as Promise<Omit<HostResponse, 'abort'>>;
	sent.catch(() => cancel?.removeEventListener('abort', follow));
	const response = await sent;
	response.body.once?.('close', () => cancel?.removeEventListener('abort', follow));
	return { ...response, abort };
}

/** The first bytes of a body that is not the file (an HTML page), as a secret-free excerpt. */
async function excerpt(response: HostResponse): Promise<string> {
	const chunks: Buffer[] = [];
	let length = 0;
	for await (const chunk of chunksWithin(response.body, FILE_HOST.stallMs, response.abort)) {
		chunks.push(chunk);
		length += chunk.length;
		if (length >= 2048) break;
	}
	return describeBody(Buffer.concat(chunks).toString('utf8', 0, 2048));
}

const header = (headers: IDataObject, name: string) => {
	const value = headers?.[name];
	return value === undefined || value === null ? undefined : String(value);
};

/** What the body about to be read holds, judged from the status and headers; a failure message otherwise. */
function judge(response: HostResponse, from: number, download: FileDownload): Opened | string {
	const { statusCode: status, headers } = response;
	const length = header(headers, 'content-length');
	// A compressed body's Content-Length is not the file's: then only the bytes received count.
	const encoded = !/^(identity)?$/i.test(header(headers, 'content-encoding') ?? '');
	if (status === 200) {
		const size = length === undefined || encoded ? download.size : Number(length);
		if (download.size !== undefined && size !== download.size) {
			return `The file host sent ${size} bytes instead of the file's ${download.size}`;
		}
		return { body: response.body, abort: response.abort, skip: from, size };
	}
	if (status === 206 && from > 0) {
		const range = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(header(headers, 'content-range') ?? '');
		const start = range ? Number(range[1]) : NaN;
		if (start <= from) return { body: response.body, abort: response.abort, skip: from - start, size: download.size };
	}
	return `The file host answered HTTP ${status} to the download of "${download.name}"`;
}

/** Opens the body at byte `from`, or says why not: a retry, or a failure that no retry can help. */
async function openOnce(context: CyberfileContext, download: FileDownload, from: number): Promise<Opened | Retry> {
	let response: HostResponse;
	try {
		response = await getFromFileHost.call(context, download.url, from);
	} catch (error) {
		const code = errorCode(error);
		if (classifyConnectionFailure(code)) return { retry: 'the connection failed', cause: code };
		throw apiError(context.getNode(), `The download of "${download.name}" from ${hostOf(download.url)} failed`, {
			itemIndex: download.itemIndex,
			description: (error as Error).message,
		});
	}
	if (RETRYABLE_STATUS.has(response.statusCode)) {
		response.abort();
		const retryAfterMs = parseRetryAfter(response.headers?.['retry-after']);
		return { retry: `the file host answered HTTP ${response.statusCode}`, retryAfterMs };
	}
	const judged = judge(response, from, download);
	if (typeof judged !== 'string') return judged;
	const description = await excerpt(response).catch(() => '');
	response.abort();
	throw apiError(context.getNode(), judged, {
		itemIndex: download.itemIndex,
		httpCode: String(response.statusCode),
		description,
		failure: { cause: 'temporarily-unavailable' },
	});
}

/** Opens the body at byte `from`, retrying on the schedule; fails once the schedule is spent. */
async function openAt(
	context: CyberfileContext,
	download: FileDownload,
	from: number,
	schedule: RetrySchedule,
	why?: Retry,
): Promise<Opened> {
	let reason = why;
	for (;;) {
		if (reason) {
			const delay = schedule.next(reason.retryAfterMs);
			if (delay === undefined) {
				const received = from > 0 ? ` after ${from} of ${download.size ?? '?'} bytes` : '';
				throw apiError(context.getNode(), `The download of "${download.name}" broke off${received}: ${reason.retry}`, {
					itemIndex: download.itemIndex,
					failure: { cause: 'temporarily-unavailable' },
					description: `${reason.cause ? `${reason.cause}. ` : ''}Gave up after ${schedule.attempts} attempt(s). Nothing was stored.`,
				});
			}
			await wait(delay);
		}
		const opened = await openOnce(context, download, from);
		if ('body' in opened) return opened;
		reason = opened;
	}
}

/** The file's bytes, exactly: skips what a resumed body repeats, resumes where a body broke off. */
async function* fileBytes(
	context: CyberfileContext,
	download: FileDownload,
	first: Opened,
	schedule: RetrySchedule,
): AsyncGenerator<Buffer> {
	let opened = first;
	let received = 0;
	for (;;) {
		const size = opened.size;
		let skip = opened.skip;
		let broke: Retry | 'overflow' | undefined;
		try {
			for await (const chunk of chunksWithin(opened.body, FILE_HOST.stallMs, opened.abort)) {
				const piece = skip > 0 ? chunk.subarray(Math.min(skip, chunk.length)) : chunk;
				skip -= chunk.length - piece.length;
				if (size !== undefined && received + piece.length > size) {
					broke = 'overflow';
					break;
				}
				received += piece.length;
				if (piece.length) yield piece;
			}
		} catch (error) {
			const code = errorCode(error);
			broke = code === 'ESTALLED' ? { retry: 'the file host stopped sending', cause: (error as Error).message } : { retry: 'the connection broke', cause: code ?? (error as Error).message };
		}
		if (broke === 'overflow') {
			opened.abort();
			throw apiError(context.getNode(), `The file host sent more than the ${size} bytes of "${download.name}"`, {
				itemIndex: download.itemIndex,
				description: 'The file may have changed during the download. Nothing was stored.',
			});
		}
		if (size === undefined && broke) {
			throw apiError(context.getNode(), `The download of "${download.name}" broke off: ${broke.retry}`, {
				itemIndex: download.itemIndex,
				failure: { cause: 'temporarily-unavailable' },
				description: `${broke.cause}. The file host did not say how long the file is, so it could not be resumed. Nothing was stored.`,
			});
		}
		if (size === undefined || received === size) return;
		opened = await openAt(context, download, received, schedule, broke ?? { retry: 'the body ended early' });
	}
}

/** How far the download may run ahead of n8n's writes to its binary store (which awaits each one): chunks of up to 64 KiB. */
const READ_AHEAD_CHUNKS = 16;

/** A stream of the file behind a download URL; fails (as NodeApiError) rather than yield a wrong file. */
export async function downloadStream(context: CyberfileContext, download: FileDownload): Promise<ByteStream> {
	const schedule = new RetrySchedule();
	const first = await openAt(context, download, 0, schedule);
	return readableFrom(first.body, fileBytes(context, download, first, schedule), READ_AHEAD_CHUNKS);
}
