// The polling trigger in a real, running n8n (`n8n start`) against the emulator: files uploaded,
// copied and moved into the watched folder while n8n runs, n8n restarted in the middle, a file
// added while it is down. Every file must reach exactly one execution; the baseline none.
// Takes a few minutes: n8n polls at most once a minute. n8n 2.x only (E2E_TRIGGER_V1=1 adds 1.x).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEFAULT_ACCOUNTS } from '../emulator/index.mjs';
import { hasPackage, lastSeq, sharedN8n, startEmulatorProcess, waitForBaselines } from './harness.mjs';
import { chainWorkflow, noOpNode } from './workflow.mjs';

const version = process.env.E2E_VERSION || 'v2';
const skip = !hasPackage()
	? 'needs E2E_TARBALL (run test/e2e/run.sh)'
	: version !== 'v2' && !process.env.E2E_TRIGGER_V1
		? 'the trigger run takes minutes: n8n 2.x only unless E2E_TRIGGER_V1=1'
		: false;

let n8n;
let emulator;
let workflowId;
let watched;
let elsewhere;
const [demo] = DEFAULT_ACCOUNTS;

before(async () => {
	if (skip) return;
	n8n = await sharedN8n();
	emulator = await startEmulatorProcess();
	const credential = await n8n.importCredential({
		name: 'Cyberfile trigger e2e',
		type: 'cyberfileApi',
		data: { baseUrl: emulator.apiBase, authMethod: 'accountDetails', username: demo.username, password: demo.password },
	});
	watched = await emulator.control.addFolder({ name: 'watched' });
	elsewhere = await emulator.control.addFolder({ name: 'elsewhere' });
	await emulator.control.addFile({ folderId: watched.id, name: 'baseline.txt', content: 'already there' });
	const trigger = {
		name: 'Watch',
		type: 'n8n-nodes-cyberfile.cyberfileTrigger',
		typeVersion: 1,
		parameters: {
			pollTimes: { item: [{ mode: 'everyMinute' }] },
			event: 'fileCreated',
			folderId: { __rl: true, mode: 'id', value: String(watched.id) },
		},
		credentials: { cyberfileApi: { id: credential.id, name: credential.name } },
	};
	workflowId = await n8n.importWorkflow(chainWorkflow('cyberfile trigger e2e', [noOpNode('Done')], { trigger }));
	await n8n.activate(workflowId);
});
after(async () => {
	await n8n?.stop();
	await emulator?.close();
});

/** A client of its own, as another app would be: logging in ends n8n's session (one per account). */
async function api(endpoint, fields) {
	const form = (body) => ({ method: 'POST', body: new URLSearchParams(body) });
	const login = await (await fetch(`${emulator.apiBase}/authorize`, form({ username: demo.username, password: demo.password }))).json();
	const { access_token, account_id } = login.data;
	const answer = await (await fetch(`${emulator.apiBase}/${endpoint}`, form({ access_token, account_id, ...fields }))).json();
	assert.equal(answer._status, 'success', JSON.stringify(answer));
	return answer;
}

async function firedNames() {
	const runs = await n8n.executions(workflowId);
	return runs.flatMap((run) => (run.output('Watch') ?? []).map((json) => json.name));
}

async function waitForNames(expected, timeoutMs = 150_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const names = await firedNames();
		if (expected.every((name) => names.includes(name)) || Date.now() > deadline) return names;
		await new Promise((resolve) => setTimeout(resolve, 2000));
	}
}

test('each file that arrives reaches exactly one execution, across a restart', { skip, timeout: 600_000 }, async () => {
	const since = await lastSeq(emulator);
	await n8n.start();
	await waitForBaselines(emulator, [watched.id], { since }); // activation polls once: the baseline

	const source = await emulator.control.addFile({ folderId: elsewhere.id, name: 'copied.txt', content: 'copy me' });
	const mover = await emulator.control.addFile({ folderId: elsewhere.id, name: 'moved.txt', content: 'move me' });
	await emulator.control.addFile({ folderId: watched.id, name: 'uploaded.txt', content: 'new' });
	await api('file/copy', { file_id: source.id, copy_to_folder_id: watched.id });
	await api('file/move', { file_id: mover.id, new_parent_folder_id: watched.id });
	await emulator.control.addFile({ folderId: watched.id, name: 'trashed.txt', content: 'never', status: 'trash' });
	let names = await waitForNames(['uploaded.txt', 'copied.txt', 'moved.txt']);
	assert.deepEqual([...names].sort(), ['copied.txt', 'moved.txt', 'uploaded.txt'], 'after the first polls');

	await n8n.stop();
	await emulator.control.addFile({ folderId: watched.id, name: 'while-down.txt', content: 'n8n was down' });
	await n8n.start();
	names = await waitForNames(['while-down.txt']);
	await emulator.control.addFile({ folderId: watched.id, name: 'after-restart.txt', content: 'back up' });
	names = await waitForNames(['after-restart.txt']);
	// One more poll with nothing new: nothing may fire twice.
	await new Promise((resolve) => setTimeout(resolve, 65_000));
	names = await firedNames();

	const expected = ['after-restart.txt', 'copied.txt', 'moved.txt', 'uploaded.txt', 'while-down.txt'];
	assert.deepEqual([...names].sort(), expected, `fired: ${names.join(', ')}`);
	const polls = (await emulator.log()).filter((entry) => entry.endpoint === 'folder/listing').length;
	assert.ok(polls >= 4, `at least four polls (${polls})`);
	const failed = (await n8n.executions(workflowId)).filter((run) => run.status !== 'success');
	assert.deepEqual(failed.map((run) => run.describe()), []);
});
