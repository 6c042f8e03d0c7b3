import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { Failure, INode, JsonObject } from 'n8n-workflow';

import { isTokenError } from './envelope';

/** Server messages whose cause n8n should know: a wait will not help, the setup must change. */
const CONFIGURATION_MESSAGES = [
	/could not find (file|folder|the destination folder)/i,
	/does not have access to the file upload api/i,
	/not available in demo mode/i,
	/larger than permitted/i,
	/banned from being uploaded/i,
	/can not match/i,
];
const CREDENTIAL_MESSAGES = [/could not authenticate user/i, /provide (key1|a username)/i];
const TEMPORARY_MESSAGES = [/no available upload servers/i, /could not generate download url/i];

function failureFor(message: string): Failure | undefined {
	if (isTokenError(message) || CREDENTIAL_MESSAGES.some((pattern) => pattern.test(message))) return { cause: 'credential-invalid' };
	if (CONFIGURATION_MESSAGES.some((pattern) => pattern.test(message))) return { cause: 'configuration-invalid' };
	if (TEMPORARY_MESSAGES.some((pattern) => pattern.test(message))) return { cause: 'temporarily-unavailable' };
	return undefined;
}

/** The ids a call is about, so that a not-found answer can say which one it could not find. */
export interface Subject {
	file?: string;
	folder?: string;
	destination?: string;
}

/** The server says "Could not find file based on file_id."; the user wants to know which. */
export function namingSubject(message: string, subject: Subject = {}): string {
	if (/could not find file/i.test(message) && subject.file) return `${message} (file id ${subject.file})`;
	if (/could not find the destination folder/i.test(message) && subject.destination) {
		return `${message} (destination folder id ${subject.destination})`;
	}
	if (/could not find folder/i.test(message) && subject.folder) return `${message} (folder id ${subject.folder})`;
	return message;
}

export interface ApiErrorDetails {
	description?: string;
	httpCode?: string;
	failure?: Failure;
	itemIndex?: number;
}

/**
 * A NodeApiError built from plain, secret-free facts: never from the helper's own error, whose
 * request configuration would carry the form body (and so the access token) into n8n's
 * execution data.
 */
export function apiError(node: INode, message: string, details: ApiErrorDetails = {}): NodeApiError {
	const failure = details.failure ?? failureFor(message);
	const error = new NodeApiError(node, { message, httpCode: details.httpCode ?? null } as JsonObject, {
		message,
		description: details.description,
		httpCode: details.httpCode,
		itemIndex: details.itemIndex,
		failure,
	});
	// n8n 1.x's NodeApiError has no `failure` option: set it so every version carries it.
	if (failure) Object.assign(error, { failure });
	return keepMessage(error, message);
}

export function inputError(node: INode, message: string, itemIndex?: number, description?: string) {
	return keepMessage(new NodeOperationError(node, message, { itemIndex, description, level: 'warning' }), message);
}

/**
 * n8n swaps a message that contains a Node error code anywhere, in any case, for a stock text:
 * "ECONNRESET" in a reason, but also "eperm" in a file name ("deeperman.txt" became "Operation
 * not permitted, ..."). Our messages are written for the user: they stay as written.
 */
function keepMessage<T extends NodeApiError | NodeOperationError>(error: T, message: string): T {
	if (error.message !== message) {
		error.message = message;
		if (Array.isArray(error.messages)) error.messages = error.messages.filter((entry) => entry !== message);
	}
	return error;
}

/**
 * An error as n8n should see it: NodeApiError and NodeOperationError pass through unchanged (they
 * already carry the node, the message and the item), anything else becomes a NodeOperationError.
 */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}
