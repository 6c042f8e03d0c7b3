'use strict';
/**
 * Self-test of the harness with throw-away fixtures (fixtures/): n8n-core's real execution contexts,
 * request helpers and binary-data service against a real local HTTP server.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { NodeApiError, NodeOperationError } = require('n8n-workflow');
const { createHarness, outputProblems } = require('./index');
const { startFixtureServer, USERNAME, PASSWORD } = require('./fixtures/fixture-server');
const { FixtureApi } = require('./fixtures/FixtureApi.credentials');
const { Fixture } = require('./fixtures/Fixture.node');
const { FixtureTrigger } = require('./fixtures/FixtureTrigger.node');

let server;

beforeEach(async () => {
	server = await startFixtureServer();
});

afterEach(async () => {
	await server.close();
});

function newHarness(extra = {}) {
	return createHarness({
		credentialTypes: [FixtureApi],
		credentials: {
			fixtureApi: { baseUrl: server.url, username: USERNAME, password: PASSWORD },
		},
		...extra,
	});
}

const whoami = { parameters: { operation: 'whoami' } };

describe('session credential (preAuthentication)', () => {
	test('logs in once across executions and persists the token in the credential store', async () => {
		const h = newHarness();
		const first = await h.execute(Fixture, whoami);
		const second = await h.execute(Fixture, whoami);

		expect(first[0][0].json).toMatchObject({ _status: 'success', token: 'tok-1' });
		expect(second[0][0].json.token).toBe('tok-1');
		expect(h.preAuthCount).toBe(1);
		expect(h.preAuthRuns[0]).toMatchObject({ type: 'fixtureApi', reason: 'empty', node: 'Fixture' });
		expect(server.state.logins).toBe(1);

		const stored = await h.credentialStore.get('fixtureApi');
		expect(stored).toMatchObject({ accessToken: 'tok-1', accountId: 'acc-42', username: USERNAME });
		expect(h.credentialStore.updates.filter((u) => u.by === 'n8n')).toHaveLength(1);

		// the generic `authenticate` put the token in the query and the account in a header
		const call = server.state.requests.find((r) => r.path === '/whoami');
		expect(call.query.access_token).toBe('tok-1');
		expect(call.headers['x-account-id']).toBe('acc-42');
		expect(outputProblems(first)).toEqual([]);
	});

	test('a 401 makes n8n run preAuthentication again and retry the request', async () => {
		const h = newHarness();
		await h.execute(Fixture, whoami);
		server.revokeAll(); // the server forgets every session

		const out = await h.execute(Fixture, whoami);

		expect(out[0][0].json.token).toBe('tok-2');
		expect(h.preAuthCount).toBe(2);
		expect(h.preAuthRuns[1].reason).toBe('expired');
		expect((await h.credentialStore.get('fixtureApi')).accessToken).toBe('tok-2');
		const whoamiCalls = server.state.requests.filter((r) => r.path === '/whoami');
		expect(whoamiCalls.map((r) => r.query.access_token)).toEqual(['tok-1', 'tok-1', 'tok-2']);
	});

	test('a stale token planted in the store is used as-is until the API rejects it', async () => {
		const h = newHarness();
		await h.credentialStore.set('fixtureApi', { accessToken: 'stale', accountId: 'acc-42' });
		const out = await h.execute(Fixture, whoami);
		expect(out[0][0].json.token).toBe('tok-1');
		expect(h.preAuthRuns.map((r) => r.reason)).toEqual(['expired']);
	});

	test('credentialsDecrypted with an empty accessToken forces a fresh login that n8n persists', async () => {
		const h = newHarness();
		await h.execute(Fixture, whoami);
		server.state.deadTokenStyle = 'soft'; // dead token -> HTTP 200 {_status: 'error'}
		server.revokeAll();

		// plain request: n8n sees a 200 and does not refresh
		const soft = await h.execute(Fixture, whoami);
		expect(soft[0][0].json).toMatchObject({ _status: 'error' });
		expect(h.preAuthCount).toBe(1);

		// the node detects the soft error and retries with credentialsDecrypted {accessToken: ''}
		const out = await h.execute(Fixture, { parameters: { operation: 'whoamiSoft' } });
		expect(out[0][0].json).toMatchObject({ _status: 'success', token: 'tok-2' });
		expect(h.preAuthCount).toBe(2);
		expect(h.preAuthRuns[1].reason).toBe('empty');

		// persisted into the node's credential row: the next execution reuses it without a login
		expect((await h.credentialStore.get('fixtureApi')).accessToken).toBe('tok-2');
		const next = await h.execute(Fixture, whoami);
		expect(next[0][0].json.token).toBe('tok-2');
		expect(server.state.logins).toBe(2);
	});

	test('concurrent executions share the stored token; with no token each one logs in (no single-flight in n8n)', async () => {
		const h = newHarness();
		server.state.loginDelayMs = 50;
		const racing = await Promise.all([h.execute(Fixture, whoami), h.execute(Fixture, whoami)]);
		expect(h.preAuthCount).toBe(2);
		const tokens = racing.map((r) => r[0][0].json.token).sort();
		expect(tokens).toEqual(['tok-1', 'tok-2']);
		// last writer wins in the store
		expect(['tok-1', 'tok-2']).toContain((await h.credentialStore.get('fixtureApi')).accessToken);

		const more = await Promise.all([1, 2, 3].map(() => h.execute(Fixture, whoami)));
		expect(more.every((r) => r[0][0].json._status === 'success')).toBe(true);
		expect(h.preAuthCount).toBe(2);
	});

	test('the generic authenticate resolves expressions into body, qs and headers', async () => {
		const h = newHarness();
		await h.ready();
		h.registerCredentialType({
			name: 'bodyAuthApi',
			displayName: 'Body Auth',
			properties: [{ displayName: 'Token', name: 'token', type: 'string', default: '' }],
			authenticate: {
				type: 'generic',
				properties: {
					body: { access_token: '={{$credentials.token}}' },
					qs: { t: '={{$credentials.token.toUpperCase()}}' },
					headers: { 'X-Static': 'plain' },
				},
			},
		});
		// the Workflow/node only serve the expression engine, as in n8n
		const { Workflow } = require('n8n-workflow');
		const node = { name: 'N', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} };
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: { getByNameAndVersion: () => undefined, getByName: () => undefined, getKnownTypes: () => ({}) },
		});
		const options = await h.credentialsHelper.authenticate(
			{ token: 'abc' },
			'bodyAuthApi',
			{ url: 'http://x', method: 'POST', body: { a: 1 } },
			workflow,
			node,
		);
		expect(options.body).toEqual({ a: 1, access_token: 'abc' });
		expect(options.qs).toEqual({ t: 'ABC' });
		expect(options.headers).toEqual({ 'X-Static': 'plain' });
	});
});

describe('execute()', () => {
	test('getNodeParameter: defaults, resource locators with extractValue, expressions', async () => {
		const h = newHarness();
		const out = await h.execute(Fixture, {
			parameters: {
				operation: 'echo',
				folder: { __rl: true, mode: 'id', value: 'f2' },
				limit: '={{ $json.n * 10 }}',
			},
			items: [{ json: { n: 1 } }, { n: 2 }],
		});
		expect(out[0].map((i) => i.json)).toEqual([
			{ folder: 'f2', folderRaw: { __rl: true, mode: 'id', value: 'f2' }, title: 'untitled', limit: 10 },
			{ folder: 'f2', folderRaw: { __rl: true, mode: 'id', value: 'f2' }, title: 'untitled', limit: 20 },
		]);
		expect(out[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('rejects with the NodeApiError the node throws; continueOnFail turns it into an item', async () => {
		const h = newHarness();
		const failing = { parameters: { operation: 'fail', statusCode: 503 } };
		const error = await h.execute(Fixture, failing).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('503');

		const out = await h.execute(Fixture, { ...failing, continueOnFail: true });
		expect(out[0][0].json.error).toEqual(expect.any(String));
		expect(out[0][0].pairedItem).toEqual({ item: 0 });
	});

	test('a node without credentials configured fails like in n8n', async () => {
		const h = createHarness({ credentialTypes: [FixtureApi] });
		const error = await h.execute(Fixture, whoami).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/credentials/i);
	});
});

describe('binary data, filesystem mode', () => {
	test('an input binary streams to the API via getBinaryStream', async () => {
		const h = newHarness({ binaryMode: 'filesystem' });
		const payload = crypto.randomBytes(1024 * 1024 + 123);
		const item = await h.binaryItem(payload, { fileName: 'report.pdf', mimeType: 'application/pdf' });
		expect(item.binary.data.id).toMatch(/^filesystem-v2:/);
		expect(fs.existsSync(await h.binaryPath(item.binary.data))).toBe(true);

		const out = await h.execute(Fixture, {
			parameters: { operation: 'upload', folder: { __rl: true, mode: 'id', value: 'f1' } },
			items: [item],
		});
		const md5 = crypto.createHash('md5').update(payload).digest('hex');
		expect(out[0][0].json).toMatchObject({ filename: 'report.pdf', size: payload.length, md5 });
		const upload = server.state.uploads[0];
		expect(upload.contentLength).toBe(String(payload.length));
		expect(upload.chunks).toBeGreaterThan(1); // streamed, not one buffer
	});

	test('binaryItem from a file path copies the file into the store', async () => {
		const h = newHarness();
		const file = path.join(os.tmpdir(), `harness-${process.pid}-input.txt`);
		fs.writeFileSync(file, 'hello from disk\n');
		try {
			const item = await h.binaryItem(file);
			expect(item.binary.data).toMatchObject({ fileName: path.basename(file), mimeType: 'text/plain', bytes: 16 });
			expect((await h.readBinary(item.binary.data)).toString()).toBe('hello from disk\n');
		} finally {
			fs.unlinkSync(file);
		}
	});

	test('prepareBinaryData writes a downloaded stream to disk', async () => {
		const h = newHarness();
		const size = 3 * 1024 * 1024 + 7;
		const out = await h.execute(Fixture, { parameters: { operation: 'download', size } });
		const binary = out[0][0].binary.data;
		expect(binary).toMatchObject({ fileName: 'download.bin', mimeType: 'application/octet-stream', bytes: size });
		expect(binary.id).toMatch(/^filesystem-v2:/);
		const onDisk = await h.binaryPath(binary);
		expect(onDisk.startsWith(await h.binaryDataDir())).toBe(true);
		expect(fs.statSync(onDisk).size).toBe(size);
		expect(await h.binaryDigest(binary)).toMatchObject(server.expectedDownload(size));
		expect(await h.binaryMetadata(binary)).toMatchObject({ fileSize: size, fileName: 'download.bin' });
		expect(outputProblems(out)).toEqual([]);
	});

	test('after a 401 on a streamed upload n8n refreshes the token but does not resend the body', async () => {
		const h = newHarness();
		await h.execute(Fixture, whoami);
		server.revokeAll();
		const item = await h.binaryItem(Buffer.alloc(200 * 1024, 1), { fileName: 'a.bin' });
		const error = await h
			.execute(Fixture, { parameters: { operation: 'upload', ensureSession: false }, items: [item] })
			.catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(h.preAuthCount).toBe(2); // refreshed...
		expect(server.state.uploads).toHaveLength(0); // ...but never re-sent
		expect(h.logs.some((l) => l.level === 'warn' && /was not retried/.test(l.message))).toBe(true);

		// making sure of the session first is what works
		const ok = await h.execute(Fixture, { parameters: { operation: 'upload' }, items: [item] });
		expect(ok[0][0].json.size).toBe(200 * 1024);
	});
});

describe('binary data, default (in-memory) mode', () => {
	test('binaries are base64 in `data`; upload and download still work', async () => {
		const h = newHarness({ binaryMode: 'default' });
		const payload = Buffer.from('in memory payload');
		const item = await h.binaryItem(payload, { fileName: 'm.txt', mimeType: 'text/plain' });
		expect(item.binary.data.id).toBeUndefined();
		expect(item.binary.data.data).toBe(payload.toString('base64'));

		const up = await h.execute(Fixture, { parameters: { operation: 'upload' }, items: [item] });
		expect(up[0][0].json.size).toBe(payload.length);

		const down = await h.execute(Fixture, { parameters: { operation: 'download', size: 70000 } });
		const binary = down[0][0].binary.data;
		expect(binary.id).toBeUndefined();
		expect(await h.binaryPath(binary)).toBeUndefined();
		expect(await h.binaryDigest(binary)).toMatchObject(server.expectedDownload(70000));
	});
});

describe('poll()', () => {
	test('trigger mode keeps static data between polls and saves it when emitting', async () => {
		const h = newHarness();
		server.state.files = [{ id: 'a' }, { id: 'b' }];
		const staticData = {};

		expect(await h.poll(FixtureTrigger, { staticData })).toBeNull(); // baseline
		expect(staticData).toEqual({ seen: ['a', 'b'] });
		expect(h.savedStaticData['Fixture Trigger']).toBeUndefined(); // nothing emitted, nothing saved

		server.state.files.push({ id: 'c' });
		const emitted = await h.poll(FixtureTrigger, { staticData });
		expect(emitted[0].map((i) => i.json)).toEqual([{ id: 'c' }]);
		expect(staticData.seen).toEqual(['a', 'b', 'c']);
		expect(h.savedStaticData['Fixture Trigger']).toEqual({ seen: ['a', 'b', 'c'] });

		expect(await h.poll(FixtureTrigger, { staticData })).toBeNull();
		expect(h.preAuthCount).toBe(1);
	});

	test('manual mode returns a sample and leaves static data alone', async () => {
		const h = newHarness();
		server.state.files = [{ id: 'x' }, { id: 'y' }];
		const staticData = { seen: ['x'] };
		const sample = await h.poll(FixtureTrigger, { staticData, mode: 'manual' });
		expect(sample[0].map((i) => i.json)).toEqual([{ id: 'x' }]);
		expect(staticData).toEqual({ seen: ['x'] });
	});

	test('the node gets n8n\'s "Poll Times" parameter, like a loaded polling node', async () => {
		const h = newHarness();
		await h.poll(FixtureTrigger, { staticData: {} });
		expect(h.lastPoll.node.parameters.pollTimes).toEqual({ item: [{ mode: 'everyMinute' }] });
	});

	test('a failing poll rejects', async () => {
		const h = newHarness();
		await h.credentialStore.set('fixtureApi', { baseUrl: `${server.url}/nowhere` });
		await expect(h.poll(FixtureTrigger, { staticData: {} })).rejects.toThrow();
	});
});

describe('listSearch, loadOptions, credential test', () => {
	test('listSearch and loadOptions run in a LoadOptionsContext with the stored credential', async () => {
		const h = newHarness();
		const found = await h.listSearch(Fixture, 'searchFolders', 'invoice');
		expect(found.results).toEqual([
			{ name: 'Invoices', value: 'f1' },
			{ name: 'Private invoices', value: 'f3' },
		]);
		const options = await h.loadOptions(Fixture, 'getFolders');
		expect(options).toHaveLength(3);
		expect(h.preAuthCount).toBe(1);
	});

	test('testCredential runs the credential `test` request through RoutingNode and applies `rules`', async () => {
		const h = newHarness();
		// new credential, empty token: preAuthentication logs in, then the test request passes
		expect(await h.testCredential(FixtureApi)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(h.preAuthCount).toBe(1);
		expect((await h.credentialStore.get('fixtureApi')).accessToken).toBe('tok-1');

		// a stored, now dead token under the "HTTP 200 + _status: error" convention: the rule fails it
		server.state.deadTokenStyle = 'soft';
		server.revokeAll();
		expect(await h.testCredential(FixtureApi)).toEqual({
			status: 'Error',
			message: 'The API rejected the session',
		});

		// wrong password: the login inside preAuthentication fails
		const bad = await h.testCredential(FixtureApi, {
			baseUrl: server.url,
			username: USERNAME,
			password: 'nope',
			accessToken: '',
		});
		expect(bad.status).toBe('Error');
		expect(bad.message).toMatch(/Login failed/);
	});
});
