import type { IExecuteFunctions } from 'n8n-workflow';

import { apiError, inputError } from '../transport';
import type { CyberfileContext } from '../transport';
import { currentSession } from '../transport/session';
import { displayNameOf, getTarget } from './locator';
import type { LocatorKind, ResolvedTarget, Target } from './locator';
import { idFromLink } from './linkIndex';
import { resolvePath } from './pathLookup';

/**
 * Turns locator targets into the ids the API expects: a numeric id as it is, the root folder as
 * '' where the API reads "no folder" (upload, listing, create) or the literal "null" where it
 * reads a move target (file/move, file/copy, folder/move, file/edit, folder/edit).
 */

export function folderFieldValue(target: Target, use: 'location' | 'moveTarget'): string {
	if ('root' in target) return use === 'moveTarget' ? 'null' : '';
	if ('id' in target) return target.id;
	throw new Error('A target is used before it is resolved');
}

/** A site's host as its links spell it: any case, without "www." or "api." in front. */
const siteKey = (host: string) => host.toLowerCase().replace(/^(?:www|api)\./, '');
const sameSite = (a: string, b: string) => a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);

/**
 * Refuses, before anything is sent, a link to a site other than the credential's: the id or code
 * in it would name some other file or folder of this account. Ids need no check.
 */
export async function checkSites(
	context: CyberfileContext,
	itemIndex: number | undefined,
	...entries: Array<[target: Target | undefined, displayName: string]>
): Promise<void> {
	const links = entries.flatMap(([target, displayName]) =>
		target && 'site' in target && target.site ? [{ site: target.site, displayName }] : [],
	);
	if (!links.length) return;
	const { baseUrl } = await currentSession(context);
	const ours = siteKey(/^https?:\/\/([^/]+)/i.exec(baseUrl)![1]);
	for (const { site, displayName } of links) {
		if (sameSite(siteKey(site), ours)) continue;
		throw inputError(
			context.getNode(),
			`Parameter "${displayName}" is a link to ${site}, but this credential's site is ${ours}`,
			itemIndex,
			'Paste a link from the site the credential logs in to, or give the numeric ID.',
		);
	}
}

/**
 * Turns a parsed target into one the API can use: a link's code or a path is looked up in the
 * account (see linkIndex.ts and pathLookup.ts); a link must be of the credential's site.
 */
export async function resolveTarget(
	context: CyberfileContext,
	kind: LocatorKind,
	target: Target,
	itemIndex: number | undefined,
	displayName: string,
): Promise<ResolvedTarget> {
	await checkSites(context, itemIndex, [target, displayName]);
	if ('id' in target || 'root' in target) return target;
	if ('path' in target) return await resolvePath(context, kind, target.path, displayName, itemIndex);
	const [linkKind, code] = 'shortUrl' in target ? (['file', target.shortUrl] as const) : (['folder', target.urlHash] as const);
	if (linkKind !== kind) throw inputError(context.getNode(), `Parameter "${displayName}" names a ${linkKind}, not a ${kind}`, itemIndex);
	const id = await idFromLink(context, linkKind, code, itemIndex);
	if (id) return { id };
	throw apiError(context.getNode(), `Parameter "${displayName}": no ${kind} with the link code "${code}" was found in this account`, {
		itemIndex,
		failure: { cause: 'configuration-invalid' },
		description: 'The link is of another account, or the file or folder is in the trash or gone.',
	});
}

/** A locator parameter's target, resolved: an id or the root folder. */
export async function siteCheckedTarget(
	context: IExecuteFunctions,
	parameterName: string,
	kind: LocatorKind,
	itemIndex: number,
	displayName = displayNameOf(parameterName),
): Promise<ResolvedTarget> {
	return await resolveTarget(context, kind, getTarget(context, parameterName, kind, itemIndex, displayName), itemIndex, displayName);
}

/** A file id from a file locator (an id, a link, or a path). */
export async function resolveFileId(
	context: IExecuteFunctions,
	parameterName: string,
	itemIndex: number,
	displayName = displayNameOf(parameterName),
	parsed?: Target,
): Promise<string> {
	const target = parsed ?? getTarget(context, parameterName, 'file', itemIndex, displayName);
	const resolved = await resolveTarget(context, 'file', target, itemIndex, displayName);
	if ('id' in resolved) return resolved.id;
	throw inputError(context.getNode(), `Parameter "${displayName}" names a folder, not a file`, itemIndex);
}

/** A folder locator, resolved, and its value for the API's field. */
export async function resolveFolderField(
	context: IExecuteFunctions,
	parameterName: string,
	itemIndex: number,
	use: 'location' | 'moveTarget',
	displayName = displayNameOf(parameterName),
	parsed?: Target,
): Promise<{ value: string; target: ResolvedTarget }> {
	const target = await resolveTarget(context, 'folder', parsed ?? getTarget(context, parameterName, 'folder', itemIndex, displayName), itemIndex, displayName);
	return { value: folderFieldValue(target, use), target };
}
