// The transport against injected faults and session events, over real HTTP (nothing mocked).
'use strict';

const { Cyberfile, useEmulator, harnessFor, failure, callCounts, params, items, rl } = require('../support/setup');

const emulator = useEmulator();

const getInfo = (h, n = 1, extra = {}) =>
	h.execute(Cyberfile, { parameters: params('account', 'getInfo'), items: items(n), ...extra });


describe('session', () => {
	test('a token that expires mid-run is renewed once and the run goes on', async () => {
		const h = harnessFor(emulator);
		await getInfo(h, 3);
		await emulator.control.advanceClock({ advanceSeconds: 3601 });
		const [out] = await getInfo(h, 3);
		expect(out).toHaveLength(3);
		expect((await callCounts(emulator)).authorize).toBe(2);
	});

	test('a token taken over by another login is renewed once', async () => {
		const h = harnessFor(emulator);
		await getInfo(h);
		await emulator.control.takeover({ accountId: emulator.accounts[0].id });
		const [out] = await getInfo(h, 4);
		expect(out).toHaveLength(4);
		const counts = await callCounts(emulator);
		expect(counts.authorize).toBe(2); // ours and our renewal (the takeover is the emulator's own)
	});

	test('concurrent executions that all see the dead token log in once', async () => {
		const h = harnessFor(emulator);
		await getInfo(h);
		await emulator.control.expireTokens();
		const runs = await Promise.all(Array.from({ length: 10 }, () => getInfo(h, 2)));
		expect(runs.flatMap(([out]) => out)).toHaveLength(20);
		expect((await callCounts(emulator)).authorize).toBe(2);
	});

	test('a fresh token another execution stored is used instead of logging in again', async () => {
		const h = harnessFor(emulator);
		await getInfo(h);
		await emulator.control.expireTokens();
		await emulator.control.addFault({ endpoint: 'account/info', type: 'delay', ms: 400 });
		const run = getInfo(h);
		// Meanwhile another n8n process logs in and stores its token on the shared credential.
		const response = await fetch(`${emulator.apiBase}/authorize`, {
			method: 'POST',
			body: new URLSearchParams({ username: 'demo', password: 'demo-password' }),
		});
		const { data } = await response.json();
		await h.credentialStore.set('1', { accessToken: data.access_token, accountId: data.account_id });
		const [out] = await run;
		expect(out).toHaveLength(1);
		expect((await callCounts(emulator)).authorize).toBe(2); // the first login, the other process
	});

	test('a session that keeps being taken over is renewed a bounded number of times, then explained', async () => {
		const h = harnessFor(emulator);
		await getInfo(h);
		await emulator.control.addFault({ endpoint: 'account/info', type: 'tokenError', times: 'always' });
		const error = await failure(getInfo(h));
		expect(error.message).toMatch(/Could not validate access_token/);
		expect(error.description).toMatch(/keeps logging in to this account/);
		expect(error.failure).toEqual({ cause: 'credential-invalid' });
		expect((await callCounts(emulator)).authorize).toBe(1 + 3);
	});
});

describe('login failures are never retried', () => {
	test('a login the site did not look at (503 from the proxy) is sent again; the run goes on', async () => {
		const h = harnessFor(emulator, {}, { credentialId: 'login-503' });
		await emulator.control.addFault({ endpoint: 'authorize', type: 'status', status: 503, headers: { 'Retry-After': '0' } });
		const [out] = await getInfo(h, 3);
		expect(out).toHaveLength(3);
		expect((await callCounts(emulator)).authorize).toBe(2);
	});

	test('a login cut off by a 502 is not sent again (the site may have counted it)', async () => {
		const h = harnessFor(emulator, {}, { credentialId: 'login-502' });
		await emulator.control.addFault({ endpoint: 'authorize', type: 'status', status: 502 });
		const error = await failure(getInfo(h));
		expect(error.message).toMatch(/Login failed: the site answered HTTP 502/);
		expect((await callCounts(emulator)).authorize).toBe(1);
	});

	test('two credentials of one account used at once share one login and fail no item', async () => {
		const h = harnessFor(emulator);
		const data = { baseUrl: emulator.apiBase, authMethod: 'accountDetails', username: 'demo', password: 'demo-password' };
		await h.credentialStore.add('cyberfileApi', data, { id: '2', name: 'Second' });
		const runs = Array.from({ length: 20 }, (_, k) => getInfo(h, 5, { continueOnFail: true, credentials: { cyberfileApi: k % 2 ? '2' : '1' } }));
		const out = (await Promise.all(runs)).flatMap(([items]) => items);
		expect(out.filter((item) => item.json.error)).toEqual([]);
		expect(out).toHaveLength(100);
		expect((await callCounts(emulator)).authorize).toBe(1);
	});

	test('two credentials of one account, each with its own token: one login ends the ping-pong', async () => {
		const h = harnessFor(emulator);
		const data = { baseUrl: emulator.apiBase, authMethod: 'accountDetails', username: 'demo', password: 'demo-password' };
		await getInfo(h, 1, { credentials: { cyberfileApi: '1' } });
		// Another n8n process logged the second credential in, which ended the first one's token.
		const response = await fetch(`${emulator.apiBase}/authorize`, { method: 'POST', body: new URLSearchParams({ username: 'demo', password: 'demo-password' }) });
		const { data: login } = await response.json();
		await h.credentialStore.add('cyberfileApi', { ...data, accessToken: login.access_token, accountId: login.account_id }, { id: '2', name: 'Second' });
		const runs = Array.from({ length: 20 }, (_, k) => getInfo(h, 5, { continueOnFail: true, credentials: { cyberfileApi: k % 2 ? '2' : '1' } }));
		const out = (await Promise.all(runs)).flatMap(([items]) => items);
		expect(out.filter((item) => item.json.error)).toEqual([]);
		expect((await callCounts(emulator)).authorize).toBe(3); // the first, the other process's, one renewal
	});

	test('a wrong password makes exactly one /authorize call, whatever the number of items and runs', async () => {
		const h = harnessFor(emulator, { password: 'wrong-password' }, { credentialId: 'wrong-pw' });
		const error = await failure(getInfo(h, 5));
		expect(error.message).toMatch(/Could not authenticate user/);
		expect(error.message).toMatch(/24 hours/);
		expect(error.failure).toEqual({ cause: 'credential-invalid' });
		await failure(getInfo(h, 5));
		expect((await callCounts(emulator)).authorize).toBe(1);
		expect(JSON.stringify(error)).not.toContain('wrong-password');
	});

	test('with continueOnFail every item carries the login error and still one /authorize', async () => {
		const h = harnessFor(emulator, { password: 'bad' }, { credentialId: 'bad-cof' });
		const [out] = await getInfo(h, 4, { continueOnFail: true });
		expect(out).toHaveLength(4);
		expect(out[3]).toMatchObject({ json: { error: expect.stringMatching(/Could not authenticate/) }, pairedItem: { item: 3 } });
		expect((await callCounts(emulator)).authorize).toBe(1);
	});

	test('site in API-key mode, credential with username: the error says to pick API Keys', async () => {
		await emulator.control.reset({ mode: 'apiKeys' });
		const h = harnessFor(emulator, {}, { credentialId: 'mode-1' });
		const error = await failure(getInfo(h));
		expect(error.message).toMatch(/Please provide key1/);
		expect(error.message).toMatch(/"API Keys"/);
		expect((await callCounts(emulator)).authorize).toBe(1);
	});

	test('site in account mode, credential with keys: the error says to pick Username and Password', async () => {
		const keys = { authMethod: 'apiKeys', key1: 'A'.repeat(64), key2: 'B'.repeat(64) };
		const h = harnessFor(emulator, keys, { credentialId: 'mode-2' });
		const error = await failure(getInfo(h));
		expect(error.message).toMatch(/Please provide a username/);
		expect(error.message).toMatch(/"Username and Password"/);
	});

	test('API-key login works in API-key mode', async () => {
		await emulator.control.reset({ mode: 'apiKeys' });
		const account = emulator.accounts[0];
		const h = harnessFor(emulator, { authMethod: 'apiKeys', key1: account.key1, key2: account.key2 }, { credentialId: 'keys' });
		const [out] = await getInfo(h, 2);
		expect(out[0].json.username).toBe('demo');
	});

	test('a key of the wrong length or a base URL of another scheme fails before any request', async () => {
		const short = harnessFor(emulator, { authMethod: 'apiKeys', key1: 'x'.repeat(10), key2: 'B'.repeat(64) }, { credentialId: 'short' });
		expect((await failure(getInfo(short))).message).toMatch(/Credential "Key 1" must be exactly 64 characters long \(it has 10\)/);
		const ftp = harnessFor(emulator, { baseUrl: 'ftp://api.cyberfile.me/api/v2' }, { credentialId: 'scheme' });
		expect((await failure(getInfo(ftp))).message).toMatch(/Credential "Base URL" must start with https:\/\//);
		expect(await emulator.control.log()).toHaveLength(0);
	});

	test('a base URL with a trailing slash works', async () => {
		const h = harnessFor(emulator, { baseUrl: `${emulator.apiBase}/ ` }, { credentialId: 'slash' });
		const [out] = await getInfo(h);
		expect(out[0].json.username).toBe('demo');
	});
});

describe('faults', () => {
	test('429 with Retry-After is waited out and retried', async () => {
		const h = harnessFor(emulator);
		await getInfo(h);
		await emulator.control.addFault({ endpoint: 'account/info', type: 'status', status: 429, headers: { 'Retry-After': '1' } });
		const started = Date.now();
		const [out] = await getInfo(h);
		expect(out[0].json.username).toBe('demo');
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
	});

	test('503 with an HTML body is retried; when it persists the error is clean', async () => {
		const h = harnessFor(emulator);
		await getInfo(h);
		await emulator.control.addFault({ endpoint: 'account/info', type: 'status', status: 503, times: 1 });
		expect((await getInfo(h))[0]).toHaveLength(1);
		await emulator.control.addFault({ endpoint: 'account/info', type: 'status', status: 503, times: 'always', headers: { 'Retry-After': '0' } });
		const error = await failure(getInfo(h));
		expect(error.message).toBe('The site is unavailable (HTTP 503) after 5 attempts');
		expect(error.description).toMatch(/503 Error/);
		expect(error.description).not.toMatch(/</);
		expect(error.failure).toEqual({ cause: 'temporarily-unavailable' });
	});

	test('a connection reset is retried for a read', async () => {
		const h = harnessFor(emulator);
		await getInfo(h);
		await emulator.control.addFault({ endpoint: 'account/info', type: 'reset' });
		expect((await getInfo(h))[0][0].json.username).toBe('demo');
	});

	test('a non-JSON 200 is retried for a read; when it persists the error quotes the body', async () => {
		const { RETRY } = require('../../dist/nodes/Cyberfile/transport/retry');
		const saved = { ...RETRY };
		Object.assign(RETRY, { baseDelayMs: 20, maxDelayMs: 50 });
		try {
			const h = harnessFor(emulator);
			await getInfo(h);
			const page = { endpoint: 'account/info', type: 'nonJson200', body: 'Service temporarily down for maintenance' };
			await emulator.control.addFault(page);
			expect((await getInfo(h))[0][0].json.username).toBe('demo');
			await emulator.control.addFault({ ...page, times: 'always' });
			const error = await failure(getInfo(h));
			expect(error.message).toBe('The API answered "account/info" with something that is not JSON (5 attempts)');
			expect(error.description).toMatch(/maintenance/);
		} finally {
			Object.assign(RETRY, saved);
		}
	});

	test('a non-JSON 200 to a copy is not repeated: the copy may or may not have been made', async () => {
		const h = harnessFor(emulator);
		const file = await emulator.control.addFile({ name: 'a.txt', content: 'a' });
		const folder = await emulator.control.addFolder({ name: 'to' });
		await emulator.control.addFault({ endpoint: 'file/copy', type: 'nonJson200', phase: 'after' });
		const parameters = { ...params('file', 'copy'), fileId: rl(String(file.id)), destinationFolderId: rl(String(folder.id)) };
		const error = await failure(h.execute(Cyberfile, { parameters }));
		expect(error.message).toBe('The site answered with something that is not JSON: the copy may or may not have been made');
		expect(error.description).toMatch(/not sent again automatically/);
		expect((await callCounts(emulator))['file/copy']).toBe(1);
		expect((await emulator.control.state()).files.filter((f) => f.folderId === Number(folder.id))).toHaveLength(1);
	});

	test('a truncated answer is retried for a read', async () => {
		const h = harnessFor(emulator);
		await getInfo(h);
		await emulator.control.addFault({ endpoint: 'account/info', type: 'truncate' });
		expect((await getInfo(h))[0][0].json.username).toBe('demo');
		expect((await callCounts(emulator))['account/info']).toBe(3 + 2); // the login claim's and the login's checks, the first run, the cut answer, its retry
	});

	test('a connection that breaks while the renewed session is checked costs no item', async () => {
		const h = harnessFor(emulator);
		await getInfo(h);
		await emulator.control.expireTokens();
		await emulator.control.addFault({ endpoint: 'account/info', type: 'reset', after: 1 });
		const [out] = await getInfo(h, 2);
		expect(out.map((item) => item.json.username)).toEqual(['demo', 'demo']);
		expect((await callCounts(emulator)).authorize).toBe(2);
	});

	test('n8n keeps our message even when it contains an error code or looks like one', async () => {
		const h = harnessFor(emulator);
		await getInfo(h);
		await emulator.control.addFault({ endpoint: 'account/info', type: 'appError', message: 'Folder "deeperman" ECONNRESET' });
		const error = await failure(getInfo(h));
		expect(error.message).toBe('Folder "deeperman" ECONNRESET');
	});

	test('errors and outputs never carry the token or the password', async () => {
		const h = harnessFor(emulator);
		await getInfo(h);
		await emulator.control.addFault({ endpoint: 'account/info', type: 'appError', message: 'Something odd.', times: 'always' });
		const error = await failure(getInfo(h));
		const stored = await h.credentialStore.get('1');
		const text = JSON.stringify({ error, message: error.message, description: error.description, cause: error.cause });
		expect(stored.accessToken).toMatch(/^[A-Za-z0-9]{128}$/);
		expect(text).not.toContain(stored.accessToken);
		expect(text).not.toContain('demo-password');
		expect(error.message).toBe('Something odd.');
	});
});
