import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { ROOT_FOLDER, ROOT_FOLDER_NAME } from '../helpers/locator';
import { isTrashed, walkFolders } from '../helpers/listing';

/** How many folders a picker lists at most: one API call each. */
const PICKER_FOLDER_LIMIT = 50;

const matches = (filter: string | undefined, text: string) =>
	!filter || text.toLowerCase().includes(filter.trim().toLowerCase());

async function collect(
	context: ILoadOptionsFunctions,
	pick: (entry: { path: string; folder: IDataObject | undefined; file: IDataObject | undefined }) => INodeListSearchItems | undefined,
): Promise<INodeListSearchItems[]> {
	const results: INodeListSearchItems[] = [];
	for await (const step of walkFolders(context, '', { maxFolders: PICKER_FOLDER_LIMIT })) {
		const prefix = step.path ? `${step.path}/` : '';
		for (const folder of step.folders) {
			if (isTrashed(folder)) continue;
			const item = pick({ path: `${prefix}${String(folder.folderName)}`, folder, file: undefined });
			if (item) results.push(item);
		}
		for (const file of step.files) {
			if (isTrashed(file)) continue;
			const item = pick({ path: `${prefix}${String(file.filename)}`, folder: undefined, file });
			if (item) results.push(item);
		}
	}
	return results;
}

/** Folders by path, the root folder first. */
export async function searchFolders(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const folders = await collect(this, ({ path, folder }) =>
		folder && matches(filter, path)
			? { name: `/${path}`, value: String(folder.id), url: folder.url_folder as string | undefined }
			: undefined,
	);
	const root = matches(filter, ROOT_FOLDER_NAME) ? [{ name: ROOT_FOLDER_NAME, value: ROOT_FOLDER }] : [];
	return { results: [...root, ...folders] };
}

/** Files by path, without the trash. */
export async function searchFiles(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const files = await collect(this, ({ path, file }) =>
		file && matches(filter, path)
			? { name: `/${path}`, value: String(file.id), url: file.url_file as string | undefined }
			: undefined,
	);
	return { results: files };
}
