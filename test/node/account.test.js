// Account operations and the session they share, over real HTTP against the emulator.
'use strict';

const { Cyberfile, useEmulator, harnessFor, callCounts, params, items } = require('../support/setup');

const emulator = useEmulator();

test('getInfo and getPackage over 50 items, twice, log in exactly once', async () => {
	const h = harnessFor(emulator);
	for (let run = 0; run < 2; run++) {
		const [info] = await h.execute(Cyberfile, { parameters: params('account', 'getInfo'), items: items(50) });
		const [pkg] = await h.execute(Cyberfile, { parameters: params('account', 'getPackage'), items: items(50) });
		expect(info).toHaveLength(50);
		expect(pkg).toHaveLength(50);
		expect(info[7]).toMatchObject({ json: { username: 'demo' }, pairedItem: { item: 7 } });
		expect(pkg[49].json.max_upload_size).toBeDefined();
	}
	const counts = await callCounts(emulator);
	expect(counts.authorize).toBe(1);
	// 100 items + the login claim's request (its dead token changes nothing) + the probe that proves the new token
	expect(counts['account/info']).toBe(100 + 2);
	expect(counts['account/package']).toBe(100);
	expect(h.preAuthCount).toBe(2); // the login claim (no request to the site) and the login
	expect(h.credentialsHelper.preAuthRuns.map((run) => Object.keys(run.output ?? {}).includes('sessionLease'))).toEqual([true, true]);
});

test('revokeToken ends the session; the next run logs in once; revoking a dead token never logs in', async () => {
	const h = harnessFor(emulator);
	await h.execute(Cyberfile, { parameters: params('account', 'getInfo') });
	const [revoked] = await h.execute(Cyberfile, { parameters: params('account', 'revokeToken'), items: items(20) });
	expect(revoked[0].json).toMatchObject({ revoked: true, alreadyRevoked: false });
	expect(revoked[19].json).toMatchObject({ revoked: true, alreadyRevoked: true });
	expect((await callCounts(emulator)).authorize).toBe(1);

	const [info] = await h.execute(Cyberfile, { parameters: params('account', 'getInfo'), items: items(5) });
	expect(info).toHaveLength(5);
	expect((await callCounts(emulator)).authorize).toBe(2);
});

test('revokeToken on a credential that never logged in does not log in', async () => {
	const h = harnessFor(emulator);
	await h.execute(Cyberfile, { parameters: params('account', 'getInfo') });
	await emulator.control.expireTokens();
	const [out] = await h.execute(Cyberfile, { parameters: params('account', 'revokeToken'), items: items(3) });
	expect(out.map((o) => o.json.alreadyRevoked)).toEqual([true, true, true]);
	expect((await callCounts(emulator)).authorize).toBe(1);
});
