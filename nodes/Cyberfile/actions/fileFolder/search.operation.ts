import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { collection } from '../../descriptions/collection';
import { itemOptions } from '../../descriptions/itemOptions';
import { INCLUDE, includeField, includeTrashedField, returnAllAndLimit } from '../../descriptions/limit';
import { folderLocator } from '../../descriptions/locators';
import { folderPathFromRoot } from '../../helpers/folders';
import { walkEntries } from '../../helpers/listing';
import { parallelRequests } from '../../helpers/pool';
import type { WalkEntry } from '../../helpers/listing';
import { getTarget } from '../../helpers/locator';
import { forMixedOutput, toFile, toFolder } from '../../helpers/shape';
import { resolveFolderField } from '../../helpers/target';
import { booleanValue, choiceValue, itemShape, limitValue, shown, textValue } from '../../helpers/values';
import { inputError } from '../../transport';
import { showFor } from '../common';

const show = showFor('fileFolder', ['search']);

export const description: INodeProperties[] = [
	{
		displayName: 'Name Pattern',
		name: 'query',
		type: 'string',
		default: '',
		placeholder: '*.pdf',
		description:
			'The name to look for, without case. "*" stands for any characters and "?" for one, and the pattern must then match the whole name (e.g. "invoice-2026-*.pdf"); without them, names that contain the text match (e.g. "invoice"). Empty matches everything.',
		displayOptions: show,
	},
	folderLocator({
		displayName: 'Search In',
		name: 'folderId',
		description: 'The folder to search: the root folder (the whole account) by default, or pick one, paste its link, or give its path or ID',
		displayOptions: show,
	}),
	...returnAllAndLimit(show),
	collection('Filter', 'filter', show, [
		{
			...includeField,
			description: 'Whether to find files, folders or both; each item says its kind in the "type" field ("file" or "folder")',
		},
		{
			displayName: 'Recursive',
			name: 'recursive',
			type: 'boolean',
			default: true,
			description: 'Whether to search the sub-folders too, all the way down (one request per folder), or only the folder itself',
		},
		{
			displayName: 'Extensions',
			name: 'extensions',
			type: 'string',
			default: '',
			placeholder: 'pdf,docx',
			description: 'Only files with one of these extensions, comma-separated, without dots; folders are then left out',
		},
		{
			displayName: 'Min Size (Bytes)',
			name: 'minSize',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Only files of at least this many bytes; folders are then left out',
		},
		{
			displayName: 'Max Size (Bytes)',
			name: 'maxSize',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Only files of at most this many bytes; folders are then left out',
		},
		includeTrashedField,
	], 'Add Filter'),
	itemOptions(show),
];

const FILTER = (name: string) => `Filter > ${name}`;

/** '*' and '?' wildcards over the whole name; plain text matches names that contain it. Without case. */
export function namePattern(query: string): (name: string) => boolean {
	const text = query.trim().toLowerCase();
	if (!text) return () => true;
	if (!/[*?]/.test(text)) return (name) => name.toLowerCase().includes(text);
	const source = text.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
	const regex = new RegExp(`^${source}$`, 's');
	return (name) => regex.test(name.toLowerCase());
}

function extensionsValue(context: IExecuteFunctions, value: unknown, itemIndex: number): string[] {
	const list = textValue(context, value ?? '', FILTER('Extensions'), itemIndex)
		.split(/[,;\s]+/)
		.map((extension) => extension.trim().replace(/^\*?\./, '').toLowerCase())
		.filter(Boolean);
	const bad = list.find((extension) => !/^[a-z0-9_+-]{1,20}$/.test(extension));
	if (bad) throw inputError(context.getNode(), `Parameter "${FILTER('Extensions')}" has "${bad}", which is not a file extension (such as pdf)`, itemIndex);
	return list;
}

function sizeValue(context: IExecuteFunctions, value: unknown, name: string, itemIndex: number): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const size = typeof value === 'number' || typeof value === 'string' ? Number(value) : NaN;
	if (!Number.isSafeInteger(size) || size < 0) {
		throw inputError(context.getNode(), `Parameter "${FILTER(name)}" must be a whole number of bytes, 0 or more (got ${shown(value)})`, itemIndex);
	}
	return size;
}

/** What a hit must be, from the parameters; every one checked before any request. */
function matcher(context: IExecuteFunctions, itemIndex: number) {
	const filter = context.getNodeParameter('filter', itemIndex, {}) as IDataObject;
	const matchesName = namePattern(textValue(context, context.getNodeParameter('query', itemIndex, ''), 'Name Pattern', itemIndex));
	const include = choiceValue(context, filter.include ?? 'filesAndFolders', INCLUDE, FILTER('Include'), itemIndex);
	const extensions = extensionsValue(context, filter.extensions, itemIndex);
	const minSize = sizeValue(context, filter.minSize, 'Min Size (Bytes)', itemIndex) || undefined;
	const maxSize = sizeValue(context, filter.maxSize, 'Max Size (Bytes)', itemIndex) || undefined;
	if (minSize !== undefined && maxSize !== undefined && minSize > maxSize) {
		throw inputError(context.getNode(), `Parameters "${FILTER('Min Size (Bytes)')}" (${minSize}) and "${FILTER('Max Size (Bytes)')}" (${maxSize}) leave no size`, itemIndex);
	}
	const filesOnly = extensions.length > 0 || minSize !== undefined || maxSize !== undefined;
	const matches = ({ type, raw }: WalkEntry): boolean => {
		if (include !== 'filesAndFolders' && include !== `${type}s`) return false;
		if (type === 'folder') return !filesOnly && matchesName(String(raw.folderName ?? ''));
		const name = String(raw.filename ?? '');
		if (!matchesName(name)) return false;
		const extension = String(raw.extension ?? (name.includes('.') ? name.split('.').pop() : '')).toLowerCase();
		if (extensions.length && !extensions.includes(extension)) return false;
		const size = Number(raw.fileSize ?? raw.size);
		return (minSize === undefined || size >= minSize) && (maxSize === undefined || size <= maxSize);
	};
	return {
		matches,
		mixed: include === 'filesAndFolders' && !filesOnly,
		recursive: booleanValue(context, filter.recursive, FILTER('Recursive'), itemIndex, true),
		includeTrashed: booleanValue(context, filter.includeTrashed, FILTER('Include Trashed'), itemIndex),
	};
}

/**
 * Walks the folder (and, by default, every folder below it) one listing call per folder, and
 * stops listing as soon as `limit` hits are found. Each hit carries `path`: the folder it is in,
 * from the root folder ('' for the root), as the locators' Path mode takes it.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const parsed = getTarget(this, 'folderId', 'folder', itemIndex, 'Search In');
	const limit = limitValue(this, itemIndex);
	const { matches, mixed, recursive, includeTrashed } = matcher(this, itemIndex);
	const shape = itemShape(this, itemIndex);
	const folder = await resolveFolderField(this, 'folderId', itemIndex, 'location', 'Search In', parsed);
	const base = folder.value ? await folderPathFromRoot(this, folder.value, itemIndex) : '';
	const items: INodeExecutionData[] = [];
	// Listings asked for ahead only when everything is wanted: a search with a limit lists no folder
	// past the one where the limit is reached.
	const parallel = recursive && limit === Infinity ? parallelRequests(this) : 1;
	for await (const entry of walkEntries(this, folder.value, { maxFolders: recursive ? undefined : 1, includeTrashed, parallel, itemIndex })) {
		if (!matches(entry)) continue;
		const inFolder = [base, entry.path.split('/').slice(0, -1).join('/')].filter(Boolean).join('/');
		const json = (entry.type === 'file' ? toFile : toFolder)(entry.raw, { ...shape, path: inFolder });
		items.push({ json: mixed ? forMixedOutput(json) : json });
		if (items.length >= limit) break;
	}
	return items;
}
