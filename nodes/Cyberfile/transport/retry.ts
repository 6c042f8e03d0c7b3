import { sleep } from 'n8n-workflow';

/**
 * When the transport tries a request again: only after an answer that says "not now" (429, 502,
 * 503, 504) or a connection failure, and only where repeating the request cannot do its work
 * twice. Waits grow exponentially with jitter, honour Retry-After, and are bounded in number
 * and in total time.
 */
export const RETRY = {
	maxRetries: 4,
	baseDelayMs: 1_000,
	maxDelayMs: 20_000,
	maxTotalWaitMs: 60_000,
};

/** Statuses from the web server or CDN in front of the API: the application itself answers 200. */
export const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

/** Statuses that prove the request was refused before the API did anything with it. */
const REFUSED_BEFORE_PROCESSING = new Set([429, 503]);

/** Connection failures that happened before the request could reach the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Connection failures after which nobody knows whether the server acted on the request. */
const UNKNOWN_OUTCOME_CODES = new Set([
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
	// axios: the answer broke off before its end ("stream has been aborted"), e.g. a truncated body.
	'ERR_BAD_RESPONSE',
]);
/** Codes of a request that got no answer in time (axios's timeout is ECONNABORTED in Node). */
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

export type FailureKind = 'notSent' | 'unknownOutcome';

/** Finds a Node/axios error code anywhere in an error's cause chain. */
export function errorCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown; message?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(current.code)) {
			return current.code;
		}
		if (typeof current.message === 'string' && /socket hang up/i.test(current.message)) {
			return 'ECONNRESET';
		}
		current = current.cause as typeof current;
	}
	return undefined;
}

/** Whether a connection failure was a timeout (the site did not answer in time). */
export const isTimeout = (code: string | undefined): boolean => TIMEOUT_CODES.has(code ?? '');

export function classifyConnectionFailure(code: string | undefined): FailureKind | undefined {
	if (!code) return undefined;
	if (NOT_SENT_CODES.has(code)) return 'notSent';
	if (UNKNOWN_OUTCOME_CODES.has(code)) return 'unknownOutcome';
	return undefined;
}

/** Whether a failure may be retried, given whether the request can safely run twice. */
export function isSafeToRepeat(
	failure: { status: number } | { kind: FailureKind },
	idempotent: boolean,
): boolean {
	if ('status' in failure) {
		return RETRYABLE_STATUS.has(failure.status) && (idempotent || REFUSED_BEFORE_PROCESSING.has(failure.status));
	}
	return idempotent || failure.kind === 'notSent';
}

/** Retry-After in milliseconds (seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(Array.isArray(value) ? value[0] : value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Keeps count of the retries of one request and decides how long to wait before the next. */
export class RetrySchedule {
	private retries = 0;

	private waited = 0;

	/** The wait before the next try, or undefined when the budget is spent. */
	next(retryAfterMs?: number): number | undefined {
		if (this.retries >= RETRY.maxRetries) return undefined;
		const exponential = Math.min(RETRY.maxDelayMs, RETRY.baseDelayMs * 2 ** this.retries);
		const jittered = exponential / 2 + Math.random() * (exponential / 2);
		const wait = retryAfterMs !== undefined ? Math.max(retryAfterMs, 0) : jittered;
		if (this.waited + wait > RETRY.maxTotalWaitMs) return undefined;
		this.retries++;
		this.waited += wait;
		return wait;
	}

	get attempts(): number {
		return this.retries + 1;
	}
}

export const wait = async (ms: number) => await sleep(ms);

/**
 * A site that answered 429 (rate limited) is given a rest by every request of this process, not
 * only by the one that was refused: until the wait that answer asked for (its Retry-After, or the
 * retry schedule's) is over, no request to that site is sent. Per site (base URL).
 */
const restingUntil = new Map<string, number>();

/** Holds every request to `site` back for `ms` from now (a longer rest already set stays). */
export function restSite(site: string, ms: number): void {
	const until = Date.now() + ms;
	if ((restingUntil.get(site) ?? 0) < until) restingUntil.set(site, until);
}

/** Waits while `site` is resting. */
export async function siteReady(site: string): Promise<void> {
	for (;;) {
		const until = restingUntil.get(site);
		const left = until === undefined ? 0 : until - Date.now();
		if (left <= 0) {
			if (until !== undefined && restingUntil.get(site) === until) restingUntil.delete(site);
			return;
		}
		await sleep(left);
	}
}
