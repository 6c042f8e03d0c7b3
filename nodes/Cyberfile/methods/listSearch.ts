import { createHash } from 'crypto';
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { ROOT_FOLDER, ROOT_FOLDER_NAME } from '../helpers/locator';
import { isTrashed, listFolder } from '../helpers/listing';
import type { FolderToList } from '../helpers/listing';

/**
 * The file and folder pickers walk the account breadth first (Cyberfile has no search endpoint
 * and lists one folder per call). To stay fast on large accounts:
 * - a page answers as soon as it holds PAGE_RESULTS entries, so opening a picker costs a call or
 *   a few, not a listing of the whole account; scrolling down goes on where the page stopped;
 * - folders are listed LISTINGS_AT_ONCE at a time;
 * - what a picker listed is remembered for LISTING_TTL_MS per credential and session, so a search
 *   typed letter by letter reads those listings again instead of asking the site for each
 *   keystroke. Opening a picker (no search text, first page) always lists afresh, and a new
 *   session (another login) starts with nothing remembered.
 */
const PAGE_RESULTS = 100;
/** At most this many listing calls per page once something matched; scrolling lists more. */
const LISTINGS_PER_PAGE = 50;
/**
 * n8n asks for the next page only when the list is scrolled to its end, which an empty list
 * cannot be: a page with no match goes on up to this many calls before it answers.
 */
const LISTINGS_WHEN_EMPTY = 200;
const LISTINGS_AT_ONCE = 5;
const LISTING_TTL_MS = 60_000;
/** Listings kept at most, over all credentials (a few hundred bytes per entry in them). */
const MAX_REMEMBERED = 5_000;

interface Entry {
	id: string;
	name: string;
	url?: string;
}
interface PickerListing {
	folders: Entry[];
	files: Entry[];
	at: number;
}

const remembered = new Map<string, PickerListing>();

function remember(key: string, listing: PickerListing) {
	remembered.delete(key);
	remembered.set(key, listing);
	for (const oldest of remembered.keys()) {
		if (remembered.size <= MAX_REMEMBERED) break;
		remembered.delete(oldest);
	}
}

const entry = (raw: IDataObject, name: unknown, url: unknown): Entry => ({
	id: String(raw.id),
	name: String(name ?? raw.id),
	url: typeof url === 'string' && url ? url : undefined,
});

/** One folder's listing, trash left out, from memory when `fresh` is not asked and it is recent. */
async function pickerListing(context: ILoadOptionsFunctions, cacheKey: string, folderId: string, fresh: boolean) {
	const known = remembered.get(`${cacheKey}\u0000${folderId}`);
	if (!fresh && known && Date.now() - known.at < LISTING_TTL_MS) return { listing: known, called: false };
	const { folders, files } = await listFolder(context, folderId);
	const listing: PickerListing = {
		folders: folders.filter((raw) => !isTrashed(raw)).map((raw) => entry(raw, raw.folderName, raw.url_folder)),
		files: files.filter((raw) => !isTrashed(raw)).map((raw) => entry(raw, raw.filename, raw.url_file)),
		at: Date.now(),
	};
	return { listing, called: true };
}

/**
 * What remembered listings belong to: the credential and its stored session (a hash of the
 * token, never the token itself).
 */
async function sessionKey(context: ILoadOptionsFunctions): Promise<string> {
	const credentials = await context.getCredentials('cyberfileApi');
	const id = context.getNode().credentials?.cyberfileApi?.id ?? '';
	return createHash('sha256').update(`${id}\u0000${String(credentials.accountId)}\u0000${String(credentials.accessToken)}`).digest('hex');
}

/** Where the next page goes on: the folders still to list, as [id, path] pairs. */
const toToken = (queue: FolderToList[]) => (queue.length ? JSON.stringify(queue.map(({ folderId, path }) => [folderId, path])) : undefined);

function fromToken(token: string | undefined): FolderToList[] {
	if (!token) return [{ folderId: '', path: '' }];
	try {
		const pairs: unknown = JSON.parse(token);
		if (Array.isArray(pairs)) return pairs.map(([folderId, path]: [unknown, unknown]) => ({ folderId: String(folderId), path: String(path) }));
	} catch {
		// an unreadable token (from another version of the node): start over
	}
	return [{ folderId: '', path: '' }];
}

const matches = (filter: string | undefined, text: string) =>
	!filter || text.toLowerCase().includes(filter.trim().toLowerCase());

const joinPath = (path: string, name: string) => (path ? `${path}/${name}` : name);

/** One page of the account's folders or files (not the trash) whose path matches the filter, by path. */
async function search(context: ILoadOptionsFunctions, type: 'folder' | 'file', filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const results: INodeListSearchItems[] = [];
	const queue = fromToken(paginationToken);
	const fresh = !paginationToken && !filter?.trim();
	let cacheKey = await sessionKey(context);
	let first = true;
	let calls = 0;
	const pageFull = () =>
		results.length >= PAGE_RESULTS || calls >= (results.length ? LISTINGS_PER_PAGE : LISTINGS_WHEN_EMPTY);
	while (queue.length && !pageFull()) {
		const batch = queue.splice(0, LISTINGS_AT_ONCE);
		const listed = await Promise.all(batch.map(async ({ folderId }) => await pickerListing(context, cacheKey, folderId, fresh)));
		if (first) cacheKey = await sessionKey(context); // the first listing may have logged in
		first = false;
		listed.forEach(({ listing, called }, index) => {
			const { folderId, path } = batch[index];
			if (called) {
				calls++;
				remember(`${cacheKey}\u0000${folderId}`, listing);
			}
			for (const folder of listing.folders) queue.push({ folderId: folder.id, path: joinPath(path, folder.name) });
			for (const found of type === 'folder' ? listing.folders : listing.files) {
				const foundPath = joinPath(path, found.name);
				if (matches(filter, foundPath)) results.push({ name: `/${foundPath}`, value: found.id, url: found.url });
			}
		});
	}
	return { results, paginationToken: toToken(queue) };
}

/** Folders by path, the root folder first. */
export async function searchFolders(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = await search(this, 'folder', filter, paginationToken);
	const root = !paginationToken && matches(filter, ROOT_FOLDER_NAME) ? [{ name: ROOT_FOLDER_NAME, value: ROOT_FOLDER }] : [];
	return { ...page, results: [...root, ...page.results] };
}

/** Files by path, without the trash. */
export async function searchFiles(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await search(this, 'file', filter, paginationToken);
}
