import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { ROOT_FOLDER, ROOT_FOLDER_NAME } from '../helpers/locator';
import { walkEntries } from '../helpers/listing';
import type { WalkEntry } from '../helpers/listing';

/** How many folders a picker lists at most: one API call each. */
const PICKER_FOLDER_LIMIT = 50;

const matches = (filter: string | undefined, text: string) =>
	!filter || text.toLowerCase().includes(filter.trim().toLowerCase());

/** The account's folders or files (not the trash) whose path matches the filter, by path. */
async function search(context: ILoadOptionsFunctions, type: WalkEntry['type'], filter?: string) {
	const results: INodeListSearchItems[] = [];
	for await (const { type: entryType, raw, path } of walkEntries(context, '', { maxFolders: PICKER_FOLDER_LIMIT })) {
		if (entryType !== type || !matches(filter, path)) continue;
		const url = (type === 'folder' ? raw.url_folder : raw.url_file) as string | undefined;
		results.push({ name: `/${path}`, value: String(raw.id), url });
	}
	return results;
}

/** Folders by path, the root folder first. */
export async function searchFolders(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const folders = await search(this, 'folder', filter);
	const root = matches(filter, ROOT_FOLDER_NAME) ? [{ name: ROOT_FOLDER_NAME, value: ROOT_FOLDER }] : [];
	return { results: [...root, ...folders] };
}

/** Files by path, without the trash. */
export async function searchFiles(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return { results: await search(this, 'file', filter) };
}
