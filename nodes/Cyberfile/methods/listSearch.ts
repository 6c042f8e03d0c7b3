import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { ROOT_FOLDER, ROOT_FOLDER_NAME } from '../helpers/locator';
import { walkEntries } from '../helpers/listing';
import type { FolderToList, WalkEntry } from '../helpers/listing';

/** How many folders one page of a picker lists at most (one API call each); scrolling down lists more. */
const PICKER_FOLDERS_PER_PAGE = 50;

/** Where the next page goes on: the folders still to list, as [id, path] pairs. */
const toToken = (queue: FolderToList[]) => (queue.length ? JSON.stringify(queue.map(({ folderId, path }) => [folderId, path])) : undefined);

function fromToken(token: string | undefined): FolderToList[] {
	if (!token) return [{ folderId: '', path: '' }];
	try {
		const pairs: unknown = JSON.parse(token);
		if (Array.isArray(pairs)) return pairs.map(([folderId, path]: [unknown, unknown]) => ({ folderId: String(folderId), path: String(path) }));
	} catch {
		// an unreadable token (from another version of the node): start over
	}
	return [{ folderId: '', path: '' }];
}

const matches = (filter: string | undefined, text: string) =>
	!filter || text.toLowerCase().includes(filter.trim().toLowerCase());

/**
 * n8n asks for the next page only when the list is scrolled to its end, which an empty list
 * cannot be: a page with no match goes on, up to this many times the folders, before it answers.
 */
const PICKER_PAGES_WHEN_EMPTY = 4;

/** One page of the account's folders or files (not the trash) whose path matches the filter, by path. */
async function search(context: ILoadOptionsFunctions, type: WalkEntry['type'], filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const results: INodeListSearchItems[] = [];
	const queue = fromToken(paginationToken);
	for (let page = 0; page < PICKER_PAGES_WHEN_EMPTY && queue.length && !results.length; page++) {
		for await (const { type: entryType, raw, path } of walkEntries(context, '', { maxFolders: PICKER_FOLDERS_PER_PAGE, queue })) {
			if (entryType !== type || !matches(filter, path)) continue;
			const url = (type === 'folder' ? raw.url_folder : raw.url_file) as string | undefined;
			results.push({ name: `/${path}`, value: String(raw.id), url });
		}
	}
	return { results, paginationToken: toToken(queue) };
}

/** Folders by path, the root folder first. */
export async function searchFolders(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = await search(this, 'folder', filter, paginationToken);
	const root = !paginationToken && matches(filter, ROOT_FOLDER_NAME) ? [{ name: ROOT_FOLDER_NAME, value: ROOT_FOLDER }] : [];
	return { ...page, results: [...root, ...page.results] };
}

/** Files by path, without the trash. */
export async function searchFiles(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await search(this, 'file', filter, paginationToken);
}
