// Injected faults. Each fault matches an endpoint name ('file/upload', 'authorize', 'download' for
// the file host, '*' for any), lets the first `after` matching requests through, then fires on
// the next `times` ones (-1 or "always": forever). The first eligible fault of a request wins.

export const FAULT_TYPES = [
	'status', // { status, headers, body }: a proxy/CDN answer (429, 502, 503, 504, HTML page)
	'reset', // TCP reset before any answer
	'resetMidBody', // upload: reset after part of the request; otherwise: headers + part of the body, reset
	'truncate', // full Content-Length declared, part of the body sent, connection ended
	'delay', // { ms }: wait, then answer normally
	'nonJson200', // { body, contentType }: HTTP 200 with a non-JSON body
	'tokenError', // the API's token error for the endpoint
	'appError', // { message }: any application error message (HTTP 200, error envelope)
];

const DEFAULT_PAGE = (status) =>
	`<html>\r\n<head><title>${status} Error</title></head>\r\n<body>\r\n<center><h1>${status} Error</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n`;

export class Faults {
	constructor() {
		this.clear();
	}

	clear() {
		this.list = [];
		this.nextId = 1;
	}

	add(spec) {
		const { endpoint = '*', type, times = 1, after = 0, ...params } = spec ?? {};
		if (!FAULT_TYPES.includes(type)) throw new Error(`fault type must be one of ${FAULT_TYPES.join(', ')}`);
		if (typeof endpoint !== 'string' || !endpoint) throw new Error('fault endpoint must be a string');
		const unlimited = times === 'always' || Number(times) < 0;
		if (!unlimited && !(Number.isInteger(Number(times)) && Number(times) >= 1)) {
			throw new Error('times must be a positive integer, -1 or "always"');
		}
		if (type === 'status' && !(Number(params.status) >= 100 && Number(params.status) <= 599)) {
			throw new Error('a status fault needs status (100-599)');
		}
		const fault = {
			id: this.nextId++,
			endpoint: endpoint.toLowerCase(),
			type,
			times: unlimited ? -1 : Number(times),
			after: Number(after) || 0,
			params,
			matched: 0,
			fired: 0,
		};
		this.list.push(fault);
		return { ...fault };
	}

	remove(id) {
		this.list = this.list.filter((f) => f.id !== Number(id));
	}

	/** Counts the request against every matching fault; returns the one that fires, if any. */
	take(endpoint) {
		let chosen = null;
		for (const fault of this.list) {
			if (fault.endpoint !== '*' && fault.endpoint !== endpoint) continue;
			fault.matched += 1;
			const exhausted = fault.times !== -1 && fault.fired >= fault.times;
			if (!chosen && !exhausted && fault.matched > fault.after) {
				fault.fired += 1;
				chosen = fault;
			}
		}
		this.list = this.list.filter((f) => f.times === -1 || f.fired < f.times || f === chosen);
		return chosen;
	}

	describe() {
		return this.list.filter((f) => f.times === -1 || f.fired < f.times).map((f) => ({ ...f }));
	}
}

/** The prepared answer of a fault that replaces the response (status, nonJson200). */
export function faultAnswer(fault) {
	const p = fault.params;
	if (fault.type === 'status') {
		const status = Number(p.status);
		const body = p.body ?? DEFAULT_PAGE(status);
		const headers = { 'Content-Type': p.contentType ?? 'text/html; charset=UTF-8', ...(p.headers ?? {}) };
		return { status, headers, body: Buffer.from(body) };
	}
	return {
		status: 200,
		headers: { 'Content-Type': p.contentType ?? 'text/html; charset=UTF-8', ...(p.headers ?? {}) },
		body: Buffer.from(p.body ?? '<html><body>Service temporarily unavailable</body></html>'),
	};
}

/** Faults that replace the answer before (or, with phase "after", after) the request is handled. */
export const REPLACING_TYPES = ['status', 'nonJson200', 'tokenError', 'appError'];
/** Faults that cut the answer body. */
export const CUTTING_TYPES = ['truncate', 'resetMidBody'];

export function resetSocket(socket) {
	if (!socket || socket.destroyed) return;
	if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
	else socket.destroy();
}
