// The credential test as n8n runs it (n8n-core's RoutingNode behind n8n's credentials tester,
// reproduced in test/harness): one login, the stored token kept alive, clear advice on a bad URL.
'use strict';

const { Cyberfile, CyberfileApi, useEmulator, harnessFor, callCounts, params } = require('../support/setup');

const emulator = useEmulator();

test('a credential test logs in once, and the nodes then use the token it stored', async () => {
	const h = harnessFor(emulator);
	expect(await h.testCredential(CyberfileApi)).toEqual({ status: 'OK', message: 'Connection successful!' });
	expect((await callCounts(emulator)).authorize).toBe(1);

	// The token the test's login stored is the live one: a picker and an execution need no login.
	const folders = await h.listSearch(Cyberfile, 'searchFolders');
	expect(folders.results.length).toBeGreaterThan(0);
	await h.execute(Cyberfile, { parameters: params('account', 'getInfo') });
	expect((await callCounts(emulator)).authorize).toBe(1);
});

test('testing a credential that already holds a token checks the details as typed (one login)', async () => {
	const h = harnessFor(emulator);
	await h.testCredential(CyberfileApi);
	await h.testCredential(CyberfileApi);
	expect((await callCounts(emulator)).authorize).toBe(2);
});

test('a new credential with wrong details fails with the site message, after one login attempt', async () => {
	const h = harnessFor(emulator);
	const bad = await h.testCredential(CyberfileApi, { baseUrl: emulator.apiBase, authMethod: 'accountDetails', username: 'demo', password: 'wrong' });
	expect(bad.status).toBe('Error');
	expect(bad.message).toMatch(/Could not authenticate user/);
	expect((await callCounts(emulator)).authorize).toBe(1);
});

test('an edited credential (holding a token) with a wrong password fails: the details as typed are checked', async () => {
	const h = harnessFor(emulator);
	const bad = await h.testCredential(CyberfileApi, {
		baseUrl: emulator.apiBase,
		authMethod: 'accountDetails',
		username: 'demo',
		password: 'wrong',
		accessToken: 'stale',
	});
	expect(bad.status).toBe('Error');
	expect(bad.message).toMatch(/Could not authenticate user/);
	expect((await callCounts(emulator)).authorize).toBe(1);
});

test('the wrong login mode says which one to pick', async () => {
	const h = harnessFor(emulator);
	const bad = await h.testCredential(CyberfileApi, { baseUrl: emulator.apiBase, authMethod: 'apiKeys', key1: 'a'.repeat(64), key2: 'b'.repeat(64) });
	expect(bad.status).toBe('Error');
	expect(bad.message).toMatch(/Could not authenticate|API Keys|Username and Password|key/i);
});

test('a Base URL without /api/v2 says what a right one looks like', async () => {
	const h = harnessFor(emulator);
	const origin = emulator.apiBase.replace(/\/api\/v2$/, '');
	const bad = await h.testCredential(CyberfileApi, { baseUrl: origin, authMethod: 'accountDetails', username: 'demo', password: 'x' });
	expect(bad.status).toBe('Error');
	expect(bad.message).toMatch(/HTTP 40[45]/); // the real site: 404; the emulator: 405 - Route not found.
	expect(bad.message).toContain('ending in /api/v2, such as https://api.cyberfile.me/api/v2');
	expect(bad.message).toContain(`perhaps ${origin}/api/v2`);
});
