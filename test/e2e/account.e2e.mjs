// Account operations in a real n8n against the emulator: one shared login per credential, kept in
// n8n's database across executions; a revoked token is renewed once; revoking never logs in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { calls, hasPackage, importDemoCredential, sharedN8n, startEmulatorProcess } from './harness.mjs';
import { chainWorkflow, cyberfileNode, itemsNode } from './workflow.mjs';

const skip = hasPackage() ? false : 'needs E2E_TARBALL (run test/e2e/run.sh)';
let n8n;
let emulator;
let credential;
const wf = {}; // workflow ids, imported together (each n8n CLI call costs an n8n start-up)

before(async () => {
	if (skip) return;
	n8n = await sharedN8n();
	emulator = await startEmulatorProcess();
	credential = await importDemoCredential(n8n, emulator, 'Cyberfile e2e account');
	const workflows = {
		items50: chainWorkflow('account 50 items', [itemsNode('Items', 50), account('Info', 'getInfo'), account('Package', 'getPackage')]),
		info: chainWorkflow('account info', [account('Info', 'getInfo')]),
		revoke: chainWorkflow('account revoke', [account('Revoke', 'revokeToken')]),
		revoke50: chainWorkflow('account revoke 50 items', [itemsNode('Items', 50), account('Revoke', 'revokeToken')]),
	};
	const ids = await n8n.importWorkflows(Object.values(workflows));
	Object.keys(workflows).forEach((key, i) => (wf[key] = ids[i]));
});
after(() => emulator?.close());

const account = (name, operation) => cyberfileNode(name, credential, { resource: 'account', operation });
const authorizeCount = async () => (await calls(emulator, 'authorize')).length;

async function runOk(workflowId) {
	const run = await n8n.execute(workflowId);
	assert.equal(run.status, 'success', run.describe());
	return run;
}

test('getInfo and getPackage over 50 items, executed twice, log in once', { skip }, async () => {
	await emulator.control.clearLog();
	for (const attempt of [1, 2]) {
		const run = await runOk(wf.items50);
		const info = run.output('Info');
		const pkg = run.output('Package');
		assert.equal(info.length, 50, `run ${attempt}: ${run.describe()}`);
		assert.equal(pkg.length, 50, `run ${attempt}: ${run.describe()}`);
		assert.equal(info[49].username, 'demo');
		assert.ok(pkg[49].max_upload_size !== undefined, JSON.stringify(pkg[49]));
		assert.deepEqual(run.items('Package')[49].pairedItem, { item: 49 });
	}
	assert.equal(await authorizeCount(), 1, 'one /authorize for both executions');
	const leaks = (await emulator.log()).filter((e) => e.hadToken && e.tokenIn.join() !== 'body');
	assert.deepEqual(leaks, [], 'the token travels in the form body only');
});

test('after revokeToken, the next execution logs in again exactly once', { skip }, async () => {
	await runOk(wf.info); // a live session to revoke, whatever ran before
	await emulator.control.clearLog();

	const revoked = await runOk(wf.revoke);
	assert.deepEqual(
		revoked.output('Revoke').map((j) => [j.revoked, j.alreadyRevoked]),
		[[true, false]],
	);
	assert.equal(await authorizeCount(), 0, 'revoking a live token needs no login');
	assert.equal((await calls(emulator, 'disable_access_token')).length, 1);

	const renewed = await runOk(wf.info);
	assert.equal(renewed.output('Info')[0]?.username, 'demo', renewed.describe());
	assert.equal(await authorizeCount(), 1, 'the dead token is replaced by exactly one login');
});

test('revokeToken over 50 items never logs in to revoke a token that is already gone', { skip }, async () => {
	await runOk(wf.info);
	await emulator.control.clearLog();

	const first = await runOk(wf.revoke50);
	const out = first.output('Revoke');
	assert.equal(out.length, 50, first.describe());
	assert.ok(out.every((j) => j.revoked === true));
	assert.equal(out[0].alreadyRevoked, false);
	assert.ok(out.slice(1).every((j) => j.alreadyRevoked === true), 'items after the first find the session gone');

	const second = await runOk(wf.revoke50); // the stored token is dead from the start
	assert.ok(second.output('Revoke').every((j) => j.alreadyRevoked === true), second.describe());
	assert.equal(await authorizeCount(), 0, 'no /authorize just to revoke');
});
