import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { describeBody, isTokenError, parseEnvelope } from './envelope';
import { inSlot } from './inFlight';
import type { Envelope } from './envelope';
import { apiError, namingSubject } from './errors';
import type { Subject } from './errors';
import { FORM_HEADERS } from './login';
import {
	RETRYABLE_STATUS,
	RetrySchedule,
	classifyConnectionFailure,
	errorCode,
	isSafeToRepeat,
	isTimeout,
	parseRetryAfter,
	restSite,
	siteReady,
	wait,
} from './retry';
import { currentSession, forgetSession, renewSession } from './session';
import { CREDENTIAL_TYPE } from './types';
import type { CyberfileContext, Session, StreamedBody } from './types';

export interface ApiCall {
	/** The endpoint below the base URL, e.g. `file/info`. */
	endpoint: string;
	/** Form fields; the session fields are added by the credential. */
	fields?: IDataObject;
	/**
	 * A body that is not a form (a streamed multipart upload), made for each attempt from the
	 * session that attempt uses, so that a retry or a renewed session sends a fresh stream.
	 * The credential leaves such a body alone: it must carry the session itself.
	 */
	body?: (session: Session) => Promise<StreamedBody>;
	/**
	 * Whether sending the request twice does no more than sending it once. Reads, edits, moves
	 * and deletes are; uploads, copies and folder creation are not, so they are never repeated
	 * after an answer that leaves their outcome unknown (502, 504, a connection reset, a timeout,
	 * a cut or non-JSON answer). A streamed body that was not sent to its end is sent again.
	 */
	idempotent: boolean;
	/** `answer`: a dead token is this call's answer (revoking a token). Default: renew and retry. */
	onDeadToken?: 'renew' | 'answer';
	/**
	 * Sent at once, outside the run's Parallel Requests limit: a session keep-alive must not wait
	 * for a slot that long uploads hold.
	 */
	unlimited?: boolean;
	/** Milliseconds until the answer's headers must have arrived. */
	timeout?: number;
	itemIndex?: number;
	/** The ids the call is about, named in not-found errors. */
	subject?: Subject;
	/**
	 * What a call that is not idempotent tells the user when it broke off and may or may not
	 * have been carried out, e.g. "the file may or may not have been stored".
	 */
	unknownOutcome?: string;
}

export const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * How often one call may find its session dead and renew it. Once is the normal case (expiry,
 * a revoke); more means other clients keep logging in to the same account and taking the
 * session over, which the call rides out a few times before it gives up and says why.
 */
const MAX_RENEWALS = 3;

type Attempt =
	| { kind: 'answer'; envelope: Envelope; status: number; text: string; retryAfterMs?: number }
	| { kind: 'connection'; code?: string; message: string; bodyUnsent: boolean };

/** The form values as the server reads them: strings, with undefined fields left out. */
function formFields(fields: IDataObject = {}): IDataObject {
	const form: IDataObject = {};
	for (const [name, value] of Object.entries(fields)) {
		if (value !== undefined && value !== null) form[name] = String(value);
	}
	return form;
}

function requestFor(session: Session, call: ApiCall, streamed?: StreamedBody): IHttpRequestOptions {
	return {
		method: 'POST',
		url: `${session.baseUrl}/${call.endpoint}`,
		headers: streamed ? { accept: FORM_HEADERS.accept, ...streamed.headers } : FORM_HEADERS,
		// The helper's body type does not list streams, which axios sends as they come.
		body: streamed ? (streamed.body as unknown as IDataObject) : formFields(call.fields),
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// Also keeps axios from buffering a streamed body in case it has to be sent again.
		disableFollowRedirect: true,
		timeout: call.timeout ?? DEFAULT_TIMEOUT_MS,
	};
}

async function sendOnce(context: CyberfileContext, session: Session, call: ApiCall): Promise<Attempt> {
	const streamed = call.body ? await call.body(session) : undefined;
	// Whether a streamed body was read to its end. A connection that broke before that cannot have
	// delivered the request (the server acts on a complete body only), so it may be sent again.
	const stream = streamed && !Buffer.isBuffer(streamed.body) ? streamed.body : undefined;
	let bodyEnded = false;
	stream?.once('end', () => (bodyEnded = true));
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			requestFor(session, call, streamed),
			{ credentialsDecrypted: session.credential },
		)) as { statusCode: number; headers: IDataObject; body: unknown };
		const text = typeof response.body === 'string' ? response.body : String(response.body ?? '');
		return {
			kind: 'answer',
			status: response.statusCode,
			text,
			envelope: response.statusCode === 200 ? parseEnvelope(text) : { kind: 'notJson', text },
			retryAfterMs: parseRetryAfter(response.headers?.['retry-after']),
		};
	} catch (error) {
		const bodyUnsent = stream !== undefined && !bodyEnded;
		return { kind: 'connection', code: errorCode(error), message: (error as Error).message, bodyUnsent };
	} finally {
		streamed?.close?.();
	}
}

/**
 * Sends one API call and returns the success envelope (`data`, `response`, ...). The only way
 * this package talks to the API: it owns the envelope, the session, the retries and the errors.
 */
export async function cyberfileApiRequest(context: CyberfileContext, call: ApiCall): Promise<IDataObject> {
	const node = context.getNode();
	const schedule = new RetrySchedule();
	let renewals = 0;
	for (;;) {
		let session = await currentSession(context);
		if (!session.token) {
			await renewSession(context, '');
			forgetSession(context, '');
			session = await currentSession(context);
		}
		await siteReady(session.baseUrl);
		const send = async () => await sendOnce(context, session, call);
		const attempt = call.unlimited ? await send() : await inSlot(context, send);
		const at = { itemIndex: call.itemIndex };

		if (attempt.kind === 'connection') {
			let kind = classifyConnectionFailure(attempt.code);
			if (kind === 'unknownOutcome' && attempt.bodyUnsent) kind = 'notSent';
			const delay = kind && isSafeToRepeat({ kind }, call.idempotent) ? schedule.next() : undefined;
			if (delay !== undefined) {
				await wait(delay);
				continue;
			}
			// The code goes into the description: n8n replaces a message naming one with a generic text.
			const reason = attempt.code ?? attempt.message;
			const timeout = isTimeout(attempt.code) ? seconds(call.timeout ?? DEFAULT_TIMEOUT_MS) : undefined;
			const what = timeout ? `no answer came within ${timeout}` : 'the connection broke';
			if (kind === 'unknownOutcome' && !call.idempotent) throw unknownOutcomeError(context, call, what, reason);
			throw apiError(node, timeout ? `${session.baseUrl} did not answer within ${timeout}` : `The connection to ${session.baseUrl} failed`, {
				...at,
				failure: { cause: 'temporarily-unavailable' },
				description: `${reason}. Gave up after ${schedule.attempts} attempt(s).`,
			});
		}

		const { envelope, status } = attempt;
		if (status !== 200) {
			const delay = isSafeToRepeat({ status }, call.idempotent) ? schedule.next(attempt.retryAfterMs) : undefined;
			// Every request to the site rests as long as this one: the limit is the site's, not this request's.
			if (status === 429) restSite(session.baseUrl, delay ?? attempt.retryAfterMs ?? 0);
			if (delay !== undefined) {
				await wait(delay);
				continue;
			}
			// 502 and 504 come after the request went through the proxy: the API may have acted on it.
			if (!call.idempotent && RETRYABLE_STATUS.has(status) && !isSafeToRepeat({ status }, false)) {
				throw unknownOutcomeError(context, call, `the site answered HTTP ${status}`, `HTTP ${status}`, String(status));
			}
			throw httpError(context, call, status, attempt.text, attempt.retryAfterMs, schedule.attempts);
		}
		if (envelope.kind === 'success') return envelope.body;
		if (envelope.kind === 'notJson') {
			// A proxy's or CDN's page, or a PHP error, in place of the API's answer. A request that
			// is safe to repeat is tried again; any other may already have been carried out.
			const delay = call.idempotent ? schedule.next() : undefined;
			if (delay !== undefined) {
				await wait(delay);
				continue;
			}
			if (!call.idempotent) {
				throw unknownOutcomeError(context, call, 'the site answered with something that is not JSON', describeBody(envelope.text));
			}
			const retried = schedule.attempts > 1 ? ` (${schedule.attempts} attempts)` : '';
			throw apiError(node, `The API answered "${call.endpoint}" with something that is not JSON${retried}`, {
				...at,
				description: describeBody(envelope.text),
				failure: { cause: 'temporarily-unavailable' },
			});
		}
		if (isTokenError(envelope.message)) {
			if (call.onDeadToken === 'answer') return envelope.body;
			if (renewals < MAX_RENEWALS) {
				renewals++;
				await renewSession(context, session.token);
				forgetSession(context, session.token);
				continue;
			}
			throw apiError(node, envelope.message, {
				...at,
				failure: { cause: 'credential-invalid' },
				description: `The session ended ${renewals + 1} times during this call: another app, credential or n8n instance keeps logging in to this account (the site keeps one session per account). Use one credential per account.`,
			});
		}
		throw apiError(node, namingSubject(envelope.message, call.subject), at);
	}
}

/**
 * A call that is not idempotent broke off where the server may already have carried it out: it is
 * not sent again (that could do its work twice), and the user is told to check.
 */
function unknownOutcomeError(context: CyberfileContext, call: ApiCall, what: string, cause: string, httpCode?: string) {
	const outcome = call.unknownOutcome ?? `"${call.endpoint}" may or may not have been carried out`;
	return apiError(context.getNode(), `${capitalize(what)}: ${outcome}`, {
		itemIndex: call.itemIndex,
		httpCode,
		failure: { cause: 'temporarily-unavailable' },
		description: `${cause}. It was not sent again automatically, as that could do it twice. Check before running it again.`,
	});
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

function httpError(
	context: CyberfileContext,
	call: ApiCall,
	status: number,
	text: string,
	retryAfterMs: number | undefined,
	attempts: number,
) {
	const retried = attempts > 1 ? ` after ${attempts} attempts` : '';
	const messages: Record<number, string> = {
		413: 'The file is larger than the site accepts (HTTP 413)',
		429: `The site is rate-limiting requests (HTTP 429)${retried}`,
	};
	const message =
		messages[status] ??
		(RETRYABLE_STATUS.has(status)
			? `The site is unavailable (HTTP ${status})${retried}`
			: `The site answered HTTP ${status} to "${call.endpoint}"`);
	const failure =
		status === 429
			? { cause: 'rate-limited' as const, retryAfterMs }
			: status >= 500
				? { cause: 'temporarily-unavailable' as const }
				: status === 413
					? { cause: 'configuration-invalid' as const }
					: undefined;
	return apiError(context.getNode(), message, {
		httpCode: String(status),
		description: describeBody(text),
		failure,
		itemIndex: call.itemIndex,
	});
}

/** The `data` of a success envelope, for the calls whose answer is an object. */
export async function cyberfileApiData(context: CyberfileContext, call: ApiCall): Promise<IDataObject> {
	const body = await cyberfileApiRequest(context, call);
	return (body.data ?? {}) as IDataObject;
}
