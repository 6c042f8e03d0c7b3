import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';

import { apiError, cyberfileApiData, inputError } from '../transport';
import { ROOT_FOLDER } from './locator';
import type { Target } from './locator';
import { isTrashed, listFolder } from './listing';
import { folderRef, toFolder } from './shape';
import { checkSites, siteCheckedTarget } from './target';

/**
 * Reads of single folders, and the checks the site leaves out: /folder/create puts a folder
 * under any parent id it is given (even one that does not exist), /folder/edit silently ignores
 * a parent it does not know, and neither it nor /folder/move stops a folder from being moved into
 * its own sub-folder (which would cut the subtree off from the root).
 */

/** How deep a folder tree may be before a walk up it is taken for a loop. */
const MAX_DEPTH = 100;

/** A folder locator that must name one of the user's folders, not the root folder. */
export async function ownFolderId(
	context: IExecuteFunctions,
	parameterName: string,
	displayName: string,
	itemIndex: number,
	action: string,
): Promise<string> {
	const target = await siteCheckedTarget(context, parameterName, 'folder', itemIndex, displayName);
	if ('id' in target) return target.id;
	throw inputError(
		context.getNode(),
		`Parameter "${displayName}" is the root folder (or empty): the root folder cannot be ${action}`,
		itemIndex,
		'Pick one of your folders, paste its link, or give its numeric ID.',
	);
}

/** /folder/info; a folder that is not found is named, with the parameter it came from. */
export async function folderInfo(
	context: IExecuteFunctions,
	folderId: string,
	itemIndex: number,
	displayName?: string,
): Promise<IDataObject> {
	try {
		return await cyberfileApiData(context, {
			endpoint: 'folder/info',
			fields: { folder_id: folderId },
			idempotent: true,
			itemIndex,
			subject: { folder: folderId },
		});
	} catch (error) {
		// Both constructors hand back the error they are given when it already is one of theirs.
		if (!(error instanceof NodeApiError)) throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		if (displayName && /could not find folder/i.test(error.message)) {
			error.description = `Parameter "${displayName}" names a folder that does not exist in this account.`;
		}
		throw new NodeApiError(context.getNode(), error as unknown as JsonObject);
	}
}

/**
 * Checks a folder that something is about to be put into: it exists and is not in the trash, and,
 * when a folder is being moved (`movingFolderId`), it is neither that folder nor below it.
 */
export async function checkDestination(
	context: IExecuteFunctions,
	destination: Target,
	options: { itemIndex: number; displayName: string; movingFolderId?: string },
): Promise<void> {
	if (!('id' in destination)) return;
	const { itemIndex, displayName, movingFolderId } = options;
	const node = context.getNode();
	await checkSites(context, itemIndex, [destination, displayName]);
	if (destination.id === movingFolderId) {
		throw inputError(node, `Parameter "${displayName}" is the folder itself (${movingFolderId}): a folder cannot be moved into itself`, itemIndex);
	}
	let info = await folderInfo(context, destination.id, itemIndex, displayName);
	if (isTrashed(info)) {
		throw inputError(node, `Parameter "${displayName}" names folder ${destination.id}, which is in the trash`, itemIndex);
	}
	if (movingFolderId === undefined) return;
	for (let depth = 0; depth < MAX_DEPTH; depth++) {
		const parentId = folderRef(info.parentId);
		if (parentId === null) return;
		if (parentId === movingFolderId) {
			throw inputError(
				node,
				`Parameter "${displayName}" names folder ${destination.id}, which is inside folder ${movingFolderId}: a folder cannot be moved into one of its own sub-folders`,
				itemIndex,
			);
		}
		info = await folderInfo(context, parentId, itemIndex);
	}
	throw apiError(node, `The folders above folder ${destination.id} are more than ${MAX_DEPTH} levels deep or form a loop`, {
		itemIndex,
	});
}

/**
 * The root folder as a folder item. The API has no details for it, so this says what a listing
 * shows: its direct sub-folders and files (not the trash) and their total size.
 */
export async function rootFolderItem(context: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const listing = await listFolder(context, '', itemIndex);
	const files = listing.files.filter((file) => !isTrashed(file));
	const totalSize = files.reduce((sum, file) => sum + (Number(file.fileSize ?? file.size) || 0), 0);
	const root = toFolder({
		id: ROOT_FOLDER,
		folderName: '/',
		totalSize,
		isPublic: 0,
		accessPassword: null,
		child_folder_count: listing.folders.filter((folder) => !isTrashed(folder)).length,
		file_count: files.length,
	});
	return { ...root, root: true };
}

/** A folder's path from the root folder ('' for the root), e.g. 'invoices/2026': one call per level. */
export async function folderPathFromRoot(context: IExecuteFunctions, folderId: string, itemIndex: number): Promise<string> {
	const names: string[] = [];
	for (let id: string | null = folderId || null, depth = 0; id !== null; depth++) {
		if (depth >= MAX_DEPTH) {
			throw apiError(context.getNode(), `The folders above folder ${folderId} are more than ${MAX_DEPTH} levels deep or form a loop`, { itemIndex });
		}
		const info = await folderInfo(context, id, itemIndex, depth === 0 ? 'Folder' : undefined);
		names.unshift(String(info.folderName ?? id));
		id = folderRef(info.parentId);
	}
	return names.join('/');
}
