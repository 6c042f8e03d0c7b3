// Benchmark (prints figures, asserts nothing): one trigger poll over a folder of 10,000 files and
// over 100 sub-folders x 100 files, run by the compiled trigger inside n8n-core's real poll
// context against the emulator. Reports API calls per poll, the poll's time, the time the same
// listing calls take from a bare HTTP client, the difference (the trigger's own work plus n8n's
// request helpers), and the size of the saved state.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { startEmulator } from '../emulator/index.mjs';

const require = createRequire(import.meta.url);
const { CyberfileTrigger, harnessFor, rl } = require('../support/setup.js');

const emulator = await startEmulator();
const ms = (t) => `${t.toFixed(0)} ms`;

async function bareListing(token, accountId, folderIds) {
	const started = performance.now();
	for (const id of folderIds) {
		const response = await fetch(`${emulator.apiBase}/folder/listing`, {
			method: 'POST',
			body: new URLSearchParams({ access_token: token, account_id: accountId, parent_folder_id: id }),
		});
		JSON.parse(await response.text());
	}
	return performance.now() - started;
}

async function scenario(label, folderIds, parameters) {
	const h = harnessFor(emulator);
	const staticData = {};
	const poll = () => h.poll(CyberfileTrigger, { parameters, staticData });
	await poll(); // baseline (and login)
	await poll(); // warm
	await emulator.control.clearLog();
	const runs = [];
	for (let i = 0; i < 5; i++) {
		const started = performance.now();
		await poll();
		runs.push(performance.now() - started);
	}
	const calls = (await emulator.control.log()).length / runs.length;
	const stored = await h.credentialStore.get('1');
	const bare = [];
	for (let i = 0; i < 5; i++) bare.push(await bareListing(stored.accessToken, stored.accountId, folderIds));
	const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
	const state = Buffer.byteLength(JSON.stringify(staticData));
	console.log(
		`${label.padEnd(34)} calls/poll ${String(calls).padStart(4)}   poll ${ms(median(runs)).padStart(8)}   ` +
			`bare listing calls ${ms(median(bare)).padStart(8)}   beyond the calls ${ms(median(runs) - median(bare)).padStart(7)}   ` +
			`saved state ${state} bytes`,
	);
}

try {
	const flat = await emulator.control.addFolder({ name: 'flat' });
	for (let i = 0; i < 10000; i++) await emulator.control.addFile({ folderId: flat.id, name: `f${i}.txt`, size: 0 });
	await scenario('1 folder x 10,000 files', [String(flat.id)], { event: 'fileCreated', folderId: rl(flat.id) });

	const tree = await emulator.control.addFolder({ name: 'tree' });
	const folderIds = [String(tree.id)];
	for (let f = 0; f < 100; f++) {
		const sub = await emulator.control.addFolder({ name: `sub${f}`, parentId: tree.id });
		folderIds.push(String(sub.id));
		for (let i = 0; i < 100; i++) await emulator.control.addFile({ folderId: sub.id, name: `g${i}.txt`, size: 0 });
	}
	await scenario('100 sub-folders x 100 files', folderIds, {
		event: 'fileCreated',
		folderId: rl(tree.id),
		options: { includeSubfolders: true },
	});
} finally {
	await emulator.close();
}
