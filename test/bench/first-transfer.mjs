// Benchmark (prints figures, asserts nothing): the first big transfer in a FRESH n8n process.
// For each n8n version (BENCH_FIRST_N8N_OLD, default 2.40.7, and the suite's 2.x, both on the
// same Node 24 binary), every measurement is one `n8n execute --id <workflow>`, a process of its
// own whose first big transfer is a 1 GiB download (filesystem binary mode) by: the Cyberfile node
// (File › Download), n8n's HTTP Request node (file response), and the plain node:http client as a
// node inside n8n (reference-node/); next to curl and node:http in a process of their own (its
// RSS when it started and its VmHWM at the end); and, as the control, the Cyberfile node's second
// download of the file within one execute.
// Per version and client it prints: the node's time (best, and every run), and how much the
// transfer raised n8n's memory: RSS polled every 10 ms from /proc of the execute process, the peak
// while the node ran minus the RSS just before it started; and VmHWM at the end minus that RSS.
//   BENCH_BYTES (default 1 GiB), BENCH_FIRST_REPS (default 2), BENCH_KEEP=1 keeps the temp dir
//   (with every execute's output, first-<version>-<client>-<rep>.log).
//   BENCH_FIRST_N8N_OLD: the older 2.x release to compare (run.sh installs it when missing);
//   BENCH_FIRST_VERSIONS=2.41.1 (a comma list) runs only those versions.
//   BENCH_FIRST_CLIENTS=cyberfile,http,plain,twice,curl,node (default all): which clients; `twice`
//   is the control: two Cyberfile downloads of the file in one execute, measured on the second
//   (the same process, no longer fresh).
//   For profiling: BENCH_FIRST_NODE_ARGS (flags for the Node running `n8n execute`, e.g.
//   "--trace-gc": the printout then counts the collections during the node's run) and
//   BENCH_FIRST_ENV ("NAME=value NAME2=value": extra environment for n8n, e.g. MALLOC_ARENA_MAX=2).
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_ACCOUNTS } from '../emulator/config.mjs';
import { api, flushDisk, md5sum, prepareBenchN8n, procStatus, sleep, startBenchEmulator } from './common.mjs';
import { VERSIONS, freePort, stopProcessGroup } from '../e2e/n8n.mjs';
import { chainWorkflow, cyberfileNode } from '../e2e/workflow.mjs';

const execFileP = promisify(execFile);
const HERE = path.dirname(new URL(import.meta.url).pathname);
const SIZE = Number(process.env.BENCH_BYTES || 1024 ** 3);
const REPS = Number(process.env.BENCH_FIRST_REPS || 2);
const OLD = process.env.BENCH_FIRST_N8N_OLD || '2.40.7';
const VERSION_LIST = (process.env.BENCH_FIRST_VERSIONS || `${OLD},${VERSIONS.v2.n8n}`).split(',').filter(Boolean);
const CLIENTS = (process.env.BENCH_FIRST_CLIENTS || 'cyberfile,http,plain,twice,curl,node').split(',');
const NODE_ARGS = (process.env.BENCH_FIRST_NODE_ARGS ?? '').split(' ').filter(Boolean);
const EXTRA_ENV = Object.fromEntries(
	(process.env.BENCH_FIRST_ENV ?? '')
		.split(' ')
		.filter(Boolean)
		.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
);
const NODE24 = VERSIONS.v2.node;
const MiB = 1024 * 1024;

const log = (text) => process.stderr.write(`[bench first] ${text}\n`);

/** VmRSS and VmHWM of a process (bytes), or null once it is gone. */
function memoryOf(pid) {
	try {
		const rss = procStatus(pid, 'VmRSS'); // NaN for a process that has exited but not been reaped
		return Number.isFinite(rss) ? { rss, hwm: procStatus(pid, 'VmHWM') } : null;
	} catch {
		return null;
	}
}

/** `n8n execute --id` in a process of its own, its RSS and VmHWM polled every 10 ms: { code, samples }. */
async function executeSampled(n8n, workflowId, logFile) {
	const env = { ...n8n.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
	const child = spawn(n8n.nodeBin, [...NODE_ARGS, n8n.bin, 'execute', `--id=${workflowId}`], {
		cwd: n8n.userFolder,
		env,
		detached: true,
	});
	const out = createWriteStream(logFile);
	child.stdout.pipe(out, { end: false });
	child.stderr.pipe(out, { end: false });
	const samples = [];
	const take = () => {
		const memory = memoryOf(child.pid);
		if (memory) samples.push({ t: Date.now(), ...memory });
	};
	const timer = setInterval(take, 10);
	// BENCH_FIRST_SMAPS=1: where the memory is, every 250 ms: RSS per mapping of /proc/<pid>/smaps.
	const smaps = [];
	const smapsTimer = process.env.BENCH_FIRST_SMAPS === '1' ? setInterval(() => {
		let text;
		try {
			text = readFileSync(`/proc/${child.pid}/smaps`, 'utf8');
		} catch {
			return;
		}
		const maps = {};
		let key;
		for (const line of text.split('\n')) {
			const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
			if (head) key = `${head[1]} ${((parseInt(head[2], 16) - parseInt(head[1], 16)) / 1024).toFixed(0)}k ${head[3] || 'anon'}`;
			else if (line.startsWith('Rss:')) maps[key] = Number(/(\d+)/.exec(line)[1]);
		}
		smaps.push({ t: Date.now(), maps });
	}, 250) : undefined;
	const killer = setTimeout(() => void stopProcessGroup(child, { signal: 'SIGKILL' }), 300_000);
	const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? signal)));
	clearInterval(timer);
	clearInterval(smapsTimer);
	clearTimeout(killer);
	await new Promise((resolve) => out.end(resolve));
	return { code, samples, smaps };
}

async function curlDownload(url, out) {
	await flushDisk();
	const { stdout } = await execFileP('curl', ['-sS', '--fail', '-o', out, '-w', '%{time_total}', url]);
	return { ms: Number(stdout.trim()) * 1000 };
}

async function nodeDownload(url, out) {
	await flushDisk();
	const { stdout } = await execFileP(NODE24, [path.join(HERE, 'node-client.mjs'), 'download', url, out]);
	return JSON.parse(stdout);
}

/** Every file below `dir` (recursively). */
async function filesBelow(dir) {
	const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
	return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath ?? e.path, e.name));
}

// ---------------------------------------------------------------- the run

const tmp = await mkdtemp(path.join(os.tmpdir(), 'cyberfile-bench-first-'));
const file = path.join(tmp, 'bench.bin');
const out = path.join(tmp, 'downloaded.bin');
let emulator;
const results = [];
try {
	log(`creating a ${SIZE} byte file in ${tmp}`);
	await execFileP('bash', ['-c', `head -c ${SIZE} /dev/urandom > '${file}'`]);
	const sourceMd5 = await md5sum(file);
	emulator = await startBenchEmulator(tmp);

	// The file belongs to the account the node logs in as; its download URL (valid for 24 h,
	// reusable, no session needed) is what the other clients fetch.
	const [demo] = DEFAULT_ACCOUNTS;
	const login = await api(emulator, 'authorize', { username: demo.username, password: demo.password });
	const session = { access_token: login.data.access_token, account_id: login.data.account_id };
	const { stdout: uploaded } = await execFileP('curl', [
		'-sS', '--fail',
		...Object.entries({ ...session, folder_id: '' }).flatMap(([k, v]) => ['-F', `${k}=${v}`]),
		'-F', `upload_file=@${file}`,
		`${emulator.apiBase}/file/upload`,
	]);
	const fileId = JSON.parse(uploaded).data[0].file_id;
	const url = (await api(emulator, 'file/download', { ...session, file_id: fileId })).data.download_url;

	for (const version of VERSION_LIST) {
		log(`n8n ${version}: preparing a user folder`);
		const { n8n, binaryDir } = await prepareBenchN8n(tmp, {
			n8nVersion: version,
			env: { N8N_CUSTOM_EXTENSIONS: path.join(HERE, 'reference-node'), ...EXTRA_ENV },
		});
		const credential = await n8n.importCredential({
			name: 'Cyberfile bench',
			type: 'cyberfileApi',
			data: { baseUrl: emulator.apiBase, authMethod: 'accountDetails', username: demo.username, password: demo.password },
		});
		const nodes = {
			cyberfile: cyberfileNode('Download', credential, {
				resource: 'file',
				operation: 'download',
				fileId: { __rl: true, mode: 'id', value: fileId },
				binaryPropertyName: 'data',
			}),
			http: {
				name: 'Download',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: { method: 'GET', url, options: { response: { response: { responseFormat: 'file' } } } },
			},
			plain: { name: 'Download', type: 'CUSTOM.plainHttpTransfer', typeVersion: 1, parameters: { operation: 'download', url } },
		};
		// The control: the same download twice in one process, measured on the second.
		const chains = { cyberfile: [nodes.cyberfile], http: [nodes.http], plain: [nodes.plain], twice: [nodes.cyberfile, { ...nodes.cyberfile, name: 'Download 2' }] };
		const inN8n = Object.keys(chains).filter((client) => CLIENTS.includes(client));
		const ids = await n8n.importWorkflows(inN8n.map((client) => chainWorkflow(`First ${client}`, structuredClone(chains[client]))));
		const workflowOf = Object.fromEntries(inN8n.map((client, i) => [client, ids[i]]));

		// One untimed run first: n8n logs in and stores the session, and n8n's own files are in
		// the page cache for every timed process alike.
		if (workflowOf.cyberfile) {
			const warm = await n8n.execute(workflowOf.cyberfile, { timeoutMs: 300_000 });
			if (warm.status !== 'success') throw new Error(`n8n ${version} warm-up: ${warm.describe()}`);
			await rm(path.join(binaryDir, 'workflows'), { recursive: true, force: true });
		}

		for (let rep = 1; rep <= REPS; rep++) {
			for (const client of CLIENTS) {
				if (workflowOf[client]) {
					log(`n8n ${version}, rep ${rep}/${REPS}: ${client} in a fresh n8n execute`);
					await flushDisk();
					const before = await n8n.lastExecutionId();
					const logFile = path.join(tmp, `first-${version}-${client}-${rep}.log`);
					const { code, samples, smaps } = await executeSampled(n8n, workflowOf[client], logFile);
					const [run] = (await n8n.executions(workflowOf[client], before)).slice(-1);
					const measured = client === 'twice' ? 'Download 2' : 'Download';
					const task = run?.runData[measured]?.[0];
					if (!run || run.status !== 'success' || !task) {
						throw new Error(`n8n ${version} ${client}: ${run ? run.describe() : `no execution saved (exit ${code})`}\n${(await readFile(logFile, 'utf8')).slice(-3000)}`);
					}
					const start = task.startTime;
					const end = task.startTime + task.executionTime;
					const beforeNode = samples.filter((s) => s.t < start).at(-1);
					const during = samples.filter((s) => s.t >= start && s.t <= end);
					const last = samples.at(-1);
					const stored = (await filesBelow(binaryDir)).filter((f) => !f.endsWith('.metadata'));
					const sizes = await Promise.all(stored.map(async (f) => (await stat(f)).size));
					const storedFiles = stored.filter((f, i) => sizes[i] === SIZE);
					if (storedFiles.length !== chains[client].length) throw new Error(`n8n ${version} ${client}: ${storedFiles.length} files of ${SIZE} bytes stored`);
					for (const f of storedFiles) if ((await md5sum(f)) !== sourceMd5) throw new Error(`n8n ${version} ${client}: the stored file differs from the source`);
					let gcs;
					if (NODE_ARGS.includes('--trace-gc')) {
						// --trace-gc lines start with [pid:address:gcCount] <ms since start>: count those in the node's run.
						const text = await readFile(logFile, 'utf8');
						const processStart = samples[0].t;
						gcs = { scavenge: 0, markCompact: 0 };
						for (const match of text.matchAll(/^\[\d+:0x[0-9a-f]+(?::\d+)?\]\s+(\d+) ms: (Scavenge|Mark-Compact|Mark-sweep|Minor Mark-Sweep)/gim)) {
							const t = processStart + Number(match[1]);
							if (t < start || t > end) continue;
							if (/^Scavenge|^Minor/i.test(match[2])) gcs.scavenge++;
							else gcs.markCompact++;
						}
					}
					results.push({
						version,
						client,
						rep,
						ms: task.executionTime,
						before: beforeNode?.rss ?? NaN,
						raised: Math.max(...during.map((s) => s.rss)) - (beforeNode?.rss ?? NaN),
						// The second download's process already has the first one's peak in VmHWM: how much it grew.
						hwmRaised: (last?.hwm ?? NaN) - (client === 'twice' ? (beforeNode?.hwm ?? NaN) : (beforeNode?.rss ?? NaN)),
						hwmBefore: beforeNode?.hwm ?? NaN,
						exit: code,
						gcs,
					});
					if (process.env.BENCH_KEEP === '1') {
						// The memory timeline, ms from the node's start: for a closer look at a kept run.
						if (smaps.length) await writeFile(logFile.replace(/\.log$/, '.smaps.json'), JSON.stringify(smaps.map((m) => ({ ...m, t: m.t - start }))));
						await writeFile(logFile.replace(/\.log$/, '.rss.tsv'), samples.map((s) => `${s.t - start}\t${(s.rss / MiB).toFixed(1)}\t${(s.hwm / MiB).toFixed(1)}`).join('\n'));
					}
					await rm(path.join(binaryDir, 'workflows'), { recursive: true, force: true });
				} else if (client === 'curl' || client === 'node') {
					log(`n8n ${version}, rep ${rep}/${REPS}: ${client} in its own process`);
					const { ms, rssBefore, hwm } = client === 'curl' ? await curlDownload(url, out) : await nodeDownload(url, out);
					if ((await stat(out)).size !== SIZE) throw new Error(`${client} download: wrong size`);
					await rm(out, { force: true });
					results.push({ version, client, rep, ms, ...(client === 'node' ? { before: rssBefore, hwmRaised: hwm - rssBefore } : {}) });
				}
				await sleep(500);
			}
		}
	}

	const mib = (bytes) => (Number.isFinite(bytes) ? `${(bytes / MiB).toFixed(0)}` : '?');
	const labels = {
		cyberfile: 'Cyberfile node',
		http: 'n8n HTTP Request node',
		plain: 'node:http client in n8n',
		twice: 'Cyberfile node, 2nd',
		curl: 'curl',
		node: 'node:http, own process',
	};
	console.log(
		`\nFirst ${(SIZE / MiB).toFixed(0)} MiB download in a fresh n8n process (n8n execute, filesystem binary mode, Node ${(await execFileP(NODE24, ['-v'])).stdout.trim()}), best of ${REPS}, ${os.cpus().length} CPUs`,
	);
	console.log('  memory (MiB, every run): n8n RSS before the node started; raised = peak RSS while the node ran minus that; VmHWM at the end minus that');
	console.log('  (Cyberfile node, 2nd: the second of two downloads in one execute, VmHWM−before = how much VmHWM grew in it; node:http, own process: its VmHWM minus its RSS at the start)');
	for (const version of VERSION_LIST) {
		console.log(`n8n ${version}${NODE_ARGS.length ? ` (node ${NODE_ARGS.join(' ')})` : ''}${Object.keys(EXTRA_ENV).length ? ` (${process.env.BENCH_FIRST_ENV})` : ''}`);
		for (const client of CLIENTS) {
			const runs = results.filter((r) => r.version === version && r.client === client);
			if (!runs.length) continue;
			const best = Math.min(...runs.map((r) => r.ms));
			const times = runs.map((r) => (r.ms / 1000).toFixed(1)).join('/');
			const memory = runs[0].before === undefined
				? ''
				: runs[0].raised === undefined
					? `   before ${runs.map((r) => mib(r.before)).join('/')}, VmHWM−before ${runs.map((r) => mib(r.hwmRaised)).join('/')}`
					: `   before ${runs.map((r) => mib(r.before)).join('/')}, raised ${runs.map((r) => mib(r.raised)).join('/')}, VmHWM−before ${runs.map((r) => mib(r.hwmRaised)).join('/')}` +
					(runs[0].gcs ? `, GCs in the run (scavenge/mark-compact) ${runs.map((r) => `${r.gcs.scavenge}/${r.gcs.markCompact}`).join(' ')}` : '');
			console.log(`  ${labels[client].padEnd(24)} ${(best / 1000).toFixed(1).padStart(6)} s  (runs ${times} s)${memory}`);
		}
	}
} finally {
	await emulator?.close().catch(() => {});
	if (process.env.BENCH_KEEP === '1') log(`kept ${tmp}`);
	else await rm(tmp, { recursive: true, force: true });
}
