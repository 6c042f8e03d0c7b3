// `npm run dev`: the bundled Cyberfile emulator and a real n8n editor with this package loaded, an
// owner account, a ready Cyberfile credential and the example workflows, until Ctrl-C.
//   DEV_DIR      where n8n keeps its data between runs (default .tmp/dev in the repo)
//   DEV_PORT     the editor's port (5678); the emulator's API is on EMULATOR_PORT (8787) and +1
// With CYBERFILE_USERNAME/CYBERFILE_PASSWORD (or CYBERFILE_KEY1/KEY2) the credential points at
// that real account instead, and no emulator is started.
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startEmulatorProcess } from '../e2e/harness.mjs';
import { prepareN8n } from '../e2e/n8n.mjs';
import { credentialData, useRealSite } from './credential.mjs';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const ROOT = path.resolve(HERE, '../..');
const env = process.env;
const DEV_DIR = path.resolve(env.DEV_DIR || path.join(ROOT, '.tmp/dev'));
const PORT = Number(env.DEV_PORT || 5678);
const EMULATOR_PORT = Number(env.EMULATOR_PORT || 8787);
const OWNER = { email: 'owner@example.com', password: 'Cyberfile-dev-1', firstName: 'Dev', lastName: 'Owner' };
const CREDENTIAL_NAME = 'Cyberfile demo';

const say = (text) => console.log(`[dev] ${text}`);

/** The workflows a user can open: the demo, one node per operation, the trigger, and examples/. */
async function workflowsToImport() {
	const files = ['workflow.json', 'playground.json', 'trigger.json'].map((f) => path.join(HERE, f));
	const examples = path.join(ROOT, 'examples');
	if (existsSync(examples)) {
		for (const f of (await readdir(examples)).sort()) if (f.endsWith('.json')) files.push(path.join(examples, f));
	}
	return Promise.all(files.map(async (f) => JSON.parse(await readFile(f, 'utf8'))));
}

function useCredential(workflow, credential) {
	for (const node of workflow.nodes) {
		if (node.credentials?.cyberfileApi) node.credentials.cyberfileApi = { id: credential.id, name: credential.name };
	}
	return workflow;
}

async function seedEmulator(emulator) {
	const invoices = await emulator.control.addFolder({ name: 'Invoices' });
	const year = await emulator.control.addFolder({ name: '2026', parentId: invoices.id });
	await emulator.control.addFile({ folderId: year.id, name: 'invoice-0001.pdf', content: '%PDF-1.4 sample invoice\n' });
	await emulator.control.addFile({ name: 'readme.txt', content: 'Files you upload from n8n appear here.\n' });
}

let emulator = null;
let n8n = null;
let stopping = false;
async function stopAll(code = 0) {
	if (stopping) return;
	stopping = true;
	say('stopping n8n and the emulator …');
	await n8n?.stop().catch(() => {});
	await emulator?.close().catch(() => {});
	say('stopped everything it started');
	process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

try {
	if (!useRealSite()) {
		emulator = await startEmulatorProcess({ port: EMULATOR_PORT, downloadPort: EMULATOR_PORT + 1 });
		await seedEmulator(emulator).catch((error) => say(`could not add sample files: ${error.message}`));
	}
	n8n = await prepareN8n({
		version: 'v2',
		tarball: env.E2E_TARBALL,
		workdir: path.join(DEV_DIR, 'n8n'),
		keepUserFolder: true,
		env: { N8N_PORT: String(PORT), N8N_HOST: 'localhost', N8N_SECURE_COOKIE: 'false', N8N_LOG_LEVEL: env.N8N_LOG_LEVEL || 'info' },
	});
	const setupFile = path.join(DEV_DIR, 'n8n/.dev-setup.json');
	let setup = existsSync(setupFile) ? JSON.parse(await readFile(setupFile, 'utf8')) : null;
	if (!setup) {
		say('first run: importing the credential and the example workflows');
		const credential = await n8n.importCredential({ name: CREDENTIAL_NAME, type: 'cyberfileApi', data: credentialData(emulator) });
		const workflows = (await workflowsToImport()).map((w) => useCredential(w, credential));
		await n8n.importWorkflows(workflows);
		setup = { credential, workflows: workflows.map((w) => w.name) };
		await writeFile(setupFile, JSON.stringify(setup, null, 1));
	}
	say(`starting n8n ${n8n.n8nVersion} (log: ${n8n.logFile})`);
	await n8n.start({ timeoutMs: 300_000 });
	const answer = await fetch(`${n8n.url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	if (!answer.ok && answer.status !== 400) say(`owner set-up answered HTTP ${answer.status}: ${(await answer.text()).slice(0, 200)}`);

	console.log(`
  n8n editor      http://localhost:${PORT}
  sign in as      ${OWNER.email} / ${OWNER.password}
  credential      "${CREDENTIAL_NAME}" (Cyberfile API) → ${emulator ? `the emulator, demo / demo-password` : credentialData(null).baseUrl}
  workflows       ${setup.workflows.join('\n                  ')}
${emulator ? `  emulator        ${emulator.apiBase} (control API ${emulator.origin}/__control/, files are new each start)\n` : ''}  data            ${DEV_DIR} (kept between runs; delete it to start over)

  Open a workflow, then "Execute workflow"; every Cyberfile operation is in the playground.
  The trigger workflow fires for each new file once you publish (activate) it.
  Press Ctrl-C to stop n8n and the emulator.
`);
	n8n.server.on('exit', (code) => {
		if (!stopping) {
			say(`n8n stopped by itself (exit ${code}); its log: ${n8n.logFile}`);
			stopAll(1);
		}
	});
} catch (error) {
	console.error(`[dev] ${error.message}`);
	await stopAll(1);
}
