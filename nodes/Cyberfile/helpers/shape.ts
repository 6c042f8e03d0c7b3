import type { IDataObject } from 'n8n-workflow';

/**
 * Output items in the shape later nodes' expressions read (a contract, see the README): the main
 * fields first under stable names, then the API's other fields as the site sent them.
 */

const VISIBILITY = ['private', 'unlisted', 'public'] as const;
export type Visibility = (typeof VISIBILITY)[number];

export const visibilityCode = (visibility: Visibility) => VISIBILITY.indexOf(visibility);

/** null for the root folder, whatever way the site says it. */
export function folderRef(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	const text = String(value).trim();
	return text === '' || text === '0' || text.toLowerCase() === 'null' ? null : text;
}

function without(raw: IDataObject, keys: string[]): IDataObject {
	const rest: IDataObject = {};
	for (const [key, value] of Object.entries(raw)) if (!keys.includes(key)) rest[key] = value;
	return rest;
}

/** A file from /file/info, /folder/listing or an upload answer. */
export function toFile(raw: IDataObject): IDataObject {
	const size = Number(raw.fileSize ?? raw.size);
	return {
		id: String(raw.id ?? raw.file_id ?? ''),
		name: String(raw.filename ?? raw.name ?? ''),
		size: Number.isFinite(size) ? size : null,
		mimeType: (raw.fileType ?? null) as string | null,
		folderId: folderRef(raw.folderId),
		status: String(raw.file_status ?? raw.status ?? 'active'),
		url: (raw.url_file ?? raw.url ?? null) as string | null,
		...without(raw, ['id', 'file_id', 'filename', 'name', 'fileSize', 'size', 'fileType', 'folderId', 'file_status', 'status', 'url_file', 'url']),
	};
}

/** A folder from /folder/info, /folder/listing, create, edit or move. The password hash is left out. */
export function toFolder(raw: IDataObject): IDataObject {
	const code = Number(raw.isPublic);
	return {
		id: String(raw.id ?? ''),
		name: String(raw.folderName ?? ''),
		parentId: folderRef(raw.parentId),
		visibility: VISIBILITY[code] ?? 'private',
		url: (raw.url_folder ?? null) as string | null,
		...(raw.accessPassword !== undefined ? { passwordProtected: Boolean(raw.accessPassword) } : {}),
		...without(raw, ['id', 'folderName', 'parentId', 'isPublic', 'url_folder', 'accessPassword']),
	};
}
