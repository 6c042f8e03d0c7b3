// The one table of the API: endpoint groups with their token check, and "group/action" -> handler.
import { ApiError } from './envelope.mjs';
import { MESSAGES } from './auth.mjs';
import { isBlank, phpInt } from './php.mjs';
import * as account from './handlers/account.mjs';
import * as file from './handlers/file.mjs';
import * as folder from './handlers/folder.mjs';
import * as session from './handlers/session.mjs';

/**
 * auth: null (no token), 'tokenOnly' (account/*: access_token alone), or 'tokenAndAccount'
 * (access_token + account_id). Each group checks its token before looking the action up.
 */
export const GROUPS = {
	authorize: { auth: null },
	disable_access_token: { auth: 'tokenAndAccount' },
	account: { auth: 'tokenOnly' },
	file: { auth: 'tokenAndAccount' },
	folder: { auth: 'tokenAndAccount' },
};

/** write: refused in demo mode. uploadField: the multipart file field kept on disk. */
export const ENDPOINTS = {
	'authorize/index': { handler: session.authorize },
	'disable_access_token/index': { handler: session.disableAccessToken },
	'account/info': { handler: account.info },
	'account/package': { handler: account.packageInfo },
	'account/create': { handler: account.adminOnly, write: true },
	'account/edit': { handler: account.adminOnly, write: true },
	'account/delete': { handler: account.adminOnly, write: true },
	'file/upload': { handler: file.upload, write: true, uploadField: 'upload_file' },
	'file/download': { handler: file.download },
	'file/info': { handler: file.info },
	'file/edit': { handler: file.edit, write: true },
	'file/delete': { handler: file.remove, write: true },
	'file/move': { handler: file.move, write: true },
	'file/copy': { handler: file.copy, write: true },
	'folder/create': { handler: folder.create, write: true },
	'folder/listing': { handler: folder.listing },
	'folder/info': { handler: folder.info },
	'folder/edit': { handler: folder.edit, write: true },
	'folder/delete': { handler: folder.remove, write: true },
	'folder/move': { handler: folder.move, write: true },
};

/** "authorize/index" is called "authorize" (in logs, stats and fault matching). */
export function endpointName(group, action) {
	return action === 'index' ? group : `${group}/${action}`;
}

export function tokenMessage(group) {
	return GROUPS[group]?.auth === 'tokenOnly' ? MESSAGES.tokenOnly : MESSAGES.tokenAndAccount;
}

/** The group's token check; returns the account id the request acts for (null for authorize). */
export function authenticate(emu, group, fields) {
	const auth = GROUPS[group].auth;
	if (!auth) return null;
	if (isBlank(fields.access_token)) throw new ApiError('Please provide the access_token param.');
	if (auth === 'tokenOnly') {
		const accountId = emu.auth.validate(fields.access_token);
		if (!accountId) throw new ApiError(MESSAGES.tokenOnly);
		return accountId;
	}
	if (isBlank(fields.account_id)) throw new ApiError('Please provide the account_id param.');
	const accountId = String(phpInt(fields.account_id));
	if (!emu.auth.validate(fields.access_token, accountId)) throw new ApiError(MESSAGES.tokenAndAccount);
	return accountId;
}
