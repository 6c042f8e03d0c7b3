import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** Fields of the operations that return many files and folders (Folder › List, File/Folder › Search). */

/** "Return All" and "Limit", as n8n's own nodes name them. */
export const returnAllAndLimit = (displayOptions: IDisplayOptions): INodeProperties[] => [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions,
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...displayOptions.show, returnAll: [false] } },
	},
];

export const INCLUDE = ['filesAndFolders', 'files', 'folders'] as const;

export const includeField: INodeProperties = {
	displayName: 'Include',
	name: 'include',
	type: 'options',
	options: [
		{ name: 'Files and Folders', value: 'filesAndFolders' },
		{ name: 'Files', value: 'files' },
		{ name: 'Folders', value: 'folders' },
	],
	default: 'filesAndFolders',
	description: 'Which entries to return; each item says its kind in the "type" field ("file" or "folder")',
};

export const includeTrashedField: INodeProperties = {
	displayName: 'Include Trashed',
	name: 'includeTrashed',
	type: 'boolean',
	default: false,
	description: 'Whether to return entries that are in the trash too (their "status" is "trash")',
};
