// Profiling aid (prints figures, asserts nothing): the node's 1 GiB upload and download inside
// n8n-core's real execution contexts (test/harness, filesystem binary mode), in this process,
// next to n8n's own request helper with nothing of ours around it and plain node:http, against
// the emulator in its own process. Quicker to iterate on than the full n8n benchmark, and it runs
// under `--cpu-prof`. Run with the Node 24 of the e2e cache to match n8n 2.x:
//   node test/bench/in-process.cjs [upload|download|both]    (BENCH_BYTES, BENCH_REPS)
'use strict';

const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { pipeline } = require('node:stream/promises');
const { createHarness } = require('../harness');
const { requireFromCore } = require('../harness/n8n-env');
const { spawnEmulator } = require('../emulator/spawn.cjs');

const dist = path.resolve(__dirname, '../../dist');
const { Cyberfile } = require(path.join(dist, 'nodes/Cyberfile/Cyberfile.node.js'));

const SIZE = Number(process.env.BENCH_BYTES || 1024 ** 3);
const REPS = Number(process.env.BENCH_REPS || 2);
const what = process.argv[2] || 'both';
const log = (text) => process.stderr.write(`[in-process] ${text}\n`);

async function timed(fn) {
	execFileSync('sync');
	const cpu = process.cpuUsage();
	const started = performance.now();
	const result = await fn();
	const used = process.cpuUsage(cpu);
	return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, result };
}

/** n8n's main process idles at 700+ MiB of heap: a ballast of live objects like it, so that GC costs what it costs there. */
const ballast = [];
function addBallast(mib) {
	for (let i = 0; i < mib * 1024; i++) ballast.push({ id: i, name: `object ${i}`, list: new Array(8).fill(i), nested: { a: i, b: String(i) } });
}

async function main() {
	if (process.env.BENCH_BALLAST_MIB) addBallast(Number(process.env.BENCH_BALLAST_MIB) / 0.4);
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
		const rl = (value) => ({ __rl: true, mode: 'id', value });
		const figures = {};
		const note = (key, ms, cpuMs) => (figures[key] ??= []).push(`${Math.round(ms)}(cpu ${Math.round(cpuMs)})`);
		let fileId;
		for (let rep = 0; rep < REPS; rep++) {
			if (what !== 'download' || !fileId) {
				const up = await timed(() =>
					h.execute(Cyberfile, { parameters: { resource: 'file', operation: 'upload', binaryPropertyName: 'data', folderId: { __rl: true, mode: 'list', value: 'root' }, options: {} }, items: [item] }),
				);
				fileId = up.result[0][0].json.id;
				if (what !== 'download') note('node upload', up.ms, up.cpuMs);
			}
			if (what !== 'upload') {
				const down = await timed(() => h.execute(Cyberfile, { parameters: { resource: 'file', operation: 'download', fileId: rl(fileId), binaryPropertyName: 'data' } }));
				note('node download', down.ms, down.cpuMs);
				// n8n's helper alone: the same GET, its stream into the binary store.
				const url = await downloadUrl(h, emulator, fileId);
				const helper = await timed(async () => {
					const { Container } = requireFromCore('@n8n/di');
					const { OutboundHttp } = requireFromCore('@n8n/backend-network');
					const response = await Container.get(OutboundHttp).requests().request({ method: 'GET', url, encoding: 'stream', returnFullResponse: true });
					await fs.promises.writeFile(path.join(tmp, 'helper.bin'), response.body);
				});
				note('helper → file', helper.ms, helper.cpuMs);
				const plain = await timed(async () => {
					const u = await downloadUrl(h, emulator, fileId);
					await new Promise((resolve, reject) =>
						http.get(u, (res) => pipeline(res, fs.createWriteStream(path.join(tmp, 'plain.bin'))).then(resolve, reject)).on('error', reject),
					);
				});
				note('node:http → file', plain.ms, plain.cpuMs);
				if (process.env.BENCH_NUDGE) {
					const nudged = await timed(async () => {
						const u = await downloadUrl(h, emulator, fileId);
						await new Promise((resolve, reject) =>
							http.get(u, (res) => {
								let since = 0;
								res.on('data', (chunk) => {
									since += chunk.length;
									if (since >= Number(process.env.BENCH_NUDGE) * 2 ** 20) {
										since = 0;
										let junk;
										for (let i = 0; i < 200_000; i++) junk = { i, next: junk && i % 64 ? junk : undefined };
									}
								});
								pipeline(res, fs.createWriteStream(path.join(tmp, 'plain.bin'))).then(resolve, reject);
							}).on('error', reject),
						);
					});
					note('node:http nudged', nudged.ms, nudged.cpuMs);
				}
			}
		}
		for (const [key, list] of Object.entries(figures)) console.log(`${key.padEnd(20)} runs ${list.join(' / ')} ms`);
	} finally {
		await emulator.close();
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

/** A fresh download URL, asked for with the harness's own session (a login would end it). */
async function downloadUrl(h, emulator, fileId) {
	const { accessToken, accountId } = await h.credentialStore.get('cyberfileApi');
	const body = new URLSearchParams({ access_token: accessToken, account_id: accountId, file_id: String(fileId) });
	return (await (await fetch(`${emulator.apiBase}/file/download`, { method: 'POST', body })).json()).data.download_url;
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
