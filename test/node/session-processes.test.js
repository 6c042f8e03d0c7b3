// Two n8n processes (a main and a worker, or two workers) sharing one credential row: each has its
// own copy of the compiled package (its own module state: no shared single flight), and both
// harnesses read and write one credential store, as n8n's processes share one database row.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { createHarness } = require('../harness');
const { Cyberfile, useEmulator, harnessFor, callCounts, params, items } = require('../support/setup');

const emulator = useEmulator();
const ROOT = path.resolve(__dirname, '../..');

/** The compiled package copied to a folder of its own: requiring it gives fresh module state. */
function otherProcessPackage(name) {
	const target = path.join(ROOT, '.tmp', `${name}-${process.pid}`, 'dist');
	fs.rmSync(target, { recursive: true, force: true });
	fs.cpSync(path.join(ROOT, 'dist'), target, { recursive: true });
	return {
		Cyberfile: require(path.join(target, 'nodes/Cyberfile/Cyberfile.node.js')).Cyberfile,
		CyberfileApi: require(path.join(target, 'credentials/CyberfileApi.credentials.js')).CyberfileApi,
		dir: path.dirname(target),
	};
}

/** A harness for another n8n process: its own package copy, the first harness' credential table. */
async function sharingStore(first, pkg) {
	await first.ready();
	const h = createHarness({ credentialTypes: [pkg.CyberfileApi], credentials: {} });
	h.store = first.store;
	h.credentialsHelper.store = first.store;
	return h;
}

const getInfo = (h, NodeClass, n = 1) => h.execute(NodeClass, { parameters: params('account', 'getInfo'), items: items(n) });

describe('one credential, several n8n processes', () => {
	let others = [];
	afterAll(() => others.forEach((pkg) => fs.rmSync(pkg.dir, { recursive: true, force: true })));

	test('processes that meet the dead token at the same moment log in once between them', async () => {
		const a = harnessFor(emulator);
		const pkgB = otherProcessPackage('process-b');
		const pkgC = otherProcessPackage('process-c');
		others.push(pkgB, pkgC);
		const b = await sharingStore(a, pkgB);
		const c = await sharingStore(a, pkgC);
		await getInfo(a, Cyberfile);
		for (let round = 0; round < 3; round++) {
			await emulator.control.clearLog();
			await emulator.control.expireTokens();
			// Every process's first call is held back, so that all meet the dead token together.
			await emulator.control.addFault({ endpoint: 'account/info', type: 'delay', ms: 300, times: 3 });
			// A slow login: a process that looks again a moment later does not find its token yet.
			await emulator.control.addFault({ endpoint: 'authorize', type: 'delay', ms: 800, times: 3 });
			const runs = await Promise.all([
				...Array.from({ length: 4 }, () => getInfo(a, Cyberfile, 2)),
				...Array.from({ length: 4 }, () => getInfo(b, pkgB.Cyberfile, 2)),
				...Array.from({ length: 4 }, () => getInfo(c, pkgC.Cyberfile, 2)),
			]);
			expect(runs.flatMap(([out]) => out).map((item) => item.json.username)).toEqual(Array(24).fill('demo'));
			expect((await callCounts(emulator)).authorize).toBe(1);
		}
		// The lease is free again once the login is stored.
		expect((await a.credentialStore.get('1')).sessionLease).toBe('');
	});

	test('a process that finds another one holding the lease waits for its token instead of logging in', async () => {
		const a = harnessFor(emulator);
		const pkgB = otherProcessPackage('process-d');
		others.push(pkgB);
		const b = await sharingStore(a, pkgB);
		await getInfo(a, Cyberfile);
		await emulator.control.expireTokens();
		// Another process claimed the login a moment ago and is about to log in.
		await a.credentialStore.set('1', { sessionLease: `someone-else ${Date.now() + 5000}` });
		const waiting = getInfo(b, pkgB.Cyberfile);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect((await callCounts(emulator)).authorize).toBe(1); // the first login only: b waits
		// The other process logs in and stores its token (and frees the lease).
		const response = await fetch(`${emulator.apiBase}/authorize`, {
			method: 'POST',
			body: new URLSearchParams({ username: 'demo', password: 'demo-password' }),
		});
		const { data } = await response.json();
		await a.credentialStore.set('1', { accessToken: data.access_token, accountId: data.account_id, sessionLease: '' });
		const [out] = await waiting;
		expect(out[0].json.username).toBe('demo');
		expect((await callCounts(emulator)).authorize).toBe(2); // the first login and the other process's
	});
});
