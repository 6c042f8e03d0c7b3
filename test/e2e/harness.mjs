// What the *.e2e.mjs files share: the n8n user folder run.sh prepared for this run (one per version),
// and the Cyberfile emulator as a separate process.
import { spawn } from 'node:child_process';
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

export const hasPackage = () => Boolean(process.env.E2E_TARBALL);
export { ROOT };
