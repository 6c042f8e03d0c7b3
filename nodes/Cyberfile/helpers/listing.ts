import type { IDataObject } from 'n8n-workflow';

import { cyberfileApiData } from '../transport';
import type { CyberfileContext } from '../transport';

/** One folder's listing: every sub-folder and file in one answer, trash included. */
export interface Listing {
	folders: IDataObject[];
	files: IDataObject[];
}

/** '' lists the root folder. */
export async function listFolder(context: CyberfileContext, folderId: string, itemIndex?: number): Promise<Listing> {
	const data = await cyberfileApiData(context, {
		endpoint: 'folder/listing',
		fields: { parent_folder_id: folderId },
		idempotent: true,
		itemIndex,
	});
	return {
		folders: Array.isArray(data.folders) ? (data.folders as IDataObject[]) : [],
		files: Array.isArray(data.files) ? (data.files as IDataObject[]) : [],
	};
}

export const isTrashed = (entry: IDataObject) => String(entry.status ?? entry.file_status ?? 'active') === 'trash';

export interface WalkStep extends Listing {
	folderId: string;
	/** The folder's path below the start, '' for the start itself, e.g. 'invoices/2026'. */
	path: string;
}

/**
 * Walks a folder tree breadth first, one listing call per folder, skipping trashed folders.
 * Stops after `maxFolders` listings (the caller decides what a bounded walk means).
 */
export async function* walkFolders(
	context: CyberfileContext,
	startFolderId: string,
	options: { maxFolders?: number; itemIndex?: number } = {},
): AsyncGenerator<WalkStep> {
	const queue: Array<{ folderId: string; path: string }> = [{ folderId: startFolderId, path: '' }];
	const seen = new Set<string>();
	let listed = 0;
	while (queue.length && listed < (options.maxFolders ?? Infinity)) {
		const { folderId, path } = queue.shift()!;
		if (seen.has(folderId)) continue;
		seen.add(folderId);
		const listing = await listFolder(context, folderId, options.itemIndex);
		listed++;
		yield { folderId, path, ...listing };
		for (const folder of listing.folders) {
			if (isTrashed(folder)) continue;
			const name = String(folder.folderName ?? folder.id);
			queue.push({ folderId: String(folder.id), path: path ? `${path}/${name}` : name });
		}
	}
}
