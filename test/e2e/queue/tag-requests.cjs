// Preloaded into each n8n process of the queue suite (NODE_OPTIONS=--require): every outgoing HTTP
// request carries `X-Forwarded-For: $QUEUE_PROCESS_TAG`, which the emulator records as the client
// IP. So its request log says which n8n process (main, worker 1, ...) sent each /authorize.
// Test-only: never part of the package.
'use strict';
const http = require('node:http');
const tag = process.env.QUEUE_PROCESS_TAG;
if (tag) {
	for (const name of ['request', 'get']) {
		const original = http[name];
		http[name] = function tagged(...args) {
			const req = original.apply(this, args);
			try {
				if (!req.headersSent && !req.getHeader('x-forwarded-for')) req.setHeader('x-forwarded-for', tag);
			} catch {
				/* headers already out: leave it */
			}
			return req;
		};
	}
}
