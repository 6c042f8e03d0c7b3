import { createHash } from 'crypto';
import { NodeApiError, sleep } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, ICredentialsDecrypted } from 'n8n-workflow';

import { isTokenError, parseEnvelope } from './envelope';
import { apiError, inputError, toNodeError } from './errors';
import { LEASE_FIELD, LEASE_MS, POLL_MS, SETTLE_MS, THIS_PROCESS, claimRequest, readLease } from './lease';
import type { Lease } from './lease';
import { formPost, loginFields, normalizeBaseUrl } from './login';
import { RetrySchedule, classifyConnectionFailure, errorCode, wait } from './retry';
import { CREDENTIAL_TYPE } from './types';
import type { CyberfileContext, Session } from './types';

/**
 * The session (access token) of a credential. The server keeps one live token per account and
 * every login kills the previous one, so a login must be rare and shared:
 * - the token n8n stores on the credential is used until the server calls it dead;
 * - a dead token is replaced once: whoever sees it first logs in, everyone else in this process
 *   who needs a new token for the same account waits for that login (single flight per account);
 * - before logging in, the stored credential is read again: if another execution already put a
 *   fresh token there, that one is used and nobody logs in;
 * - across n8n processes (a main and its workers share the credential's row, not this module),
 *   only the holder of the credential's login lease logs in; the others wait for the token it
 *   stores (see lease.ts);
 * - credentials with the same login details (the same account) share what their logins get in
 *   this process: a credential whose token another one's login ended uses that login's token
 *   instead of logging in again, so two credentials of one account do not log each other out
 *   over and over;
 * - a rejected login is remembered for as long as the credential's login details stay the same,
 *   so no item, retry or execution in this process repeats it (5 failures lock the IP out).
 */

/** How many dead tokens of an account are remembered (enough for any burst of renewals). */
const MAX_DEAD_TOKENS = 32;

interface Renewal {
	done: Promise<void>;
	/** The token the login got, '' until it has one. */
	produced: () => string;
	/** The credential that logs in. */
	by: string;
}

/** Per account (the fingerprint of its login details), in this n8n process alone. */
interface Account {
	/** The token the account's latest login got, and the credential that logged in. */
	latest?: { token: string; accountId: string; by: string };
	/** Tokens the server called dead (or that a newer login replaced). */
	dead: string[];
	renewal?: Renewal;
	/** Credentials without a usable token of their own that use the latest login's token. */
	borrowers: Set<string>;
}

const accounts = new Map<string, Account>();
const rejectedLogins = new Map<string, { fingerprint: string; message: string }>();

function credentialKey(context: CyberfileContext): string {
	const reference = context.getNode().credentials?.[CREDENTIAL_TYPE];
	return reference?.id ?? reference?.name ?? 'unsaved';
}

function loginFingerprint(data: ICredentialDataDecryptedObject): string {
	const parts = [data.baseUrl, data.authMethod, data.username, data.password, data.key1, data.key2];
	return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

function accountOf(data: ICredentialDataDecryptedObject): Account {
	const key = loginFingerprint(data);
	let account = accounts.get(key);
	if (!account) {
		account = { dead: [], borrowers: new Set() };
		accounts.set(key, account);
	}
	return account;
}

function markDead(account: Account, token: string) {
	if (!token || account.dead.includes(token)) return;
	account.dead.push(token);
	if (account.dead.length > MAX_DEAD_TOKENS) account.dead.shift();
}

const usable = (account: Account, token: string) => Boolean(token) && !account.dead.includes(token);

/**
 * Reads the credential as n8n stores it now (another execution may have renewed the token). When
 * its token is known dead and another credential of the same account logged in since, the session
 * uses that login's token.
 */
export async function readSession(context: CyberfileContext): Promise<Session> {
	const data = await context.getCredentials(CREDENTIAL_TYPE);
	let baseUrl: string;
	try {
		baseUrl = normalizeBaseUrl(data.baseUrl);
	} catch (error) {
		throw inputError(context.getNode(), (error as Error).message);
	}
	const reference = context.getNode().credentials?.[CREDENTIAL_TYPE];
	let token = String(data.accessToken ?? '');
	let accountId = data.accountId;
	const account = accounts.get(loginFingerprint(data));
	const shared = account?.latest;
	// A dead token, or none while this credential waited for another one's login.
	const borrow = token ? account?.dead.includes(token) : account?.borrowers.has(credentialKey(context));
	if (account && shared && borrow && usable(account, shared.token)) {
		token = shared.token;
		accountId = shared.accountId;
	}
	return {
		baseUrl,
		token,
		credential: {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: CREDENTIAL_TYPE,
			data: { ...data, accessToken: token, accountId },
		},
	};
}

/**
 * The session as last read by this context. n8n makes one context per node run, poll or picker
 * call, and reading the credential costs a database read and a decryption: a run reads it once,
 * then every item and request uses that read until the site calls its token dead
 * (`forgetSession`), when the next request reads the credential again (another process may have
 * stored a fresh token by then). A read that failed is not kept.
 */
interface KnownSession {
	session: Promise<Session>;
	/** The token it holds, once read. */
	token?: string;
}
const knownSessions = new WeakMap<object, KnownSession>();

export async function currentSession(context: CyberfileContext): Promise<Session> {
	let known = knownSessions.get(context);
	if (!known) {
		const reading: KnownSession = { session: readSession(context) };
		reading.session.then(
			(session) => (reading.token = session.token),
			() => knownSessions.get(context) === reading && knownSessions.delete(context),
		);
		knownSessions.set(context, reading);
		known = reading;
	}
	return await known.session;
}

/**
 * The site called `deadToken` dead (or there was none, ''): the next `currentSession` reads the
 * credential again, unless this context already read a newer token since.
 */
export function forgetSession(context: CyberfileContext, deadToken: string): void {
	const known = knownSessions.get(context);
	if (known?.token === deadToken) knownSessions.delete(context);
}

/**
 * The session as form fields, for a body the credential cannot fill in itself (a streamed
 * multipart upload). Only ever put into a request body to the API host.
 */
export function sessionFields(session: Session): { access_token: string; account_id: string } {
	return { access_token: session.token, account_id: String(session.credential.data?.accountId ?? '') };
}

/**
 * Makes sure the session has a token other than `deadToken` ('' when it has none): one found in
 * the credential or got by a login of the same account, else a new login.
 */
export async function renewSession(context: CyberfileContext, deadToken: string): Promise<void> {
	const me = credentialKey(context);
	const current = await readSession(context);
	const account = accountOf(current.credential.data!);
	markDead(account, deadToken);
	// A login under way gets a token newer than the dead one, unless the dead one is its own.
	const joinable = () => account.renewal !== undefined && (!deadToken || account.renewal.produced() !== deadToken);
	const join = async () => {
		const { by, done } = account.renewal!;
		if (by !== me) account.borrowers.add(me);
		return await done;
	};
	// Another credential of the account logged in since this one's token died (or while it had none).
	const borrow = () => {
		const latest = account.latest;
		if (!latest || latest.by === me || !usable(account, latest.token)) return false;
		account.borrowers.add(me);
		return true;
	};
	if (joinable()) return await join();
	if (usable(account, current.token) || borrow()) return;

	account.borrowers.delete(me);
	let produced = '';
	const renewal: Renewal = {
		done: renewAcrossProcesses(context, current, account, (token) => (produced = token)).finally(() => {
			if (account.renewal === renewal) account.renewal = undefined;
		}),
		produced: () => produced,
		by: me,
	};
	account.renewal = renewal;
	return await renewal.done;
}

/** The longest a renewal waits for other n8n processes' logins before it gives up. */
const MAX_RENEWAL_WAIT_MS = 3 * LEASE_MS;

/**
 * The renewal of this process, among all n8n processes that share the credential (main, workers):
 * only the holder of the login lease logs in, the others wait for the token it stores
 * (transport/lease.ts). Returns once the credential holds a token not known dead.
 */
async function renewAcrossProcesses(
	context: CyberfileContext,
	current: Session,
	account: Account,
	produce: (token: string) => void,
): Promise<void> {
	const key = credentialKey(context);
	refuseKnownRejection(context, current.credential.data!);
	const deadline = Date.now() + MAX_RENEWAL_WAIT_MS;
	let claimed = false;
	for (;;) {
		const data = await context.getCredentials(CREDENTIAL_TYPE);
		const token = String(data.accessToken ?? '');
		if (usable(account, token)) {
			// Another process logged in: its token is the account's latest, every earlier one is dead.
			remember(account, { token, accountId: String(data.accountId ?? ''), by: key });
			return produce(token);
		}
		const lease = readLease(data[LEASE_FIELD]);
		const now = Date.now();
		const held = lease !== undefined && lease.until > now;
		// The claim written last, which every process reads, is this process's: it logs in. So it
		// does when its claim left no lease at all: n8n could not store it (no saved credential).
		if ((held && lease.holder === THIS_PROCESS) || (claimed && lease === undefined)) {
			const emptied = { ...current.credential, data: { ...data, accessToken: '' } };
			await logIn(context, current.baseUrl, emptied, account);
			return produce(String(emptied.data.accessToken ?? ''));
		}
		if (now > deadline) {
			throw apiError(context.getNode(), 'Gave up waiting for another n8n process to log in to Cyberfile', {
				failure: { cause: 'temporarily-unavailable' },
				description: `Waited ${Math.round(MAX_RENEWAL_WAIT_MS / 1000)} s for the new session that another n8n process (a worker or the main) is getting for this credential.`,
			});
		}
		if (held) {
			await sleep(POLL_MS);
			continue;
		}
		await writeClaim(context, current, data, token, { holder: THIS_PROCESS, until: now + LEASE_MS });
		claimed = true;
		await sleep(SETTLE_MS);
	}
}

/**
 * Has n8n store this process's claim on the login lease: a request sent with the token emptied
 * makes n8n run `preAuthentication`, which for a claim request only hands the claim back (with the
 * stored token unchanged) for n8n to write into the credential. The request itself, sent with that
 * dead token, is answered with a token error and changes nothing. Whether the write worked is
 * found by reading the credential again, so a failure here only costs a turn.
 */
async function writeClaim(context: CyberfileContext, current: Session, data: ICredentialDataDecryptedObject, token: string, lease: Lease) {
	const claim = { ...current.credential, data: { ...data, accessToken: '', [LEASE_FIELD]: claimRequest(lease, token) } };
	try {
		await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			formPost(`${current.baseUrl}/account/info`, {}, 60_000),
			{ credentialsDecrypted: claim },
		);
	} catch {
		// Read back on the next turn.
	}
}

function remember(account: Account, latest: NonNullable<Account['latest']>) {
	if (account.latest && account.latest.token !== latest.token) markDead(account, account.latest.token);
	account.latest = latest;
}

/** The login details as typed are checked, and a login this process saw refused is not sent again. */
function refuseKnownRejection(context: CyberfileContext, data: ICredentialDataDecryptedObject) {
	try {
		loginFields(data);
	} catch (error) {
		throw inputError(context.getNode(), (error as Error).message);
	}
	const rejected = rejectedLogins.get(credentialKey(context));
	if (rejected?.fingerprint === loginFingerprint(data)) {
		throw apiError(context.getNode(), rejected.message, {
			description: 'This login was already refused; n8n will not try it again until the credential changes.',
		});
	}
}

/**
 * Has n8n run the credential's login and store the new token: a request sent with the token
 * emptied (`emptied`) makes n8n call `preAuthentication`, save its result on the credential and
 * put it into `emptied.data`. The request itself is a cheap read that proves the new token works.
 */
async function logIn(context: CyberfileContext, baseUrl: string, emptied: ICredentialsDecrypted, account: Account): Promise<void> {
	const key = credentialKey(context);
	refuseKnownRejection(context, emptied.data!);
	const fingerprint = loginFingerprint(emptied.data!);

	const loggedIn = () => {
		rejectedLogins.delete(key);
		const token = String(emptied.data?.accessToken ?? '');
		if (token) remember(account, { token, accountId: String(emptied.data?.accountId ?? ''), by: key });
	};
	const request = formPost(`${baseUrl}/account/info`, {}, 60_000);
	const schedule = new RetrySchedule();
	for (;;) {
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
			// The site did not look at the login (429, 503, no connection): it may be sent again.
			const delay = login?.retry?.safe ? schedule.next(login.retry.afterMs) : undefined;
			if (delay !== undefined) {
				await wait(delay);
				continue;
			}
			if (login?.kind === 'rejected') {
				rejectedLogins.set(key, { fingerprint, message: login.message });
			}
			if (login) {
				throw apiError(context.getNode(), login.message, {
					failure: login.kind === 'rejected' ? { cause: 'credential-invalid' } : { cause: 'temporarily-unavailable' },
				});
			}
			// Not the login (its failures are marked) but the read after it: n8n has stored the new
			// token all the same, and the caller's next attempt uses it under its own retry rules.
			if (classifyConnectionFailure(errorCode(error))) return loggedIn();
			if (error instanceof NodeApiError) throw toNodeError(context.getNode(), error);
			throw apiError(context.getNode(), `Could not log in: ${(error as Error).message}`);
		}
		break;
	}
	loggedIn();
}

/** The credential's own login error, found in the cause chain of n8n's wrapper. */
function loginFailureOf(
	error: unknown,
): { kind: string; message: string; retry?: { safe: boolean; afterMs?: number } } | undefined {
	let current = error as
		| { cyberfileLogin?: string; loginRetry?: { safe: boolean; afterMs?: number }; message?: string; cause?: unknown }
		| undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (current.cyberfileLogin) {
			return { kind: current.cyberfileLogin, message: String(current.message), retry: current.loginRetry };
		}
		current = current.cause as typeof current;
	}
	return undefined;
}
