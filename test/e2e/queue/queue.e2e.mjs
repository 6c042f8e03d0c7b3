// Queue mode, proven: a main and workers (n8n 2.x), Postgres, Redis, the packed package in every
// process, executions through production webhooks of published workflows (see cluster.mjs).
// Every case asserts from the emulator's request log (which process logged in: cluster.mjs tags
// each process's requests) and from Postgres's execution_entity table.
// Run by test/e2e/queue/run.sh (`npm run test:queue`), which starts Postgres and Redis.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { DEFAULT_ACCOUNTS } from '../../emulator/index.mjs';
import { startEmulatorProcess, waitForBaselines } from '../harness.mjs';
import { chainWorkflow, cyberfileNode, readFileNode, uploadNode, webhookNode } from '../workflow.mjs';
import { SCRATCH, available, createCluster, roleOfIp } from './cluster.mjs';

const skip = available() ? false : 'run through test/e2e/queue/run.sh (needs Postgres, Redis and the packed package)';
const ROUNDS = Number(process.env.QUEUE_BURST_ROUNDS || 10);
const SOAK_SECONDS = Number(process.env.QUEUE_SOAK_SECONDS || 120);
const BURST = 20;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const md5 = (buffer) => createHash('md5').update(buffer).digest('hex');

let emulator;
let cluster;
let credential;
/** The folder the trigger watches. */
let watched;
const wf = {};
const sourceDir = SCRATCH ? path.join(SCRATCH, 'source') : '';
/** Figures for the summary printed at the end (README "Running at scale"). */
const figures = [];
const note = (line) => {
	figures.push(line);
	console.log(`[queue] ${line}`);
};

const hook = (route) => webhookNode('Hook', route, { responseData: 'allEntries' });

function workflows() {
	const info = cyberfileNode('Info', credential, { resource: 'account', operation: 'getInfo' });
	const read = readFileNode('Read', '={{ $json.body.path }}');
	const upload = uploadNode('Upload', credential, { __rl: true, mode: 'id', value: "={{ $('Hook').item.json.body.folderId || 'root' }}" }, {
		fileName: "={{ $('Hook').item.json.body.name }}",
	});
	const download = cyberfileNode('Download', credential, {
		resource: 'file',
		operation: 'download',
		fileId: { __rl: true, mode: 'id', value: '={{ $json.body.fileId }}' },
		binaryPropertyName: 'data',
	});
	const hash = {
		name: 'Hash',
		type: 'n8n-nodes-base.crypto',
		typeVersion: 1,
		parameters: { action: 'hash', type: 'MD5', binaryData: true, binaryPropertyName: 'data', dataPropertyName: 'downloadedMd5' },
	};
	const trigger = {
		name: 'New file',
		type: 'n8n-nodes-cyberfile.cyberfileTrigger',
		typeVersion: 1,
		parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'fileCreated', folderId: { __rl: true, mode: 'id', value: watched.id } },
		credentials: { cyberfileApi: { id: credential.id, name: credential.name } },
	};
	return {
		info: chainWorkflow('Queue info', [info], { trigger: hook('q-info') }),
		upload: chainWorkflow('Queue upload', [read, upload], { trigger: hook('q-upload') }),
		download: chainWorkflow('Queue download', [download, hash], { trigger: hook('q-download') }),
		trigger: chainWorkflow('Queue trigger', [{ name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} }], { trigger }),
	};
}

before(async () => {
	if (skip) return;
	emulator = await startEmulatorProcess();
	watched = await emulator.control.addFolder({ name: 'Watched by the queue trigger' });
	await mkdir(sourceDir, { recursive: true });
	cluster = await createCluster({ name: 'main', workers: 2, binaryMode: 'filesystem', env: { N8N_RESTRICT_FILE_ACCESS_TO: sourceDir } });
	const [demo] = DEFAULT_ACCOUNTS;
	credential = await cluster.main.importCredential({
		name: 'Cyberfile queue',
		type: 'cyberfileApi',
		data: { baseUrl: emulator.apiBase, authMethod: 'accountDetails', username: demo.username, password: demo.password },
	});
	const all = workflows();
	const ids = await cluster.main.importWorkflows(Object.values(all));
	Object.keys(all).forEach((key, i) => (wf[key] = ids[i]));
	for (const key of ['info', 'upload', 'download']) await cluster.main.activate(wf[key]);
	await cluster.start();
	await cluster.waitForWebhook('q-info', {});
});

after(async () => {
	if (skip) return;
	await cluster?.close().catch((error) => console.error(`[queue] stopping n8n: ${error.message}`));
	await emulator?.close();
	if (figures.length) console.log(`[queue] figures:\n${figures.map((f) => `  ${f}`).join('\n')}`);
});

/** `/authorize` calls in the log since it was last cleared, per n8n process. */
async function loginsByProcess() {
	const byProcess = {};
	for (const entry of await emulator.log()) {
		if (entry.endpoint !== 'authorize') continue;
		const role = roleOfIp(entry.ip);
		byProcess[role] = (byProcess[role] ?? 0) + 1;
	}
	return byProcess;
}

/**
 * One burst: the token dies, then `BURST` webhook executions at once. With `holdBack`, the
 * emulator holds the first answers back so that every worker meets the dead token together.
 */
async function burstRound({ holdBack }) {
	await emulator.control.clearLog();
	await emulator.control.expireTokens();
	if (holdBack) {
		await emulator.control.addFault({ endpoint: 'account/info', type: 'delay', ms: 800, times: 8 });
		// And a slow login: a process that looks again a moment later does not find the new token yet.
		await emulator.control.addFault({ endpoint: 'authorize', type: 'delay', ms: 800, times: 4 });
	}
	const before = await cluster.lastExecutionId();
	const answers = await Promise.all(Array.from({ length: BURST }, () => cluster.webhook('q-info', {})));
	await emulator.control.clearFaults();
	const executions = await cluster.waitForExecutions(wf.info, BURST, { afterId: before });
	const failed = executions.filter((e) => e.status !== 'success');
	const badAnswers = answers.filter((a) => a.status !== 200 || a.body?.[0]?.username !== 'demo');
	const logins = await loginsByProcess();
	const workers = await cluster.workerOf();
	const spread = {};
	for (const e of executions) spread[workers.get(e.id) ?? '?'] = (spread[workers.get(e.id) ?? '?'] ?? 0) + 1;
	return { failed: failed.length, badAnswers: badAnswers.length, logins, total: Object.values(logins).reduce((a, b) => a + b, 0), spread, executions: executions.length };
}

async function burstCase(label) {
	const rounds = [];
	for (let r = 0; r < ROUNDS; r++) rounds.push(await burstRound({ holdBack: r % 2 === 1 }));
	const totals = rounds.map((r) => r.total);
	const worst = Math.max(...rounds.flatMap((r) => Object.values(r.logins)));
	note(
		`${label}: ${ROUNDS} rounds × ${BURST} executions after a token expiry (every 2nd with answers and the login held back): ` +
			`${rounds.reduce((a, r) => a + r.failed + r.badAnswers, 0)} failed, /authorize per round ${totals.join(' ')}, ` +
			`at most ${worst} per process; spread over workers ${rounds.map((r) => JSON.stringify(r.spread)).join(' ')}`,
	);
	for (const [i, r] of rounds.entries()) {
		assert.equal(r.executions, BURST, `round ${i}: executions saved`);
		assert.equal(r.failed, 0, `round ${i}: failed executions`);
		assert.equal(r.badAnswers, 0, `round ${i}: wrong webhook answers`);
		for (const [role, n] of Object.entries(r.logins)) assert.ok(n <= 1, `round ${i}: ${role} logged in ${n} times (${JSON.stringify(r.logins)})`);
	}
	return rounds;
}

test('burst: 20 executions at once after a token expiry, 2 workers: 0 failed, at most one login per process per round', { skip, timeout: 900_000 }, async () => {
	await burstCase('burst, 2 workers');
});

/** Writes `size` random bytes as a source file the upload workflow reads; returns { path, md5, bytes }. */
async function sourceFile(name, size) {
	const bytes = randomBytes(size);
	const file = path.join(sourceDir, name);
	await writeFile(file, bytes);
	return { path: file, md5: md5(bytes), bytes };
}

async function uploadViaWebhook(name, size) {
	const source = await sourceFile(name, size);
	const before = await cluster.lastExecutionId();
	const answer = await cluster.webhook('q-upload', { path: source.path, name });
	const [execution] = await cluster.waitForExecutions(wf.upload, 1, { afterId: before });
	return { source, answer, execution, worker: (await cluster.workerOf()).get(execution.id) };
}

/** Downloads a file through webhooks until one ran on a worker other than `notOn` (at most 6 tries at once). */
async function downloadOnOtherWorker(fileId, notOn) {
	for (let attempt = 0; attempt < 5; attempt++) {
		const before = await cluster.lastExecutionId();
		const answers = await Promise.all(Array.from({ length: 4 }, () => cluster.webhook('q-download', { fileId })));
		const executions = await cluster.waitForExecutions(wf.download, 4, { afterId: before });
		const workers = await cluster.workerOf();
		const other = executions.findIndex((e) => workers.get(e.id) !== notOn);
		if (other >= 0) return { answer: answers[other], execution: executions[other], worker: workers.get(executions[other].id), answers, executions };
	}
	throw new Error(`no download ran on a worker other than ${notOn}`);
}

async function crossWorkerTransfer(mode) {
	const size = 5 * 1024 * 1024;
	const up = await uploadViaWebhook(`cross-${mode}.bin`, size);
	assert.equal(up.execution.status, 'success', `upload execution ${up.execution.id}: ${up.answer.text}`);
	const uploaded = up.answer.body[0];
	assert.equal(uploaded.md5, up.source.md5, 'the md5 the site computed');
	const down = await downloadOnOtherWorker(uploaded.id, up.worker);
	for (const answer of down.answers) assert.equal(answer.body?.[0]?.downloadedMd5, up.source.md5, `download answer ${answer.text.slice(0, 300)}`);
	note(`binary ${mode}: ${size} bytes uploaded on worker ${up.worker}, downloaded on worker ${down.worker}: identical MD5 ${up.source.md5} (${down.answers.length} downloads compared)`);
}

test('binary data, filesystem mode (one shared storage path): upload on one worker, download on another, identical bytes', { skip, timeout: 300_000 }, async () => {
	await crossWorkerTransfer('filesystem');
});

test('soak: steady calls for a few minutes with token expiries: 0 failed, logins per expiry', { skip, timeout: 900_000 }, async () => {
	await emulator.control.clearLog();
	const before = await cluster.lastExecutionId();
	const started = Date.now();
	const answers = [];
	let expiries = 0;
	const inFlight = [];
	let nextExpiry = started + 30_000;
	while (Date.now() - started < SOAK_SECONDS * 1000) {
		inFlight.push(cluster.webhook('q-info', {}).then((a) => answers.push(a)));
		if (Date.now() >= nextExpiry) {
			await emulator.control.expireTokens();
			expiries++;
			nextExpiry += 30_000;
		}
		await sleep(500);
	}
	await Promise.all(inFlight);
	const executions = await cluster.waitForExecutions(wf.info, answers.length, { afterId: before, timeoutMs: 180_000 });
	const failed = executions.filter((e) => e.status !== 'success').length + answers.filter((a) => a.status !== 200).length;
	const logins = await loginsByProcess();
	const total = Object.values(logins).reduce((a, b) => a + b, 0);
	note(`soak: ${SOAK_SECONDS} s, ${answers.length} executions (2 a second), ${expiries} token expiries: ${failed} failed, ${total} logins (${(total / Math.max(expiries, 1)).toFixed(2)} per expiry) ${JSON.stringify(logins)}`);
	assert.equal(failed, 0);
	assert.ok(total <= expiries, `${total} logins for ${expiries} expiries`);
});

/** Trigger executions (mode 'trigger') above `afterId`, with the file ids each emitted. */
async function triggerRuns(afterId) {
	const runs = await cluster.executions(wf.trigger, afterId);
	const workers = await cluster.workerOf();
	return runs.map((e) => ({
		id: e.id,
		status: e.status,
		worker: workers.get(e.id),
		files: (e.data?.resultData?.runData?.['New file']?.[0]?.data?.main?.[0] ?? []).map((item) => String(item.json.id)),
	}));
}

async function waitForTriggerRuns(afterId, count, timeoutMs = 150_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const runs = (await triggerRuns(afterId)).filter((r) => !['new', 'running', 'waiting'].includes(r.status));
		if (runs.length >= count) return runs;
		if (Date.now() > deadline) throw new Error(`${runs.length}/${count} trigger executions within ${timeoutMs} ms`);
		await sleep(1000);
	}
}

test('trigger: the main polls, each new file fires once, executions run on workers, also after the main restarts', { skip, timeout: 600_000 }, async () => {
	await emulator.control.clearLog();
	await cluster.main.activate(wf.trigger);
	await cluster.main.stop();
	await cluster.startMain(); // picks the published trigger up; its first poll records what is there
	await waitForBaselines(emulator, [watched.id]); // the log was cleared above
	const before = await cluster.lastExecutionId();
	const first = await emulator.control.addFile({ folderId: watched.id, name: 'queue-trigger-1.txt', content: 'one' });
	const [run1] = await waitForTriggerRuns(before, 1);
	assert.deepEqual(run1.files, [String(first.id)]);
	assert.equal(run1.status, 'success');
	assert.ok(run1.worker, `trigger execution ${run1.id} ran on a worker (worker logs)`);

	// The main restarts; a file arrives meanwhile: reported once, by the polls after the restart.
	await cluster.main.stop();
	const second = await emulator.control.addFile({ folderId: watched.id, name: 'queue-trigger-2.txt', content: 'two' });
	await cluster.startMain();
	const runs = await waitForTriggerRuns(before, 2);
	// One more minute tick: nothing is reported again.
	await sleep(Number(process.env.QUEUE_TRIGGER_QUIET_MS || 65_000));
	const all = (await triggerRuns(before)).filter((r) => r.files.length);
	const fired = all.flatMap((r) => r.files);
	const polls = (await emulator.log()).filter((e) => e.endpoint === 'folder/listing');
	const pollers = [...new Set(polls.map((e) => roleOfIp(e.ip)))];
	note(`trigger: ${all.length} executions for 2 new files (${fired.join(', ')}), on worker(s) ${all.map((r) => r.worker).join(', ')}; listings sent by ${pollers.join(', ')}; main restarted once`);
	assert.deepEqual(fired.sort(), [String(first.id), String(second.id)].sort(), 'each new file exactly once');
	assert.ok(runs.every((r) => r.status === 'success' && r.worker));
	assert.deepEqual(pollers, ['main'], 'only the main polls');
});

/** The owner's REST session on the main (set up on first use): `fetch` for /rest/… with its cookie. */
let rest;
async function ownerRest() {
	if (rest) return rest;
	const headers = { 'content-type': 'application/json', 'browser-id': 'queue-suite' };
	const setup = await fetch(`${cluster.main.url}/rest/owner/setup`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ email: 'owner@example.com', firstName: 'Queue', lastName: 'Owner', password: 'Queue-owner-2026' }),
	});
	const cookie = setup.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
	assert.ok(setup.ok && cookie, `owner setup: ${setup.status} ${await setup.text()}`);
	rest = async (route, body) => {
		const response = await fetch(`${cluster.main.url}/rest/${route}`, { method: 'POST', headers: { ...headers, cookie }, body: JSON.stringify(body) });
		return { status: response.status, body: await response.json().catch(() => null) };
	};
	return rest;
}

test('a credential test in the main while the workers are busy: no worker execution fails', { skip, timeout: 300_000 }, async () => {
	const call = await ownerRest();
	await emulator.control.clearLog();
	const [demo] = DEFAULT_ACCOUNTS;
	const before = await cluster.lastExecutionId();
	const load = [];
	const results = [];
	for (let i = 0; i < 30; i++) {
		load.push(cluster.webhook('q-info', {}));
		if (i % 10 === 5) {
			results.push(
				await call('credentials/test', {
					credentials: { id: credential.id, name: credential.name, type: 'cyberfileApi', data: { baseUrl: emulator.apiBase, authMethod: 'accountDetails', username: demo.username, password: demo.password } },
				}),
			);
		}
		await sleep(300);
	}
	const answers = await Promise.all(load);
	const executions = await cluster.waitForExecutions(wf.info, answers.length, { afterId: before });
	const failed = executions.filter((e) => e.status !== 'success').length + answers.filter((a) => a.status !== 200).length;
	const logins = await loginsByProcess();
	note(`credential test ×${results.length} in the main during ${answers.length} worker executions: tests ${results.map((r) => r.body?.data?.status ?? r.status).join(', ')}; ${failed} executions failed; /authorize ${JSON.stringify(logins)}`);
	for (const r of results) assert.equal(r.body?.data?.status, 'OK', JSON.stringify(r.body));
	assert.equal(failed, 0);
});

test('a worker killed in the middle of an upload: the item is not reported succeeded, the file is not stored twice', { skip, timeout: 600_000 }, async () => {
	const name = 'killed-mid-upload.bin';
	const source = await sourceFile(name, 24 * 1024 * 1024);
	// The site takes its time to store the file, so the upload is surely under way when the worker dies.
	await emulator.control.addFault({ endpoint: 'file/upload', type: 'delay', ms: 8000, phase: 'after' });
	const before = await cluster.lastExecutionId();
	const answer = cluster.webhook('q-upload', { path: source.path, name });
	let victim;
	for (let i = 0; i < 150 && !victim; i++) {
		await sleep(200);
		const [started] = await cluster.executions(wf.upload, before, { withData: false });
		if (started) victim = (await cluster.workerOf()).get(started.id);
	}
	assert.ok(victim, 'the upload started on a worker');
	await sleep(2000);
	const worker = cluster.workers.find((w) => w.index === victim);
	await worker.stop({ signal: 'SIGKILL' });
	// The main's webhook waits for the job: it may answer once n8n sees the job stalled, or never.
	const webhookAnswer = await Promise.race([
		answer.catch((error) => ({ status: 0, text: error.message })),
		sleep(60_000).then(() => ({ status: 'none within 60 s' })),
	]);
	await emulator.control.clearFaults();
	// What n8n does with the dead worker's job, given time: let the other worker pick it up if it will.
	await sleep(Number(process.env.QUEUE_STALLED_WAIT_MS || 20_000));
	const executions = await cluster.executions(wf.upload, before, { withData: false });
	const survivor = cluster.workers.find((w) => w.index !== victim && w.child);
	const rerun = survivor ? (await survivor.readLog()).match(new RegExp(`started execution (${executions.map((e) => e.id).join('|')})\\b`, 'g')) : null;
	const stored = (await emulator.control.state()).files.filter((f) => String(f.name ?? f.filename ?? '').startsWith('killed-mid-upload'));
	const uploads = (await emulator.log()).filter((e) => e.endpoint === 'file/upload').length;
	note(`worker killed mid-upload: webhook answered ${webhookAnswer.status}, execution(s) ${executions.map((e) => `${e.id} ${e.status}`).join(', ')}, ${uploads} upload request(s), ${stored.length} file(s) stored, re-run on another worker: ${rerun ? 'yes' : 'no'}`);
	assert.ok(executions.every((e) => e.status !== 'success'), 'no execution reports the upload succeeded');
	assert.ok(stored.length <= 1, `the file was stored ${stored.length} times`);
	await worker.start();
});

test('burst with 4 workers: 0 failed, at most one login per process per round', { skip, timeout: 900_000 }, async () => {
	await cluster.addWorker();
	await cluster.addWorker();
	await burstCase('burst, 4 workers');
});

test('binary data, database mode: upload on one worker, download on another; a download over the size limit fails early and clearly', { skip, timeout: 600_000 }, async () => {
	await cluster.stop();
	for (const n8n of [cluster.main, ...cluster.workers.map((w) => w.n8n)]) {
		Object.assign(n8n.env, { N8N_DEFAULT_BINARY_DATA_MODE: 'database', N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE: '8' });
	}
	cluster.workers = cluster.workers.slice(0, 2);
	await cluster.start();
	await cluster.waitForWebhook('q-info', {});
	await crossWorkerTransfer('database');

	const big = await emulator.control.addFile({ name: 'too-big-for-database-mode.bin', size: 9 * 1024 * 1024 });
	const rowsBefore = Number((await cluster.query('SELECT COUNT(*) AS n FROM binary_data'))[0].n);
	const before = await cluster.lastExecutionId();
	await cluster.webhook('q-download', { fileId: big.id });
	const [execution] = await cluster.waitForExecutions(wf.download, 1, { afterId: before });
	const error = execution.data?.resultData?.runData?.Download?.[0]?.error ?? execution.data?.resultData?.error;
	const rowsAfter = Number((await cluster.query('SELECT COUNT(*) AS n FROM binary_data'))[0].n);
	const fetched = (await emulator.log()).filter((e) => e.endpoint === 'download' && String(e.path).includes(String(big.id)));
	note(`database mode, 9 MiB download with an 8 MiB limit: ${execution.status}, "${error?.message}"; binary_data rows ${rowsBefore} → ${rowsAfter}`);
	assert.equal(execution.status, 'error');
	assert.match(`${error?.message} ${error?.description ?? ''}`, /N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE/);
	assert.match(`${error?.message} ${error?.description ?? ''}`, /8 MB|8 MiB/);
	assert.equal(rowsAfter, rowsBefore, 'nothing half-stored');
	void fetched;
});
