import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { collection } from '../../descriptions/collection';
import { folderLocator } from '../../descriptions/locators';
import { parallelRequestsOption } from '../../descriptions/parallel';
import { walkEntries } from '../../helpers/listing';
import { parallelRequests } from '../../helpers/pool';
import type { WalkEntry } from '../../helpers/listing';
import { toFile, toFolder } from '../../helpers/shape';
import { checkSites, resolveFolderField } from '../../helpers/target';
import { booleanValue, choiceValue, wholeNumberValue } from '../../helpers/values';
import { showFor } from '../common';

const show = showFor('folder', ['list']);
const INCLUDE = ['filesAndFolders', 'files', 'folders'] as const;

export const description: INodeProperties[] = [
	folderLocator({
		displayName: 'Folder',
		name: 'folderId',
		description: 'The folder to list: the root folder, or pick one, paste its link or give its ID',
		displayOptions: show,
	}),
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: show,
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show.show, returnAll: [false] } },
	},
	collection('Options', 'options', show, [
		{
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
		},
		{
			displayName: 'Include Trashed',
			name: 'includeTrashed',
			type: 'boolean',
			default: false,
			description: 'Whether to return entries that are in the trash too (their "status" is "trash")',
		},
		parallelRequestsOption,
		{
			displayName: 'Recursive',
			name: 'recursive',
			type: 'boolean',
			default: false,
			description:
				'Whether to list the sub-folders\' contents too, all the way down (one request per folder). Each item then carries its "path" below the listed folder, such as "invoices/2026/march.pdf".',
		},
	], 'Add Option'),
];

function checkedLimit(context: IExecuteFunctions, itemIndex: number): number {
	if (booleanValue(context, context.getNodeParameter('returnAll', itemIndex, false), 'Return All', itemIndex)) return Infinity;
	return wholeNumberValue(context, context.getNodeParameter('limit', itemIndex, 50), 'Limit', { min: 1 }, itemIndex);
}

const toItem = ({ type, raw, path }: WalkEntry, recursive: boolean): IDataObject => ({
	...(type === 'file' ? toFile(raw) : toFolder(raw)),
	type,
	...(recursive ? { path } : {}),
});

/** One item per sub-folder and file, sub-folders first, in the order the site sorts them (by name). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const folder = resolveFolderField(this, 'folderId', itemIndex, 'location', 'Folder');
	const limit = checkedLimit(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const option = (name: string) => `Options > ${name}`;
	const include = choiceValue(this, options.include ?? 'filesAndFolders', INCLUDE, option('Include'), itemIndex);
	const recursive = booleanValue(this, options.recursive, option('Recursive'), itemIndex);
	const includeTrashed = booleanValue(this, options.includeTrashed, option('Include Trashed'), itemIndex);
	await checkSites(this, itemIndex, [folder.target, 'Folder']);
	// Listings asked for ahead; with the items' own, never more than Parallel Requests at once (see the router).
	const parallel = recursive ? parallelRequests(this) : 1;
	const walk = walkEntries(this, folder.value, { maxFolders: recursive ? undefined : 1, includeTrashed, parallel, itemIndex });
	const items: INodeExecutionData[] = [];
	for await (const entry of walk) {
		if (include !== 'filesAndFolders' && include !== `${entry.type}s`) continue;
		items.push({ json: toItem(entry, recursive) });
		if (items.length >= limit) break;
	}
	return items;
}
