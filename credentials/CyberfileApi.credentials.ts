import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { parseEnvelope, describeBody } from '../nodes/Cyberfile/transport/envelope';
import {
	DEFAULT_BASE_URL,
	FORM_HEADERS,
	KNOWN_LOGIN_ERRORS,
	baseUrlHint,
	explainLoginError,
	formPost,
	loginFields,
	normalizeBaseUrl,
} from '../nodes/Cyberfile/transport/login';
import { claimOf } from '../nodes/Cyberfile/transport/lease';
import { classifyConnectionFailure, errorCode, parseRetryAfter } from '../nodes/Cyberfile/transport/retry';

/**
 * Marks why a login failed, so the transport knows whether trying again can help: only when the
 * site provably did not look at the login (429 or 503 from the proxy, no connection at all) may it
 * be sent again; a refused login never is.
 */
function loginFailure(
	kind: 'rejected' | 'unavailable',
	message: string,
	retry: { safe: boolean; afterMs?: number } = { safe: false },
): Error {
	return Object.assign(new Error(message), { cyberfileLogin: kind, loginRetry: retry });
}

const isPlainObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

export class CyberfileApi implements ICredentialType {
	name = 'cyberfileApi';

	displayName = 'Cyberfile API';

	icon: Icon = { light: 'file:../icons/cyberfile.svg', dark: 'file:../icons/cyberfile.dark.svg' };

	documentationUrl = 'https://cyberfile.me/api';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			placeholder: DEFAULT_BASE_URL,
			description:
				'The API address of the site. Cyberfile is https://api.cyberfile.me/api/v2; other YetiShare 5 sites use https://their-domain/api/v2. Without a scheme, https:// is assumed.',
		},
		{
			displayName: 'Authentication',
			name: 'authMethod',
			type: 'options',
			options: [
				{
					name: 'Username and Password',
					value: 'accountDetails',
					description: 'Log in with the account username (not the e-mail) and password',
				},
				{
					name: 'API Keys',
					value: 'apiKeys',
					description: 'Log in with the key pair from your account settings, under API Access',
				},
			],
			default: 'accountDetails',
			description:
				'A site accepts exactly one of the two. Cyberfile itself uses username and password.',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authMethod: ['accountDetails'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authMethod: ['accountDetails'] } },
		},
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- an API key is a secret: the rule's name list lacks it
		{
			displayName: 'Key 1',
			name: 'key1',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The first API key: 64 letters and digits',
			displayOptions: { show: { authMethod: ['apiKeys'] } },
		},
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- an API key is a secret: the rule's name list lacks it
		{
			displayName: 'Key 2',
			name: 'key2',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The second API key: 64 letters and digits',
			displayOptions: { show: { authMethod: ['apiKeys'] } },
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
		{
			// Which n8n process may log in next (main, workers): see transport/lease.ts.
			displayName: 'Session Lease',
			name: 'sessionLease',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
	];

	/**
	 * Logs in with `/authorize`. n8n runs this when the stored token is empty, on a credential
	 * test, and when the node forces a refresh after the server reported the token dead; n8n then
	 * stores the result, encrypted, for every execution that uses this credential.
	 * A rejected login is never repeated here or anywhere else: five failures lock the IP out.
	 * The node also uses it to have a login claim stored without logging in (transport/lease.ts):
	 * the token stays as it was, the lease names the claimer. A login frees the lease.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const claim = claimOf(credentials.sessionLease);
		if (claim) return { accessToken: claim.token, accountId: String(credentials.accountId ?? ''), sessionLease: claim.lease };
		const baseUrl = normalizeBaseUrl(credentials.baseUrl);
		const request = formPost(`${baseUrl}/authorize`, loginFields(credentials), 60_000);
		let response: { statusCode: number; headers?: IDataObject; body: unknown };
		try {
			response = await this.helpers.httpRequest(request);
		} catch (error) {
			const code = errorCode(error);
			throw loginFailure('unavailable', `Could not reach ${baseUrl} to log in (${code ?? (error as Error).message})`, {
				safe: classifyConnectionFailure(code) === 'notSent',
			});
		}
		const text = String(response.body ?? '');
		if (response.statusCode !== 200) {
			throw loginFailure(
				'unavailable',
				`Login failed: the site answered HTTP ${response.statusCode}: ${describeBody(text)}${baseUrlHint(baseUrl, response.statusCode)}`,
				{
					safe: response.statusCode === 429 || response.statusCode === 503,
					afterMs: parseRetryAfter(response.headers?.['retry-after']),
				},
			);
		}
		const answer = parseEnvelope(text);
		if (answer.kind === 'error') {
			throw loginFailure('rejected', explainLoginError(answer.message, credentials.authMethod));
		}
		const data = (answer.kind === 'success' ? answer.body.data : undefined) as IDataObject;
		if (!data?.access_token || !data.account_id) {
			throw loginFailure(
				'rejected',
				`Login failed: ${baseUrl}/authorize did not answer like a Cyberfile API (${describeBody(text)}). Check the Base URL.`,
			);
		}
		return { accessToken: String(data.access_token), accountId: String(data.account_id), sessionLease: '' };
	}

	/** Adds the session to a form body. A streamed upload body carries the session itself. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const body = requestOptions.body ?? {};
		if (!isPlainObject(body)) return requestOptions;
		return {
			...requestOptions,
			body: {
				...body,
				access_token: credentials.accessToken as string,
				account_id: credentials.accountId as string,
			},
		};
	}

	/**
	 * One login per test. n8n runs `preAuthentication` before this request when the credential
	 * holds no token (a new credential), and stores what it returns: the request then only
	 * proves that session (`/account/info`), instead of a second `/authorize` that would end the
	 * session just stored. A credential that already holds a token (a test after editing it) logs
	 * in with the details as typed, so that a changed password is really checked. Either way a
	 * refused login shows the site's own message.
	 */
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			// As normalizeBaseUrl: trimmed, no trailing slash, https:// when no scheme is given.
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/^(?![a-z][a-z0-9+.-]*:\\/\\/)/i, "https://")}}',
			url: '={{$credentials.accessToken ? "/authorize" : "/account/info"}}',
			headers: FORM_HEADERS,
			body: {
				username: '={{$credentials.accessToken && $credentials.authMethod !== "apiKeys" ? $credentials.username : ""}}',
				password: '={{$credentials.accessToken && $credentials.authMethod !== "apiKeys" ? $credentials.password : ""}}',
				key1: '={{$credentials.accessToken && $credentials.authMethod === "apiKeys" ? $credentials.key1 : ""}}',
				key2: '={{$credentials.accessToken && $credentials.authMethod === "apiKeys" ? $credentials.key2 : ""}}',
			},
		},
		rules: [
			...KNOWN_LOGIN_ERRORS.map(({ message, advice }) => ({
				type: 'responseSuccessBody' as const,
				properties: { key: 'response', value: message, message: `${message} ${advice}` },
			})),
			...['_status', 'status'].map((key) => ({
				type: 'responseSuccessBody' as const,
				properties: { key, value: 'error', message: 'The site refused the login: check the Base URL and the login details' },
			})),
		],
	};
}
