// Proves the harness itself: built-in nodes run; a community package installed the way the harness
// installs ours loads and resolves `n8n-workflow`; an activated polling trigger runs under `n8n start`.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { sharedN8n } from './harness.mjs';
import { installCommunityPackage } from './n8n.mjs';
import { chainWorkflow, itemsNode, noOpNode, setNode } from './workflow.mjs';

let n8n;
let tmp;
let probeInstalled;
before(async () => {
	n8n = await sharedN8n();
	tmp = await mkdtemp(path.join(os.tmpdir(), 'e2e-probe-'));
	probeInstalled = packProbe(tmp).then((tarball) => installCommunityPackage(n8n.userFolder, n8n.installDir, tarball));
});
after(async () => {
	await n8n?.stop();
	await rm(tmp, { recursive: true, force: true });
});

test('built-in nodes: Manual Trigger -> Set -> NoOp', async () => {
	const id = await n8n.importWorkflow(chainWorkflow('smoke built-ins', [setNode('Set', { greeting: 'hello' }), noOpNode('Done')]));
	const run = await n8n.execute(id);
	assert.equal(run.status, 'success', run.describe());
	assert.deepEqual(run.output('Done'), [{ greeting: 'hello' }]);
});

test('a local community package loads and resolves n8n-workflow', async () => {
	await probeInstalled;
	const probe = { name: 'Probe', type: 'n8n-nodes-e2e-probe.probe', typeVersion: 1, parameters: {} };
	const id = await n8n.importWorkflow(chainWorkflow('smoke probe', [itemsNode('Items', 3), probe]));
	const run = await n8n.execute(id);
	assert.equal(run.status, 'success', run.describe());
	const out = run.output('Probe');
	assert.equal(out.length, 3);
	assert.deepEqual(out[2], { i: 2, probe: true, operationError: 'function', sameWorkflowModule: true });
});

test('an activated polling trigger polls under n8n start', async () => {
	await probeInstalled;
	const trigger = {
		name: 'Probe Trigger',
		type: 'n8n-nodes-e2e-probe.probeTrigger',
		typeVersion: 1,
		parameters: { pollTimes: { item: [{ mode: 'everyHour' }] } },
	};
	const id = await n8n.importWorkflow(chainWorkflow('smoke trigger', [noOpNode('Done')], { trigger }));
	await n8n.activate(id);
	const afterId = await n8n.lastExecutionId();
	await n8n.start();
	const run = await n8n.waitForExecution(id, { afterId });
	await n8n.stop();
	assert.equal(run.status, 'success', run.describe());
	assert.equal(run.mode, 'trigger');
	assert.equal(run.output('Done')[0]?.polled, true, run.describe());
	assert.match(await n8n.readLog(), /Editor is now accessible via/);
});

/** A tiny package (a node and a polling trigger), packed as `npm pack` would (a `package/` folder in a .tgz). */
async function packProbe(dir) {
	const pkg = path.join(dir, 'package');
	await mkdir(path.join(pkg, 'dist'), { recursive: true });
	await writeFile(
		path.join(pkg, 'package.json'),
		JSON.stringify({
			name: 'n8n-nodes-e2e-probe',
			version: '0.0.1',
			keywords: ['n8n-community-node-package'],
			n8n: { n8nNodesApiVersion: 1, nodes: ['dist/Probe.node.js', 'dist/ProbeTrigger.node.js'] },
			peerDependencies: { 'n8n-workflow': '*' },
		}),
	);
	await writeFile(
		path.join(pkg, 'dist/Probe.node.js'),
		`const { NodeOperationError } = require('n8n-workflow');
class Probe {
	constructor() {
		this.description = { displayName: 'E2E Probe', name: 'probe', group: ['transform'], version: 1,
			description: 'Marks items', defaults: { name: 'Probe' }, inputs: ['main'], outputs: ['main'], properties: [] };
	}
	async execute() {
		const workflowFromHere = require.resolve('n8n-workflow');
		return [this.getInputData().map((item, i) => ({ pairedItem: { item: i }, json: { ...item.json, probe: true,
			operationError: typeof NodeOperationError,
			sameWorkflowModule: require.cache[workflowFromHere] !== undefined } }))];
	}
}
module.exports = { Probe };
`,
	);
	await writeFile(
		path.join(pkg, 'dist/ProbeTrigger.node.js'),
		`class ProbeTrigger {
	constructor() {
		this.description = { displayName: 'E2E Probe Trigger', name: 'probeTrigger', group: ['trigger'], version: 1,
			description: 'Emits one item per poll', defaults: { name: 'Probe Trigger' }, polling: true,
			inputs: [], outputs: ['main'], properties: [] };
	}
	async poll() {
		return [[{ json: { polled: true, mode: this.getMode() } }]];
	}
}
module.exports = { ProbeTrigger };
`,
	);
	const tarball = path.join(dir, 'probe.tgz');
	await promisify(execFile)('tar', ['-czf', tarball, '-C', dir, 'package']);
	return tarball;
}
