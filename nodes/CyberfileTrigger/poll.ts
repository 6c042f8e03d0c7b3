import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { DEFAULT_PARALLEL_REQUESTS } from '../Cyberfile/descriptions/parallel';
import { isTrashed, walkFolders } from '../Cyberfile/helpers/listing';
import { forEachAtMost } from '../Cyberfile/helpers/pool';
import { checkSites, folderFieldValue } from '../Cyberfile/helpers/target';
import { parseTarget } from '../Cyberfile/helpers/locator';
import type { Target } from '../Cyberfile/helpers/locator';
import { toFile } from '../Cyberfile/helpers/shape';
import { apiError, cyberfileApiData, inputError, toNodeError } from '../Cyberfile/transport';
import { decodeIds, encodeIds } from './idSet';

/** What the trigger remembers between polls: the ids of the files it has already seen. */
interface PollState {
	/** Which folder and depth the ids belong to: a changed setting starts a new baseline. */
	watching?: string;
	seen?: string;
}

interface Snapshot {
	/** id → the listing entry and the path of the folder it is in ('' for the watched folder). */
	files: Map<string, { entry: IDataObject; path: string }>;
}

async function watchedTarget(context: IPollFunctions): Promise<Target> {
	const parameter = context.getNodeParameter('folderId', '') as IDataObject | string;
	const value = parameter && typeof parameter === 'object' ? parameter.value : parameter;
	const target = parseTarget('folder', value);
	if (typeof target === 'string') throw inputError(context.getNode(), `Parameter "Folder" ${target}`);
	await checkSites(context, undefined, [target, 'Folder']);
	return target;
}

/** Every active file in the watched folder (and below it): one listing call per folder. */
async function snapshot(context: IPollFunctions, folderId: string, deep: boolean): Promise<Snapshot> {
	const files: Snapshot['files'] = new Map();
	try {
		for await (const step of walkFolders(context, folderId, { maxFolders: deep ? Infinity : 1, parallel: DEFAULT_PARALLEL_REQUESTS })) {
			for (const entry of step.files) {
				if (!isTrashed(entry)) files.set(String(entry.id), { entry, path: step.path });
			}
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
	return { files };
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

/** A new file's /file/info answer: its item gets the same fields as File › Get. */
const fileInfo = async (context: IPollFunctions, id: string): Promise<IDataObject> =>
	await cyberfileApiData(context, { endpoint: 'file/info', fields: { file_id: id }, idempotent: true, subject: { file: id } });

export interface PollOptions {
	includeSubfolders: boolean;
	/** Adds to a new file's item, e.g. its bytes; gets the file's /file/info answer too. */
	attach?: (item: INodeExecutionData, info: IDataObject) => Promise<INodeExecutionData>;
}

/**
 * Compares the file ids in the watched folder with the previous poll's. A file fires once per
 * arrival (uploaded, copied or moved in), in id order; trashed files never fire. The first poll
 * of an activation only takes the baseline. A manual test run returns the newest file as a
 * sample and leaves the saved state alone.
 */
export async function pollNewFiles(context: IPollFunctions, options: PollOptions): Promise<INodeExecutionData[][] | null> {
	const folderId = folderFieldValue(await watchedTarget(context), 'location');
	const deep = options.includeSubfolders;
	const state = context.getWorkflowStaticData('node') as PollState;
	const watching = `${folderId || 'root'}${deep ? '/**' : ''}`;
	const current = await snapshot(context, folderId, deep);
	const manual = context.getMode() === 'manual';

	let newIds: string[];
	if (manual) {
		const newest = [...current.files.keys()].sort((a, b) => Number(b) - Number(a))[0];
		newIds = newest ? [newest] : [];
	} else if (state.watching !== watching || state.seen === undefined) {
		state.watching = watching;
		state.seen = encodeIds(current.files.keys());
		return null;
	} else {
		const seen = decodeIds(state.seen);
		if (current.files.size === 0 && seen.size > 0) await assertFolderActive(context, folderId);
		newIds = [...current.files.keys()].filter((id) => !seen.has(id)).sort((a, b) => Number(a) - Number(b));
	}

	// Several new files at once (as many as the node's default Parallel Requests), items in id order.
	const items: INodeExecutionData[] = new Array(newIds.length);
	let failure: { error: unknown } | undefined;
	await forEachAtMost(
		newIds.length,
		DEFAULT_PARALLEL_REQUESTS,
		async (index) => {
			try {
				const id = newIds[index];
				const info = await fileInfo(context, id);
				// Watching sub-folders, an item also says which folder the file arrived in.
				const item = { json: { ...toFile(info), ...(deep ? { path: current.files.get(id)!.path } : {}) } };
				items[index] = options.attach ? await options.attach(item, info) : item;
			} catch (error) {
				failure ??= { error };
			}
		},
		() => failure !== undefined,
	);
	if (failure) throw failure.error;
	if (!manual) state.seen = encodeIds(current.files.keys());
	return items.length ? [items] : null;
}
