// Shared set-up for node tests: an emulator in this process, a harness running the compiled
// nodes inside n8n-core's real contexts, and small helpers to read the emulator's request log.
'use strict';

const path = require('node:path');
const { createHarness } = require('../harness');

const dist = path.resolve(__dirname, '../../dist');
const { Cyberfile } = require(path.join(dist, 'nodes/Cyberfile/Cyberfile.node.js'));
const { CyberfileApi } = require(path.join(dist, 'credentials/CyberfileApi.credentials.js'));

async function startEmulator(options = {}) {
	const { startEmulator: start } = await import('../emulator/index.mjs');
	return await start(options);
}

/** A harness whose stored `cyberfileApi` credential logs in to the emulator's demo account. */
function harnessFor(emulator, data = {}, options = {}) {
	const account = emulator.accounts[0];
	return createHarness({
		credentials: {
			cyberfileApi: {
				id: options.credentialId ?? '1',
				name: 'Cyberfile demo',
				data: {
					baseUrl: emulator.apiBase,
					authMethod: 'accountDetails',
					username: account.username,
					password: account.password,
					...data,
				},
			},
		},
		binaryMode: options.binaryMode ?? 'filesystem',
	});
}

/** Calls per endpoint in the emulator's request log ('authorize', 'account/info', ...). */
async function callCounts(emulator) {
	const counts = {};
	for (const entry of await emulator.control.log()) counts[entry.endpoint] = (counts[entry.endpoint] ?? 0) + 1;
	return counts;
}

const params = (resource, operation, extra = {}) => ({ resource, operation, ...extra });
const items = (n) => Array.from({ length: n }, (_, i) => ({ json: { i } }));
const rl = (value, mode = 'id') => ({ __rl: true, mode, value });

module.exports = { Cyberfile, CyberfileApi, startEmulator, harnessFor, callCounts, params, items, rl };
