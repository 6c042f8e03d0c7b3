// File operations (get, getDownloadUrl, update, delete, move, copy) and the file and folder
// pickers, over real HTTP against the emulator.
'use strict';

const { Cyberfile, harnessFor, callCounts, requests, failure, seededSuite, params, rl } = require('../support/setup');

const t = seededSuite('file');
const FILE_KEYS = ['type', 'id', 'name', 'parentId', 'size', 'status', 'url', 'downloads', 'createdAt', 'folderId', 'mimeType', 'extension', 'shortUrl', 'lastAccessedAt'];

describe('get', () => {
	test('by id: the common fields first (type, id, name, parentId, ...), numbers as numbers, ISO dates', async () => {
		const out = await t.run('get', { fileId: rl(t.tree.march.id) });
		expect(await requests(t.emulator, 'file/info')).toEqual([expect.objectContaining({ file_id: t.tree.march.id })]);
		expect(out[0].json).toMatchObject({
			id: t.tree.march.id,
			name: 'march.pdf',
			size: 5,
			folderId: t.tree.y2026.id,
			status: 'active',
			url: t.tree.march.url_file,
			shortUrl: t.tree.march.shortUrl,
			extension: 'pdf',
			parentId: t.tree.y2026.id,
			downloads: 0,
			mimeType: 'application/pdf',
		});
		expect(Object.keys(out[0].json)).toEqual(FILE_KEYS);
		expect(out[0].json.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
		expect(JSON.stringify(out[0].json)).not.toMatch(/~d\?|uploadedIP|unique/);
	});

	test('Options > Include Raw Fields adds the answer as the site sent it, delete link included', async () => {
		const out = await t.run('get', { fileId: rl(t.tree.march.id), options: { includeRawFields: true } });
		expect(Object.keys(out[0].json)).toEqual([...FILE_KEYS, 'raw']);
		expect(out[0].json.raw).toMatchObject({ id: t.tree.march.id, fileSize: '5', url_file_delete: expect.stringContaining('~d?') });
	});

	test('by link: the short code is found by walking the folders once, then remembered', async () => {
		const link = `${t.tree.march.url_file}~i`;
		const out = await t.run('get', { fileId: rl(link, 'url') });
		expect(out[0].json.id).toBe(t.tree.march.id);
		expect((await callCounts(t.emulator))['folder/listing']).toBe(4);
		await t.emulator.control.clearStats();
		await t.run('get', { fileId: rl(link, 'url') });
		expect((await t.emulator.control.stats())['folder/listing']).toBeUndefined();
	});

	test("a link remembered for one account is not used for another account's credential", async () => {
		const link = t.tree.a.url_file;
		expect((await t.run('get', { fileId: rl(link, 'url') }))[0].json.id).toBe(t.tree.a.id);
		const other = harnessFor(t.emulator, { username: 'other', password: 'other-password' }, { credentialId: 'other' });
		const parameters = params('file', 'get', { fileId: rl(link, 'url') });
		const error = await failure(other.execute(Cyberfile, { parameters }));
		expect(error.message).toMatch(/no file with the link code/);
		expect(await requests(t.emulator, 'file/info')).toHaveLength(1);
	});

	test('a link to no file of the account says so', async () => {
		const site = t.emulator.apiBase.replace(/\/api\/v2$/, '');
		const error = await failure(t.run('get', { fileId: rl(`${site}/zzzzzz`, 'url') }));
		expect(error.message).toMatch(/^Parameter "File": no file with the link code "zzzzzz"/);
	});

	test('a trashed file is still returned, with status "trash"', async () => {
		const out = await t.run('get', { fileId: rl(t.tree.gone.id) });
		expect(out[0].json).toMatchObject({ status: 'trash', folderId: null });
	});

	test('an unknown id is named; Continue On Fail keeps the other items', async () => {
		const error = await failure(t.run('get', { fileId: rl('4711') }));
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.message).toBe('Could not find file based on file_id. (file id 4711)');
		const out = await t.run('get', { fileId: rl('={{ $json.id }}') }, { items: [{ id: '4711' }, { id: t.tree.a.id }], continueOnFail: true });
		expect(out[0]).toMatchObject({ json: { error: expect.stringMatching(/file id 4711/) }, pairedItem: { item: 0 } });
		expect(out[1]).toMatchObject({ json: { name: 'a.txt' }, pairedItem: { item: 1 } });
	});

	test.each([
		['an empty id', rl(''), /"File" is empty/],
		['a word', rl('latest'), /"File" "latest" is not a file id/],
		['a folder link', rl('https://cyberfile.me/folder/12/x', 'url'), /"File" is a folder link/],
		['a list', rl('={{ [1, 2] }}'), /"File" must be one id or link, not a list/],
	])('%s is refused before any request', async (_, fileId, message) => {
		const error = await failure(t.run('get', { fileId }));
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toMatch(message);
		await t.expectNothingSent();
	});
});

describe('getDownloadUrl', () => {
	test('a link that downloads the file with a plain GET', async () => {
		const out = await t.run('getDownloadUrl', { fileId: rl(t.tree.a.id) });
		expect(out[0].json).toMatchObject({ id: t.tree.a.id, name: 'a.txt', downloadUrl: expect.stringMatching(/^http/) });
		const response = await fetch(out[0].json.downloadUrl);
		expect(await response.text()).toBe('hello');
	});

	test('a trashed file has no download link', async () => {
		const error = await failure(t.run('getDownloadUrl', { fileId: rl(t.tree.gone.id) }));
		expect(error.message).toMatch(/Could not generate download url/);
	});
});

describe('update', () => {
	test('renames, sets the MIME type and moves to the root ("null") in one call', async () => {
		const out = await t.run('update', {
			fileId: rl(t.tree.march.id),
			updateFields: { fileName: ' april.pdf ', mimeType: 'application/pdf', folderId: rl('root', 'list') },
		});
		expect(await requests(t.emulator, 'file/edit')).toEqual([
			expect.objectContaining({ file_id: t.tree.march.id, filename: 'april.pdf', fileType: 'application/pdf', folder_id: 'null' }),
		]);
		expect(out[0].json).toMatchObject({ name: 'april.pdf', mimeType: 'application/pdf', folderId: null });
	});

	test('into a folder after checking it exists; an unknown or trashed folder stops the edit', async () => {
		const out = await t.run('update', { fileId: rl(t.tree.a.id), updateFields: { folderId: rl(t.tree.archive.id) } });
		expect(out[0].json.folderId).toBe(t.tree.archive.id);

		const unknown = await failure(t.run('update', { fileId: rl(t.tree.a.id), updateFields: { fileName: 'b.txt', folderId: rl('999') } }));
		expect(unknown.message).toMatch(/folder id 999/);
		expect(unknown.description).toMatch(/Update Fields > Folder/);
		const trashed = await failure(t.run('update', { fileId: rl(t.tree.a.id), updateFields: { folderId: rl(t.tree.old.id) } }));
		expect(trashed.message).toMatch(/in the trash/);
		expect(await requests(t.emulator, 'file/edit')).toHaveLength(1);
		expect((await t.stateOf('files', t.tree.a.id)).name).toBe('a.txt');
	});

	test.each([
		['no update fields', {}, /"Update Fields" is empty/],
		['a name with a slash', { fileName: 'a/b.txt' }, /"Update Fields > File Name" must not contain "\/"/],
		['a MIME type without a subtype', { mimeType: 'pdf' }, /must look like type\/subtype/],
		['a malformed folder', { folderId: rl('folder 7') }, /"Update Fields > Folder" "folder 7" is not a folder id/],
	])('%s is refused before any request, even with a file link to resolve', async (_, updateFields, message) => {
		const error = await failure(t.run('update', { fileId: rl(t.tree.a.url_file, 'url'), updateFields }));
		expect(error.message).toMatch(message);
		await t.expectNothingSent();
	});
});

describe('delete', () => {
	test('moves the file to the trash (and so to the root) and says so', async () => {
		const out = await t.run('delete', { fileId: rl(t.tree.march.id) });
		expect(await requests(t.emulator, 'file/delete')).toEqual([expect.objectContaining({ file_id: t.tree.march.id })]);
		expect(out[0].json).toMatchObject({ id: t.tree.march.id, status: 'trash', folderId: null, deleted: true });
	});

	test('an unknown file is named', async () => {
		const error = await failure(t.run('delete', { fileId: rl('123456') }));
		expect(error.message).toMatch(/file id 123456/);
	});
});

describe('move', () => {
	test('into a folder and back to the root ("null")', async () => {
		const out = await t.run('move', { fileId: rl(t.tree.a.id), destinationFolderId: rl(t.tree.invoices.url_folder, 'url') });
		expect((await requests(t.emulator, 'file/move'))[0]).toMatchObject({ file_id: t.tree.a.id, new_parent_folder_id: t.tree.invoices.id });
		expect(out[0].json.folderId).toBe(t.tree.invoices.id);
		const back = await t.run('move', { fileId: rl(t.tree.a.id), destinationFolderId: rl('/') });
		expect((await requests(t.emulator, 'file/move'))[1]).toMatchObject({ new_parent_folder_id: 'null' });
		expect(back[0].json.folderId).toBeNull();
	});

	test('an unknown destination is named', async () => {
		const error = await failure(t.run('move', { fileId: rl(t.tree.a.id), destinationFolderId: rl('2222') }));
		expect(error.message).toBe(
			'Could not find the destination folder id defined by new_parent_folder_id. (destination folder id 2222)',
		);
		expect(error.failure).toEqual({ cause: 'configuration-invalid' });
	});

	test('a malformed destination is refused before any request', async () => {
		const error = await failure(t.run('move', { fileId: rl(t.tree.a.id), destinationFolderId: rl('https://example.com/x', 'url') }));
		expect(error.message).toMatch(/"Destination Folder" "https:\/\/example.com\/x" is not a Cyberfile folder link/);
		await t.expectNothingSent();
	});
});

describe('copy', () => {
	test('the copy is the item, the original is kept beside it', async () => {
		const out = await t.run('copy', { fileId: rl(t.tree.march.id), destinationFolderId: rl(t.tree.archive.id) });
		expect((await requests(t.emulator, 'file/copy'))[0]).toMatchObject({ file_id: t.tree.march.id, copy_to_folder_id: t.tree.archive.id });
		expect(out[0].json).toMatchObject({ name: 'march.pdf', folderId: t.tree.archive.id, originalFile: { id: t.tree.march.id } });
		expect(out[0].json.id).not.toBe(t.tree.march.id);
	});

	test('is never repeated after an answer that leaves its outcome unknown', async () => {
		await t.run('get', { fileId: rl(t.tree.a.id) }); // log in first
		await t.emulator.control.addFault({ endpoint: 'file/copy', type: 'status', status: 504 });
		const error = await failure(t.run('copy', { fileId: rl(t.tree.a.id), destinationFolderId: rl('root') }));
		expect(error.message).toMatch(/HTTP 504: the copy may or may not have been made/);
		expect((await callCounts(t.emulator))['file/copy']).toBe(1);
		expect((await t.emulator.control.state()).files.filter((f) => f.name === 'a.txt')).toHaveLength(1);
	});
});

describe('pickers', () => {
	const search = (method, filter) => t.h.listSearch(Cyberfile, method, filter);

	test('folders by path, the root folder first, the trash left out', async () => {
		const { results } = await search('searchFolders');
		expect(results.map((r) => [r.name, r.value])).toEqual([
			['/ (Root folder)', 'root'],
			['/Archive', t.tree.archive.id],
			['/Invoices', t.tree.invoices.id],
			['/Invoices/2026', t.tree.y2026.id],
		]);
		expect(results[3].url).toBe(t.tree.y2026.url_folder);
	});

	test('a filter matches anywhere in the path, case-insensitively', async () => {
		expect((await search('searchFolders', ' 2026')).results.map((r) => r.name)).toEqual(['/Invoices/2026']);
		expect((await search('searchFolders', 'root')).results.map((r) => r.value)).toEqual(['root']);
		expect((await search('searchFiles', 'INVOICES')).results.map((r) => r.name)).toEqual(['/Invoices/2026/march.pdf']);
	});

	test('files by path, without the trash, each with its link', async () => {
		const { results } = await search('searchFiles');
		expect(results).toEqual([
			{ name: '/a.txt', value: t.tree.a.id, url: t.tree.a.url_file },
			{ name: '/Invoices/2026/march.pdf', value: t.tree.march.id, url: t.tree.march.url_file },
		]);
	});

	test('a large account: 50 folders a page, one request each; the next pages go on where it stopped', async () => {
		for (let i = 0; i < 60; i++) {
			const name = `f${String(i).padStart(2, '0')}`;
			const folder = await t.emulator.control.addFolder({ name });
			await t.emulator.control.addFolder({ name: `inner-${name}`, parentId: folder.id });
		}
		await t.emulator.control.clearStats();
		const pages = [];
		let token;
		do {
			const page = await t.h.listSearch(Cyberfile, 'searchFolders', undefined, { paginationToken: token });
			pages.push(page.results.map((r) => r.name));
			token = page.paginationToken;
		} while (token && pages.length < 10);
		expect(pages).toHaveLength(3);
		expect(pages[0][0]).toBe('/ (Root folder)');
		const all = pages.flat();
		expect(new Set(all).size).toBe(all.length);
		// The seeded tree (3 folders) and the 120 new ones, all once; the root on the first page only.
		expect(all).toHaveLength(1 + 3 + 120);
		expect(all).toContain('/f59/inner-f59');
		// Every folder listed once: the root, the 3 seeded ones, the 120 new.
		expect((await t.emulator.control.stats())['folder/listing']).toBe(1 + 3 + 120);
	});

	test('a search whose first 50 folders hold no match goes on before it answers', async () => {
		for (let i = 0; i < 60; i++) {
			const name = `f${String(i).padStart(2, '0')}`;
			const folder = await t.emulator.control.addFolder({ name });
			await t.emulator.control.addFolder({ name: `inner-${name}`, parentId: folder.id });
		}
		const { results } = await t.h.listSearch(Cyberfile, 'searchFolders', 'inner-f59');
		expect(results.map((r) => r.name)).toEqual(['/f59/inner-f59']);
	});

	test('a page token that cannot be read starts over', async () => {
		const { results } = await t.h.listSearch(Cyberfile, 'searchFolders', undefined, { paginationToken: 'not json' });
		expect(results.map((r) => r.name)).toContain('/Invoices/2026');
	});
});
