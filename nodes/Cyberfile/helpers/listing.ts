import type { IDataObject } from 'n8n-workflow';

import { cyberfileApiData } from '../transport';
import type { CyberfileContext } from '../transport';

/** One folder's listing: every sub-folder and file in one answer (trash included on most sites). */
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
		subject: { folder: folderId || undefined },
	});
	return {
		folders: Array.isArray(data.folders) ? (data.folders as IDataObject[]) : [],
		files: Array.isArray(data.files) ? (data.files as IDataObject[]) : [],
	};
}

export const isTrashed = (entry: IDataObject) => String(entry.status ?? entry.file_status ?? 'active') === 'trash';

/** A folder a walk has still to list, with its path below the start. */
export interface FolderToList {
	folderId: string;
	path: string;
}

export interface WalkOptions {
	/** How many folders to list at most (one API call each); the caller decides what a bounded walk means. */
	maxFolders?: number;
	/**
	 * The folders still to list, in order: a walk resumed where an earlier one stopped. The walk
	 * takes from it and adds to it as it goes, so after a bounded walk it holds what is left.
	 */
	queue?: FolderToList[];
	/** Also walk into trashed folders (by default the walk skips them). */
	includeTrashed?: boolean;
	/** How many listings to ask for at once (default 1). */
	parallel?: number;
	itemIndex?: number;
}

export interface WalkStep extends Listing {
	folderId: string;
	/** The folder's path below the start, '' for the start itself, e.g. 'invoices/2026'. */
	path: string;
}

const joinPath = (path: string, name: string) => (path ? `${path}/${name}` : name);

/**
 * Walks a folder tree breadth first, one listing call per folder, yielding in that order. With
 * `parallel` above 1 the listings of folders already known are asked for ahead, that many at
 * once; a walk that is left early puts the folders it had asked ahead for back into the queue.
 */
export async function* walkFolders(
	context: CyberfileContext,
	startFolderId: string,
	options: WalkOptions = {},
): AsyncGenerator<WalkStep> {
	const queue = options.queue ?? [{ folderId: startFolderId, path: '' }];
	const maxFolders = options.maxFolders ?? Infinity;
	const seen = new Set<string>();
	const ahead: Array<{ folder: FolderToList; listing: Promise<Listing> }> = [];
	let listed = 0;
	const askAhead = () => {
		while (queue.length && ahead.length < (options.parallel ?? 1) && listed + ahead.length < maxFolders) {
			const folder = queue.shift()!;
			if (seen.has(folder.folderId)) continue;
			seen.add(folder.folderId);
			const listing = listFolder(context, folder.folderId, options.itemIndex);
			listing.catch(() => undefined); // its failure is thrown when the walk gets to it
			ahead.push({ folder, listing });
		}
	};
	try {
		for (askAhead(); ahead.length; askAhead()) {
			const { folder, listing } = ahead[0];
			const { folderId, path } = folder;
			const step = { folderId, path, ...(await listing) };
			ahead.shift();
			listed++;
			// Queued before the step is handed out, so that a consumer that stops here can resume.
			for (const sub of step.folders) {
				if (isTrashed(sub) && !options.includeTrashed) continue;
				queue.push({ folderId: String(sub.id), path: joinPath(path, String(sub.folderName ?? sub.id)) });
			}
			yield step;
		}
	} finally {
		queue.unshift(...ahead.map(({ folder }) => folder));
	}
}

/** One sub-folder or file met on a walk, with its path below the start ('invoices/2026/a.pdf'). */
export interface WalkEntry {
	type: 'folder' | 'file';
	raw: IDataObject;
	path: string;
}

/** Every entry of a walk, sub-folders before files in each folder; trashed ones only when asked for. */
export async function* walkEntries(
	context: CyberfileContext,
	startFolderId: string,
	options: WalkOptions = {},
): AsyncGenerator<WalkEntry> {
	for await (const step of walkFolders(context, startFolderId, options)) {
		const entries: WalkEntry[] = [
			...step.folders.map((raw) => ({ type: 'folder' as const, raw, path: joinPath(step.path, String(raw.folderName ?? '')) })),
			...step.files.map((raw) => ({ type: 'file' as const, raw, path: joinPath(step.path, String(raw.filename ?? '')) })),
		];
		for (const entry of entries) if (options.includeTrashed || !isTrashed(entry.raw)) yield entry;
	}
}
