// The answer shapes of the API: success/error envelopes, routing errors, and the one function
// that writes a prepared answer to the socket.
import { resetSocket } from './faults.mjs';
import { phpJson } from './php.mjs';

/** An application error: answered with HTTP 200 and the error envelope. */
export class ApiError extends Error {}

const API_HEADERS = {
	'Content-Type': 'application/json',
	// Both headers as the PHP code sends them, typo included.
	'Access-Control-Allow-Orgin': '*',
	'Access-Control-Allow-Methods': '*',
};

/** A prepared answer: status, headers and the body (string or Buffer). */
export function answer(status, body, headers = API_HEADERS) {
	return { status, headers, body: Buffer.from(body) };
}

export function success(emu, payload) {
	return answer(200, phpJson({ ...payload, _status: 'success', _datetime: emu.clock.dateTime() }));
}

export function failure(emu, message) {
	const body = emu.options.legacyStatusKey
		? { status: 'error', response: message, _datetime: emu.clock.dateTime() }
		: { response: message, _status: 'error', _datetime: emu.clock.dateTime() };
	return answer(200, phpJson(body));
}

/** Unknown endpoint: a bare JSON string, sent before the JSON content type header is set. */
export function unknownEndpoint(emu, endpoint) {
	return answer(emu.options.routingErrorStatus, phpJson(`No endpoint found for: ${endpoint}`), {
		'Content-Type': 'text/html; charset=UTF-8',
	});
}

/** Unknown action of a known endpoint: the message under key "0". */
export function unknownAction(emu, endpoint, action) {
	const body = {
		0: `No method found within endpoint (${endpoint}): ${action}`,
		_status: 'error',
		_datetime: emu.clock.dateTime(),
	};
	return answer(emu.options.routingErrorStatus, phpJson(body));
}

/** The plain-text answer of the site's router for a path or method it does not serve. */
export function routeNotFound() {
	return answer(405, '405 - Route not found.', { 'Content-Type': 'text/plain; charset=UTF-8' });
}

export function tooLarge() {
	const html =
		'<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n' +
		'<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
	return answer(413, html, { 'Content-Type': 'text/html' });
}

/**
 * Writes a prepared answer. `cut` (from a fault) sends only the first `cut.bytes` bytes of the body
 * after declaring the full length, then ends (`truncate`) or resets (`resetMidBody`) the connection.
 */
export function sendAnswer(res, result, entry, cut = null) {
	if (res.destroyed || res.headersSent) return;
	res.writeHead(result.status, { ...result.headers, 'Content-Length': result.body.length });
	if (!cut) {
		res.end(result.body);
		if (entry) entry.bytes = result.body.length;
		return;
	}
	const part = result.body.subarray(0, Math.min(cut.bytes ?? Math.floor(result.body.length / 2), result.body.length));
	if (entry) entry.bytes = part.length;
	res.write(part);
	cutConnection(res, cut.type);
}

/**
 * Ends the connection mid-answer once what was written has left: a clean FIN for truncate, a TCP
 * reset otherwise.
 */
export function cutConnection(res, type) {
	const socket = res.socket;
	if (!socket || socket.destroyed) return;
	whenFlushed(socket, () => (type === 'truncate' ? socket.end() : resetSocket(socket)));
}

function whenFlushed(socket, fn, tries = 0) {
	if (socket.destroyed) return;
	if (socket.writableLength === 0 || tries > 400) fn();
	else setTimeout(() => whenFlushed(socket, fn, tries + 1), 5);
}
