// Accounts, folders and files of the emulated site. Metadata lives in memory; file contents live
// on disk under <dataDir>/blobs (copies share the blob, nothing is ever deleted for real).
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const FIRST_FOLDER_ID = 101;
const FIRST_FILE_ID = 5001;

const MIME_TYPES = {
	txt: 'text/plain', csv: 'text/csv', html: 'text/html', htm: 'text/html', json: 'application/json',
	xml: 'application/xml', pdf: 'application/pdf', zip: 'application/zip', gz: 'application/gzip',
	tar: 'application/x-tar', '7z': 'application/x-7z-compressed', jpg: 'image/jpeg', jpeg: 'image/jpeg',
	png: 'image/png', gif: 'image/gif', webp: 'image/webp', svg: 'image/svg+xml', mp3: 'audio/mpeg',
	wav: 'audio/wav', mp4: 'video/mp4', mkv: 'video/x-matroska', webm: 'video/webm',
	doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	bin: 'application/octet-stream',
};

/** The extension as YetiShare computes it: the lower-cased text after the last dot (or the whole name). */
export function extensionOf(name) {
	return name.split('.').pop().toLowerCase();
}

export function mimeTypeOf(name) {
	return MIME_TYPES[extensionOf(name)] ?? 'application/octet-stream';
}

/** Keywords as the site derives them from a file name: "button_back.gif" -> "button,back,gif". */
function keywordsOf(name) {
	const words = name.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
	return [...new Set(words)].join(',');
}

function shortUrlOf(id) {
	return (id * 7919).toString(36);
}

export class Store {
	constructor(dataDir, clock) {
		this.dataDir = dataDir;
		this.blobDir = join(dataDir, 'blobs');
		this.tmpDir = join(dataDir, 'tmp');
		this.clock = clock;
		this.reset([]);
	}

	/** Forgets every folder and file, deletes the stored contents, installs the given accounts. */
	reset(accounts) {
		rmSync(this.blobDir, { recursive: true, force: true });
		rmSync(this.tmpDir, { recursive: true, force: true });
		mkdirSync(this.blobDir, { recursive: true });
		mkdirSync(this.tmpDir, { recursive: true });
		this.accounts = new Map(accounts.map((a) => [a.id, { ...a, lastlogindate: null, lastloginip: null }]));
		this.folders = new Map();
		this.files = new Map();
		this.nextFolderId = FIRST_FOLDER_ID;
		this.nextFileId = FIRST_FILE_ID;
	}

	tmpPath() {
		return join(this.tmpDir, `upload-${randomBytes(12).toString('hex')}`);
	}

	newBlobPath() {
		return join(this.blobDir, randomBytes(16).toString('hex'));
	}

	accountByUsername(username) {
		const wanted = username.toLowerCase();
		return [...this.accounts.values()].find((a) => a.username.toLowerCase() === wanted) ?? null;
	}

	accountByKeys(key1, key2) {
		return [...this.accounts.values()].find((a) => a.key1 === key1 && a.key2 === key2) ?? null;
	}

	/** A folder of the account, whatever its status, by its numeric id; null when absent. */
	folderOf(accountId, id) {
		const folder = this.folders.get(Number(id));
		return folder && folder.accountId === accountId ? folder : null;
	}

	fileOf(accountId, id) {
		const file = this.files.get(Number(id));
		return file && file.accountId === accountId ? file : null;
	}

	childFolders(accountId, parentId) {
		return [...this.folders.values()].filter((f) => f.accountId === accountId && f.parentId === parentId);
	}

	filesIn(accountId, folderId) {
		return [...this.files.values()].filter((f) => f.accountId === accountId && f.folderId === folderId);
	}

	/** True when `candidateId` is `folderId` itself or lies below it. */
	isInSubtree(folderId, candidateId) {
		for (let id = candidateId; id !== null; id = this.folders.get(id)?.parentId ?? null) {
			if (id === folderId) return true;
		}
		return false;
	}

	createFolder({ accountId, name, parentId = null, isPublic = 0, accessPassword = null }) {
		const folder = {
			id: this.nextFolderId++,
			accountId,
			parentId,
			name,
			isPublic,
			accessPassword,
			// The code in the folder's link (…/folder/<urlHash>/<Name>): 32 hex, never the id.
			urlHash: randomBytes(16).toString('hex'),
			dateAdded: this.clock.now(),
			dateUpdated: null,
			status: 'active',
		};
		this.folders.set(folder.id, folder);
		return folder;
	}

	/**
	 * The name an upload gets in a folder: YetiShare appends " (2)", " (3)", ... before the extension
	 * while an active file of the account has the name (for a name without a dot, the "extension" is
	 * the whole lower-cased name and one character is cut: "README" -> "READM (2).readme").
	 */
	uniqueName(accountId, folderId, name) {
		const extension = extensionOf(name);
		const taken = new Set(
			this.filesIn(accountId, folderId).filter((f) => f.status === 'active').map((f) => f.name),
		);
		let candidate = name;
		for (let n = 2; taken.has(candidate); n += 1) {
			candidate = `${name.slice(0, name.length - extension.length - 1)} (${n}).${extension}`; // PHP substr()
		}
		return candidate;
	}

	createFile({ accountId, folderId = null, name, size, md5, blobPath, ip = '127.0.0.1', mimeType = null }) {
		const id = this.nextFileId++;
		const file = {
			id,
			accountId,
			folderId,
			name,
			extension: extensionOf(name),
			mimeType: mimeType ?? mimeTypeOf(name),
			size,
			md5,
			blobPath,
			shortUrl: shortUrlOf(id),
			status: 'active',
			downloads: 0,
			lastAccessed: null,
			uploadedIP: ip,
			uploadedDate: this.clock.now(),
			keywords: keywordsOf(name),
			isPublic: 1,
			uploadSource: 'api',
			description: '',
			deleteHash: randomBytes(16).toString('hex'),
			uniqueHash: randomBytes(32).toString('hex'),
		};
		this.files.set(id, file);
		return file;
	}

	/** A new file record sharing the original's stored content. */
	duplicateFile(file, folderId) {
		return this.createFile({ ...file, folderId, ip: file.uploadedIP });
	}

	renameFile(file, name) {
		file.name = name;
		file.extension = extensionOf(name);
	}

	trashFile(file) {
		file.status = 'trash';
		file.folderId = null;
	}

	/** Trashes a folder, every folder below it and all their files (files keep their folder). */
	trashFolderTree(folder) {
		const ids = [...this.folders.values()]
			.filter((f) => f.accountId === folder.accountId && this.isInSubtree(folder.id, f.id))
			.map((f) => f.id);
		for (const id of ids) this.folders.get(id).status = 'trash';
		for (const file of this.files.values()) {
			if (file.folderId !== null && ids.includes(file.folderId)) file.status = 'trash';
		}
	}

	shortUrlFile(shortUrl) {
		return [...this.files.values()].find((f) => f.shortUrl === shortUrl) ?? null;
	}

	/** Snapshot for tests: internal fields, numbers as numbers. */
	snapshot() {
		return {
			folders: [...this.folders.values()].map((f) => ({ ...f })),
			files: [...this.files.values()].map(({ blobPath, ...f }) => ({ ...f })),
		};
	}
}
