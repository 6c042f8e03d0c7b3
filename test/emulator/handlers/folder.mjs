// /folder/*: create, listing, info, edit, delete, move.
import { ApiError } from '../envelope.mjs';
import { isBlank, phpInt } from '../php.mjs';
import { folderInfo, listingFile } from '../serialize.mjs';
import { destination, ownedFolder, required, visibility } from './common.mjs';

const byName = (key) => (a, b) => {
	const x = a[key].toLowerCase();
	const y = b[key].toLowerCase();
	return x < y ? -1 : x > y ? 1 : a.id - b.id;
};

export function create(ctx) {
	const { emu, fields, accountId } = ctx;
	required(fields, 'folder_name');
	// An unknown parent (not one of the account's folders) puts the folder in the root.
	const parent = phpInt(fields.parent_id) > 0 ? emu.store.folderOf(accountId, phpInt(fields.parent_id)) : null;
	const password = String(fields.access_password ?? '');
	const folder = emu.store.createFolder({
		accountId,
		name: fields.folder_name,
		parentId: parent ? parent.id : null,
		isPublic: visibility(fields.is_public),
		accessPassword: password.length === 32 ? password : null,
	});
	return { response: 'Folder successfully created.', data: folderInfo(emu, folder) };
}

/** Every sub-folder and file of the folder in one answer, sorted by name, trashed ones included. */
export function listing(ctx) {
	const { emu, fields, accountId } = ctx;
	const parentId = phpInt(fields.parent_folder_id) > 0 ? ownedFolder(ctx, fields.parent_folder_id).id : null;
	const folders = emu.store.childFolders(accountId, parentId).sort(byName('name'));
	const files = emu.store.filesIn(accountId, parentId).sort(byName('name'));
	return {
		data: {
			folders: folders.map((f) => folderInfo(emu, f, { withPassword: false })),
			files: files.map((f) => listingFile(emu, f)),
		},
	};
}

export function info(ctx) {
	required(ctx.fields, 'folder_id');
	return { data: folderInfo(ctx.emu, ownedFolder(ctx, ctx.fields.folder_id)) };
}

export function edit(ctx) {
	const { emu, fields } = ctx;
	required(fields, 'folder_id');
	const folder = emu.store.folderOf(ctx.accountId, phpInt(fields.folder_id));
	if (folder) {
		let changed = false;
		if (!isBlank(fields.folder_name)) {
			folder.name = fields.folder_name;
			changed = true;
		}
		if (!isBlank(fields.parent_id)) {
			// An unknown target (or the folder itself or one below it) is silently ignored.
			const target = destination(ctx, fields.parent_id);
			if (target && (target.folderId === null || !emu.store.isInSubtree(folder.id, target.folderId))) {
				folder.parentId = target.folderId;
				changed = true;
			}
		}
		if (!isBlank(fields.is_public)) {
			folder.isPublic = visibility(fields.is_public);
			changed = true;
		}
		if (!isBlank(fields.access_password)) {
			// Stored verbatim (a plain password would lock the folder); "null" clears it.
			const value = fields.access_password;
			folder.accessPassword = value.toLowerCase() === 'null' ? null : value;
			changed = true;
		}
		if (changed) folder.dateUpdated = emu.clock.now();
	}
	return { response: 'Folder successfully updated.', ...info(ctx) };
}

export function remove(ctx) {
	const { emu, fields } = ctx;
	required(fields, 'folder_id');
	const folder = emu.store.folderOf(ctx.accountId, phpInt(fields.folder_id));
	if (!folder) throw new ApiError('Failed deleting the folder.');
	emu.store.trashFolderTree(folder);
	return { response: 'Folder successfully set as deleted.' };
}

export function move(ctx) {
	const { emu, fields } = ctx;
	required(fields, 'folder_id');
	required(fields, 'new_parent_folder_id');
	if (fields.folder_id === fields.new_parent_folder_id) {
		throw new ApiError('Param folder_id can not match new_parent_folder_id.');
	}
	const target = destination(ctx, fields.new_parent_folder_id);
	if (!target) throw new ApiError('Could not find the destination folder id defined by new_parent_folder_id.');
	const folder = emu.store.folderOf(ctx.accountId, phpInt(fields.folder_id));
	if (!folder || (target.folderId !== null && emu.store.isInSubtree(folder.id, target.folderId))) {
		throw new ApiError('Failed moving the folder.');
	}
	folder.parentId = target.folderId;
	folder.dateUpdated = emu.clock.now();
	return { response: 'Folder successfully moved.', ...info(ctx) };
}
