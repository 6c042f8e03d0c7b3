// Checks shared by the endpoint handlers, with the site's exact messages.
import { ApiError } from '../envelope.mjs';
import { isBlank, isIntKey, phpInt } from '../php.mjs';

export function required(fields, name) {
	if (isBlank(fields[name])) throw new ApiError(`Please provide the ${name} param.`);
	return fields[name];
}

/** The account's file named by `file_id`, whatever its status. */
export function ownedFile({ emu, fields, accountId }) {
	required(fields, 'file_id');
	const file = emu.store.fileOf(accountId, phpInt(fields.file_id));
	if (!file) throw new ApiError('Could not find file based on file_id.');
	return file;
}

/** The account's folder of that id, whatever its status. */
export function ownedFolder({ emu, accountId }, value) {
	const folder = emu.store.folderOf(accountId, phpInt(value));
	if (!folder) throw new ApiError('Could not find folder based on folder_id.');
	return folder;
}

/**
 * A destination given as the literal "null" (root) or the id of one of the account's ACTIVE
 * folders. Returns { folderId } or null when there is no such destination ("0" is none).
 */
export function destination({ emu, accountId }, value) {
	if (String(value).toLowerCase() === 'null') return { folderId: null };
	if (!isIntKey(String(value))) return null;
	const folder = emu.store.folderOf(accountId, Number(value));
	return folder && folder.status === 'active' ? { folderId: folder.id } : null;
}

/** An optional is_public value clamped as the site does: anything outside 0..2 becomes 0. */
export function visibility(value) {
	const number = phpInt(value);
	return number < 0 || number > 2 ? 0 : number;
}
