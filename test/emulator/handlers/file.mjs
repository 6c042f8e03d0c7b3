// /file/*: upload, download, info, edit, delete, move, copy.
import { rename } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../envelope.mjs';
import { formatSize, isBlank, phpInt, sqlDateTime } from '../php.mjs';
import { accountPackage, fileInfo, uploadResult } from '../serialize.mjs';
import { destination, ownedFile, required } from './common.mjs';

/** The name the uploader stores: no leading dot, trimmed, a date when nothing is left. */
function storedName(emu, filename) {
	const name = filename.replace(/^\./, '').trim();
	if (name) return name;
	return sqlDateTime(emu.clock.now()).replace(/\D/g, '').slice(0, 12);
}

export async function upload(ctx) {
	const { emu, fields, accountId, ip } = ctx;
	const received = ctx.upload;
	if (!received) throw new ApiError('Did not receive uploaded file.');
	if (received.size === 0) throw new ApiError('Filesize received was zero.');
	if (emu.options.uploadProcessingMs > 0) await sleep(emu.options.uploadProcessingMs);

	// The API host forwards the file to an upload server, whose errors come back prefixed.
	const handlerUrl = `${emu.urls.site}/ajax/api_upload_handler`;
	const max = Number(accountPackage(emu, emu.store.accounts.get(accountId)).max_upload_size);
	if (received.size > max) {
		throw new ApiError(`Error on: ${handlerUrl}. File received is larger than permitted. (max ${formatSize(max)})`);
	}

	// A folder that is empty, 0 or not the account's silently means the root folder.
	const folder = phpInt(fields.folder_id) > 0 ? emu.store.folderOf(accountId, phpInt(fields.folder_id)) : null;
	const folderId = folder ? folder.id : null;
	const name = emu.store.uniqueName(accountId, folderId, storedName(emu, received.filename));
	const blobPath = emu.store.newBlobPath();
	await rename(received.tmpPath, blobPath);
	received.tmpPath = null;
	const file = emu.store.createFile({ accountId, folderId, name, size: received.size, md5: received.md5, blobPath, ip });
	return { response: 'File uploaded', data: [uploadResult(emu, file)] };
}

export function download(ctx) {
	const file = ownedFile(ctx);
	if (file.status !== 'active') throw new ApiError('Could not generate download url.');
	const url = ctx.emu.downloads.createUrl(file);
	return { data: { file_id: ctx.fields.file_id, filename: file.name, download_url: url } };
}

export function info(ctx) {
	return { data: fileInfo(ctx.emu, ownedFile(ctx)) };
}

export function edit(ctx) {
	const { emu, fields } = ctx;
	const file = ownedFile(ctx);
	if (!isBlank(fields.filename)) emu.store.renameFile(file, fields.filename);
	if (!isBlank(fields.folder_id)) {
		// A target that is not one of the account's active folders is silently ignored.
		const target = destination(ctx, fields.folder_id);
		if (target) file.folderId = target.folderId;
	}
	if (!isBlank(fields.fileType)) file.mimeType = fields.fileType;
	return { response: 'File successfully updated.', data: fileInfo(emu, file) };
}

export function remove(ctx) {
	const file = ownedFile(ctx);
	ctx.emu.store.trashFile(file);
	return { response: 'File successfully set as deleted.', data: fileInfo(ctx.emu, file) };
}

function requiredDestination(ctx, param) {
	required(ctx.fields, param);
	const target = destination(ctx, ctx.fields[param]);
	if (!target) throw new ApiError(`Could not find the destination folder id defined by ${param}.`);
	return target.folderId;
}

export function move(ctx) {
	const file = ownedFile(ctx);
	file.folderId = requiredDestination(ctx, 'new_parent_folder_id');
	return { response: 'File successfully moved.', data: fileInfo(ctx.emu, file) };
}

export function copy(ctx) {
	const file = ownedFile(ctx);
	const folderId = requiredDestination(ctx, 'copy_to_folder_id');
	const original = fileInfo(ctx.emu, file);
	const duplicate = ctx.emu.store.duplicateFile(file, folderId);
	return {
		response: 'File successfully copyied.',
		original_file: { data: original },
		new_file: { data: fileInfo(ctx.emu, duplicate) },
	};
}
