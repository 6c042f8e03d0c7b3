// Imports test/demo/workflow.json into a fresh real n8n 2.x, executes it and prints what each
// Cyberfile node returned. See run.sh for how to point it at a real Cyberfile account.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startEmulatorProcess } from '../e2e/harness.mjs';
import { prepareN8n } from '../e2e/n8n.mjs';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const env = process.env;

function credentialData(emulator) {
	if (!emulator) {
		const keys = Boolean(env.CYBERFILE_KEY1);
		return {
			baseUrl: env.CYBERFILE_BASE_URL || 'https://api.cyberfile.me/api/v2',
			authMethod: keys ? 'apiKeys' : 'accountDetails',
			...(keys
				? { key1: env.CYBERFILE_KEY1, key2: env.CYBERFILE_KEY2 }
				: { username: env.CYBERFILE_USERNAME, password: env.CYBERFILE_PASSWORD }),
		};
	}
	return { baseUrl: emulator.apiBase, authMethod: 'accountDetails', username: 'demo', password: 'demo-password' };
}

const useRealSite = Boolean(env.CYBERFILE_USERNAME || env.CYBERFILE_KEY1);
const emulator = useRealSite ? null : await startEmulatorProcess();
console.log(useRealSite ? `[demo] against ${credentialData(null).baseUrl}` : `[demo] against the emulator at ${emulator.apiBase}`);
try {
	const n8n = await prepareN8n({ version: 'v2', tarball: env.E2E_TARBALL, workdir: env.DEMO_WORKDIR });
	const credential = await n8n.importCredential({ name: 'Cyberfile demo', type: 'cyberfileApi', data: credentialData(emulator) });
	const workflow = JSON.parse(await readFile(path.join(HERE, 'workflow.json'), 'utf8'));
	for (const node of workflow.nodes) {
		if (node.credentials?.cyberfileApi) node.credentials.cyberfileApi = { id: credential.id, name: credential.name };
	}
	const id = await n8n.importWorkflow(workflow);
	console.log(`[demo] executing "${workflow.name}" in n8n ${n8n.spec?.n8n ?? '2.x'}`);
	const run = await n8n.execute(id);
	for (const node of workflow.nodes.filter((n) => n.type.startsWith('n8n-nodes-cyberfile'))) {
		const items = run.items(node.name) ?? [];
		console.log(`\n■ ${node.name}: ${items.length} item(s)`);
		for (const item of items.slice(0, 5)) {
			const binary = Object.entries(item.binary ?? {}).map(([key, b]) => ` + binary "${key}": ${b.fileName} (${b.fileSize ?? '?'}, ${b.mimeType})`);
			console.log(`  ${JSON.stringify(item.json).slice(0, 300)}${binary.join('')}`);
		}
		const error = run.nodeError(node.name);
		if (error) console.log(`  error: ${error.message ?? JSON.stringify(error)}`);
	}
	console.log(`\n[demo] execution ${run.status}`);
	process.exitCode = run.status === 'success' ? 0 : 1;
} finally {
	await emulator?.close();
}
