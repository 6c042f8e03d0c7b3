import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiError, inputError } from '../transport';
import type { CyberfileContext } from '../transport';
import { currentSession } from '../transport/session';
import { displayNameOf, getTarget } from './locator';
import type { LocatorKind, Target } from './locator';
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

/** A locator parameter's target; a link in it must be of the credential's site. */
export async function siteCheckedTarget(
	context: IExecuteFunctions,
	parameterName: string,
	kind: LocatorKind,
	itemIndex: number,
	displayName = displayNameOf(parameterName),
): Promise<Target> {
	const target = getTarget(context, parameterName, kind, itemIndex, displayName);
	await checkSites(context, itemIndex, [target, displayName]);
	return target;
}

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
	displayName = displayNameOf(parameterName),
): Promise<string> {
	const target = await siteCheckedTarget(context, parameterName, 'file', itemIndex, displayName);
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
	displayName = displayNameOf(parameterName),
): { value: string; target: Target } {
	const target = getTarget(context, parameterName, 'folder', itemIndex, displayName);
	return { value: folderFieldValue(target, use), target };
}

