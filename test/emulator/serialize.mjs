// How files and folders look in answers: ids and database numbers as strings, computed counts as
// integers, dates as "Y-m-d H:i:s", the key order of the real answers.
import { sqlDateTime } from './php.mjs';

const date = (ms) => (ms === null ? null : sqlDateTime(ms));
const idOrNull = (id) => (id === null ? null : String(id));

export function fileUrls(emu, file) {
	const url = `${emu.urls.site}/${file.shortUrl}`;
	return {
		url,
		info: `${url}~i`,
		infoWithHash: `${url}~i?${file.deleteHash}`,
		stats: `${url}~s`,
		delete: `${url}~d?${file.deleteHash}`,
	};
}

/** /file/info (and edit, delete, move, copy). */
export function fileInfo(emu, file) {
	const urls = fileUrls(emu, file);
	return {
		id: String(file.id),
		filename: file.name,
		shortUrl: file.shortUrl,
		fileType: file.mimeType,
		extension: file.extension,
		fileSize: String(file.size),
		uploadedIP: file.uploadedIP,
		uploadedDate: date(file.uploadedDate),
		file_status: file.status,
		downloads: String(file.downloads),
		lastAccessed: date(file.lastAccessed),
		folderId: idOrNull(file.folderId),
		keywords: file.keywords,
		isPublic: String(file.isPublic),
		uploadSource: file.uploadSource,
		description: file.description,
		url_file: urls.url,
		url_file_info: urls.info,
		url_file_stats: urls.stats,
		url_file_delete: urls.delete,
	};
}

/** A file inside /folder/listing: no dates, `status` instead of `file_status`. */
export function listingFile(emu, file) {
	return {
		id: String(file.id),
		filename: file.name,
		shortUrl: file.shortUrl,
		fileType: file.mimeType,
		extension: file.extension,
		fileSize: String(file.size),
		status: file.status,
		downloads: String(file.downloads),
		folderId: idOrNull(file.folderId),
		keywords: file.keywords,
		url_file: fileUrls(emu, file).url,
	};
}

/** The object in an upload answer's `data` array. */
export function uploadResult(emu, file) {
	const urls = fileUrls(emu, file);
	const site = emu.options.siteName;
	return {
		name: file.name,
		size: String(file.size),
		type: 'application/octet-stream',
		error: null,
		url: urls.url,
		delete_url: urls.delete,
		info_url: urls.infoWithHash,
		delete_type: 'DELETE',
		delete_hash: file.deleteHash,
		hash: file.md5,
		stats_url: urls.stats,
		short_url: file.shortUrl,
		file_id: String(file.id),
		unique_hash: file.uniqueHash,
		url_html:
			`&lt;a href=&quot;${urls.url}&quot; target=&quot;_blank&quot; title=&quot;View image on ${site}&quot;&gt;` +
			`View ${file.name} on ${site}&lt;/a&gt;`,
		url_bbcode: `[url]${urls.url}[/url]`,
	};
}

function folderSlug(name) {
	return name.replace(/\s+/g, '_').replace(/[^\p{L}\p{N}_-]/gu, '') || 'folder';
}

/**
 * Folder answer; `withPassword` for folder/info, create, edit, move (listings omit it and carry
 * `urlHash` instead). The link is the real site's `…/folder/<urlHash>/<Safe_Name>`.
 */
export function folderInfo(emu, folder, { withPassword = true } = {}) {
	const { store } = emu;
	const active = (list) => list.filter((x) => x.status === 'active');
	const files = active(store.filesIn(folder.accountId, folder.id));
	const out = {
		id: String(folder.id),
		parentId: idOrNull(folder.parentId),
		folderName: folder.name,
		totalSize: String(files.reduce((sum, f) => sum + f.size, 0)),
		isPublic: String(folder.isPublic),
	};
	// Listings carry the link's code too; the other answers only the link.
	if (withPassword) out.accessPassword = folder.accessPassword;
	else out.urlHash = folder.urlHash;
	Object.assign(out, {
		date_added: date(folder.dateAdded),
		date_updated: date(folder.dateUpdated),
		url_folder: `${emu.urls.site}/folder/${folder.urlHash}/${folderSlug(folder.name)}`,
		total_downloads: files.reduce((sum, f) => sum + f.downloads, 0),
		child_folder_count: active(store.childFolders(folder.accountId, folder.id)).length,
		file_count: files.length,
		status: folder.status,
	});
	return out;
}

/** /account/info data. */
export function accountInfo(account) {
	return {
		id: account.id,
		username: account.username,
		level_id: account.levelId,
		email: account.email,
		lastlogindate: account.lastlogindate,
		lastloginip: account.lastloginip,
		status: account.status,
		title: account.title,
		firstname: account.firstname,
		lastname: account.lastname,
		languageId: '1',
		datecreated: account.datecreated ?? '2024-01-01 00:00:00',
		lastPayment: account.lastPayment ?? null,
		paidExpiryDate: account.paidExpiryDate ?? null,
		storageLimitOverride: account.storageLimitOverride ?? null,
	};
}

/** /account/package data for an account's level. */
export function accountPackage(emu, account) {
	const pkg = emu.options.packages[account.levelId] ?? { label: `Level ${account.levelId}`, level_type: 'paid user' };
	return {
		id: account.levelId,
		label: pkg.label,
		max_upload_size: String(pkg.max_upload_size ?? emu.options.maxUploadSize),
		can_upload: '1',
		wait_between_downloads: '0',
		download_speed: '0',
		max_storage_bytes: '0',
		show_site_adverts: pkg.show_site_adverts ?? '0',
		show_upgrade_screen: '1',
		days_to_keep_inactive_files: '0',
		concurrent_uploads: '100',
		concurrent_downloads: '0',
		downloads_per_24_hours: '0',
		max_download_filesize_allowed: '0',
		max_remote_download_urls: '50',
		level_type: pkg.level_type,
		on_upgrade_page: pkg.on_upgrade_page ?? '0',
	};
}
