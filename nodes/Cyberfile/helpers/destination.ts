import type { IExecuteFunctions } from 'n8n-workflow';

import { cyberfileApiData, inputError } from '../transport';
import { oncePerExecution } from './executionCache';
import { checkDestination } from './folders';
import { listFolder } from './listing';
import { named } from './pathLookup';
import type { Target } from './locator';
import { checkedName } from './names';
import { folderFieldValue } from './target';

/**
 * Where an upload goes: a folder (checked: it exists and is not in the trash, or the site would
 * silently put the file in the root folder), a path below it whose missing folders are created,
 * and the files already there under the same name.
 */

/** "invoices/2026/11" as checked folder names; '' (or only slashes) is no path. */
export function parseFolderPath(context: IExecuteFunctions, value: unknown, itemIndex: number): string[] {
	if (value !== undefined && value !== null && typeof value === 'object') {
		throw inputError(context.getNode(), 'Parameter "Options > Folder Path" must be text, such as invoices/2026/11', itemIndex);
	}
	const segments = String(value ?? '')
		.split('/')
		.map((segment) => segment.trim())
		.filter(Boolean);
	return segments.map((segment) => {
		if (segment === '.' || segment === '..') {
			throw inputError(context.getNode(), `Parameter "Options > Folder Path" must not contain "${segment}": it names folders below the chosen folder`, itemIndex);
		}
		return checkedName(context, segment, 'Options > Folder Path', itemIndex);
	});
}

/** The sub-folder `name` of a folder ('' = root), created when there is none. */
async function childFolder(context: IExecuteFunctions, parentId: string, name: string, itemIndex: number): Promise<string> {
	return await oncePerExecution(context, `folder:${parentId}/${name.toLowerCase()}`, async () => {
		const { folders } = await listFolder(context, parentId, itemIndex);
		const [found] = named(folders, 'folderName', name);
		if (found) return String(found.id);
		const created = await cyberfileApiData(context, {
			endpoint: 'folder/create',
			fields: { folder_name: name, parent_id: parentId },
			idempotent: false,
			itemIndex,
			unknownOutcome: `the folder "${name}" may or may not have been created`,
		});
		return String(created.id);
	});
}

/** The folder id ('' for the root) of `path` below the chosen folder, missing folders created. */
export async function destinationFolder(
	context: IExecuteFunctions,
	target: Target,
	path: string[],
	itemIndex: number,
): Promise<string> {
	let folderId = folderFieldValue(target, 'location');
	if (folderId) {
		await oncePerExecution(context, `checked:${folderId}`, async () => {
			await checkDestination(context, target, { itemIndex, displayName: 'Folder' });
		});
	}
	for (const name of path) folderId = await childFolder(context, folderId, name, itemIndex);
	return folderId;
}

/** The active files in a folder ('' = root) with the name a new file would take. */
export async function sameNamedFiles(context: IExecuteFunctions, folderId: string, name: string, itemIndex: number) {
	const { files } = await listFolder(context, folderId, itemIndex);
	return named(files, 'filename', name);
}
