import type { IDataObject } from 'n8n-workflow';

/**
 * What a Cyberfile answer says, whatever shape it came in. The server answers HTTP 200 for its
 * own errors, uses `_status` (or `status` on older builds), answers an unknown endpoint with a
 * bare JSON string and an unknown action with the message under key "0".
 */
export type Envelope =
	| { kind: 'success'; body: IDataObject }
	| { kind: 'error'; message: string; body: IDataObject }
	| { kind: 'notJson'; text: string };

export function parseEnvelope(text: string): Envelope {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return { kind: 'notJson', text };
	}
	if (typeof parsed === 'string') return { kind: 'error', message: parsed, body: {} };
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		return { kind: 'notJson', text };
	}
	const body = parsed as IDataObject;
	const status = String(body._status ?? body.status ?? '').toLowerCase();
	if (status === 'success') return { kind: 'success', body };
	const message = body.response ?? body['0'] ?? body.message;
	if (status === 'error' || typeof message === 'string') {
		return { kind: 'error', message: String(message ?? 'The API reported an error'), body };
	}
	return { kind: 'notJson', text };
}

/** A short, secret-free excerpt of a body that was not the JSON we expected (HTML pages...). */
export function describeBody(text: string): string {
	const plain = text
		.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return plain.length > 200 ? `${plain.slice(0, 200)}…` : plain || '(empty body)';
}

const TOKEN_ERROR = /could not validate access_token/i;
export const isTokenError = (message: string) => TOKEN_ERROR.test(message);
