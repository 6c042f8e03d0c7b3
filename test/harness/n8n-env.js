'use strict';
/**
 * Boots the parts of n8n's dependency-injection container that node execution contexts use,
 * the way n8n's CLI does at start-up, but inside a jest worker:
 *
 * - N8N_USER_FOLDER / N8N_ENCRYPTION_KEY point at a throw-away folder, so n8n-core's
 *   InstanceSettings (and the Cipher used by `Credentials`) never touch ~/.n8n.
 * - n8n's Logger is replaced by a capturing logger (n8n-core warnings, e.g. "Request for credential
 *   type ... was not retried", end up in `logs` and can be asserted on).
 * - BinaryDataService is initialised like `BaseCommand.init()` does
 *   (`Container.get(BinaryDataService).init()`), with its filesystem store in a temp folder.
 *
 * One environment per module registry (jest gives every test file its own), created lazily.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

let envPromise;
let envSync;

/**
 * Requires a package the way n8n-core resolves it (`@n8n/di`, `@n8n/backend-common`, `lodash`...),
 * so the harness talks to the very DI container / Logger class n8n-core uses even if npm did not
 * hoist them to the top-level node_modules.
 */
function requireFromCore(name) {
	const coreDir = path.dirname(require.resolve('n8n-core/package.json'));
	return require(require.resolve(name, { paths: [coreDir] }));
}

const HARNESS_ENCRYPTION_KEY = 'n8n-nodes-cyberfile-harness-encryption-key';

function prepareProcessEnv() {
	if (envSync) return envSync;
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-harness-'));
	const binaryDataPath = path.join(root, 'binaryData');
	fs.mkdirSync(binaryDataPath, { recursive: true });
	// Must be set before the first Container.get() of a config class: @n8n/config reads the
	// environment when a config object is constructed.
	process.env.N8N_USER_FOLDER = root;
	process.env.N8N_ENCRYPTION_KEY = HARNESS_ENCRYPTION_KEY;
	process.env.N8N_BINARY_DATA_STORAGE_PATH = binaryDataPath;
	process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
	process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
	process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
	if (!process.env.HARNESS_KEEP_FILES) {
		const cleanup = () => {
			try {
				fs.rmSync(root, { recursive: true, force: true });
			} catch {
				// best effort
			}
		};
		// Inside jest the test file's `process` never sees 'exit': clean up after the file instead.
		let registered = false;
		if (typeof afterAll === 'function') {
			try {
				// eslint-disable-next-line no-undef
				afterAll(cleanup);
				registered = true;
			} catch {
				// required from inside a test: hooks cannot be added there
			}
		}
		if (!registered) process.once('exit', cleanup);
	}
	envSync = { root, binaryDataPath };
	return envSync;
}

class CapturingLogger {
	constructor(sink, scopes = []) {
		this.sink = sink;
		this.scopes = scopes;
		this.echo = process.env.HARNESS_LOG === '1';
	}
	scoped(scopes) {
		return new CapturingLogger(this.sink, [].concat(scopes));
	}
	log(level, message, metadata) {
		this.sink.push({ level, message, metadata, scopes: this.scopes });
		if (this.echo) console.log(`[n8n ${level}] ${message}`);
	}
	error(message, metadata) {
		this.log('error', message, metadata);
	}
	warn(message, metadata) {
		this.log('warn', message, metadata);
	}
	info(message, metadata) {
		this.log('info', message, metadata);
	}
	debug(message, metadata) {
		this.log('debug', message, metadata);
	}
}

/**
 * Returns { root, binaryDataPath, Container, core, workflow, logs, binaryDataService }.
 * Async because BinaryDataService.init() is.
 */
async function getN8nEnv() {
	if (envPromise) return await envPromise;
	envPromise = (async () => {
		const { root, binaryDataPath } = prepareProcessEnv();
		const { Container } = requireFromCore('@n8n/di');
		const { Logger } = requireFromCore('@n8n/backend-common');
		const core = require('n8n-core');
		const workflow = require('n8n-workflow');

		const logs = [];
		const logger = new CapturingLogger(logs);
		Container.set(Logger, logger);

		// The CLI registers a key provider (key table in the database) with EncryptionKeyProxy at
		// start-up; here the instance key itself is the one data key (n8n's legacy "no-prefix"
		// format), so `Credentials.setData/getData` encrypt and decrypt for real.
		const cipher = Container.get(core.Cipher);
		const legacyKey = {
			id: 'legacy',
			value: cipher.encryptDEKWithInstanceKey(Container.get(core.InstanceSettings).encryptionKey),
			algorithm: 'aes-256-cbc',
			format: 'no-prefix',
		};
		Container.get(core.EncryptionKeyProxy).setProvider({
			getActiveKey: async () => legacyKey,
			getKeyById: async (id) => (id === legacyKey.id ? legacyKey : null),
			getLegacyKey: async () => legacyKey,
		});

		// Same as n8n's BaseCommand.init(): `await Container.get(BinaryDataService).init()`.
		const binaryDataConfig = Container.get(core.BinaryDataConfig);
		binaryDataConfig.mode = 'filesystem';
		binaryDataConfig.localStoragePath = binaryDataPath;
		const binaryDataService = Container.get(core.BinaryDataService);
		await binaryDataService.init();

		return {
			root,
			binaryDataPath,
			Container,
			core,
			workflow,
			logs,
			logger,
			binaryDataService,
		};
	})();
	return await envPromise;
}

/**
 * n8n's BinaryDataService keeps one active mode per process. Managers stay registered, so a
 * `filesystem-v2:` id written earlier can still be read after switching to `default`.
 */
function setBinaryMode(env, mode) {
	if (mode === 'filesystem') {
		env.binaryDataService.mode = 'filesystem-v2';
		env.binaryDataService.config.mode = 'filesystem';
	} else if (mode === 'default') {
		env.binaryDataService.mode = 'default';
		env.binaryDataService.config.mode = 'default';
	} else {
		throw new Error(`harness: unsupported binaryMode "${mode}" (use "filesystem" or "default")`);
	}
}

module.exports = { getN8nEnv, setBinaryMode, prepareProcessEnv, requireFromCore, HARNESS_ENCRYPTION_KEY };
