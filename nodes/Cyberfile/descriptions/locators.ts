import type { INodeProperties } from 'n8n-workflow';

import { ROOT_FOLDER, ROOT_FOLDER_NAME } from '../helpers/locator';

type Overrides = Partial<INodeProperties> & Pick<INodeProperties, 'name' | 'displayName'>;

/** A file: picked from a list, pasted as a Cyberfile link, given by path or by id. */
export function fileLocator(overrides: Overrides): INodeProperties {
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The file: pick it, paste its link, give its path from the root folder, or its numeric ID',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a file...',
				typeOptions: { searchListMethod: 'searchFiles', searchable: true },
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'https://cyberfile.me/abc1/report.pdf',
				hint: "The file's link as the site shows it: https://<site>/<code>, with or without the file name, ~i/~s/~d pages too",
			},
			{
				displayName: 'By Path',
				name: 'path',
				type: 'string',
				placeholder: 'invoices/2026/11/report.pdf',
				hint: 'Folders from the root folder, then the file name, separated by "/"',
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: '1253',
				hint: 'The numeric file ID, as in the "id" field of other Cyberfile operations',
			},
		],
		...overrides,
	} as INodeProperties;
}

/** A folder, the root folder included: picked, pasted as a link, given by path or by id. */
export function folderLocator(overrides: Overrides): INodeProperties {
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: ROOT_FOLDER, cachedResultName: ROOT_FOLDER_NAME },
		required: true,
		description: 'The folder: pick it (or the root folder), paste its link, give its path from the root folder, or its numeric ID',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a folder...',
				typeOptions: { searchListMethod: 'searchFolders', searchable: true },
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'https://cyberfile.me/folder/7981db5ad231ce939e1ed9d02699bcd5/Invoices',
				hint: "The folder's link as the site shows it: https://<site>/folder/<code>/<name>",
			},
			{
				displayName: 'By Path',
				name: 'path',
				type: 'string',
				placeholder: 'invoices/2026/11',
				hint: 'Folders from the root folder, separated by "/"; "/" alone is the root folder',
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: '123',
				hint: `The numeric folder ID, or "${ROOT_FOLDER}" for the root folder`,
			},
		],
		...overrides,
	} as INodeProperties;
}
