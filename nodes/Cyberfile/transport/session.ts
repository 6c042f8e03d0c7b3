import { createHash } from 'crypto';
import { NodeApiError, sleep } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { isTokenError, parseEnvelope } from './envelope';
import { apiError, inputError, toNodeError } from './errors';
import { formPost, loginFields, normalizeBaseUrl } from './login';
import { CREDENTIAL_TYPE } from './types';
import type { CyberfileContext, Session } from './types';

/**
 * The session (access token) of a credential. The server keeps one live token per account and
 * every login kills the previous one, so a login must be rare and shared:
 * - the token n8n stores on the credential is used until the server calls it dead;
 * - a dead token is replaced once: whoever sees it first logs in, everyone else in this process
 *   who saw the same dead token waits for that login (single flight per credential);
 * - before logging in, the stored credential is read again: if another execution already put a
 *   fresh token there, that one is used and nobody logs in;
 * - a rejected login is remembered for as long as the credential's login details stay the same,
 *   so no item, retry or execution in this process repeats it (5 failures lock the IP out).
 */

const MAX_STAGGER_MS = 250;
const renewals = new Map<string, { deadToken: string; done: Promise<void> }>();
const rejectedLogins = new Map<string, { fingerprint: string; message: string }>();

function credentialKey(context: CyberfileContext): string {
	const reference = context.getNode().credentials?.[CREDENTIAL_TYPE];
	return reference?.id ?? reference?.name ?? 'unsaved';
}

function loginFingerprint(data: ICredentialDataDecryptedObject): string {
	const parts = [data.baseUrl, data.authMethod, data.username, data.password, data.key1, data.key2];
	return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** Reads the credential as n8n stores it now (another execution may have renewed the token). */
export async function readSession(context: CyberfileContext): Promise<Session> {
	const data = await context.getCredentials(CREDENTIAL_TYPE);
	let baseUrl: string;
	try {
		baseUrl = normalizeBaseUrl(data.baseUrl);
	} catch (error) {
		throw inputError(context.getNode(), (error as Error).message);
	}
	const reference = context.getNode().credentials?.[CREDENTIAL_TYPE];
	return {
		baseUrl,
		token: String(data.accessToken ?? ''),
		credential: {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: CREDENTIAL_TYPE,
			data: { ...data },
		},
	};
}

/**
 * The session as form fields, for a body the credential cannot fill in itself (a streamed
 * multipart upload). Only ever put into a request body to the API host.
 */
export function sessionFields(session: Session): { access_token: string; account_id: string } {
	return { access_token: session.token, account_id: String(session.credential.data?.accountId ?? '') };
}

/** Makes sure the credential holds a token other than `deadToken` ('' when it holds none). */
export async function renewSession(context: CyberfileContext, deadToken: string): Promise<void> {
	const key = credentialKey(context);
	const running = renewals.get(key);
	if (running?.deadToken === deadToken) return await running.done;

	let current = await readSession(context);
	if (current.token && current.token !== deadToken) return;
	// Other n8n processes (workers, `n8n execute`) share the credential but not this process's
	// single flight: a short random pause lets the first of them store its token, which the
	// second look then finds instead of logging in (and ending that session) again.
	await sleep(Math.random() * MAX_STAGGER_MS);
	const joined = renewals.get(key);
	if (joined?.deadToken === deadToken) return await joined.done;
	current = await readSession(context);
	if (current.token && current.token !== deadToken) return;
	const again = renewals.get(key);
	if (again?.deadToken === deadToken) return await again.done;

	const done = logIn(context, current).finally(() => renewals.delete(key));
	renewals.set(key, { deadToken, done });
	return await done;
}

/**
 * Has n8n run the credential's login and store the new token: a request sent with the token
 * emptied makes n8n call `preAuthentication` and save its result on the credential. The request
 * itself is a cheap read that proves the new token works.
 */
async function logIn(context: CyberfileContext, session: Session): Promise<void> {
	const key = credentialKey(context);
	try {
		loginFields(session.credential.data!); // the login details as typed: checked before any request
	} catch (error) {
		throw inputError(context.getNode(), (error as Error).message);
	}
	const fingerprint = loginFingerprint(session.credential.data!);
	const rejected = rejectedLogins.get(key);
	if (rejected?.fingerprint === fingerprint) {
		throw apiError(context.getNode(), rejected.message, {
			description: 'This login was already refused; n8n will not try it again until the credential changes.',
		});
	}

	const request = formPost(`${session.baseUrl}/account/info`, {}, 60_000);
	const emptied = { ...session.credential, data: { ...session.credential.data, accessToken: '' } };
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			request,
			{ credentialsDecrypted: emptied },
		)) as { statusCode: number; body: unknown };
		const answer = parseEnvelope(String(response.body ?? ''));
		// A token error here means another client logged in right after us: the caller sees the
		// stored token die again and decides whether to ride it out.
		if (answer.kind === 'error' && !isTokenError(answer.message)) throw apiError(context.getNode(), answer.message);
	} catch (error) {
		const login = loginFailureOf(error);
		if (login?.kind === 'rejected') {
			rejectedLogins.set(key, { fingerprint, message: login.message });
		}
		if (login) {
			throw apiError(context.getNode(), login.message, {
				failure: login.kind === 'rejected' ? { cause: 'credential-invalid' } : { cause: 'temporarily-unavailable' },
			});
		}
		if (error instanceof NodeApiError) throw toNodeError(context.getNode(), error);
		throw apiError(context.getNode(), `Could not log in: ${(error as Error).message}`);
	}
	rejectedLogins.delete(key);
}

/** The credential's own login error, found in the cause chain of n8n's wrapper. */
function loginFailureOf(error: unknown): { kind: string; message: string } | undefined {
	let current = error as { cyberfileLogin?: string; message?: string; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (current.cyberfileLogin) return { kind: current.cyberfileLogin, message: String(current.message) };
		current = current.cause as typeof current;
	}
	return undefined;
}
