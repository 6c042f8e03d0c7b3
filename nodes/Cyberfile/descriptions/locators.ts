import type { INodeProperties } from 'n8n-workflow';

import { ROOT_FOLDER, ROOT_FOLDER_NAME } from '../helpers/locator';

type Overrides = Partial<INodeProperties> & Pick<INodeProperties, 'name' | 'displayName'>;

/** A file: picked from a list, pasted as a Cyberfile link, or given by id. */
export function fileLocator(overrides: Overrides): INodeProperties {
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The file: pick it, paste its link, or give its numeric ID',
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
				placeholder: 'https://cyberfile.me/abc1',
				hint: "The file's download page link",
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

/** A folder, the root folder included: picked, pasted as a link, or given by id. */
export function folderLocator(overrides: Overrides): INodeProperties {
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: ROOT_FOLDER, cachedResultName: ROOT_FOLDER_NAME },
		required: true,
		description: 'The folder: pick it (or the root folder), paste its link, or give its numeric ID',
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
				placeholder: 'https://cyberfile.me/folder/123/Invoices',
				hint: "The folder's page link",
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
