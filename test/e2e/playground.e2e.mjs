// The workflows `npm run dev` opens in the editor work: the playground runs every account, file and
// folder operation in a real n8n, each on what the one before made.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, calls, importDemoCredential, sharedN8n, startEmulatorProcess } from './harness.mjs';

let n8n;
let emulator;
before(async () => {
	emulator = await startEmulatorProcess();
	n8n = await sharedN8n();
});
after(async () => {
	await n8n?.stop();
	await emulator?.close();
});

const workflow = async (file) => JSON.parse(await readFile(path.join(ROOT, 'test/demo', file), 'utf8'));

test('playground: every operation succeeds in one execution, with one login', async () => {
	const credential = await importDemoCredential(n8n, emulator, 'playground');
	const playground = await workflow('playground.json');
	for (const node of playground.nodes) if (node.credentials) node.credentials.cyberfileApi = credential;
	const run = await n8n.execute(await n8n.importWorkflow(playground));
	assert.equal(run.status, 'success', run.describe());
	const operations = new Set();
	for (const node of playground.nodes.filter((n) => n.type === 'n8n-nodes-cyberfile.cyberfile')) {
		assert.equal(run.nodeError(node.name), null, `${node.name}: ${run.describe()}`);
		assert.ok(run.items(node.name).length >= 1, `${node.name} returned no item`);
		operations.add(`${node.parameters.resource}.${node.parameters.operation}`);
	}
	// Every operation but Revoke Token (it would end the session the editor's user goes on with).
	assert.equal(operations.size, 16, [...operations].join(', '));
	const [download] = run.items('Download');
	assert.match(download.binary.data.fileName, /^playground/);
	assert.equal((await calls(emulator, 'authorize')).length, 1);
});
