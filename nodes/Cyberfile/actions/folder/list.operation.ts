import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { collection } from '../../descriptions/collection';
import { folderLocator } from '../../descriptions/locators';
import { parallelRequestsOption } from '../../descriptions/parallel';
import { walkEntries } from '../../helpers/listing';
import { parallelRequests } from '../../helpers/pool';
import type { WalkEntry } from '../../helpers/listing';
import { forMixedOutput, toFile, toFolder } from '../../helpers/shape';
import { resolveFolderField } from '../../helpers/target';
import { getTarget } from '../../helpers/locator';
import { booleanValue, choiceValue, includeRawFields, itemOptions, limitValue } from '../../helpers/values';
import { INCLUDE, includeField, includeTrashedField, returnAllAndLimit } from '../../descriptions/limit';
import { includeRawFieldsOption } from '../../descriptions/itemOptions';
import type { ShapeOptions } from '../../helpers/shape';
import { showFor } from '../common';

const show = showFor('folder', ['list']);

export const description: INodeProperties[] = [
	folderLocator({
		displayName: 'Folder',
		name: 'folderId',
		description: 'The folder to list: the root folder, or pick one, paste its link, or give its path or ID',
		displayOptions: show,
	}),
	...returnAllAndLimit(show),
	collection('Options', 'options', show, [
		includeField,
		includeTrashedField,
		parallelRequestsOption,
		{
			displayName: 'Recursive',
			name: 'recursive',
			type: 'boolean',
			default: false,
			description:
				'Whether to list the sub-folders\' contents too, all the way down (one request per folder). Each item then carries its "path" below the listed folder, such as "invoices/2026/march.pdf".',
		},
		includeRawFieldsOption,
	], 'Add option'),
];

const toItem = ({ type, raw, path }: WalkEntry, recursive: boolean, shape: ShapeOptions): IDataObject =>
	(type === 'file' ? toFile : toFolder)(raw, { ...shape, path: recursive ? path : undefined });

/** One item per sub-folder and file, sub-folders first, in the order the site sorts them (by name). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const parsed = getTarget(this, 'folderId', 'folder', itemIndex, 'Folder');
	const limit = limitValue(this, itemIndex);
	const options = itemOptions(this, itemIndex);
	const option = (name: string) => `Options > ${name}`;
	const include = choiceValue(this, options.include ?? 'filesAndFolders', INCLUDE, option('Include'), itemIndex);
	const recursive = booleanValue(this, options.recursive, option('Recursive'), itemIndex);
	const includeTrashed = booleanValue(this, options.includeTrashed, option('Include Trashed'), itemIndex);
	const shape = { includeRawFields: includeRawFields(this, options, itemIndex) };
	const folder = await resolveFolderField(this, 'folderId', itemIndex, 'location', 'Folder', parsed);
	// Listings asked for ahead; with the items' own, never more than Parallel Requests at once (see the router).
	const parallel = recursive ? parallelRequests(this) : 1;
	const walk = walkEntries(this, folder.value, { maxFolders: recursive ? undefined : 1, includeTrashed, parallel, itemIndex });
	const items: INodeExecutionData[] = [];
	for await (const entry of walk) {
		if (include !== 'filesAndFolders' && include !== `${entry.type}s`) continue;
		const json = toItem(entry, recursive, shape);
		items.push({ json: include === 'filesAndFolders' ? forMixedOutput(json) : json });
		if (items.length >= limit) break;
	}
	return items;
}
