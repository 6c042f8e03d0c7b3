import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * Everything the credential needs to log in, kept apart from the node's transport so that the
 * credential file stays small. These functions send nothing: they only check and shape input.
 */

export const DEFAULT_BASE_URL = 'https://api.cyberfile.me/api/v2';
export const FORM_HEADERS = {
	'content-type': 'application/x-www-form-urlencoded',
	accept: 'application/json, text/plain, */*',
};

class CredentialInputError extends Error {}

/**
 * A form POST whose answer is read as text with any status: the site answers HTTP 200 for its
 * own errors and the caller parses the body. Redirects are not followed (a streamed body would
 * otherwise be buffered whole, and a form must not be resent elsewhere).
 */
export function formPost(url: string, body: IDataObject, timeout: number): IHttpRequestOptions {
	return {
		method: 'POST',
		url,
		headers: FORM_HEADERS,
		body,
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout,
	};
}

const refuse = (field: string, problem: string) => new CredentialInputError(`Credential "${field}" ${problem}`);

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
/** http(s), a host name, IPv4 or [IPv6] address, an optional port and path; nothing else. */
const API_URL = /^https?:\/\/(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?(?:\/[^\s]*)?$/i;

/**
 * The base URL as requests use it: trimmed, without trailing slashes, https:// when no scheme is
 * given. Refuses what is not an http(s) address, and a query string or fragment (the endpoint
 * names are appended to it).
 */
export function normalizeBaseUrl(value: unknown): string {
	let url = String(value ?? '').trim().replace(/\/+$/, '');
	if (!url) return DEFAULT_BASE_URL;
	const scheme = SCHEME.exec(url)?.[1];
	if (!scheme) url = `https://${url}`;
	else if (!/^https?$/i.test(scheme)) throw refuse('Base URL', `must start with https:// (got "${url}")`);
	const extra = /[?#].*$/.exec(url)?.[0];
	if (extra) throw refuse('Base URL', `must not contain a query string or a fragment ("${extra}")`);
	if (!API_URL.test(url)) throw refuse('Base URL', `is not a valid URL ("${url}"), such as ${DEFAULT_BASE_URL}`);
	return url;
}

const AUTH_METHODS = ['accountDetails', 'apiKeys'];
const KEY_LENGTH = 64;

/** One API key as typed: spaces and line breaks around it are dropped; 64 letters and digits. */
function apiKey(value: unknown, field: string): string {
	const key = String(value ?? '').trim();
	if (!key) throw refuse(field, 'is empty');
	const others = [...new Set(key.replace(/[A-Za-z0-9]/g, ''))];
	if (others.length) {
		throw refuse(field, `must contain only letters and digits (it has ${others.map((c) => JSON.stringify(c)).join(', ')})`);
	}
	if (key.length !== KEY_LENGTH) throw refuse(field, `must be exactly ${KEY_LENGTH} characters long (it has ${key.length})`);
	return key;
}

/** The form fields `/authorize` expects for the credential's login mode. */
export function loginFields(credentials: ICredentialDataDecryptedObject): IDataObject {
	const authMethod = credentials.authMethod || 'accountDetails';
	if (!AUTH_METHODS.includes(String(authMethod))) {
		throw refuse('Authentication', `must be "accountDetails" or "apiKeys" (got ${JSON.stringify(authMethod)})`);
	}
	if (authMethod === 'apiKeys') return { key1: apiKey(credentials.key1, 'Key 1'), key2: apiKey(credentials.key2, 'Key 2') };
	const username = String(credentials.username ?? '').trim();
	const password = String(credentials.password ?? '');
	if (!username) throw refuse('Username', 'is empty');
	if (!password) throw refuse('Password', 'is empty');
	return { username, password };
}

const ADVICE = {
	useKeys:
		'This site logs in with API keys: set the credential\'s Authentication to "API Keys" and enter Key 1 and Key 2 from your account settings (API Access).',
	useAccount: 'This site logs in with account details: set the credential\'s Authentication to "Username and Password".',
	locked: 'n8n did not retry: the site locks an IP out for 24 hours after 5 failed logins.',
};

/** The site's answers to a refused login, word for word, with what the user should do. */
export const KNOWN_LOGIN_ERRORS = [
	{ message: 'Please provide key1. It must be 64 characters in length.', advice: ADVICE.useKeys },
	{ message: 'Please provide a username.', advice: ADVICE.useAccount },
	{
		message:
			'Could not authenticate user. The username and password may be invalid or your account may be locked from too many failed logins.',
		advice: ADVICE.locked,
	},
];

/** Turns the site's answer to a refused login into advice, e.g. about which login mode to pick. */
export function explainLoginError(message: string, authMethod: unknown): string {
	if (/provide key1/i.test(message) && authMethod !== 'apiKeys') return `${message} ${ADVICE.useKeys}`;
	if (/provide a username/i.test(message) && authMethod === 'apiKeys') return `${message} ${ADVICE.useAccount}`;
	if (/could not authenticate user/i.test(message)) return `${message} ${ADVICE.locked}`;
	return message;
}

/**
 * What to tell a user whose login got an HTTP error: a 404 or 405 (or a redirect) mostly means
 * the Base URL is not the API's address, which ends in /api/v2 on every YetiShare 5 site.
 */
export function baseUrlHint(baseUrl: string, status: number): string {
	if (![301, 302, 303, 307, 308, 400, 404, 405].includes(status)) return '';
	const guess = /\/api\/v2$/i.test(baseUrl) ? '' : ` (perhaps ${baseUrl.replace(/\/api(\/v\d+)?$/i, '')}/api/v2)`;
	return `. Check the Base URL: it is the site's API address ending in /api/v2, such as ${DEFAULT_BASE_URL}${guess}; it is now ${baseUrl}`;
}
