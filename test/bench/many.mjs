// Benchmark (prints figures, asserts nothing): many small operations through a real n8n 2.x
// (filesystem binary mode, the package installed as a community package, workflows started by a
// webhook under `n8n start`), against the emulator in its own process: File › Get × 300,
// Upload × 150 of 64 KiB, Download × 150 of 64 KiB, a recursive listing of 100 folders. Each on
// loopback and with the emulator's delay fault (every answer 50 ms late, as a remote site), by:
// the Cyberfile node one item at a time (Parallel Requests 1), with the default and with 20;
// n8n's own HTTP Request node doing the same requests with the same token (it sends every item's
// request at once); curl, one connection, and curl with 5 transfers at once. Then n8n's memory
// during 8 parallel downloads of 256 MiB (Cyberfile node, Parallel Requests 8; HTTP Request node; each twice, in the order A B B A).
// Times are the node's execution time as n8n recorded it (the sum of the chain's nodes where the
// HTTP Request node needs several for one operation).
//   BENCH_MANY_REPS (default 1): runs per figure, best kept; BENCH_MANY_BIG_MIB (256);
//   BENCH_MANY_PARALLEL (default "1,5,<the node's default>"): the Parallel Requests settings measured;
//   BENCH_MANY_ONLY=get,upload,download,list,memory; BENCH_MANY_MEMORY_FIRST=http; BENCH_MANY_NETWORK (default
//   "loopback,delayed": on loopback, then with every answer 50 ms late); BENCH_KEEP=1 keeps the temp dir; BENCH_N8N_NODE_ARGS: flags for
//   the Node running n8n (e.g. "--cpu-prof --cpu-prof-dir=/tmp/p"), as in transfer.mjs.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_ACCOUNTS } from '../emulator/config.mjs';
import { chainWorkflow, cyberfileNode } from '../e2e/workflow.mjs';
import { api, httpUploadNode, prepareBenchN8n, startBenchEmulator, median, postJson, procStatus, resetPeak, rssSampler, sleep } from './common.mjs';

const execFileP = promisify(execFile);
const REPS = Number(process.env.BENCH_MANY_REPS || 1);
const BIG_MIB = Number(process.env.BENCH_MANY_BIG_MIB || 256);
const ONLY = (process.env.BENCH_MANY_ONLY || 'get,upload,download,list,memory').split(',');
const COUNTS = { get: 300, upload: 150, download: 150, list: 100 };
const SMALL = 64 * 1024;
const DELAY_MS = 50;
const NETWORKS = (process.env.BENCH_MANY_NETWORK || 'loopback,delayed').split(',').map((n) => n === 'delayed');
const MiB = 1024 * 1024;
// The node's default Parallel Requests, as built.
const { DEFAULT_PARALLEL_REQUESTS: DEFAULT_PARALLEL } = createRequire(import.meta.url)('../../dist/nodes/Cyberfile/descriptions/parallel.js');
const log = (text) => process.stderr.write(`[bench many] ${text}\n`);

// ---------------------------------------------------------------- workflows

const hook = (route) => ({
	name: 'Hook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	webhookId: randomUUID(),
	parameters: { httpMethod: 'POST', path: route, responseMode: 'lastNode', options: {} },
});
const body = (field) => `={{ $('Hook').first().json.body.${field} }}`;
/** One item per entry of the webhook body's `list`, as `{ value }`. */
const itemsFromBody = {
	name: 'Items',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: { jsCode: "return $input.first().json.body.list.map((value) => ({ json: { value } }));" },
};
const readFiles = {
	name: 'Read',
	type: 'n8n-nodes-base.readWriteFile',
	typeVersion: 1,
	parameters: { operation: 'read', fileSelector: body('glob'), options: {} },
};
/** n8n's HTTP Request node: a form POST to the API with the session of the webhook body. */
const httpApi = (name, endpoint, fields) => ({
	name,
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	parameters: {
		method: 'POST',
		url: `={{ $('Hook').first().json.body.base }}/${endpoint}`,
		sendBody: true,
		contentType: 'form-urlencoded',
		bodyParameters: {
			parameters: [
				{ name: 'access_token', value: body('token') },
				{ name: 'account_id', value: body('accountId') },
				...Object.entries(fields).map(([field, value]) => ({ name: field, value })),
			],
		},
		options: {},
	},
});
const httpUpload = httpUploadNode({ url: "={{ $('Hook').first().json.body.base }}/file/upload", token: body('token'), accountId: body('accountId') });
const httpGetFile = (url) => ({
	name: 'HTTP GET',
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	parameters: { method: 'GET', url, options: { response: { response: { responseFormat: 'file' } } } },
});
const byId = (field) => ({ __rl: true, mode: 'id', value: `={{ $json.${field} }}` });
const parallel = { parallelRequests: body('parallel') };

function workflows(credential) {
	const cf = (name, parameters) => cyberfileNode(name, credential, parameters);
	return {
		get: {
			cyberfile: [[itemsFromBody, cf('Cyberfile', { resource: 'file', operation: 'get', fileId: byId('value'), options: parallel })], ['Cyberfile']],
			http: [[itemsFromBody, httpApi('HTTP', 'file/info', { file_id: '={{ $json.value }}' })], ['HTTP']],
		},
		upload: {
			cyberfile: [
				[readFiles, cf('Cyberfile', { resource: 'file', operation: 'upload', binaryPropertyName: 'data', folderId: { __rl: true, mode: 'list', value: 'root' }, options: parallel })],
				['Cyberfile'],
			],
			http: [[readFiles, httpUpload], ['HTTP']],
		},
		download: {
			cyberfile: [[itemsFromBody, cf('Cyberfile', { resource: 'file', operation: 'download', fileId: byId('value'), binaryPropertyName: 'data', options: parallel })], ['Cyberfile']],
			// What the node asks for: the file's info (name, size, type), a download URL, the file.
			http: [
				[
					itemsFromBody,
					httpApi('HTTP info', 'file/info', { file_id: '={{ $json.value }}' }),
					httpApi('HTTP link', 'file/download', { file_id: "={{ $('Items').item.json.value }}" }),
					httpGetFile('={{ $json.data.download_url }}'),
				],
				['HTTP info', 'HTTP link', 'HTTP GET'],
			],
		},
		list: {
			cyberfile: [
				[cf('Cyberfile', { resource: 'folder', operation: 'list', folderId: { __rl: true, mode: 'id', value: body('folderId') }, returnAll: true, options: { recursive: true, ...parallel } })],
				['Cyberfile'],
			],
			// The same listings, the folder ids known beforehand (the HTTP Request node cannot walk a tree).
			http: [[itemsFromBody, httpApi('HTTP', 'folder/listing', { parent_folder_id: '={{ $json.value }}' })], ['HTTP']],
		},
		memory: {
			cyberfile: [[itemsFromBody, cf('Cyberfile', { resource: 'file', operation: 'download', fileId: byId('value'), binaryPropertyName: 'data', options: parallel })], ['Cyberfile']],
			http: [[itemsFromBody, httpGetFile('={{ $json.value }}')], ['HTTP GET']],
		},
	};
}

// ---------------------------------------------------------------- curl

/** curl over a list of transfers (`[{ url, data? | form?, output? }]`): wall time in ms. */
async function curlMany(dir, transfers, atOnce) {
	const config = path.join(dir, `curl-${randomUUID()}.cfg`);
	const quote = (value) => `"${String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
	const lines = transfers.flatMap((t, i) => [
		...(i ? ['next'] : []),
		`url = ${quote(t.url)}`,
		...(t.data ? [`data = ${quote(t.data)}`] : []),
		...(t.form ?? []).map((f) => `form = ${quote(f)}`),
		`output = ${quote(t.output ?? '/dev/null')}`,
		'silent',
		'show-error',
		'fail',
	]);
	writeFileSync(config, `${lines.join('\n')}\n`);
	const started = performance.now();
	await execFileP('curl', [...(atOnce > 1 ? ['--parallel', '--parallel-max', String(atOnce)] : []), '-K', config], { maxBuffer: 16 * MiB });
	return performance.now() - started;
}

// ---------------------------------------------------------------- the run

const tmp = await mkdtemp(path.join(os.tmpdir(), 'cyberfile-bench-many-'));
let emulator;
let n8n;
try {
	emulator = await startBenchEmulator(tmp);
	let binaryDir;
	({ n8n, binaryDir } = await prepareBenchN8n(tmp, { serverNodeArgs: (process.env.BENCH_N8N_NODE_ARGS ?? '').split(' ').filter(Boolean) }));
	// One session for everyone: the credential starts with the token curl and the HTTP Request node use.
	const [demo] = DEFAULT_ACCOUNTS;
	const login = await api(emulator, 'authorize', { username: demo.username, password: demo.password });
	const session = { token: login.data.access_token, accountId: login.data.account_id };
	const credential = await n8n.importCredential({
		name: 'Cyberfile bench',
		type: 'cyberfileApi',
		data: { baseUrl: emulator.apiBase, authMethod: 'accountDetails', username: demo.username, password: demo.password, accessToken: session.token, accountId: session.accountId },
	});
	const flows = workflows(credential);
	const keys = Object.entries(flows).flatMap(([scenario, clients]) => Object.keys(clients).map((client) => [scenario, client]));
	const imported = await n8n.importWorkflows(
		keys.map(([scenario, client]) => chainWorkflow(`Many ${scenario} ${client}`, flows[scenario][client][0], { trigger: hook(`many-${scenario}-${client}`) })),
	);
	const ids = Object.fromEntries(keys.map(([scenario, client], i) => [`${scenario}/${client}`, imported[i]]));
	log('activating the workflows');
	for (const id of imported) await n8n.activate(id);

	log('seeding the emulator');
	const c = emulator.control;
	const getIds = [];
	for (let i = 0; i < COUNTS.get; i++) getIds.push(String((await c.addFile({ name: `lookup-${i}.txt`, content: `lookup ${i}` })).id));
	const smallContent = Buffer.alloc(SMALL, 7).toString('base64');
	const downloadIds = [];
	for (let i = 0; i < COUNTS.download; i++) downloadIds.push(String((await c.addFile({ name: `small-${i}.bin`, contentBase64: smallContent })).id));
	const uploadDir = path.join(tmp, 'uploads');
	await mkdir(uploadDir);
	for (let i = 0; i < COUNTS.upload; i++) writeFileSync(path.join(uploadDir, `up-${i}.bin`), Buffer.alloc(SMALL, i % 256));
	// 100 folders: 10 below the listed one, 9 below each of those.
	const top = await c.addFolder({ name: 'tree' });
	const treeIds = [String(top.id)];
	for (let i = 0; i < 10; i++) {
		const folder = await c.addFolder({ name: `branch-${i}`, parentId: top.id });
		treeIds.push(String(folder.id));
		await c.addFile({ name: `file-${i}.txt`, folderId: folder.id, content: 'x' });
		for (let j = 0; j < 9; j++) treeIds.push(String((await c.addFolder({ name: `leaf-${i}-${j}`, parentId: folder.id })).id));
	}
	const bigId = ONLY.includes('memory') ? String((await c.addFile({ name: 'big.bin', size: BIG_MIB * MiB })).id) : '';

	log('starting n8n');
	await n8n.start();
	const pid = n8n.server.pid;
	const base = { base: emulator.apiBase, token: session.token, accountId: session.accountId };

	/** One webhook-started execution; the sum of `nodeNames`' execution times, n8n's RSS peak above idle. */
	async function throughN8n(scenario, client, payload, { memory = false } = {}) {
		const [, nodeNames] = flows[scenario][client];
		const workflowId = ids[`${scenario}/${client}`];
		const before = await n8n.lastExecutionId();
		let idle;
		if (memory) {
			const sampler = rssSampler(pid);
			await sleep(1000);
			idle = median(sampler.stop().map((s) => s.rss));
			resetPeak(pid);
		}
		await postJson(`${n8n.url}/webhook/many-${scenario}-${client}`, { ...base, ...payload });
		const peak = memory ? procStatus(pid, 'VmHWM') - idle : undefined;
		const run = await n8n.waitForExecution(workflowId, { afterId: before, timeoutMs: 300_000 });
		const tasks = nodeNames.map((name) => run.runData[name]?.[0]);
		if (run.status !== 'success' || tasks.some((task) => !task)) throw new Error(`${scenario}/${client}: ${run.describe()}`);
		const items = run.items(nodeNames.at(-1));
		const failed = items.filter((item) => item.json?.error);
		if (failed.length) throw new Error(`${scenario}/${client}: ${failed.length} failed items, e.g. ${JSON.stringify(failed[0].json).slice(0, 300)}`);
		await rm(path.join(binaryDir, 'workflows'), { recursive: true, force: true });
		return { ms: tasks.reduce((sum, task) => sum + task.executionTime, 0), items: items.length, peak };
	}

	const payloads = {
		get: { list: getIds },
		upload: { glob: path.join(uploadDir, '*.bin') },
		download: { list: downloadIds },
		list: { folderId: String(top.id), list: treeIds },
	};
	const expected = { get: COUNTS.get, upload: COUNTS.upload, download: COUNTS.download, list: 10 * 10 + 10 };
	const form = (fields) => new URLSearchParams({ access_token: session.token, account_id: session.accountId, ...fields }).toString();
	const curlRuns = {
		get: async (atOnce) => await curlMany(tmp, getIds.map((id) => ({ url: `${emulator.apiBase}/file/info`, data: form({ file_id: id }) })), atOnce),
		upload: async (atOnce) =>
			await curlMany(
				tmp,
				Array.from({ length: COUNTS.upload }, (_, i) => ({
					url: `${emulator.apiBase}/file/upload`,
					form: [`access_token=${session.token}`, `account_id=${session.accountId}`, 'folder_id=', `upload_file=@${path.join(uploadDir, `up-${i}.bin`)}`],
				})),
				atOnce,
			),
		download: async (atOnce) => {
			const linkDir = path.join(tmp, 'links');
			await mkdir(linkDir, { recursive: true });
			let ms = await curlMany(tmp, downloadIds.map((id) => ({ url: `${emulator.apiBase}/file/info`, data: form({ file_id: id }) })), atOnce);
			ms += await curlMany(tmp, downloadIds.map((id) => ({ url: `${emulator.apiBase}/file/download`, data: form({ file_id: id }), output: path.join(linkDir, `${id}.json`) })), atOnce);
			const urls = downloadIds.map((id) => JSON.parse(readFileSync(path.join(linkDir, `${id}.json`), 'utf8')).data.download_url);
			ms += await curlMany(tmp, urls.map((url, i) => ({ url, output: path.join(linkDir, `${i}.bin`) })), atOnce);
			await rm(linkDir, { recursive: true, force: true });
			return ms;
		},
		list: async (atOnce) => await curlMany(tmp, treeIds.map((id) => ({ url: `${emulator.apiBase}/folder/listing`, data: form({ parent_folder_id: id }) })), atOnce),
	};

	const settings = [...new Set((process.env.BENCH_MANY_PARALLEL || `1,5,${DEFAULT_PARALLEL}`).split(',').map(Number))];
	const nodeLabel = (n) => `Cyberfile node, ${n === 1 ? '1 at a time' : `${n} at once`}${n === DEFAULT_PARALLEL ? ' (default)' : ''}`;
	const HTTP_LABEL = 'HTTP Request node (all at once)';
	const clients = [
		...settings.map((n) => [nodeLabel(n), (s) => throughN8n(s, 'cyberfile', { ...payloads[s], parallel: n })]),
		[HTTP_LABEL, (s) => throughN8n(s, 'http', payloads[s])],
		['curl, one connection', (s, delayed) => (delayed ? undefined : curlRuns[s](1).then((ms) => ({ ms })))],
		['curl, 5 at once', (s) => curlRuns[s](5).then((ms) => ({ ms }))],
	];

	log('warm-up');
	await throughN8n('get', 'cyberfile', { list: getIds.slice(0, 5), parallel: 5 });
	await throughN8n('get', 'http', { list: getIds.slice(0, 5) });

	const table = [];
	for (const delayed of NETWORKS) {
		await c.clearFaults();
		if (delayed) await c.addFault({ endpoint: '*', type: 'delay', ms: DELAY_MS, times: 'always' });
		for (const scenario of ['get', 'upload', 'download', 'list'].filter((s) => ONLY.includes(s))) {
			const row = { scenario, delayed, figures: {} };
			for (const [label, run] of clients) {
				const times = [];
				for (let rep = 0; rep < REPS; rep++) {
					log(`${delayed ? `+${DELAY_MS} ms` : 'loopback'} ${scenario}: ${label}`);
					const result = await run(scenario, delayed);
					if (!result) break;
					const want = label === HTTP_LABEL && scenario === 'list' ? treeIds.length : expected[scenario];
					if (result.items !== undefined && result.items !== want) throw new Error(`${scenario} ${label}: ${result.items} items, expected ${want}`);
					times.push(result.ms);
					log(`  ${Math.round(result.ms)} ms`);
				}
				if (times.length) row.figures[label] = times;
			}
			table.push(row);
		}
	}
	await c.clearFaults();

	let memory;
	if (ONLY.includes('memory')) {
		log(`memory: 8 parallel downloads of ${BIG_MIB} MiB`);
		// Each client twice, in the order A B B A: the first big transfers after n8n starts leave
		// the allocator's heap larger (see the `first` bench part), whichever client makes them.
		const cyberfile = async () => await throughN8n('memory', 'cyberfile', { list: Array(8).fill(bigId), parallel: 8 }, { memory: true });
		const http = async () => {
			const urls = [];
			for (let i = 0; i < 8; i++) urls.push((await api(emulator, 'file/download', { access_token: session.token, account_id: session.accountId, file_id: bigId })).data.download_url);
			return await throughN8n('memory', 'http', { list: urls }, { memory: true });
		};
		// BENCH_MANY_MEMORY_FIRST=http: the order H C C H.
		const order = process.env.BENCH_MANY_MEMORY_FIRST === 'http' ? ['http', 'cyberfile'] : ['cyberfile', 'http'];
		const run = { cyberfile, http };
		memory = { cyberfile: [], http: [], order };
		for (const client of [...order, ...[...order].reverse()]) memory[client].push(await run[client]());
	}

	const best = (list) => Math.min(...list);
	const ms = (value) => `${Math.round(value)}`.padStart(6);
	console.log(`\nMany items: n8n ${n8n.n8nVersion} (Node 24), emulator on loopback, ${os.cpus().length} CPUs, best of ${REPS}; times in ms (the nodes' execution time)`);
	for (const delayed of NETWORKS) {
		console.log(delayed ? `\nevery answer ${DELAY_MS} ms late (the emulator's delay fault, as a remote site)` : '\nloopback');
		for (const { scenario, figures } of table.filter((row) => row.delayed === delayed)) {
			const what = { get: `File › Get × ${COUNTS.get}`, upload: `Upload × ${COUNTS.upload} of 64 KiB`, download: `Download × ${COUNTS.download} of 64 KiB`, list: `recursive listing of ${COUNTS.list} folders` }[scenario];
			console.log(`  ${what}`);
			for (const [label, list] of Object.entries(figures)) {
				console.log(`    ${label.padEnd(36)} ${ms(best(list))} ms${list.length > 1 ? `   (runs ${list.map(Math.round).join('/')})` : ''}`);
			}
			const http = best(figures[HTTP_LABEL]);
			const one = figures[nodeLabel(1)] ? best(figures[nodeLabel(1)]) : NaN;
			const ratios = settings
				.filter((n) => n > 1)
				.map((n) => `${n} at once: / HTTP Request node ${(best(figures[nodeLabel(n)]) / http).toFixed(2)}x, 1 at a time / this ${(one / best(figures[nodeLabel(n)])).toFixed(1)}x`);
			console.log(`    ${ratios.join('; ')}`);
		}
	}
	if (memory) {
		console.log(`\n8 parallel downloads of ${BIG_MIB} MiB, run in the order ${memory.order[0]}, ${memory.order[1]}, ${memory.order[1]}, ${memory.order[0]}: n8n's peak RSS above idle over each execution`);
		const runs = (list) => list.map((run) => `${Math.round(run.ms)} ms +${Math.round(run.peak / MiB)} MiB`).join(', then ');
		console.log(`    Cyberfile node, 8 at once          ${runs(memory.cyberfile)}`);
		console.log(`    HTTP Request node (all at once)    ${runs(memory.http)}`);
	}
} finally {
	await n8n?.stop().catch(() => {});
	await emulator?.close().catch(() => {});
	if (process.env.BENCH_KEEP === '1') log(`kept ${tmp}`);
	else await rm(tmp, { recursive: true, force: true });
}
