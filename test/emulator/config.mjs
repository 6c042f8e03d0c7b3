// Default accounts, packages and options, and the validation of what callers pass in.

export const LOGIN_MODES = ['accountDetails', 'apiKeys'];

export const DEFAULT_ACCOUNTS = Object.freeze([
	Object.freeze({
		id: '158642',
		username: 'demo',
		password: 'demo-password',
		key1: 'A'.repeat(64),
		key2: 'B'.repeat(64),
		email: 'demo@example.com',
		levelId: '2',
		title: 'Mr',
		firstname: 'Demo',
		lastname: 'User',
	}),
	Object.freeze({
		id: '158643',
		username: 'other',
		password: 'other-password',
		key1: 'C'.repeat(64),
		key2: 'D'.repeat(64),
		email: 'other@example.com',
		levelId: '1',
		title: 'Ms',
		firstname: 'Other',
		lastname: 'User',
	}),
]);

/** Package (user level) rows as /account/package returns them; max_upload_size comes from options. */
export const DEFAULT_PACKAGES = Object.freeze({
	1: { label: 'Free Account', level_type: 'free user', on_upgrade_page: '1', show_site_adverts: '1' },
	2: { label: 'Premium Account', level_type: 'paid user', on_upgrade_page: '0', show_site_adverts: '0' },
});

export const DEFAULT_OPTIONS = Object.freeze({
	host: '127.0.0.1',
	port: 0,
	/** Serve download URLs from a second server on its own port (a separate "file server"). */
	separateDownloadServer: true,
	downloadPort: 0,
	/** Host name written into download URLs (e.g. 'localhost' to make it another host than the API). */
	downloadHost: null,
	/** Origin written into file and folder page URLs; defaults to the API origin. */
	siteOrigin: null,
	siteName: 'Cyberfile',
	mode: 'accountDetails',
	accounts: DEFAULT_ACCOUNTS,
	packages: DEFAULT_PACKAGES,
	maxUploadSize: 2147483648,
	/** Web-server body limit: larger requests get HTTP 413 with an HTML body. null = none. */
	maxBodyBytes: null,
	/** Errors use "status" instead of "_status" (older builds). */
	legacyStatusKey: false,
	/** Account level ids whose users may not use the API ("Your account level does not have access..."). */
	apiDeniedLevels: [],
	/** Every write endpoint answers "This API feature is not available in demo mode." */
	demoMode: false,
	/** HTTP status of the routing errors (unknown endpoint or action), as the PHP code sends them. */
	routingErrorStatus: 404,
	/** Status of the HTML landing page served for a dead/invalid download token or a trashed file. */
	invalidDownloadStatus: 200,
	tokenIdleSeconds: 3600,
	downloadUrlSeconds: 86400,
	loginFailuresBeforeLockout: 5,
	lockoutSeconds: 86400,
	/** Use the first X-Forwarded-For address as the client IP (lets tests act as several IPs). */
	trustForwardedFor: true,
	/** Extra wait after an upload is received, as the API host forwards it to a storage server. */
	uploadProcessingMs: 0,
	/** Data directory for stored files; null = a fresh temporary directory, removed on close. */
	dataDir: null,
	logLimit: 10000,
	streamHighWaterMark: 1024 * 1024,
	/** Compute upload MD5s on a worker thread, beside the parsing (false: on the main thread). */
	hashInWorker: true,
});

const KEY_PATTERN = /^[A-Za-z0-9]{64}$/;

function normalizeAccount(account, index) {
	const id = String(account.id ?? '');
	if (!/^[1-9]\d*$/.test(id)) throw new Error(`accounts[${index}].id must be a positive integer string`);
	for (const key of ['key1', 'key2']) {
		if (account[key] !== undefined && !KEY_PATTERN.test(account[key])) {
			throw new Error(`accounts[${index}].${key} must be exactly 64 characters [A-Za-z0-9]`);
		}
	}
	return {
		username: `user${id}`,
		password: `password-${id}`,
		email: `user${id}@example.com`,
		levelId: '2',
		title: 'Mr',
		firstname: '',
		lastname: '',
		status: 'active',
		...account,
		id,
		levelId: String(account.levelId ?? '2'),
	};
}

/** Merges options over the defaults and checks them; throws on a bad value. */
export function normalizeOptions(input = {}) {
	const options = { ...DEFAULT_OPTIONS, ...input };
	if (!LOGIN_MODES.includes(options.mode)) {
		throw new Error(`mode must be one of ${LOGIN_MODES.join(', ')}`);
	}
	options.accounts = options.accounts.map(normalizeAccount);
	const ids = new Set(options.accounts.map((a) => a.id));
	if (ids.size !== options.accounts.length) throw new Error('account ids must be unique');
	options.apiDeniedLevels = (options.apiDeniedLevels ?? []).map(String);
	options.packages = { ...DEFAULT_PACKAGES, ...(input.packages ?? {}) };
	for (const name of ['maxUploadSize', 'tokenIdleSeconds', 'downloadUrlSeconds', 'lockoutSeconds']) {
		if (!(Number(options[name]) > 0)) throw new Error(`${name} must be a positive number`);
		options[name] = Number(options[name]);
	}
	if (options.maxBodyBytes !== null && !(Number(options.maxBodyBytes) > 0)) {
		throw new Error('maxBodyBytes must be null or a positive number');
	}
	return options;
}

/** The options a running emulator may change without a restart (reset / configure). */
export const RUNTIME_OPTION_NAMES = [
	'mode', 'accounts', 'packages', 'maxUploadSize', 'maxBodyBytes', 'legacyStatusKey',
	'apiDeniedLevels', 'demoMode', 'routingErrorStatus', 'invalidDownloadStatus', 'tokenIdleSeconds',
	'downloadUrlSeconds', 'loginFailuresBeforeLockout', 'lockoutSeconds', 'trustForwardedFor',
	'uploadProcessingMs', 'siteName', 'logLimit', 'hashInWorker',
];

export function pickRuntimeOptions(input = {}) {
	const unknown = Object.keys(input).filter((k) => !RUNTIME_OPTION_NAMES.includes(k));
	if (unknown.length) throw new Error(`options not changeable at runtime: ${unknown.join(', ')}`);
	return input;
}
