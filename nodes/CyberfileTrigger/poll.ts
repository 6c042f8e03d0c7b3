import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { isTrashed, walkFolders } from '../Cyberfile/helpers/listing';
import { folderFieldValue, resolveTarget } from '../Cyberfile/helpers/target';
import { parseTarget, rawValue } from '../Cyberfile/helpers/locator';
import type { ResolvedTarget } from '../Cyberfile/helpers/locator';
import { toFile, toFolder } from '../Cyberfile/helpers/shape';
import { forEachAtMost } from '../Cyberfile/helpers/pool';
import { apiError, cyberfileApiData, inputError, toNodeError } from '../Cyberfile/transport';
import { decodeIds, encodeIds } from './idSet';

export const EVENTS = ['fileCreated', 'folderCreated', 'fileDeleted'] as const;
export type TriggerEvent = (typeof EVENTS)[number];

/** What the trigger remembers between polls: the ids it has already seen. */
/** New files looked up (and downloaded) at once, and folders listed ahead, in one poll. */
const AT_ONCE = 5;

interface PollState {
	/**
	 * Which event, folder and depth the ids belong to: a changed setting starts a new baseline.
	 * `fileCreated` keeps the form of the first version ("123", "root/**"), so that workflows saved
	 * then go on from their state; the other events put their name in front.
	 */
	watching?: string;
	seen?: string;
}

interface Entry {
	entry: IDataObject;
	/** The path of the folder it is in, below the watched one ('' for the watched folder itself). */
	path: string;
}

/** What one poll sees: the active files and folders, and the trashed files still listed. */
interface Snapshot {
	files: Map<string, Entry>;
	folders: Map<string, Entry>;
	trashedFiles: Map<string, Entry>;
}

async function watchedTarget(context: IPollFunctions): Promise<ResolvedTarget> {
	const { mode, value } = rawValue(context.getNodeParameter('folderId', ''));
	const target = parseTarget('folder', value, mode);
	if (typeof target === 'string') throw inputError(context.getNode(), `Parameter "Folder" ${target}`);
	return await resolveTarget(context, 'folder', target, undefined, 'Folder');
}

/** Everything in the watched folder (and below it): one listing call per folder. */
async function snapshot(context: IPollFunctions, folderId: string, deep: boolean): Promise<Snapshot> {
	const seen: Snapshot = { files: new Map(), folders: new Map(), trashedFiles: new Map() };
	try {
		for await (const step of walkFolders(context, folderId, { maxFolders: deep ? Infinity : 1, parallel: AT_ONCE })) {
			for (const entry of step.files) {
				(isTrashed(entry) ? seen.trashedFiles : seen.files).set(String(entry.id), { entry, path: step.path });
			}
			for (const entry of step.folders) if (!isTrashed(entry)) seen.folders.set(String(entry.id), { entry, path: step.path });
		}
	} catch (error) {
		if (/could not find folder/i.test((error as Error).message)) {
			throw apiError(context.getNode(), `The watched folder (id ${folderId}) no longer exists`, {
				failure: { cause: 'configuration-invalid' },
				description: 'It was deleted or is not in this account any more: pick another folder.',
			});
		}
		throw toNodeError(context.getNode(), error);
	}
	return seen;
}

/** A trashed watched folder still lists (its files trashed too): tell the user instead of going quiet. */
async function assertFolderActive(context: IPollFunctions, folderId: string) {
	if (!folderId) return;
	const folder = await cyberfileApiData(context, {
		endpoint: 'folder/info',
		fields: { folder_id: folderId },
		idempotent: true,
		subject: { folder: folderId },
	});
	if (isTrashed(folder)) {
		throw apiError(context.getNode(), `The watched folder (id ${folderId}) is in the trash`, {
			failure: { cause: 'configuration-invalid' },
		});
	}
}

const info = async (context: IPollFunctions, kind: 'file' | 'folder', id: string): Promise<IDataObject> =>
	await cyberfileApiData(context, { endpoint: `${kind}/info`, fields: { [`${kind}_id`]: id }, idempotent: true, subject: { [kind]: id } });

/** A file that left the watched folder: its /file/info when it went to the trash, else nothing. */
async function trashedInfo(context: IPollFunctions, id: string): Promise<IDataObject | undefined> {
	try {
		const data = await info(context, 'file', id);
		return isTrashed(data) ? data : undefined;
	} catch (error) {
		// Gone for good (emptied from the trash on the website): nothing left to report on.
		if (/could not find file/i.test((error as Error).message)) return undefined;
		throw toNodeError(context.getNode(), error);
	}
}

export interface PollOptions {
	event: TriggerEvent;
	includeSubfolders: boolean;
	includeRawFields?: boolean;
	/** Adds to a new file's item, e.g. its bytes; gets the file's /file/info answer too. */
	attach?: (item: INodeExecutionData, info: IDataObject) => Promise<INodeExecutionData>;
}

const byId = (a: string, b: string) => Number(a) - Number(b);

/**
 * Compares the ids in the watched folder with the previous poll's: new file ids (`fileCreated`),
 * new folder ids (`folderCreated`), or file ids that left and whose file is now in the trash
 * (`fileDeleted`). Each fires once, in id order. The first poll of an activation only takes the
 * baseline. A manual test run returns the newest one as a sample and leaves the saved state alone.
 */
export async function pollEvents(context: IPollFunctions, options: PollOptions): Promise<INodeExecutionData[][] | null> {
	const { event } = options;
	const folderId = folderFieldValue(await watchedTarget(context), 'location');
	const deep = options.includeSubfolders;
	const state = context.getWorkflowStaticData('node') as PollState;
	const where = `${folderId || 'root'}${deep ? '/**' : ''}`;
	const watching = event === 'fileCreated' ? where : `${event}:${where}`;
	const current = await snapshot(context, folderId, deep);
	const tracked = event === 'folderCreated' ? current.folders : current.files;
	const manual = context.getMode() === 'manual';

	let ids: string[];
	if (manual) {
		const pool = event === 'fileDeleted' ? current.trashedFiles : tracked;
		ids = [...pool.keys()].sort(byId).slice(-1);
	} else if (state.watching !== watching || state.seen === undefined) {
		state.watching = watching;
		state.seen = encodeIds(tracked.keys());
		return null;
	} else {
		const seen = decodeIds(state.seen);
		if (tracked.size === 0 && seen.size > 0) await assertFolderActive(context, folderId);
		ids = event === 'fileDeleted' ? [...seen].filter((id) => !tracked.has(id)) : [...tracked.keys()].filter((id) => !seen.has(id));
		ids.sort(byId);
	}

	// A deleted file's folder is known only while the trash still lists it there (null otherwise).
	const shape = (id: string, pool: Map<string, Entry>) => ({ path: deep ? (pool.get(id)?.path ?? null) : undefined, includeRawFields: options.includeRawFields });
	const eventItem = async (id: string): Promise<INodeExecutionData | undefined> => {
		if (event === 'folderCreated') return { json: toFolder(await info(context, 'folder', id), shape(id, current.folders)) };
		const data = event === 'fileDeleted' ? await trashedInfo(context, id) : await info(context, 'file', id);
		if (!data) return undefined; // moved out of the watched folder, not deleted
		const pool = event === 'fileDeleted' ? current.trashedFiles : current.files;
		const item = { json: toFile(data, shape(id, pool)) };
		return options.attach && event === 'fileCreated' ? await options.attach(item, data) : item;
	};
	// Several at once (as many as the node's default Parallel Requests), items in id order.
	const found: Array<INodeExecutionData | undefined> = new Array(ids.length);
	let failure: { error: unknown } | undefined;
	await forEachAtMost(
		ids.length,
		AT_ONCE,
		async (index) => {
			try {
				found[index] = await eventItem(ids[index]);
			} catch (error) {
				failure ??= { error };
			}
		},
		() => failure !== undefined,
	);
	if (failure) throw failure.error;
	const items = found.filter((item): item is INodeExecutionData => item !== undefined);
	if (!manual) state.seen = encodeIds(tracked.keys());
	return items.length ? [items] : null;
}
