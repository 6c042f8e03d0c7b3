import type { IDataObject } from 'n8n-workflow';

import { toNodeError } from '../transport';
import type { CyberfileContext } from '../transport';
import { isTrashed, walkFolders } from './listing';
import type { FolderToList } from './listing';
import { folderUrlHash } from './shape';

/**
 * Links name files by their short code and folders by a 32-hex code, and the API looks up
 * neither: the account's folders are walked, and everything the walk saw is remembered per
 * credential (a code never changes, and names the same file or folder for good). A walk stops at
 * the first hit and goes on from there at the next miss; a miss after a complete walk may mean
 * the account changed since, so the walk starts over once per execution. So 1,000 items that
 * name the same link cost one walk, not 1,000.
 */

export type LinkKind = 'file' | 'folder';

interface LinkIndex {
	ids: Record<LinkKind, Map<string, string>>;
	/** The folders the walk has still to list; empty once it is complete. */
	queue: FolderToList[];
}

/** How many credentials, and codes per credential, are remembered at most. */
const MAX_CREDENTIALS = 10;
const MAX_CODES = 100_000;

const indexes = new Map<string, LinkIndex>();
/** One walk per credential at a time: concurrent items wait for it and then use what it found. */
const busy = new Map<string, Promise<unknown>>();

const newIndex = (): LinkIndex => ({
	ids: { file: new Map(), folder: new Map() },
	queue: [{ folderId: '', path: '' }],
});

function credentialKey(context: CyberfileContext): string {
	const credential = context.getNode().credentials?.cyberfileApi;
	return String(credential?.id ?? credential?.name ?? '');
}

function remember(index: LinkIndex, kind: LinkKind, code: string | null, id: unknown) {
	if (!code || index.ids.file.size + index.ids.folder.size >= MAX_CODES) return;
	index.ids[kind].set(kind === 'folder' ? code.toLowerCase() : code, String(id));
}

/** Lists folders from where the index's walk stopped until `code` turns up or the walk is complete. */
async function extend(context: CyberfileContext, index: LinkIndex, kind: LinkKind, code: string, itemIndex?: number) {
	let found: string | undefined;
	const see = (seenKind: LinkKind, seenCode: string | null, id: unknown) => {
		remember(index, seenKind, seenCode, id);
		// Matched here too, not only through the index: a full index stops remembering.
		if (seenKind === kind && seenCode && (kind === 'folder' ? seenCode.toLowerCase() : seenCode) === code) found ??= String(id);
	};
	for await (const step of walkFolders(context, '', { queue: index.queue, itemIndex })) {
		for (const folder of step.folders) if (!isTrashed(folder)) see('folder', folderUrlHash(folder), folder.id);
		for (const file of step.files as IDataObject[]) if (!isTrashed(file)) see('file', String(file.shortUrl ?? ''), file.id);
		if (found) break;
	}
	return found;
}

/** Executions that have started a walk over from the root, per credential: at most once each. */
const restartedIn = new WeakMap<object, Set<string>>();

async function lookup(context: CyberfileContext, key: string, kind: LinkKind, code: string, itemIndex?: number) {
	const index = indexes.get(key);
	if (index) {
		const known = index.ids[kind].get(code);
		if (known) return known;
		if (index.queue.length) {
			try {
				const found = await extend(context, index, kind, code, itemIndex);
				if (found) return found;
			} catch (error) {
				// A folder queued by an earlier execution may be gone since: start over below.
				if (!/could not find folder/i.test((error as Error).message)) throw toNodeError(context.getNode(), error, itemIndex);
			}
		}
	}
	// Missed after a complete walk: the account may have changed since; start over, once per execution.
	const restarted = restartedIn.get(context) ?? new Set<string>();
	restartedIn.set(context, restarted);
	if (restarted.has(key)) return undefined;
	restarted.add(key);
	const fresh = newIndex();
	indexes.delete(key);
	indexes.set(key, fresh);
	while (indexes.size > MAX_CREDENTIALS) indexes.delete(indexes.keys().next().value as string);
	return await extend(context, fresh, kind, code, itemIndex);
}

/** The id of the file (by short code) or folder (by link code) of this credential's account. */
export async function idFromLink(context: CyberfileContext, kind: LinkKind, code: string, itemIndex?: number): Promise<string | undefined> {
	const key = credentialKey(context);
	const wanted = kind === 'folder' ? code.toLowerCase() : code;
	const previous = busy.get(key) ?? Promise.resolve();
	const run = previous.catch(() => undefined).then(async () => await lookup(context, key, kind, wanted, itemIndex));
	busy.set(key, run);
	try {
		return await run;
	} finally {
		if (busy.get(key) === run) busy.delete(key);
	}
}

/** Forgets every remembered code (tests and benchmarks). */
export function forgetLinks(): void {
	indexes.clear();
}
