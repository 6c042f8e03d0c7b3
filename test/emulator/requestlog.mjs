// The request log and per-endpoint call counts that tests assert on. Secrets never enter it:
// access_token, password, key1 and key2 values become "<redacted>" (a flag says a token was sent).

const SECRET_FIELDS = ['access_token', 'password', 'key1', 'key2'];
export const REDACTED = '<redacted>';

export function redactFields(fields) {
	const out = {};
	for (const [name, value] of Object.entries(fields ?? {})) {
		out[name] = SECRET_FIELDS.includes(name) ? REDACTED : value;
	}
	return out;
}

function safeDecode(text) {
	try {
		return decodeURIComponent(text.replace(/\+/g, ' '));
	} catch {
		return text;
	}
}

/** The raw query string with secret parameter values replaced. */
export function redactQuery(search) {
	if (!search) return '';
	return search
		.replace(/^\?/, '')
		.split('&')
		.map((pair) => {
			const name = safeDecode(pair.split('=')[0]);
			return SECRET_FIELDS.includes(name) ? `${pair.split('=')[0]}=${REDACTED}` : pair;
		})
		.join('&');
}

/** Where a request carried an access token: 'body', 'query', 'header', 'cookie'. */
export function tokenPlaces(req, url, bodyFields, auth) {
	const places = [];
	if (bodyFields && bodyFields.access_token) places.push('body');
	if (url.searchParams.has('access_token') || auth.containsIssuedToken(url.search)) places.push('query');
	const headerText = Object.entries(req.headers)
		.filter(([name]) => name !== 'cookie')
		.map(([name, value]) => `${name}: ${value}`)
		.join('\n');
	if (/access[_-]?token|authorization/i.test(headerText) || auth.containsIssuedToken(headerText)) places.push('header');
	const cookie = String(req.headers.cookie ?? '');
	if (/access[_-]?token/i.test(cookie) || auth.containsIssuedToken(cookie)) places.push('cookie');
	return places;
}

export class RequestLog {
	constructor(limit) {
		this.limit = limit;
		this.entries = [];
		this.seq = 0;
		this.counts = {};
	}

	/** Starts an entry for a request; the caller fills it in as the request proceeds. */
	start(req, url, endpoint, ip, clock) {
		const entry = {
			seq: ++this.seq,
			time: new Date().toISOString(),
			clock: clock.dateTime(),
			method: req.method,
			path: url.pathname,
			query: redactQuery(url.search),
			endpoint,
			ip,
			fields: {},
			files: [],
			hadToken: false,
			tokenIn: [],
			status: null,
			fault: null,
			requestBytes: 0,
			bytes: 0,
			durationMs: null,
			completed: false,
		};
		this.counts[endpoint] = (this.counts[endpoint] ?? 0) + 1;
		this.entries.push(entry);
		if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
		return entry;
	}

	/** Records the end of the exchange when the response closes. */
	track(entry, res) {
		const started = Date.now();
		res.on('close', () => {
			entry.status = res.headersSent ? res.statusCode : null;
			entry.completed = res.writableFinished;
			entry.durationMs = Date.now() - started;
		});
	}

	setTokenPlaces(entry, places) {
		entry.tokenIn = places;
		entry.hadToken = places.length > 0;
	}

	list() {
		return this.entries.map((e) => structuredClone(e));
	}

	clear() {
		this.entries = [];
	}

	stats() {
		return { ...this.counts };
	}

	clearStats() {
		this.counts = {};
	}
}
