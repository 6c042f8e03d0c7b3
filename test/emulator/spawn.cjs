// Starts the emulator in a child process (for CommonJS tests that cannot import ES modules, e.g.
// plain jest without --experimental-vm-modules). Same shape as startEmulator(), control over HTTP.
'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');
const { connectEmulator } = require('./control-client.cjs');

function spawnEmulator(options = {}, { timeoutMs = 15000 } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(__dirname, 'cli.mjs')], {
			env: { ...process.env, PORT: String(options.port ?? 0), CYBERFILE_EMULATOR_OPTIONS: JSON.stringify(options) },
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let output = '';
		const timer = setTimeout(() => {
			child.kill('SIGTERM');
			reject(new Error(`emulator did not start within ${timeoutMs} ms`));
		}, timeoutMs);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`emulator exited with code ${code} before it was ready`));
		});
		child.stdout.on('data', (chunk) => {
			output += chunk;
			const line = /EMULATOR_READY (\{.*\})/.exec(output);
			if (!line) return;
			clearTimeout(timer);
			child.removeAllListeners('exit');
			child.stdout.resume();
			const ready = JSON.parse(line[1]);
			const emulator = connectEmulator(ready.origin);
			resolve({
				...emulator,
				downloadOrigin: ready.downloadOrigin,
				pid: ready.pid,
				process: child,
				close: () =>
					new Promise((done) => {
						if (child.exitCode !== null) return done();
						child.once('exit', () => done());
						child.kill('SIGTERM');
					}),
			});
		});
	});
}

module.exports = { spawnEmulator };
