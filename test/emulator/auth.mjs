// Sessions: /authorize in one of two login modes, one live token per account, idle expiry on the
// emulated clock, and the per-IP lockout after repeated failed logins.
import { randomInt } from 'node:crypto';
import { ApiError } from './envelope.mjs';
import { isBlank } from './php.mjs';

const TOKEN_CHARS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

export const MESSAGES = {
	badLogin:
		'Could not authenticate user. The username and password may be invalid or your account may be locked from too many failed logins.',
	badKeys:
		'Could not authenticate user. The key pair may be invalid or your account may be locked from too many failed logins.',
	levelDenied:
		'Your account level does not have access to the file upload API. Please contact site support for more information.',
	tokenAndAccount: 'Could not validate access_token and account_id, please reauthenticate or try again.',
	tokenOnly: 'Could not validate access_token, please reauthenticate or try again.',
};

function generateToken() {
	let token = '';
	for (let i = 0; i < 128; i += 1) token += TOKEN_CHARS[randomInt(TOKEN_CHARS.length)];
	return token;
}

export class Auth {
	constructor(emu) {
		this.emu = emu;
		this.reset();
	}

	reset() {
		/** token -> { accountId, created, lastUsed } */
		this.tokens = new Map();
		/** ip -> { failures: [ms...], lockedUntil: ms|null } */
		this.logins = new Map();
		/** Every token handed out since the last reset, to spot one leaking into a download request. */
		this.issued = new Set();
	}

	get options() {
		return this.emu.options;
	}

	/** Drops tokens idle for longer than the idle limit (the server does it on every request). */
	purgeExpired() {
		const limit = this.emu.clock.now() - this.options.tokenIdleSeconds * 1000;
		for (const [token, session] of this.tokens) if (session.lastUsed < limit) this.tokens.delete(token);
	}

	isLocked(ip) {
		const state = this.logins.get(ip);
		if (!state?.lockedUntil) return false;
		if (state.lockedUntil > this.emu.clock.now()) return true;
		this.logins.delete(ip);
		return false;
	}

	recordFailure(ip) {
		const now = this.emu.clock.now();
		const windowStart = now - this.options.lockoutSeconds * 1000;
		const state = this.logins.get(ip) ?? { failures: [], lockedUntil: null };
		state.failures = [...state.failures.filter((t) => t > windowStart), now];
		if (state.failures.length >= this.options.loginFailuresBeforeLockout) {
			state.lockedUntil = now + this.options.lockoutSeconds * 1000;
		}
		this.logins.set(ip, state);
	}

	/** Checks the mode's credentials; returns the account or throws the site's message. */
	checkCredentials(fields, ip) {
		if (this.options.mode === 'accountDetails') {
			if (isBlank(fields.username)) throw new ApiError('Please provide a username.');
			if (isBlank(fields.password)) throw new ApiError('Please provide a password.');
			const account = this.isLocked(ip) ? null : this.emu.store.accountByUsername(fields.username);
			if (account && account.password === fields.password && account.status === 'active') return account;
			if (!this.isLocked(ip)) this.recordFailure(ip);
			throw new ApiError(MESSAGES.badLogin);
		}
		if (String(fields.key1 ?? '').length !== 64) throw new ApiError('Please provide key1. It must be 64 characters in length.');
		if (String(fields.key2 ?? '').length !== 64) throw new ApiError('Please provide key2. It must be 64 characters in length.');
		const account = this.isLocked(ip) ? null : this.emu.store.accountByKeys(fields.key1, fields.key2);
		if (account && account.status === 'active') return account;
		if (!this.isLocked(ip)) this.recordFailure(ip);
		throw new ApiError(MESSAGES.badKeys);
	}

	/** /authorize: a new token that replaces every earlier token of the account. */
	authorize(fields, ip) {
		const account = this.checkCredentials(fields, ip);
		if (this.options.apiDeniedLevels.includes(account.levelId)) throw new ApiError(MESSAGES.levelDenied);
		account.lastlogindate = this.emu.clock.dateTime();
		account.lastloginip = ip;
		return { access_token: this.issue(account.id), account_id: account.id };
	}

	issue(accountId) {
		this.revokeAccount(accountId);
		const token = generateToken();
		const now = this.emu.clock.now();
		this.tokens.set(token, { accountId, created: now, lastUsed: now });
		this.issued.add(token);
		return token;
	}

	/** Validates a token (and, when given, that it belongs to accountId); a use restarts the idle hour. */
	validate(token, accountId = null) {
		this.purgeExpired();
		const session = this.tokens.get(token);
		if (!session || (accountId !== null && session.accountId !== accountId)) return null;
		session.lastUsed = this.emu.clock.now();
		return session.accountId;
	}

	revoke(token, accountId) {
		if (this.tokens.get(token)?.accountId === accountId) this.tokens.delete(token);
	}

	revokeAccount(accountId) {
		for (const [token, session] of this.tokens) if (session.accountId === accountId) this.tokens.delete(token);
	}

	expireAll(accountId = null) {
		if (accountId === null) this.tokens.clear();
		else this.revokeAccount(String(accountId));
	}

	liveTokenCount(accountId) {
		this.purgeExpired();
		return [...this.tokens.values()].filter((s) => s.accountId === accountId).length;
	}

	lockouts() {
		const now = this.emu.clock.now();
		return [...this.logins.entries()].map(([ip, s]) => ({
			ip,
			failures: s.failures.length,
			locked: Boolean(s.lockedUntil && s.lockedUntil > now),
			lockedUntil: s.lockedUntil ? new Date(s.lockedUntil).toISOString() : null,
		}));
	}

	/** True when a string contains any token handed out since the last reset. */
	containsIssuedToken(text) {
		if (!text) return false;
		for (const token of this.issued) if (text.includes(token)) return true;
		return false;
	}
}
