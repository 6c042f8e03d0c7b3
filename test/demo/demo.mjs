// Imports test/demo/workflow.json into a fresh real n8n 2.x, executes it and prints one line per
// Cyberfile operation with what it did. See run.sh for how to point it at a real Cyberfile account.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startEmulatorProcess } from '../e2e/harness.mjs';
import { prepareN8n } from '../e2e/n8n.mjs';
import { credentialData, useRealSite } from './credential.mjs';
import { describeOperation } from './describe.mjs';

const HERE = path.dirname(new URL(import.meta.url).pathname);

const emulator = useRealSite() ? null : await startEmulatorProcess();
const data = credentialData(emulator);
console.log(useRealSite() ? `[demo] against the site at ${data.baseUrl}` : `[demo] against the bundled Cyberfile emulator at ${emulator.apiBase}`);
try {
	const n8n = await prepareN8n({ version: 'v2', tarball: process.env.E2E_TARBALL, workdir: process.env.DEMO_WORKDIR });
	const credential = await n8n.importCredential({ name: 'Cyberfile demo', type: 'cyberfileApi', data });
	const workflow = JSON.parse(await readFile(path.join(HERE, 'workflow.json'), 'utf8'));
	for (const node of workflow.nodes) {
		if (node.credentials?.cyberfileApi) node.credentials.cyberfileApi = { id: credential.id, name: credential.name };
	}
	const id = await n8n.importWorkflow(workflow);
	console.log(`[demo] n8n ${n8n.n8nVersion} executes the workflow "${workflow.name}" (${workflow.nodes.length} nodes)…`);
	const run = await n8n.execute(id);

	console.log(`\nWhat the workflow did (execution ${run.id}: ${run.status}, ${(run.ms / 1000).toFixed(1)} s including n8n's start-up):\n`);
	for (const node of workflow.nodes.filter((n) => n.type.startsWith('n8n-nodes-cyberfile'))) {
		const error = run.nodeError(node.name);
		const ran = node.name in run.runData;
		const mark = error ? '✗' : ran ? '✓' : '·';
		const text = error ? `failed: ${error.message}${error.description ? ` (${error.description})` : ''}` : ran ? describeOperation(node, run.items(node.name)) : 'did not run';
		console.log(`  ${mark} ${node.name.padEnd(10)} ${text}`);
	}
	if (run.status === 'success') {
		console.log(`
How to go on:
  npm run dev    opens this workflow and the examples in n8n's editor at http://localhost:5678,
                 with a ready Cyberfile credential for the emulator: click through every operation
  npm test       build, lint, unit tests and the end-to-end suites in real n8n
  In your own n8n: Settings → Community Nodes → Install → n8n-nodes-cyberfile (README.md, Install)`);
	} else {
		console.log(`\n[demo] the execution ended "${run.status}"${run.error ? `: ${run.error.message}` : ''}`);
	}
	process.exitCode = run.status === 'success' ? 0 : 1;
} finally {
	await emulator?.close();
}
