// An HTTP client for the control API with the same operations as `emulator.control` in process:
// connectEmulator(origin).control.reset({...}), .log(), .addFault({...}), ...
'use strict';

const routes = require('./control-routes.cjs');

const SCALAR_ARGUMENT = { advanceClock: 'advanceSeconds', expireTokens: 'accountId', takeover: 'accountId', setMode: 'mode' };

function createControlClient(origin) {
	const control = {};
	for (const [method, path, name] of routes) {
		control[name] = async (arg = {}) => {
			const body =
				SCALAR_ARGUMENT[name] && (arg === null || typeof arg !== 'object') ? { [SCALAR_ARGUMENT[name]]: arg } : arg;
			const response = await fetch(`${origin}/__control/${path}`, {
				method,
				headers: { 'content-type': 'application/json' },
				body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
			});
			const value = await response.json();
			if (!response.ok) throw new Error(`control ${name}: ${value.error ?? response.status}`);
			return value;
		};
	}
	return control;
}

/** { origin, apiBase, control, log } for an emulator already running at `origin`. */
function connectEmulator(origin) {
	const base = String(origin).replace(/\/+$/, '');
	const control = createControlClient(base);
	return { origin: base, apiBase: `${base}/api/v2`, control, log: () => control.log() };
}

module.exports = { connectEmulator, createControlClient };
