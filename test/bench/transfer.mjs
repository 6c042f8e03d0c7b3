// Benchmark (prints figures, asserts nothing): a 1 GiB upload and download through a real n8n 2.x
// (filesystem binary mode, the package installed as a community package, workflows started by a
// webhook under `n8n start`), against the emulator in its own process, next to the same transfer by:
// curl and a plain node:http client (node-client.mjs) in processes of their own; that plain
// node:http client running inside the same n8n as a node (reference-node/: what any Node client
// pays in n8n's process, its garbage collector included); and n8n's own HTTP Request node.
// Prints, per transfer: times (best of BENCH_REPS, and every run), the node's time over the
// others', and n8n's peak RSS above its idle RSS (polled from /proc while the node runs, and
// VmHWM over the whole execution).
//   BENCH_BYTES (default 1 GiB), BENCH_REPS (default 2), BENCH_KEEP=1 keeps the temp dir.
//   For profiling: BENCH_N8N_NODE_ARGS (flags for the Node running n8n, e.g. "--trace-gc" or
//   "--cpu-prof --cpu-prof-dir=/tmp/p"; n8n's output goes to its log in the temp dir, kept with
//   BENCH_KEEP=1), BENCH_ONLY=n8n (only the Cyberfile node and the in-n8n node:http client),
//   BENCH_PLAIN_FIRST=1 (the in-n8n node:http client goes first in odd reps, the node in even ones).
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_ACCOUNTS } from '../emulator/config.mjs';
import { api, flushDisk, httpUploadNode, md5sum, prepareBenchN8n, startBenchEmulator, median, postJson, procStatus, resetPeak, rssSampler, sleep } from './common.mjs';
import { VERSIONS } from '../e2e/n8n.mjs';
import { chainWorkflow, cyberfileNode, readFileNode, uploadNode, webhookNode } from '../e2e/workflow.mjs';

const execFileP = promisify(execFile);
const HERE = path.dirname(new URL(import.meta.url).pathname);
const SIZE = Number(process.env.BENCH_BYTES || 1024 ** 3);
const REPS = Number(process.env.BENCH_REPS || 2);
const NODE24 = VERSIONS.v2.node;
const MiB = 1024 * 1024;

const log = (text) => process.stderr.write(`[bench] ${text}\n`);

async function curl(args) {
	await flushDisk();
	const { stdout } = await execFileP('curl', ['-sS', '--fail', '-w', '\n%{time_total}', ...args], { maxBuffer: 16 * MiB });
	const lines = stdout.trimEnd().split('\n');
	return { ms: Number(lines.pop()) * 1000, body: lines.join('\n') };
}

async function nodeClient(...args) {
	await flushDisk();
	const { stdout } = await execFileP(NODE24, [path.join(HERE, 'node-client.mjs'), ...args], { maxBuffer: 16 * MiB });
	return JSON.parse(stdout);
}

// ---------------------------------------------------------------- the run

const tmp = await mkdtemp(path.join(os.tmpdir(), 'cyberfile-bench-'));
const file = path.join(tmp, 'bench.bin');
const smallFile = path.join(tmp, 'warmup.bin');
let emulator;
let n8n;
try {
	log(`creating a ${SIZE} byte file in ${tmp}`);
	await execFileP('bash', ['-c', `head -c ${SIZE} /dev/urandom > '${file}' && head -c 100000 /dev/urandom > '${smallFile}'`]);
	const sourceMd5 = await md5sum(file);

	emulator = await startBenchEmulator(tmp);
	let binaryDir;
	({ n8n, binaryDir } = await prepareBenchN8n(tmp, {
		env: { N8N_CUSTOM_EXTENSIONS: path.join(HERE, 'reference-node') },
		serverNodeArgs: (process.env.BENCH_N8N_NODE_ARGS ?? '').split(' ').filter(Boolean),
	}));
	// n8n logs in as the first account, curl and node:http as the second: a login ends the
	// account's earlier session, so sharing one would make n8n log in again mid-benchmark.
	const [demo, other] = DEFAULT_ACCOUNTS;
	const credential = await n8n.importCredential({
		name: 'Cyberfile bench',
		type: 'cyberfileApi',
		data: { baseUrl: emulator.apiBase, authMethod: 'accountDetails', username: demo.username, password: demo.password },
	});
	const webhook = (name, route) => webhookNode(name, route);
	const readFile = readFileNode('Read', '={{ $json.body.path }}');
	const upload = uploadNode('Upload', credential, { __rl: true, mode: 'list', value: 'root' });
	const downloadNode = cyberfileNode('Download', credential, {
		resource: 'file',
		operation: 'download',
		fileId: { __rl: true, mode: 'id', value: '={{ $json.body.fileId }}' },
		binaryPropertyName: 'data',
	});
	// The same transfers by n8n's own HTTP Request node, in the same n8n: what any node pays there.
	const hook = (field) => `={{ $('Hook').item.json.body.${field} }}`;
	const httpUpload = httpUploadNode({ url: hook('url'), token: hook('access_token'), accountId: hook('account_id') });
	const httpDownload = {
		name: 'HTTP',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: { method: 'GET', url: hook('url'), options: { response: { response: { responseFormat: 'file' } } } },
	};
	// The plain node:http client of node-client.mjs, as a node in the same n8n.
	const plainNode = (operation, fields) => ({
		name: 'Plain',
		type: 'CUSTOM.plainHttpTransfer',
		typeVersion: 1,
		parameters: { operation, ...Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, hook(field)])) },
	});
	const workflows = await n8n.importWorkflows([
		chainWorkflow('Bench upload', [readFile, upload], { trigger: webhook('Hook', 'bench-upload') }),
		chainWorkflow('Bench download', [downloadNode], { trigger: webhook('Hook', 'bench-download') }),
		chainWorkflow('Bench HTTP upload', [{ ...readFile }, httpUpload], { trigger: webhook('Hook', 'bench-http-upload') }),
		chainWorkflow('Bench HTTP download', [httpDownload], { trigger: webhook('Hook', 'bench-http-download') }),
		chainWorkflow('Bench plain upload', [{ ...readFile }, plainNode('upload', { url: 'url', accessToken: 'access_token', accountId: 'account_id' })], {
			trigger: webhook('Hook', 'bench-plain-upload'),
		}),
		chainWorkflow('Bench plain download', [plainNode('download', { url: 'url' })], { trigger: webhook('Hook', 'bench-plain-download') }),
	]);
	const [uploadWf, downloadWf, httpUploadWf, httpDownloadWf, plainUploadWf, plainDownloadWf] = workflows;
	for (const id of workflows) await n8n.activate(id);
	log('starting n8n');
	await n8n.start();
	const pid = n8n.server.pid;

	/** One webhook-started execution; the Cyberfile node's time and n8n's memory while it ran. */
	async function throughN8n(workflowId, route, body, nodeName) {
		const before = await n8n.lastExecutionId();
		await flushDisk();
		const sampler = rssSampler(pid);
		await sleep(1000);
		const idleSamples = sampler.samples.map((s) => s.rss);
		resetPeak(pid);
		await postJson(`${n8n.url}/webhook/${route}`, body);
		await sleep(100);
		const wholePeak = procStatus(pid, 'VmHWM');
		sampler.stop();
		const run = await n8n.waitForExecution(workflowId, { afterId: before, timeoutMs: 60_000 });
		const task = run.runData[nodeName]?.[0];
		if (run.status !== 'success' || !task) throw new Error(`n8n run failed: ${run.describe()}`);
		const idle = median(idleSamples);
		return {
			ms: task.executionTime,
			nodePeakOverIdle: sampler.peak(task.startTime, task.startTime + task.executionTime) - idle,
			wholePeakOverIdle: wholePeak - idle,
			idle,
			item: run.items(nodeName)[0],
		};
	}

	const binaryPath = (item) => path.join(binaryDir, item.binary.data.id.replace(/^[^:]+:/, ''));

	log('warm-up run (small file)');
	const warm = await throughN8n(uploadWf, 'bench-upload', { path: smallFile }, 'Upload');
	await throughN8n(downloadWf, 'bench-download', { fileId: warm.item.json.id }, 'Download');

	const login = await api(emulator, 'authorize', { username: other.username, password: other.password });
	const session = { access_token: login.data.access_token, account_id: login.data.account_id };
	const freshUrl = async (fileId) => (await api(emulator, 'file/download', { ...session, file_id: fileId })).data.download_url;
	const out = path.join(tmp, 'downloaded.bin');

	const results = {
		upload: { n8n: [], inN8n: [], http: [], curl: [], node: [] },
		download: { n8n: [], inN8n: [], http: [], curl: [], node: [] },
	};
	/**
	 * One upload and one download through n8n, each checked against the source: `upload` and
	 * `download` are [workflow, webhook route, node name]; `uploadBody`, `uploadedMd5(json)` and
	 * `downloadBody(json)` adapt them to the client. Times and memory go into results[…][key].
	 */
	async function roundTrip(key, label, { upload, uploadBody, uploadedMd5, download, downloadBody }) {
		const [upWorkflow, upRoute, upNode] = upload;
		const [downWorkflow, downRoute, downNode] = download;
		const up = await throughN8n(upWorkflow, upRoute, uploadBody, upNode);
		if (uploadedMd5(up.item.json) !== sourceMd5) throw new Error(`${label} upload: ${JSON.stringify(up.item.json).slice(0, 300)}`);
		results.upload[key].push(up);
		const down = await throughN8n(downWorkflow, downRoute, await downloadBody(up.item.json), downNode);
		if ((await md5sum(binaryPath(down.item))) !== sourceMd5) throw new Error(`${label} download: the stored file differs from the source`);
		results.download[key].push(down);
		await rm(path.join(binaryDir, 'workflows'), { recursive: true, force: true });
	}
	const fromSession = { path: file, url: `${emulator.apiBase}/file/upload`, ...session };

	for (let rep = 1; rep <= REPS; rep++) {
		// The Cyberfile node and the node:http client in n8n take turns going first: memory the
		// allocator kept from an earlier transfer is reused by the next without adding to RSS.
		const cyberfileNodeRuns = async () => {
			log(`rep ${rep}/${REPS}: Cyberfile node upload and download`);
			await roundTrip('n8n', 'Cyberfile node', {
				upload: [uploadWf, 'bench-upload', 'Upload'],
				uploadBody: { path: file },
				uploadedMd5: (json) => json.md5,
				download: [downloadWf, 'bench-download', 'Download'],
				downloadBody: (json) => ({ fileId: json.id }),
			});
		};
		const plainClientRuns = async () => {
			log(`rep ${rep}/${REPS}: node:http client inside n8n, upload and download`);
			await roundTrip('inN8n', 'node:http in n8n', {
				upload: [plainUploadWf, 'bench-plain-upload', 'Plain'],
				uploadBody: fromSession,
				// The MD5 the client worked out, and the one the site computed, must both be the source's.
				uploadedMd5: (json) => (json.md5 === json.hash ? json.md5 : `${json.md5} sent, ${json.hash} stored`),
				download: [plainDownloadWf, 'bench-plain-download', 'Plain'],
				downloadBody: async (json) => ({ url: await freshUrl(json.file_id) }),
			});
		};
		// BENCH_PLAIN_FIRST=1: the node:http client takes the first turn (the first big transfer in a fresh n8n).
		const cyberfileFirst = (rep % 2 === 1) !== (process.env.BENCH_PLAIN_FIRST === '1');
		for (const runs of cyberfileFirst ? [cyberfileNodeRuns, plainClientRuns] : [plainClientRuns, cyberfileNodeRuns]) await runs();

		if (process.env.BENCH_ONLY === 'n8n') continue;
		log(`rep ${rep}/${REPS}: n8n HTTP Request node upload and download`);
		await roundTrip('http', 'HTTP Request node', {
			upload: [httpUploadWf, 'bench-http-upload', 'HTTP'],
			uploadBody: fromSession,
			uploadedMd5: (json) => json.data?.[0]?.hash,
			download: [httpDownloadWf, 'bench-http-download', 'HTTP'],
			downloadBody: async (json) => ({ url: await freshUrl(json.data[0].file_id) }),
		});

		log(`rep ${rep}/${REPS}: curl upload and download`);
		const curlUp = await curl([
			...Object.entries({ ...session, folder_id: '' }).flatMap(([k, v]) => ['-F', `${k}=${v}`]),
			'-F', `upload_file=@${file}`,
			`${emulator.apiBase}/file/upload`,
		]);
		const curlFile = JSON.parse(curlUp.body).data[0];
		if (curlFile.hash !== sourceMd5) throw new Error('curl upload: MD5 differs');
		results.upload.curl.push(curlUp);
		results.download.curl.push(await curl(['-o', out, await freshUrl(curlFile.file_id)]));

		log(`rep ${rep}/${REPS}: node:http upload and download`);
		const nodeUp = await nodeClient('upload', emulator.apiBase, session.access_token, session.account_id, file);
		if (nodeUp.answer.data[0].hash !== sourceMd5) throw new Error('node:http upload: MD5 differs');
		results.upload.node.push(nodeUp);
		results.download.node.push(await nodeClient('download', await freshUrl(nodeUp.answer.data[0].file_id), out));
		if ((await stat(out)).size !== SIZE) throw new Error('node:http download: wrong size');
	}

	const best = (list, key = 'ms') => (list.length ? Math.min(...list.map((r) => r[key])) : NaN);
	const rate = (ms) => `${((SIZE / MiB) / (ms / 1000)).toFixed(0)} MiB/s`;
	const mib = (bytes) => `${(bytes / MiB).toFixed(0)} MiB`;
	const ratio = (a, b) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}x` : 'n/a');
	const rows = [
		['n8n', 'Cyberfile node in n8n'],
		['inN8n', 'node:http client in n8n'],
		['http', 'n8n HTTP Request node'],
		['curl', 'curl'],
		['node', 'node:http client, own process'],
	];
	console.log(`\nCyberfile transfer benchmark: ${mib(SIZE)} file, n8n ${n8n.n8nVersion} (Node 24, filesystem binary mode), best of ${REPS}, ${os.cpus().length} CPUs`);
	for (const [what, r] of Object.entries(results)) {
		console.log(what);
		for (const [key, label] of rows) {
			if (!r[key].length) continue;
			const ms = best(r[key]);
			const inN8n = r[key][0].idle !== undefined;
			const peaks = r[key].map((x) => mib(x.nodePeakOverIdle)).join('/');
			const memory = inN8n ? `   n8n RSS above idle: ${peaks}` : '';
			console.log(`  ${label.padEnd(31)} ${String(Math.round(ms)).padStart(6)} ms ${rate(ms).padStart(10)}   (runs ${r[key].map((x) => Math.round(x.ms)).join('/')} ms)${memory}`);
		}
		const n = best(r.n8n);
		console.log(
			`  Cyberfile node / curl ${ratio(n, best(r.curl))}, / node:http in its own process ${ratio(n, best(r.node))}, / node:http in n8n ${ratio(n, best(r.inN8n))}, / HTTP Request node ${ratio(n, best(r.http))}`,
		);
		console.log(`  node:http in its own process / curl ${ratio(best(r.node), best(r.curl))}; node:http in n8n / in its own process ${ratio(best(r.inN8n), best(r.node))}`);
		console.log(`  Cyberfile node: n8n RSS above idle (idle ${mib(r.n8n[0].idle)}) ${mib(Math.max(...r.n8n.map((x) => x.wholePeakOverIdle)))} over the whole execution`);
	}
} finally {
	await n8n?.stop().catch(() => {});
	await emulator?.close().catch(() => {});
	if (process.env.BENCH_KEEP === '1') log(`kept ${tmp}`);
	else await rm(tmp, { recursive: true, force: true });
}
