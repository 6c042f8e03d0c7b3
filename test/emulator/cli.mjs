#!/usr/bin/env node
// Standalone emulator: `npm run emulator` (node test/emulator/cli.mjs).
// Env: PORT (default 8787; 0 = random), DOWNLOAD_PORT (default PORT+1; 0 = random), HOST
// (default 127.0.0.1), CYBERFILE_EMULATOR_MODE (accountDetails | apiKeys), DATA_DIR,
// MAX_UPLOAD_SIZE, MAX_BODY_BYTES, LEGACY_STATUS_KEY=1, CYBERFILE_EMULATOR_OPTIONS (JSON, any option).
// Prints the URLs and the demo login, then one machine-readable line: EMULATOR_READY {json}.
import { startEmulator } from './index.mjs';

function optionsFromEnv(env) {
	const options = env.CYBERFILE_EMULATOR_OPTIONS ? JSON.parse(env.CYBERFILE_EMULATOR_OPTIONS) : {};
	const port = env.PORT !== undefined ? Number(env.PORT) : (options.port ?? 8787);
	options.port = port;
	if (env.DOWNLOAD_PORT !== undefined) options.downloadPort = Number(env.DOWNLOAD_PORT);
	else if (options.downloadPort === undefined) options.downloadPort = port === 0 ? 0 : port + 1;
	if (env.HOST) options.host = env.HOST;
	if (env.CYBERFILE_EMULATOR_MODE) options.mode = env.CYBERFILE_EMULATOR_MODE;
	if (env.DATA_DIR) options.dataDir = env.DATA_DIR;
	if (env.MAX_UPLOAD_SIZE) options.maxUploadSize = Number(env.MAX_UPLOAD_SIZE);
	if (env.MAX_BODY_BYTES) options.maxBodyBytes = Number(env.MAX_BODY_BYTES);
	if (env.LEGACY_STATUS_KEY === '1') options.legacyStatusKey = true;
	return options;
}

let emulator = null;
let stopping = false;
async function stop() {
	if (stopping) return;
	stopping = true;
	await emulator?.close();
	process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

emulator = await startEmulator(optionsFromEnv(process.env));
const demo = emulator.accounts[0];
const login =
	emulator.mode === 'apiKeys'
		? `key1 ${demo.key1}, key2 ${demo.key2}`
		: `username "${demo.username}", password "${demo.password}"`;
process.stdout.write(
	[
		'Cyberfile API emulator running',
		`  API base URL: ${emulator.apiBase}`,
		`  Downloads:    ${emulator.downloadOrigin}`,
		`  Control API:  ${emulator.origin}/__control/`,
		`  Login mode:   ${emulator.mode}`,
		`  Demo login:   ${login} (account ${demo.id})`,
		`EMULATOR_READY ${JSON.stringify({
			origin: emulator.origin,
			apiBase: emulator.apiBase,
			downloadOrigin: emulator.downloadOrigin,
			pid: process.pid,
		})}`,
		'',
	].join('\n'),
);

