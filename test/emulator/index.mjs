// Entry point: startEmulator(options) starts a Cyberfile (YetiShare 5) API emulator in this
// process. See README.md for the options, the control API and the quirks it reproduces.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Auth } from './auth.mjs';
import { createClock } from './clock.mjs';
import { DEFAULT_ACCOUNTS, DEFAULT_OPTIONS, normalizeOptions } from './config.mjs';
import { createControl } from './control.mjs';
import { Downloads } from './download.mjs';
import { Faults } from './faults.mjs';
import { RequestLog } from './requestlog.mjs';
import { closeServer, createDownloadServer, createMainServer, listen } from './server.mjs';
import { Store } from './store.mjs';

export { DEFAULT_ACCOUNTS, DEFAULT_OPTIONS };

const urlHost = (host) => (host.includes(':') ? `[${host}]` : host);

/**
 * @param {object} [input] see DEFAULT_OPTIONS in config.mjs
 * @returns {Promise<{origin, apiBase, downloadOrigin, dataDir, accounts, control, log, close}>}
 */
export async function startEmulator(input = {}) {
	const options = normalizeOptions(input);
	const ownDataDir = !options.dataDir;
	const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'cyberfile-emulator-'));
	const clock = createClock();
	const emu = { options, initialOptions: { ...input }, clock, urls: null };
	emu.store = new Store(dataDir, clock);
	emu.store.reset(options.accounts);
	emu.auth = new Auth(emu);
	emu.downloads = new Downloads(emu);
	emu.faults = new Faults();
	emu.log = new RequestLog(options.logLimit);
	const control = createControl(emu);

	const main = createMainServer(emu, control);
	const port = await listen(main, options.port, options.host);
	const origin = `http://${urlHost(options.host)}:${port}`;
	let fileHost = null;
	let downloadOrigin = origin;
	if (options.separateDownloadServer) {
		fileHost = createDownloadServer(emu);
		const downloadPort = await listen(fileHost, options.downloadPort, options.host);
		downloadOrigin = `http://${urlHost(options.downloadHost ?? options.host)}:${downloadPort}`;
	}
	emu.urls = { origin, apiBase: `${origin}/api/v2`, download: downloadOrigin, site: options.siteOrigin ?? origin };

	let closed = false;
	return {
		origin,
		apiBase: emu.urls.apiBase,
		downloadOrigin,
		dataDir,
		get accounts() {
			return emu.options.accounts.map((a) => ({ ...a }));
		},
		get mode() {
			return emu.options.mode;
		},
		control,
		log: () => control.log(),
		async close() {
			if (closed) return;
			closed = true;
			await Promise.all([closeServer(main), fileHost && closeServer(fileHost)]);
			if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
		},
	};
}

export { connectEmulator } from './control-client.cjs';
