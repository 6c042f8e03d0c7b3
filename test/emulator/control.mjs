// The control API: the same operations in process (emulator.control.*) and over HTTP
// (/__control/*, JSON in and out). Every operation takes one plain object and returns a promise.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat, truncate, writeFile } from 'node:fs/promises';
import routes from './control-routes.cjs';
import { normalizeOptions, pickRuntimeOptions } from './config.mjs';
import { fileInfo, folderInfo } from './serialize.mjs';
import { sqlDateTime } from './php.mjs';

/** Lets `advanceClock(60)` stand for `advanceClock({ advanceSeconds: 60 })`, and so on. */
const scalar = (name) => (arg) => (arg !== null && typeof arg === 'object' ? arg : { [name]: arg });

function md5OfFile(path) {
	return new Promise((resolve, reject) => {
		const hash = createHash('md5');
		createReadStream(path, { highWaterMark: 1024 * 1024 })
			.on('data', (c) => hash.update(c))
			.on('error', reject)
			.on('end', () => resolve(hash.digest('hex')));
	});
}

export function createControl(emu) {
	const accountIdOf = (value) => {
		const id = String(value ?? emu.options.accounts[0].id);
		if (!emu.store.accounts.has(id)) throw new Error(`unknown account ${id}`);
		return id;
	};
	const applyOptions = (options) => {
		emu.options = options;
		emu.log.limit = options.logLimit;
	};

	const control = {
		async reset(overrides = {}) {
			applyOptions(normalizeOptions({ ...emu.initialOptions, ...pickRuntimeOptions(overrides ?? {}) }));
			emu.store.reset(emu.options.accounts);
			emu.auth.reset();
			emu.downloads.reset();
			emu.faults.clear();
			emu.log.clear();
			emu.log.clearStats();
			emu.clock.reset();
			return { ok: true, mode: emu.options.mode };
		},
		async configure(overrides = {}) {
			applyOptions(normalizeOptions({ ...emu.options, ...pickRuntimeOptions(overrides ?? {}) }));
			if (overrides.accounts) {
				const previous = emu.store.accounts;
				emu.store.accounts = new Map(
					emu.options.accounts.map((a) => [a.id, { lastlogindate: null, lastloginip: null, ...previous.get(a.id), ...a }]),
				);
			}
			return { ok: true };
		},
		async setMode(arg) {
			return control.configure({ mode: scalar('mode')(arg).mode });
		},
		async log() {
			return emu.log.list();
		},
		async clearLog() {
			emu.log.clear();
			return { ok: true };
		},
		async stats() {
			return emu.log.stats();
		},
		async clearStats() {
			emu.log.clearStats();
			return { ok: true };
		},
		async addFault(spec) {
			return emu.faults.add(spec);
		},
		async faults() {
			return emu.faults.describe();
		},
		/** All faults, or only the one with { id }. */
		async clearFaults({ id } = {}) {
			if (id !== undefined) emu.faults.remove(id);
			else emu.faults.clear();
			return { ok: true };
		},
		async advanceClock(arg) {
			emu.clock.advance(scalar('advanceSeconds')(arg).advanceSeconds);
			return control.clock();
		},
		async clock() {
			return { now: sqlDateTime(emu.clock.now()), offsetSeconds: emu.clock.offsetSeconds() };
		},
		async expireTokens(arg = {}) {
			const { accountId = null } = scalar('accountId')(arg ?? {});
			emu.auth.expireAll(accountId === null ? null : accountIdOf(accountId));
			return { ok: true };
		},
		/** Another client logs in to the account: its token replaces every earlier one. */
		async takeover(arg) {
			const accountId = accountIdOf(scalar('accountId')(arg).accountId);
			emu.auth.issue(accountId);
			return { accountId, liveTokens: emu.auth.liveTokenCount(accountId) };
		},
		async state() {
			const { folders, files } = emu.store.snapshot();
			return {
				mode: emu.options.mode,
				clock: await control.clock(),
				accounts: [...emu.store.accounts.values()].map((a) => ({
					id: a.id,
					username: a.username,
					levelId: a.levelId,
					liveTokens: emu.auth.liveTokenCount(a.id),
				})),
				folders,
				files,
				lockouts: emu.auth.lockouts(),
				liveDownloadUrls: emu.downloads.liveCount(),
				faults: emu.faults.describe(),
			};
		},
		/**
		 * Every access token handed out since the last reset (logins and takeovers), for tests
		 * that search logs and stored data for leaked tokens. Never part of `state`.
		 */
		async issuedTokens() {
			return { tokens: [...emu.auth.issued] };
		},
		async health() {
			const memory = process.memoryUsage();
			return { pid: process.pid, uptimeSeconds: process.uptime(), ...memory };
		},
		/** Creates a folder directly (no API call, no log entry); answers like /folder/info. */
		async addFolder({ accountId, name, parentId = null, isPublic = 0, accessPassword = null, status = 'active' } = {}) {
			const owner = accountIdOf(accountId);
			if (!name) throw new Error('name is required');
			if (parentId !== null && !emu.store.folderOf(owner, parentId)) throw new Error(`unknown folder ${parentId}`);
			const folder = emu.store.createFolder({
				accountId: owner,
				name,
				parentId: parentId === null ? null : Number(parentId),
				isPublic: Number(isPublic),
				accessPassword,
			});
			folder.status = status;
			return { ...folderInfo(emu, folder), urlHash: folder.urlHash };
		},
		/** Creates a file directly from text, base64 or a size (zero bytes); answers like /file/info. */
		async addFile({ accountId, folderId = null, name, content, contentBase64, size, status = 'active' } = {}) {
			const owner = accountIdOf(accountId);
			if (!name) throw new Error('name is required');
			if (folderId !== null && !emu.store.folderOf(owner, folderId)) throw new Error(`unknown folder ${folderId}`);
			const blobPath = emu.store.newBlobPath();
			if (size !== undefined) {
				await writeFile(blobPath, '');
				await truncate(blobPath, Number(size));
			} else {
				await writeFile(blobPath, contentBase64 !== undefined ? Buffer.from(contentBase64, 'base64') : String(content ?? ''));
			}
			const target = folderId === null ? null : Number(folderId);
			const file = emu.store.createFile({
				accountId: owner,
				folderId: target,
				name: emu.store.uniqueName(owner, target, name),
				size: (await stat(blobPath)).size,
				md5: await md5OfFile(blobPath),
				blobPath,
			});
			if (status !== 'active') emu.store.trashFile(file);
			return fileInfo(emu, file);
		},
	};
	return control;
}

/** Serves /__control/<path> with a control object. */
export async function handleControl(control, req, res, path) {
	const route = routes.find(([method, name]) => method === req.method && name === path);
	const send = (status, value) => {
		const body = Buffer.from(JSON.stringify(value));
		res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': body.length });
		res.end(body);
	};
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	if (!route) return send(404, { error: `no control route ${req.method} /__control/${path}` });
	try {
		const text = Buffer.concat(chunks).toString('utf8').trim();
		const body = text ? JSON.parse(text) : {};
		return send(200, await control[route[2]](body));
	} catch (error) {
		return send(400, { error: error.message });
	}
}
