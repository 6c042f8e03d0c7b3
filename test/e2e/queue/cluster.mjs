// n8n in queue mode for the queue suite: one main (`n8n start`: webhooks, trigger polls) and N
// workers (`n8n worker`), on the Postgres and Redis that test/e2e/queue/run.sh started (PG_PORT,
// REDIS_PORT), each process with its own user folder holding the packed package, its own ports,
// one encryption key. Executions are read back from Postgres.
//
//   const cluster = await createCluster({ name: 'fs', workers: 2, binaryMode: 'filesystem' });
//   await cluster.main.importCredential(...); await cluster.main.activate(id);  // CLI, same database
//   await cluster.start();                       // main first (it migrates), then the workers
//   await cluster.webhook('path', payload);      // a production webhook → an execution on a worker
//   await cluster.executions(workflowId, afterId); cluster.workerOf(executionId)
//   await cluster.stop();
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { freePort, prepareN8n, stopProcessGroup } from '../n8n.mjs';

const HERE = path.dirname(new URL(import.meta.url).pathname);
export const SCRATCH = process.env.QUEUE_SCRATCH;
export const available = () => Boolean(SCRATCH && process.env.PG_PORT && process.env.REDIS_PORT && process.env.E2E_TARBALL);

/** The address each process's requests carry (X-Forwarded-For), as the emulator logs it. */
export const tagOf = (role) => (role === 'main' ? '10.99.0.1' : `10.99.1.${role}`);
export const roleOfIp = (ip) => (ip === '10.99.0.1' ? 'main' : ip?.startsWith('10.99.1.') ? `worker ${ip.split('.')[3]}` : ip);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let pgModule;
async function pg() {
	if (!pgModule) {
		const { CACHE, VERSIONS } = await import('../n8n.mjs');
		const installDir = path.join(CACHE, `n8n-${VERSIONS.v2.n8n}`);
		pgModule = createRequire(path.join(installDir, 'node_modules/n8n/package.json'))('pg');
	}
	return pgModule;
}

/** A new, empty database on the suite's Postgres; returns a pg Pool on it. */
async function createDatabase(name) {
	const { Client, Pool } = await pg();
	const admin = new Client({ host: '127.0.0.1', port: Number(process.env.PG_PORT), user: 'postgres', database: 'postgres' });
	await admin.connect();
	await admin.query(`DROP DATABASE IF EXISTS ${name}`);
	await admin.query(`CREATE DATABASE ${name}`);
	await admin.end();
	return new Pool({ host: '127.0.0.1', port: Number(process.env.PG_PORT), user: 'postgres', database: name, max: 4 });
}

class WorkerProcess {
	constructor(n8n, index, concurrency) {
		Object.assign(this, { n8n, index, concurrency, child: null });
		this.logFile = path.join(n8n.userFolder, 'n8n-worker.log');
	}

	async start({ timeoutMs = 120_000 } = {}) {
		const log = createWriteStream(this.logFile, { flags: 'a' });
		const child = spawn(this.n8n.nodeBin, [this.n8n.bin, 'worker', `--concurrency=${this.concurrency}`], {
			cwd: this.n8n.userFolder,
			env: this.n8n.env,
			detached: true,
		});
		this.child = child;
		await appendFile(path.join(SCRATCH, 'n8n.pids'), `${child.pid}\n`);
		child.stdout.pipe(log, { end: false });
		child.stderr.pipe(log, { end: false });
		child.on('exit', () => log.end());
		let seen = '';
		await new Promise((resolve, reject) => {
			const timer = setTimeout(() => done(new Error(`worker ${this.index}: not ready after ${timeoutMs} ms`)), timeoutMs);
			const watch = (d) => {
				seen = (seen + d).slice(-20000);
				if (/worker is now ready/i.test(seen)) done();
			};
			const onExit = (code, signal) => done(new Error(`worker ${this.index} exited (${code ?? signal}):\n${seen.slice(-3000)}`));
			function done(error) {
				clearTimeout(timer);
				child.stdout.off('data', watch);
				child.stderr.off('data', watch);
				child.off('exit', onExit);
				if (error) reject(error);
				else resolve();
			}
			child.stdout.on('data', watch);
			child.stderr.on('data', watch);
			child.on('exit', onExit);
		});
	}

	/** SIGKILL (a crash) or SIGTERM (a graceful stop) of the worker's process group. */
	async stop({ signal = 'SIGTERM', timeoutMs = 20_000 } = {}) {
		const child = this.child;
		this.child = null;
		await stopProcessGroup(child, { signal, timeoutMs });
	}

	async readLog() {
		return existsSync(this.logFile) ? readFile(this.logFile, 'utf8') : '';
	}
}

/**
 * Prepares a main and `workers` workers on a new database `name`. `binaryMode`: 'filesystem' (one
 * storage path shared by every process) or 'database'; `env`: extra environment for every process.
 */
export async function createCluster({ name, workers = 2, concurrency = 10, binaryMode = 'filesystem', env = {} }) {
	const db = `q_${name}`;
	const pool = await createDatabase(db);
	const root = path.join(SCRATCH, name);
	const storage = path.join(root, 'shared-storage');
	await mkdir(storage, { recursive: true });
	const redisPrefix = `bull_${name}`;
	const common = {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: process.env.PG_PORT,
		DB_POSTGRESDB_DATABASE: db,
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: process.env.REDIS_PORT,
		QUEUE_BULL_PREFIX: redisPrefix,
		N8N_DEFAULT_BINARY_DATA_MODE: binaryMode,
		N8N_BINARY_DATA_STORAGE_PATH: storage,
		N8N_STORAGE_PATH: storage,
		N8N_LOG_LEVEL: 'info',
		N8N_RUNNERS_ENABLED: 'true',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		// A dead worker's job is seen stalled within seconds (n8n: 30 s lock, 30 s checks).
		QUEUE_WORKER_LOCK_DURATION: '10000',
		QUEUE_WORKER_LOCK_RENEW_TIME: '3000',
		QUEUE_WORKER_STALLED_INTERVAL: '5000',
		NODE_OPTIONS: `--require ${path.join(HERE, 'tag-requests.cjs')}`,
		...env,
	};
	const tarball = process.env.E2E_TARBALL;
	const main = await prepareN8n({ version: 'v2', tarball, workdir: path.join(root, 'main'), env: { ...common, QUEUE_PROCESS_TAG: tagOf('main') } });
	const pool_ = [];
	for (let k = 1; k <= workers; k++) {
		const n8n = await prepareN8n({ version: 'v2', tarball, workdir: path.join(root, `worker${k}`), env: { ...common, QUEUE_PROCESS_TAG: tagOf(k) } });
		pool_.push(new WorkerProcess(n8n, k, concurrency));
	}
	return new Cluster({ name, main, workers: pool_, pool, storage, common, concurrency });
}

class Cluster {
	constructor(fields) {
		Object.assign(this, fields);
	}

	/** The main (it migrates the database, then activates published workflows), then every worker. */
	async start() {
		await this.startMain();
		await Promise.all(this.workers.map((w) => w.start()));
	}

	async startMain() {
		await this.main.start();
		await appendFile(path.join(SCRATCH, 'n8n.pids'), `${this.main.server.pid}\n`);
	}

	async stop() {
		await Promise.all([...this.workers.map((w) => w.stop()), this.main.stop()]);
	}

	/** Adds a worker (a user folder of its own, the package installed) and starts it. */
	async addWorker() {
		const k = this.workers.length + 1;
		const n8n = await prepareN8n({
			version: 'v2',
			tarball: process.env.E2E_TARBALL,
			workdir: path.join(SCRATCH, this.name, `worker${k}`),
			env: { ...this.common, QUEUE_PROCESS_TAG: tagOf(k) },
		});
		const worker = new WorkerProcess(n8n, k, this.concurrency);
		this.workers.push(worker);
		await worker.start();
		return worker;
	}

	async close() {
		await this.stop();
		await this.pool.end();
	}

	async query(sql, params = []) {
		return (await this.pool.query(sql, params)).rows;
	}

	async lastExecutionId() {
		const [row] = await this.query('SELECT COALESCE(MAX(id), 0) AS id FROM execution_entity');
		return Number(row.id);
	}

	/** Executions of a workflow with id above `afterId`: `{ id, status, finished, mode, data }` (data parsed). */
	async executions(workflowId, afterId = 0, { withData = true } = {}) {
		const rows = await this.query(
			`SELECT e.id, e.status, e.finished, e.mode${withData ? ', d.data' : ''} FROM execution_entity e
			 ${withData ? 'LEFT JOIN execution_data d ON d."executionId" = e.id' : ''}
			 WHERE e."workflowId" = $1 AND e.id > $2 ORDER BY e.id`,
			[workflowId, afterId],
		);
		return rows.map((row) => ({ ...row, id: Number(row.id), data: row.data ? this.main.flatted.parse(row.data) : null }));
	}

	/** Waits until `count` executions of a workflow above `afterId` are finished (any status but running). */
	async waitForExecutions(workflowId, count, { afterId = 0, timeoutMs = 120_000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const all = await this.executions(workflowId, afterId, { withData: false });
			const done = all.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
			if (done.length >= count) return await this.executions(workflowId, afterId);
			if (Date.now() > deadline) throw new Error(`${done.length}/${count} executions of ${workflowId} finished within ${timeoutMs} ms`);
			await sleep(500);
		}
	}

	/** Which worker ran each execution, from the workers' logs ("Worker started execution N"). */
	async workerOf() {
		const map = new Map();
		for (const worker of this.workers) {
			const log = await worker.readLog();
			for (const m of log.matchAll(/started execution (\d+)/gi)) map.set(Number(m[1]), worker.index);
		}
		return map;
	}

	/** POSTs JSON to a production webhook of the main; `{ status, body }`. */
	webhook(webhookPath, payload) {
		return this.main.webhook(webhookPath, payload);
	}

	/** Waits until a published workflow's webhook answers (not 404 "not registered"). */
	async waitForWebhook(webhookPath, payload, { timeoutMs = 60_000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const answer = await this.webhook(webhookPath, payload).catch((error) => ({ status: 0, text: error.message }));
			if (answer.status !== 404 && answer.status !== 0) return answer;
			if (Date.now() > deadline) throw new Error(`webhook ${webhookPath} not registered: ${answer.status} ${answer.text}`);
			await sleep(500);
		}
	}

	async freePort() {
		return freePort();
	}
}
