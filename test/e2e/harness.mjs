// What the *.e2e.mjs files share: the n8n user folder run.sh prepared for this run (one per version),
// and the Cyberfile emulator as a separate process.
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { prepareN8n } from './n8n.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** The n8n of this run: E2E_VERSION (v2|v1), E2E_TARBALL (npm pack of the repo), E2E_WORKDIR. */
export function sharedN8n(options = {}) {
	const version = process.env.E2E_VERSION || 'v2';
	return prepareN8n({
		version,
		tarball: process.env.E2E_TARBALL || null,
		workdir: process.env.E2E_WORKDIR || path.join(os.tmpdir(), `n8n-nodes-cyberfile-e2e-${version}`),
		binaryMode: process.env.N8N_DEFAULT_BINARY_DATA_MODE,
		...options,
	});
}

/**
 * The Cyberfile emulator (test/emulator) in its own process on free ports: `{ origin, apiBase,
 * control, log(), close() }`, with `control` speaking the HTTP control API (`/__control/`).
 */
export function startEmulatorProcess(options = {}) {
	const { spawnEmulator } = createRequire(import.meta.url)('../emulator/spawn.cjs');
	return spawnEmulator(options);
}

/** Requests in the emulator's log to an API endpoint ('authorize', 'account/info', ...). */
export async function calls(emulator, endpoint) {
	return (await emulator.log()).filter((entry) => entry.path.endsWith(`/api/v2/${endpoint}`));
}

export const hasPackage = () => Boolean(process.env.E2E_TARBALL);
export { ROOT };
