// What the *.e2e.mjs files share: the n8n user folder run.sh prepared for this run (one per version),
// and the Cyberfile emulator as a separate process.
import { appendFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_ACCOUNTS } from '../emulator/index.mjs';
import { prepareN8n } from './n8n.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/**
 * The n8n of this run: E2E_VERSION (v2|v1), E2E_TARBALL (npm pack of the repo), E2E_WORKDIR.
 * Each test file gets it with nothing published: what an earlier file published is unpublished.
 */
export async function sharedN8n(options = {}) {
	const version = process.env.E2E_VERSION || 'v2';
	const n8n = await prepareN8n({
		version,
		tarball: process.env.E2E_TARBALL || null,
		workdir: process.env.E2E_WORKDIR || path.join(os.tmpdir(), `n8n-nodes-cyberfile-e2e-${version}`),
		binaryMode: process.env.N8N_DEFAULT_BINARY_DATA_MODE,
		...options,
	});
	await n8n.unpublishAll();
	return n8n;
}

/**
 * The Cyberfile emulator (test/emulator) in its own process on free ports: `{ origin, apiBase,
 * control, log(), close() }`, with `control` speaking the HTTP control API (`/__control/`).
 * Before it closes, the access tokens it issued and what its request log held are recorded for
 * the suite's secret scan (zz-secrets.e2e.mjs, which runs last).
 */
export async function startEmulatorProcess(options = {}) {
	const { spawnEmulator } = createRequire(import.meta.url)('../emulator/spawn.cjs');
	const emulator = await spawnEmulator(options);
	const close = emulator.close;
	emulator.close = async () => {
		await recordSecrets(emulator).catch((error) => process.stderr.write(`[e2e] secret record failed: ${error.message}\n`));
		return close();
	};
	return emulator;
}

/** The file the emulators of this run record their secrets in (E2E_WORKDIR's parent: one per version). */
export const secretsFile = () => (process.env.E2E_WORKDIR ? `${process.env.E2E_WORKDIR}.secrets.jsonl` : null);

/** The secrets every emulator knows: the default accounts' passwords and keys. */
export const accountSecrets = () =>
	DEFAULT_ACCOUNTS.flatMap((a) => [
		[`password of ${a.username}`, a.password],
		[`key1 of ${a.username}`, a.key1],
		[`key2 of ${a.username}`, a.key2],
	]);

async function recordSecrets(emulator) {
	const file = secretsFile();
	if (!file) return;
	const { tokens } = await emulator.control.issuedTokens();
	const log = await emulator.log();
	const text = JSON.stringify(log);
	const logHits = [...tokens.map((t) => ['an access token', t]), ...accountSecrets()].filter(([, secret]) => text.includes(secret)).map(([what]) => what);
	const record = {
		from: path.basename(process.argv[1] ?? ''),
		tokens,
		requests: log.length,
		logHits,
		downloadsWithToken: log.filter((e) => e.endpoint === 'download' && (e.hadToken || e.tokenIn.length)).length,
		tokenOutsideBody: log.filter((e) => e.endpoint !== 'download' && e.tokenIn.some((where) => where !== 'body')).length,
	};
	await appendFile(file, `${JSON.stringify(record)}\n`);
}

/** Requests in the emulator's log to an API endpoint ('authorize', 'account/info', ...). */
export async function calls(emulator, endpoint) {
	return (await emulator.log()).filter((entry) => entry.path.endsWith(`/api/v2/${endpoint}`));
}

/** The emulator log's newest sequence number: pass it to `waitForBaselines` as `since`. */
export async function lastSeq(emulator) {
	const log = await emulator.log();
	return log.length ? log[log.length - 1].seq : 0;
}

/**
 * Waits until the emulator has answered `count` listings of each folder in `folderIds` after the
 * log entry `since`: the activation polls of polling triggers, which take their baselines. n8n
 * 2.41 activates published workflows in the background, after "Editor is now accessible" (its
 * workflow publication service, reconciled every 10 s), so a file added a fixed few seconds after
 * `n8n start` may already be in the baseline on a slow machine and never fire (CI run on 93c6002).
 */
export async function waitForBaselines(emulator, folderIds, { since = 0, count = 1, timeoutMs = 120_000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	const wanted = folderIds.map(String);
	for (;;) {
		const answered = (await emulator.log()).filter(
			(entry) => entry.seq > since && entry.endpoint === 'folder/listing' && entry.status !== null && wanted.includes(String(entry.fields.parent_folder_id)),
		);
		const missing = wanted.filter((id) => answered.filter((entry) => String(entry.fields.parent_folder_id) === id).length < count);
		if (!missing.length) return;
		if (Date.now() > deadline) throw new Error(`no activation poll of folder(s) ${missing.join(', ')} within ${timeoutMs} ms of n8n start`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

export const hasPackage = () => Boolean(process.env.E2E_TARBALL);
export { ROOT };

/** Imports a credential that logs in to the emulator's demo account; returns `{ id, name }`. */
export async function importDemoCredential(n8n, emulator, name) {
	const { DEFAULT_ACCOUNTS } = await import('../emulator/index.mjs');
	const [demo] = DEFAULT_ACCOUNTS;
	return await n8n.importCredential({
		name,
		type: 'cyberfileApi',
		data: { baseUrl: emulator.apiBase, authMethod: 'accountDetails', username: demo.username, password: demo.password },
	});
}

export const EXAMPLES = path.join(ROOT, 'examples');

/** A workflow of examples/ as a user imports it, with `credential` in every Cyberfile node. */
export async function loadExample(file, credential) {
	const { readFile } = await import('node:fs/promises');
	const workflow = JSON.parse(await readFile(path.join(EXAMPLES, file), 'utf8'));
	for (const node of workflow.nodes) {
		if (node.credentials?.cyberfileApi && credential) node.credentials.cyberfileApi = { id: credential.id, name: credential.name };
	}
	return workflow;
}
