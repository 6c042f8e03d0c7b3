import type { IDataObject } from 'n8n-workflow';

import { apiError } from '../transport';
import type { CyberfileContext } from '../transport';
import { oncePerExecution } from './executionCache';
import { isTrashed, listFolder } from './listing';
import type { LocatorKind, ResolvedTarget } from './locator';

/**
 * `path` mode: a path from the root folder, one listing call per segment, each listing kept for
 * the rest of the execution (1,000 items naming paths under the same folders list each folder
 * once). Names match as the site compares them: the exact spelling first, else without case.
 */

/** A folder's listing ('' = root), once per execution. */
export const cachedListing = async (context: CyberfileContext, folderId: string, itemIndex?: number) =>
	await oncePerExecution(context, `listing:${folderId}`, async () => await listFolder(context, folderId, itemIndex));

/** The active entries called `name`: spelled the same, else the same but for case. */
export function named(entries: IDataObject[], key: string, name: string): IDataObject[] {
	const active = entries.filter((entry) => !isTrashed(entry));
	const exact = active.filter((entry) => String(entry[key] ?? '') === name);
	if (exact.length) return exact;
	return active.filter((entry) => String(entry[key] ?? '').toLowerCase() === name.toLowerCase());
}

const where = (segments: string[]) => (segments.length ? segments.join('/') : '/');

/** The id a path names; a missing segment, or a name that is there twice, fails naming it. */
export async function resolvePath(
	context: CyberfileContext,
	kind: LocatorKind,
	path: string[],
	displayName: string,
	itemIndex?: number,
): Promise<ResolvedTarget> {
	let folderId = '';
	for (let depth = 0; depth < path.length; depth++) {
		const name = path[depth];
		const isFile = kind === 'file' && depth === path.length - 1;
		const listing = await cachedListing(context, folderId, itemIndex);
		const matches = isFile ? named(listing.files, 'filename', name) : named(listing.folders, 'folderName', name);
		const what = isFile ? 'file' : 'folder';
		const parent = where(path.slice(0, depth));
		if (!matches.length) {
			throw apiError(context.getNode(), `Parameter "${displayName}": ${what} "${name}" not found in "${parent}"`, {
				itemIndex,
				failure: { cause: 'configuration-invalid' },
				description: `The path "${path.join('/')}" is read from the root folder, one name per segment.`,
			});
		}
		if (matches.length > 1) {
			const ids = matches.map((entry) => String(entry.id)).join(', ');
			throw apiError(context.getNode(), `Parameter "${displayName}": ${matches.length} ${what}s are named "${name}" in "${parent}" (ids ${ids})`, {
				itemIndex,
				failure: { cause: 'configuration-invalid' },
				description: 'Give the ID of the one you mean instead of the path.',
			});
		}
		folderId = String(matches[0].id);
	}
	return folderId ? { id: folderId } : { root: true };
}
