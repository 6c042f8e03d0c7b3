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

export class CredentialInputError extends Error {}

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

/** Trims the base URL and drops trailing slashes; rejects one without an http(s) scheme. */
export function normalizeBaseUrl(value: unknown): string {
	const url = String(value ?? '').trim().replace(/\/+$/, '');
	if (!url) return DEFAULT_BASE_URL;
	if (!/^https?:\/\/[^/\s?#]+/i.test(url)) {
		throw new CredentialInputError(
			`Base URL "${url}" is not a URL: it must start with https:// (for example ${DEFAULT_BASE_URL})`,
		);
	}
	if (/[?#]/.test(url)) {
		throw new CredentialInputError('Base URL must not contain a query string or a fragment');
	}
	return url;
}

const API_KEY = /^[A-Za-z0-9]{64}$/;

/** The form fields `/authorize` expects for the credential's login mode. */
export function loginFields(credentials: ICredentialDataDecryptedObject): IDataObject {
	if (credentials.authMethod === 'apiKeys') {
		const fields: IDataObject = {};
		for (const name of ['key1', 'key2']) {
			const key = String(credentials[name] ?? '').trim();
			if (!API_KEY.test(key)) {
				throw new CredentialInputError(
					`API key ${name === 'key1' ? '1' : '2'} must be exactly 64 letters and digits (it has ${key.length} characters)`,
				);
			}
			fields[name] = key;
		}
		return fields;
	}
	const username = String(credentials.username ?? '').trim();
	const password = String(credentials.password ?? '');
	if (!username) throw new CredentialInputError('Username is empty');
	if (!password) throw new CredentialInputError('Password is empty');
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
