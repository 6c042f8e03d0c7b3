import type { IDataObject } from 'n8n-workflow';

/**
 * Output items in the shape later nodes' expressions read (a contract, see the README). Files and
 * folders open with the same fields in the same order (`type`, `id`, `name`, [`path`], `parentId`,
 * `size`, `status`, `url`, `downloads`, `createdAt`), so that a mixed listing fills n8n's table
 * without gaps; each kind's own fields follow. Numbers are numbers, the site's dates ISO 8601
 * (site time, as it gives them), a field the answer lacks is null. The API's answer as the site
 * sent it (delete link and hashes included) is added under `raw` only when asked for.
 */

const VISIBILITY = ['private', 'unlisted', 'public'] as const;
export type Visibility = (typeof VISIBILITY)[number];

export const visibilityCode = (visibility: Visibility) => VISIBILITY.indexOf(visibility);

/** How an operation shapes its items: the walk's path, and whether to add the raw answer. */
export interface ShapeOptions {
	/** Where the entry was found (a walk), e.g. 'invoices/2026'. */
	path?: string | null;
	/** Adds the API's answer as it came, under `raw`. */
	includeRawFields?: boolean;
}

/** null for the root folder, whatever way the site says it. */
export function folderRef(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	const text = String(value).trim();
	return text === '' || text === '0' || text.toLowerCase() === 'null' ? null : text;
}

/** A number from a string or a number; null when the site gave none. */
function numberOrNull(value: unknown): number | null {
	if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
	const number = Number(value);
	return Number.isFinite(number) ? number : null;
}

/** "2026-11-30 10:00:00" → "2026-11-30T10:00:00"; null for no date (or MySQL's zero date). */
export function isoDate(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/.exec(value.trim());
	if (!match || match[1].startsWith('0000')) return null;
	return `${match[1]}T${match[2]}`;
}

const textOrNull = (value: unknown): string | null =>
	value === null || value === undefined || value === '' ? null : String(value);

/** The 32-hex code of a folder link (`…/folder/<urlHash>/<Name>`), from the answer or its link. */
export function folderUrlHash(raw: IDataObject): string | null {
	const hash = /^[0-9a-f]{32}$/i.test(String(raw.urlHash ?? '')) ? String(raw.urlHash) : undefined;
	return (hash ?? /\/folder\/([0-9a-f]{32})(?:[/?#]|$)/i.exec(String(raw.url_folder ?? ''))?.[1] ?? null)?.toLowerCase() ?? null;
}

/** The fields both kinds open with. */
function leading(type: 'file' | 'folder', fields: IDataObject, options: ShapeOptions): IDataObject {
	const { id, name, ...rest } = fields;
	return { type, id, name, ...(options.path !== undefined ? { path: options.path } : {}), ...rest };
}

/** The raw answer, when asked for; never a folder's password hash. */
function rawPart(raw: IDataObject, options: ShapeOptions): IDataObject {
	if (!options.includeRawFields) return {};
	const { accessPassword: _hash, ...rest } = raw;
	return { raw: rest };
}

/** A file from /file/info (and edit, delete, move, copy), /folder/listing or an upload answer. */
export function toFile(raw: IDataObject, options: ShapeOptions = {}): IDataObject {
	const folderId = folderRef(raw.folderId);
	return {
		...leading(
			'file',
			{
				id: String(raw.id ?? raw.file_id ?? ''),
				name: String(raw.filename ?? raw.name ?? ''),
				parentId: folderId,
				size: numberOrNull(raw.fileSize ?? raw.size),
				status: String(raw.file_status ?? raw.status ?? 'active'),
				url: textOrNull(raw.url_file ?? raw.url),
				downloads: numberOrNull(raw.downloads),
				createdAt: isoDate(raw.uploadedDate),
			},
			options,
		),
		folderId,
		mimeType: textOrNull(raw.fileType),
		extension: textOrNull(raw.extension),
		shortUrl: textOrNull(raw.shortUrl ?? raw.short_url),
		lastAccessedAt: isoDate(raw.lastAccessed),
		...rawPart(raw, options),
	};
}

/** A folder from /folder/info, /folder/listing, create, edit or move. The password hash is left out. */
export function toFolder(raw: IDataObject, options: ShapeOptions = {}): IDataObject {
	return {
		...leading(
			'folder',
			{
				id: String(raw.id ?? ''),
				name: String(raw.folderName ?? ''),
				parentId: folderRef(raw.parentId),
				size: numberOrNull(raw.totalSize),
				status: String(raw.status ?? 'active'),
				url: textOrNull(raw.url_folder),
				downloads: numberOrNull(raw.total_downloads),
				createdAt: isoDate(raw.date_added),
			},
			options,
		),
		visibility: VISIBILITY[Number(raw.isPublic)] ?? 'private',
		// Listings leave the password out: whether there is one is then unknown.
		passwordProtected: raw.accessPassword !== undefined ? Boolean(raw.accessPassword) : null,
		fileCount: numberOrNull(raw.file_count),
		folderCount: numberOrNull(raw.child_folder_count),
		updatedAt: isoDate(raw.date_updated),
		urlHash: folderUrlHash(raw),
		...rawPart(raw, options),
	};
}

const OWN_FIELDS = {
	file: ['folderId', 'mimeType', 'extension', 'shortUrl', 'lastAccessedAt'],
	folder: ['visibility', 'passwordProtected', 'fileCount', 'folderCount', 'updatedAt', 'urlHash'],
};

/**
 * An item of an output that mixes files and folders (List, Search with both kinds): it also gets
 * the other kind's own fields, null (a folder's `folderId` is its `parentId`: the folder it is in,
 * as for a file), so that n8n's table shows no empty `undefined` cell in any column.
 */
export function forMixedOutput(item: IDataObject): IDataObject {
	const { raw, ...fields } = item;
	const other = item.type === 'file' ? OWN_FIELDS.folder : OWN_FIELDS.file;
	const padding = Object.fromEntries(other.map((key) => [key, key === 'folderId' ? (item.parentId ?? null) : null]));
	return { ...fields, ...padding, ...(raw !== undefined ? { raw } : {}) };
}
