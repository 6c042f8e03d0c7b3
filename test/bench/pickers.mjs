// Picker speed on a large account (`npm run bench:pickers`): the emulator holds 10,000 files in 500
// folders (20 top folders of 24 sub-folders each, 20 files in each folder); the compiled node's
// file and folder pickers run in n8n-core's real load-options context (test/harness), as the
// editor calls them. Printed side by side with the reference of the same run: one full listing of
// the account (Folder > List, recursive, every folder once), which is what a picker costs that
// lists the whole account for each keystroke. Each figure at two latencies: the emulator as it
// is, and with every /folder/listing answered 50 ms late (nearer a real site).
// Needs `npm run build` first. Figures vary with the machine's load: compare within one run.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { startEmulator } from '../emulator/index.mjs';

const require = createRequire(import.meta.url);
const { createHarness } = require('../harness');
const { Cyberfile } = require('../../dist/nodes/Cyberfile/Cyberfile.node.js');

const TOP = Number(process.env.BENCH_TOP ?? 20);
const SUB = Number(process.env.BENCH_SUB ?? 24);
const FILES_PER_FOLDER = 20;
const LATENCIES = (process.env.BENCH_LATENCIES ?? '0,50').split(',').map(Number);

const emulator = await startEmulator();
const seeded = performance.now();
const c = emulator.control;
let folders = 0;
let files = 0;
const addFiles = async (folderId, prefix) => {
	for (let i = 0; i < FILES_PER_FOLDER; i++, files++) await c.addFile({ folderId, name: `${prefix}-${i}.txt`, content: 'x' });
};
for (let t = 0; t < TOP; t++) {
	const top = await c.addFolder({ name: `team-${t}` });
	folders++;
	await addFiles(top.id, `report-${t}`);
	for (let s = 0; s < SUB; s++) {
		const sub = await c.addFolder({ name: `project-${t}-${s}`, parentId: top.id });
		folders++;
		await addFiles(sub.id, `report-${t}-${s}`);
	}
}
console.log(`account: ${files} files in ${folders} folders (seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s)`);

const account = emulator.accounts[0];
let credentialRun = 0;
const harness = () =>
	createHarness({
		credentials: {
			cyberfileApi: {
				id: `bench-${++credentialRun}`,
				name: 'bench',
				data: { baseUrl: emulator.apiBase, authMethod: 'accountDetails', username: account.username, password: account.password },
			},
		},
	});
const listingCalls = async () => (await c.log()).filter((e) => e.endpoint === 'folder/listing').length;

async function measure(what, run) {
	await c.clearLog();
	const started = performance.now();
	const result = await run();
	const ms = performance.now() - started;
	return { what, ms, calls: await listingCalls(), result };
}

const rows = [];
for (const latency of LATENCIES) {
	await c.clearFaults?.();
	if (latency) await c.addFault({ endpoint: 'folder/listing', type: 'delay', ms: latency, times: 'always' });
	const h = harness();
	await h.execute(Cyberfile, { parameters: { resource: 'account', operation: 'getInfo' } }); // log in first
	const add = (m, shown) => rows.push({ latency, ...m, shown });
	const picker = (method, filter, paginationToken) => h.listSearch(Cyberfile, method, filter, { paginationToken });

	let m = await measure('folder picker, first page', () => picker('searchFolders'));
	add(m, m.result.results.length);
	m = await measure('folder picker, next page', () => picker('searchFolders', undefined, m.result.paginationToken));
	add(m, m.result.results.length);
	m = await measure('file picker, first page', () => picker('searchFiles'));
	add(m, m.result.results.length);
	let typedMs = 0;
	let typedCalls = 0;
	let last;
	for (const typed of ['r', 're', 'rep', 'repo', 'report-1', 'report-19', 'report-19-2', 'report-19-23', 'report-19-23-7']) {
		m = await measure(`file search "${typed}"`, () => picker('searchFiles', typed));
		typedMs += m.ms;
		typedCalls += m.calls;
		last = m;
		add(m, m.result.results.length);
	}
	rows.push({ latency, what: 'file search, all 9 keystrokes', ms: typedMs, calls: typedCalls, shown: last.result.results.length });
	m = await measure('reference: whole account listed once', () =>
		h.execute(Cyberfile, { parameters: { resource: 'folder', operation: 'list', folderId: { __rl: true, mode: 'id', value: 'root' }, returnAll: true, options: { recursive: true, include: 'files' } } }),
	);
	add(m, m.result[0].length);
	rows.push({ latency, what: 'reference × 9 keystrokes', ms: m.ms * 9, calls: m.calls * 9, shown: '' });
	await c.clearFaults?.();
}

const pad = (s, n) => String(s).padEnd(n);
const padL = (s, n) => String(s).padStart(n);
console.log(`\n${pad('listing latency', 16)}${pad('what', 40)}${padL('time', 10)}${padL('listings', 10)}${padL('entries', 9)}`);
for (const r of rows) {
	console.log(`${pad(`${r.latency} ms`, 16)}${pad(r.what, 40)}${padL(`${r.ms.toFixed(0)} ms`, 10)}${padL(r.calls, 10)}${padL(r.shown, 9)}`);
}
await emulator.close();
