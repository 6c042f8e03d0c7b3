import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiError, inputError } from '../transport';
import type { CyberfileContext } from '../transport';
import { getTarget, ROOT_FOLDER } from './locator';
import type { Target } from './locator';
import { isTrashed, walkFolders } from './listing';

/**
 * Turns locator targets into the ids the API expects: a numeric id as it is, the root folder as
 * '' where the API reads "no folder" (upload, listing, create) or the literal "null" where it
 * reads a move target (file/move, file/copy, folder/move, file/edit, folder/edit).
 */

export function folderFieldValue(target: Target, use: 'location' | 'moveTarget'): string {
	if ('root' in target) return use === 'moveTarget' ? 'null' : '';
	if ('id' in target) return target.id;
	throw new Error('A file link cannot name a folder');
}

export const describeFolder = (target: Target) =>
	'root' in target ? 'the root folder' : 'id' in target ? `folder ${target.id}` : 'that folder';

/**
 * Short-URL codes already resolved in this process, per credential (a code is a file of one site,
 * found in one account): a file's code never changes.
 */
const shortUrlIds = new Map<string, string>();
const shortUrlKey = (context: IExecuteFunctions, code: string) => {
	const credential = context.getNode().credentials?.cyberfileApi;
	return `${credential?.id ?? credential?.name ?? ''}\n${code}`;
};

/**
 * A file id from a file locator. A pasted link carries the file's short code, not its id, and
 * the API has no lookup by code: the account's folders are walked until the code turns up.
 */
export async function resolveFileId(
	context: IExecuteFunctions,
	parameterName: string,
	itemIndex: number,
	displayName = parameterName,
): Promise<string> {
	const target = getTarget(context, parameterName, 'file', itemIndex, displayName);
	if ('id' in target) return target.id;
	if (!('shortUrl' in target)) throw inputError(context.getNode(), `Parameter "${displayName}" names a folder, not a file`, itemIndex);
	const key = shortUrlKey(context, target.shortUrl);
	const known = shortUrlIds.get(key);
	if (known) return known;
	const id = await findByShortUrl(context, target.shortUrl, itemIndex);
	if (!id) {
		throw apiError(context.getNode(), `No file with the link code "${target.shortUrl}" was found in this account`, {
			itemIndex,
			failure: { cause: 'configuration-invalid' },
		});
	}
	shortUrlIds.set(key, id);
	return id;
}

async function findByShortUrl(context: CyberfileContext, code: string, itemIndex: number) {
	for await (const step of walkFolders(context, '', { itemIndex })) {
		const file = step.files.find((entry: IDataObject) => entry.shortUrl === code && !isTrashed(entry));
		if (file) return String(file.id);
	}
	return undefined;
}

/** A folder locator as the API's field value. */
export function resolveFolderField(
	context: IExecuteFunctions,
	parameterName: string,
	itemIndex: number,
	use: 'location' | 'moveTarget',
	displayName = parameterName,
): { value: string; target: Target } {
	const target = getTarget(context, parameterName, 'folder', itemIndex, displayName);
	return { value: folderFieldValue(target, use), target };
}

export { ROOT_FOLDER };
