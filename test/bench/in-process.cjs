// Profiling aid (prints figures, asserts nothing): the node's upload and download inside
// n8n-core's real execution contexts (test/harness, filesystem binary mode) in this process, next
// to n8n's own request helper with nothing of ours around it and a plain node:http GET, each
// written to disk the way n8n's binary store writes (fs.promises.writeFile of the stream), against
// the emulator in its own process. Quicker to iterate on than the full n8n benchmark, and it runs
// under `--cpu-prof` or `--trace-gc`. BENCH_HEAP_MIB keeps that many MiB of live objects on the
// heap, as n8n's process does (~190 MiB in n8n 2.41): every full collection the transferred
// buffers set off then costs what it costs in n8n. Run with the Node 24 of the e2e cache:
//   <node24> test/bench/in-process.cjs [upload|download|both]   (BENCH_BYTES, BENCH_REPS, BENCH_HEAP_MIB)
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createHarness } = require('../harness');
const { requireFromCore } = require('../harness/n8n-env');
const { spawnEmulator } = require('../emulator/spawn.cjs');
const { plainGet } = require('./plain-http.cjs');

const { Cyberfile } = require(path.resolve(__dirname, '../../dist/nodes/Cyberfile/Cyberfile.node.js'));

const SIZE = Number(process.env.BENCH_BYTES || 1024 ** 3);
const REPS = Number(process.env.BENCH_REPS || 2);
const what = process.argv[2] || 'both';
const log = (text) => process.stderr.write(`[in-process] ${text}\n`);

/** Wall time and this process's CPU time (all threads: GC helpers and libuv's pool included). */
async function timed(fn) {
	execFileSync('sync');
	const cpu = process.cpuUsage();
	const started = performance.now();
	const result = await fn();
	const used = process.cpuUsage(cpu);
	return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, result };
}

const heapBallast = [];
function holdHeap(mib) {
	// About 400 bytes each, once on the heap.
	for (let i = 0; i < mib * 2600; i++) heapBallast.push({ id: i, name: `object ${i}`, list: new Array(8).fill(i), nested: { a: i, b: String(i) } });
}

/** A fresh download URL, asked for with the harness's own session (a login would end it). */
async function downloadUrl(h, emulator, fileId) {
	const { accessToken, accountId } = await h.credentialStore.get('cyberfileApi');
	const body = new URLSearchParams({ access_token: accessToken, account_id: accountId, file_id: String(fileId) });
	return (await (await fetch(`${emulator.apiBase}/file/download`, { method: 'POST', body })).json()).data.download_url;
}

async function main() {
	holdHeap(Number(process.env.BENCH_HEAP_MIB || 0));
	log(`heap used ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB`);
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cyberfile-inproc-'));
	const file = path.join(tmp, 'bench.bin');
	execFileSync('bash', ['-c', `head -c ${SIZE} /dev/urandom > '${file}'`]);
	const emulator = await spawnEmulator({ dataDir: path.join(tmp, 'emulator'), maxUploadSize: 4 * 1024 ** 3 });
	try {
		const { DEFAULT_ACCOUNTS } = await import('../emulator/config.mjs');
		const [account] = DEFAULT_ACCOUNTS;
		const h = createHarness({
			credentials: { cyberfileApi: { id: '1', name: 'bench', data: { baseUrl: emulator.apiBase, authMethod: 'accountDetails', username: account.username, password: account.password } } },
			binaryMode: 'filesystem',
		});
		const item = await h.binaryItem(file, { fileName: 'bench.bin', mimeType: 'application/octet-stream' });
		const figures = {};
		const note = (key, { ms, cpuMs }) => (figures[key] ??= []).push(`${Math.round(ms)} (cpu ${Math.round(cpuMs)})`);
		const run = (parameters, items) => h.execute(Cyberfile, { parameters: { resource: 'file', ...parameters }, items });
		let fileId;
		for (let rep = 0; rep < REPS; rep++) {
			if (what !== 'download' || !fileId) {
				const up = await timed(() => run({ operation: 'upload', binaryPropertyName: 'data', folderId: { __rl: true, mode: 'list', value: 'root' }, options: {} }, [item]));
				fileId = up.result[0][0].json.id;
				if (what !== 'download') note('node upload', up);
			}
			if (what === 'upload') continue;
			note('node download', await timed(() => run({ operation: 'download', fileId: { __rl: true, mode: 'id', value: fileId }, binaryPropertyName: 'data' })));
			const { Container } = requireFromCore('@n8n/di');
			const { OutboundHttp } = requireFromCore('@n8n/backend-network');
			const helperUrl = await downloadUrl(h, emulator, fileId);
			note(
				"n8n's helper alone",
				await timed(async () => {
					const response = await Container.get(OutboundHttp).requests().request({ method: 'GET', url: helperUrl, encoding: 'stream', returnFullResponse: true });
					await fs.promises.writeFile(path.join(tmp, 'helper.bin'), response.body);
				}),
			);
			const plainUrl = await downloadUrl(h, emulator, fileId);
			note('node:http', await timed(async () => await fs.promises.writeFile(path.join(tmp, 'plain.bin'), await plainGet(plainUrl))));
		}
		for (const [key, list] of Object.entries(figures)) console.log(`${key.padEnd(20)} ${list.join(' / ')} ms`);
	} finally {
		await emulator.close();
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
