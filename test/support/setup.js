// Shared set-up for node tests: an emulator in this process, a harness running the compiled
// nodes inside n8n-core's real contexts, and small helpers to read the emulator's request log.
'use strict';

const path = require('node:path');
const { createHarness } = require('../harness');

const dist = path.resolve(__dirname, '../../dist');
const { Cyberfile } = require(path.join(dist, 'nodes/Cyberfile/Cyberfile.node.js'));
const { CyberfileApi } = require(path.join(dist, 'credentials/CyberfileApi.credentials.js'));
const { CyberfileTrigger } = require(path.join(dist, 'nodes/CyberfileTrigger/CyberfileTrigger.node.js'));

async function startEmulator(options = {}) {
	const { startEmulator: start } = await import('../emulator/index.mjs');
	return await start(options);
}

/**
 * An emulator for the whole test file, reset before each test. Returns a stand-in that forwards
 * to the running emulator, so that it can be used as `emulator` everywhere in the file.
 */
function useEmulator(options) {
	let running;
	beforeAll(async () => {
		running = await startEmulator(options);
	});
	afterAll(async () => await running?.close());
	beforeEach(async () => await running.control.reset());
	return new Proxy({}, { get: (_, key) => running[key] });
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

/** The form fields of every logged call to one endpoint, in order (secrets redacted). */
async function requests(emulator, endpoint) {
	return (await emulator.control.log()).filter((entry) => entry.endpoint === endpoint).map((entry) => entry.fields);
}

/**
 * Another n8n process logs in to the demo account (ending every earlier token) and stores its
 * token on the harness's credential '1', as n8n does for every process sharing the credential.
 */
async function anotherProcessLogsIn(emulator, h) {
	const response = await fetch(`${emulator.apiBase}/authorize`, {
		method: 'POST',
		body: new URLSearchParams({ username: 'demo', password: 'demo-password' }),
	});
	const { data } = await response.json();
	await h.credentialStore.set('1', { accessToken: data.access_token, accountId: data.account_id });
}

/** The error a promise rejects with; fails the test when it resolves. */
async function failure(promise) {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('expected the execution to fail');
}

/**
 * A small account: /Invoices (password, public) with /Invoices/2026 holding march.pdf, /Archive,
 * a.txt in the root, plus a trashed folder /Old and a trashed file gone.txt.
 */
async function seedTree(emulator) {
	const c = emulator.control;
	const invoices = await c.addFolder({ name: 'Invoices', isPublic: 2, accessPassword: 'd41d8cd98f00b204e9800998ecf8427e' });
	const y2026 = await c.addFolder({ name: '2026', parentId: invoices.id });
	const archive = await c.addFolder({ name: 'Archive' });
	const old = await c.addFolder({ name: 'Old', status: 'trash' });
	const march = await c.addFile({ name: 'march.pdf', folderId: y2026.id, content: 'march' });
	const a = await c.addFile({ name: 'a.txt', content: 'hello' });
	const gone = await c.addFile({ name: 'gone.txt', content: 'bye', status: 'trash' });
	await c.clearLog();
	return { invoices, y2026, archive, old, march, a, gone };
}

const params = (resource, operation, extra = {}) => ({ resource, operation, ...extra });

/**
 * Registers the hooks of a test file whose tests each start on a fresh, seeded account (seedTree)
 * with a fresh harness. `t.run(operation, parameters, executeOptions)` runs one operation of
 * `resource` and resolves to its output items.
 */
function seededSuite(resource) {
	const t = {
		async run(operation, extra = {}, options = {}) {
			const [out] = await t.h.execute(Cyberfile, { parameters: params(resource, operation, extra), ...options });
			return out;
		},
		/** A folder or file as the emulator holds it now. */
		async stateOf(kind, id) {
			return (await t.emulator.control.state())[kind].find((entry) => String(entry.id) === String(id));
		},
		/** Bad input is refused before anything is sent, not even a login. */
		async expectNothingSent() {
			expect(await t.emulator.control.log()).toEqual([]);
		},
	};
	beforeAll(async () => {
		t.emulator = await startEmulator();
	});
	afterAll(async () => await t.emulator.close());
	beforeEach(async () => {
		await t.emulator.control.reset();
		t.h = harnessFor(t.emulator);
		t.tree = await seedTree(t.emulator);
	});
	return t;
}
const items = (n) => Array.from({ length: n }, (_, i) => ({ json: { i } }));
const rl = (value, mode = 'id') => ({ __rl: true, mode, value });

module.exports = {
	anotherProcessLogsIn,
	useEmulator,
	Cyberfile,
	CyberfileApi,
	CyberfileTrigger,
	startEmulator,
	harnessFor,
	callCounts,
	requests,
	failure,
	seedTree,
	seededSuite,
	params,
	items,
	rl,
};
