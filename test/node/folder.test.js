// Folder operations over real HTTP against the emulator: the requests they send, the items they
// return, the checks they make before writing, and their errors.
'use strict';

const { createHash } = require('node:crypto');
const { callCounts, requests, failure, seededSuite, rl } = require('../support/setup');

const t = seededSuite('folder');
const md5 = (text) => createHash('md5').update(text).digest('hex');

describe('create', () => {
	test('in the root: sends the name and an empty parent, returns the folder without a password hash', async () => {
		const out = await t.run('create', { name: '  Reports ' });
		expect(await requests(t.emulator, 'folder/create')).toEqual([expect.objectContaining({ folder_name: 'Reports', parent_id: '' })]);
		const [sent] = await requests(t.emulator, 'folder/create');
		expect(sent).not.toHaveProperty('is_public');
		expect(sent).not.toHaveProperty('access_password');
		expect(out[0].json).toMatchObject({ name: 'Reports', parentId: null, visibility: 'private', passwordProtected: false });
		expect(out[0].json.id).toMatch(/^\d+$/);
		expect(out[0].json.url).toContain(`/folder/${out[0].json.urlHash}/Reports`);
		expect(out[0].json.urlHash).toMatch(/^[0-9a-f]{32}$/);
		expect(out[0].json).not.toHaveProperty('accessPassword');
	});

	test('in a folder given by link, public, with a password sent as its MD5', async () => {
		const out = await t.run('create', {
			name: 'Q1',
			parentFolderId: rl(t.tree.invoices.url_folder, 'url'),
			additionalFields: { visibility: 'public', password: 'sesame' },
		});
		const [sent] = await requests(t.emulator, 'folder/create');
		expect(sent).toMatchObject({ folder_name: 'Q1', parent_id: t.tree.invoices.id, is_public: '2', access_password: md5('sesame') });
		expect(out[0].json).toMatchObject({ parentId: t.tree.invoices.id, visibility: 'public', passwordProtected: true });
		expect((await t.stateOf('folders', out[0].json.id)).accessPassword).toBe(md5('sesame'));
	});

	test('a parent that does not exist is refused before creating (the site would file it silently)', async () => {
		const error = await failure(t.run('create', { name: 'X', parentFolderId: rl('9999') }));
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.message).toMatch(/Could not find folder.*folder id 9999/);
		expect(error.description).toMatch(/Parent Folder/);
		expect((await callCounts(t.emulator))['folder/create']).toBeUndefined();
	});

	test('a parent in the trash is refused', async () => {
		const error = await failure(t.run('create', { name: 'X', parentFolderId: rl(t.tree.old.id) }));
		expect(error.message).toMatch(/Parent Folder.*trash/);
		expect((await callCounts(t.emulator))['folder/create']).toBeUndefined();
	});

	test.each([
		['a blank name', { name: '   ' }, /"Name" is empty/],
		['a name with tags', { name: 'a<b>c</b>' }, /"Name" must not contain "<"/],
		['a name that is an object', { name: '={{ { a: 1 } }}' }, /"Name" must be text/],
		['a malformed parent', { name: 'x', parentFolderId: rl('abc') }, /"Parent Folder" "abc" is not a folder id/],
		['an unknown visibility', { name: 'x', additionalFields: { visibility: 'secret' } }, /Visibility" must be one of/],
		['an empty password', { name: 'x', additionalFields: { password: '' } }, /Password" is empty/],
	])('%s is refused before any request', async (_, extra, message) => {
		const error = await failure(t.run('create', extra));
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toMatch(message);
		await t.expectNothingSent();
	});

	test('is never repeated after an answer that leaves its outcome unknown', async () => {
		await t.run('create', { name: 'warm-up' }); // log in first
		await t.emulator.control.addFault({ endpoint: 'folder/create', type: 'status', status: 502 });
		const error = await failure(t.run('create', { name: 'Once' }));
		expect(error.message).toMatch(/HTTP 502: the folder "Once" may or may not have been created/);
		expect((await callCounts(t.emulator))['folder/create']).toBe(2);
	});
});

describe('list', () => {
	const names = (out) => out.map((o) => `${o.json.type}:${o.json.path ?? o.json.name}`);

	test('the root: sub-folders first, then files, trash hidden, each with its type and shape', async () => {
		const out = await t.run('list');
		expect(names(out)).toEqual(['folder:Archive', 'folder:Invoices', 'file:a.txt']);
		expect(await requests(t.emulator, 'folder/listing')).toEqual([expect.objectContaining({ parent_folder_id: '' })]);
		expect(out[1].json).toMatchObject({ id: t.tree.invoices.id, parentId: null, visibility: 'public', type: 'folder' });
		expect(out[2].json).toMatchObject({ id: t.tree.a.id, name: 'a.txt', size: 5, folderId: null, status: 'active', type: 'file' });
		expect(out[0]).toMatchObject({ pairedItem: { item: 0 } });
		expect(out[0].json).not.toHaveProperty('path');
	});

	test('a mixed listing: files and folders open with the same fields in the same order, no undefined', async () => {
		const out = await t.run('list', { returnAll: true, options: { recursive: true } });
		const COMMON = ['type', 'id', 'name', 'path', 'parentId', 'size', 'status', 'url', 'downloads', 'createdAt'];
		for (const { json } of out) {
			expect(Object.keys(json).slice(0, COMMON.length)).toEqual(COMMON);
			for (const key of COMMON) expect(json[key]).not.toBeUndefined();
			expect(typeof json.size).toBe('number');
			expect(typeof json.downloads).toBe('number');
		}
		// Every item has every column: the other kind's own fields are null (no undefined cell).
		const keys = new Set(out.flatMap((o) => Object.keys(o.json)));
		for (const { json } of out) for (const key of keys) expect(json[key]).not.toBeUndefined();
		const filesOnly = await t.run('list', { returnAll: true, options: { include: 'files' } });
		expect(filesOnly[0].json).not.toHaveProperty('urlHash');
		const march = out.find((o) => o.json.name === 'march.pdf').json;
		expect(march).toMatchObject({ parentId: t.tree.y2026.id, folderId: t.tree.y2026.id });
		const folder = out.find((o) => o.json.name === '2026').json;
		expect(folder).toMatchObject({ parentId: t.tree.invoices.id, fileCount: 1, folderCount: 0, createdAt: expect.stringMatching(/T/) });
		expect(folder.urlHash).toMatch(/^[0-9a-f]{32}$/);
	});

	test('include, includeTrashed and limit', async () => {
		expect(names(await t.run('list', { options: { include: 'files' } }))).toEqual(['file:a.txt']);
		expect(names(await t.run('list', { options: { include: 'folders', includeTrashed: true } }))).toEqual([
			'folder:Archive',
			'folder:Invoices',
			'folder:Old',
		]);
		expect(names(await t.run('list', { options: { includeTrashed: true } }))).toContain('file:gone.txt');
		expect(names(await t.run('list', { limit: 2 }))).toEqual(['folder:Archive', 'folder:Invoices']);
	});

	test('recursive: every level with its path; a limit stops the walk early', async () => {
		const all = await t.run('list', { returnAll: true, options: { recursive: true } });
		expect(names(all)).toEqual([
			'folder:Archive',
			'folder:Invoices',
			'file:a.txt',
			'folder:Invoices/2026',
			'file:Invoices/2026/march.pdf',
		]);
		expect(all[4].json).toMatchObject({ id: t.tree.march.id, folderId: t.tree.y2026.id });
		expect((await callCounts(t.emulator))['folder/listing']).toBe(4); // root, Archive, Invoices, 2026

		await t.emulator.control.clearStats();
		const first = await t.run('list', { limit: 3, options: { recursive: true } });
		expect(first).toHaveLength(3);
		expect((await t.emulator.control.stats())['folder/listing']).toBe(1);
	});

	test('recursive with includeTrashed walks into trashed folders', async () => {
		await t.emulator.control.addFile({ name: 'kept.txt', folderId: t.tree.old.id, content: 'k' });
		const out = await t.run('list', { returnAll: true, options: { recursive: true, include: 'files', includeTrashed: true } });
		expect(names(out)).toEqual(expect.arrayContaining(['file:Old/kept.txt', 'file:gone.txt', 'file:Invoices/2026/march.pdf']));
	});

	test('a sub-folder given by id', async () => {
		const out = await t.run('list', { folderId: rl(` ${t.tree.invoices.id}. `) });
		expect(names(out)).toEqual(['folder:2026']);
		expect(await requests(t.emulator, 'folder/listing')).toEqual([expect.objectContaining({ parent_folder_id: t.tree.invoices.id })]);
	});

	test('an unknown folder is named in the error', async () => {
		const error = await failure(t.run('list', { folderId: rl('4242') }));
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.message).toBe('Could not find folder based on folder_id. (folder id 4242)');
	});

	test.each([
		['a limit of 0', { limit: 0 }, /"Limit" must be a whole number/],
		['a fractional limit', { limit: 2.5 }, /"Limit" must be a whole number/],
		['an unknown include', { options: { include: 'everything' } }, /"Options > Include" must be one of/],
		['a folder that is an object', { folderId: rl('={{ { id: 1 } }}') }, /"Folder" must be one id or link, not an object/],
	])('%s is refused before any request', async (_, extra, message) => {
		const error = await failure(t.run('list', extra));
		expect(error.message).toMatch(message);
		await t.expectNothingSent();
	});
});

describe('get', () => {
	test('asks /folder/info for folder_id and never returns the password hash', async () => {
		const out = await t.run('get', { folderId: rl(t.tree.invoices.id) });
		expect(await requests(t.emulator, 'folder/info')).toEqual([expect.objectContaining({ folder_id: t.tree.invoices.id })]);
		expect(out[0].json).toMatchObject({
			id: t.tree.invoices.id,
			name: 'Invoices',
			parentId: null,
			visibility: 'public',
			passwordProtected: true,
			folderCount: 1,
			fileCount: 0,
			size: 0,
			type: 'folder',
		});
		expect(Object.keys(out[0].json).slice(0, 9)).toEqual(['type', 'id', 'name', 'parentId', 'size', 'status', 'url', 'downloads', 'createdAt']);
		expect(JSON.stringify(out[0].json)).not.toContain('d41d8cd98f00b204e9800998ecf8427e');
	});

	test('the root folder gives an item of the same shape, from the root listing', async () => {
		const out = await t.run('get'); // the locator's default is the root folder
		expect(out[0].json).toEqual({
			type: 'folder',
			id: 'root',
			name: '/',
			parentId: null,
			size: 5,
			status: 'active',
			url: null,
			downloads: null,
			createdAt: null,
			visibility: 'private',
			passwordProtected: false,
			fileCount: 1,
			folderCount: 2,
			updatedAt: null,
			urlHash: null,
			root: true,
		});
		expect(await callCounts(t.emulator)).not.toHaveProperty('folder/info');
	});

	test('an unknown folder fails with the id; with Continue On Fail the other items go on', async () => {
		const error = await failure(t.run('get', { folderId: rl('777') }));
		expect(error.message).toBe('Could not find folder based on folder_id. (folder id 777)');
		const out = await t.run(
			'get',
			{ folderId: rl('={{ $json.id }}') },
			{ items: [{ id: t.tree.archive.id }, { id: '777' }, { id: 'x7' }], continueOnFail: true },
		);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.name).toBe('Archive');
		expect(out[1].json).toMatchObject({ error: expect.stringMatching(/folder id 777/), cause: 'configuration-invalid' });
		expect(out[2].json.error).toMatch(/"Folder" "x7" is not a folder id/);
	});
});

describe('update', () => {
	test('renames, re-publishes and sets a password (as MD5) in one call', async () => {
		const out = await t.run('update', {
			folderId: rl(t.tree.archive.id),
			updateFields: { name: 'Archive 2025', visibility: 'unlisted', password: 'pw' },
		});
		expect(await requests(t.emulator, 'folder/edit')).toEqual([
			expect.objectContaining({ folder_id: t.tree.archive.id, folder_name: 'Archive 2025', is_public: '1', access_password: md5('pw') }),
		]);
		expect(out[0].json).toMatchObject({ name: 'Archive 2025', visibility: 'unlisted', passwordProtected: true });
	});

	test('removes a password with "null"', async () => {
		const out = await t.run('update', { folderId: rl(t.tree.invoices.id), updateFields: { removePassword: true } });
		expect((await requests(t.emulator, 'folder/edit'))[0]).toMatchObject({ access_password: 'null' });
		expect(out[0].json.passwordProtected).toBe(false);
		expect((await t.stateOf('folders', t.tree.invoices.id)).accessPassword).toBeNull();
	});

	test('moves to the root with "null", and into another folder after checking it', async () => {
		const toRoot = await t.run('update', { folderId: rl(t.tree.y2026.id), updateFields: { parentFolderId: rl('root', 'list') } });
		expect((await requests(t.emulator, 'folder/edit'))[0]).toMatchObject({ parent_id: 'null' });
		expect(toRoot[0].json.parentId).toBeNull();

		const into = await t.run('update', { folderId: rl(t.tree.y2026.id), updateFields: { parentFolderId: rl(t.tree.archive.id) } });
		expect(into[0].json.parentId).toBe(t.tree.archive.id);
	});

	test('a parent that does not exist, or is inside the folder, stops the update before it is sent', async () => {
		const unknown = await failure(t.run('update', { folderId: rl(t.tree.invoices.id), updateFields: { name: 'New', parentFolderId: rl('888') } }));
		expect(unknown.message).toMatch(/folder id 888/);
		const below = await failure(t.run('update', { folderId: rl(t.tree.invoices.id), updateFields: { parentFolderId: rl(t.tree.y2026.id) } }));
		expect(below.message).toMatch(/inside folder \d+: a folder cannot be moved into one of its own sub-folders/);
		expect(await callCounts(t.emulator)).not.toHaveProperty('folder/edit');
		expect((await t.stateOf('folders', t.tree.invoices.id)).name).toBe('Invoices');
	});

	test('an unknown folder is named', async () => {
		const error = await failure(t.run('update', { folderId: rl('31337'), updateFields: { name: 'x' } }));
		expect(error.message).toBe('Could not find folder based on folder_id. (folder id 31337)');
	});

	test.each([
		['no update fields', {}, /"Update Fields" is empty/],
		['Remove Password off as the only field', { removePassword: false }, /"Update Fields" is empty/],
		['a password and Remove Password', { password: 'a', removePassword: true }, /contradict/],
		['the folder as its own parent', { parentFolderId: rl('=ID') }, /cannot be moved into itself/],
		['a name of spaces', { name: '  ' }, /"Update Fields > Name" is empty/],
	])('%s is refused before any request', async (_, updateFields, message) => {
		const fields = JSON.parse(JSON.stringify(updateFields).replace('=ID', t.tree.archive.id));
		const error = await failure(t.run('update', { folderId: rl(t.tree.archive.id), updateFields: fields }));
		expect(error.message).toMatch(message);
		await t.expectNothingSent();
	});

	test('the root folder cannot be updated', async () => {
		const error = await failure(t.run('update', { updateFields: { name: 'x' } }));
		expect(error.message).toMatch(/"Folder" is the root folder \(or empty\): the root folder cannot be updated/);
		await t.expectNothingSent();
	});
});

describe('delete', () => {
	test('trashes the whole subtree and says so', async () => {
		const out = await t.run('delete', { folderId: rl(t.tree.invoices.id) });
		expect(await requests(t.emulator, 'folder/delete')).toEqual([expect.objectContaining({ folder_id: t.tree.invoices.id })]);
		expect(out[0].json).toMatchObject({ id: t.tree.invoices.id, name: 'Invoices', status: 'trash', deleted: true, alreadyInTrash: false });
		expect(out[0].json.message).toMatch(/sub-folders and their files were moved to the trash/);
		const state = await t.emulator.control.state();
		expect(state.folders.find((f) => String(f.id) === t.tree.y2026.id).status).toBe('trash');
		expect(state.files.find((f) => String(f.id) === t.tree.march.id).status).toBe('trash');
	});

	test('a folder already in the trash is not deleted again', async () => {
		const out = await t.run('delete', { folderId: rl(t.tree.old.id) });
		expect(out[0].json).toMatchObject({ deleted: true, alreadyInTrash: true });
		expect(await callCounts(t.emulator)).not.toHaveProperty('folder/delete');
	});

	test('an unknown folder is named (the site itself only says "Failed deleting the folder.")', async () => {
		const error = await failure(t.run('delete', { folderId: rl('5150') }));
		expect(error.message).toBe('Could not find folder based on folder_id. (folder id 5150)');
		expect(await callCounts(t.emulator)).not.toHaveProperty('folder/delete');
	});

	test('the root folder (the empty default) is refused before any request', async () => {
		const error = await failure(t.run('delete'));
		expect(error.message).toMatch(/root folder cannot be deleted/);
		await t.expectNothingSent();
	});
});

describe('move', () => {
	test('into another folder, then to the root with "null"', async () => {
		const out = await t.run('move', { folderId: rl(t.tree.archive.id), destinationFolderId: rl(t.tree.y2026.id) });
		expect((await requests(t.emulator, 'folder/move'))[0]).toMatchObject({ folder_id: t.tree.archive.id, new_parent_folder_id: t.tree.y2026.id });
		expect(out[0].json).toMatchObject({ id: t.tree.archive.id, parentId: t.tree.y2026.id });

		const back = await t.run('move', { folderId: rl(t.tree.archive.id), destinationFolderId: rl('', 'list') });
		expect((await requests(t.emulator, 'folder/move'))[1]).toMatchObject({ new_parent_folder_id: 'null' });
		expect(back[0].json.parentId).toBeNull();
	});

	test('into itself is refused before any request', async () => {
		const error = await failure(t.run('move', { folderId: rl(t.tree.archive.id), destinationFolderId: rl(t.tree.archive.id) }));
		expect(error.message).toMatch(/"Destination Folder" is the folder itself/);
		await t.expectNothingSent();
	});

	test('into itself by link: refused once the link is looked up, before anything moves', async () => {
		const error = await failure(t.run('move', { folderId: rl(t.tree.archive.id), destinationFolderId: rl(t.tree.archive.url_folder, 'url') }));
		expect(error.message).toMatch(/"Destination Folder" is the folder itself/);
		expect(await callCounts(t.emulator)).not.toHaveProperty('folder/move');
	});

	test('into its own sub-folder is refused, nothing moves', async () => {
		const error = await failure(t.run('move', { folderId: rl(t.tree.invoices.id), destinationFolderId: rl(t.tree.y2026.id) }));
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/inside folder/);
		expect(await callCounts(t.emulator)).not.toHaveProperty('folder/move');
		expect((await t.stateOf('folders', t.tree.invoices.id)).parentId).toBeNull();
	});

	test('an unknown destination or folder is named', async () => {
		const destination = await failure(t.run('move', { folderId: rl(t.tree.archive.id), destinationFolderId: rl('6060') }));
		expect(destination.message).toMatch(/folder id 6060/);
		expect(destination.description).toMatch(/Destination Folder/);
		const folder = await failure(t.run('move', { folderId: rl('6061'), destinationFolderId: rl('root') }));
		expect(folder.message).toBe('Could not find folder based on folder_id. (folder id 6061)');
		expect(await callCounts(t.emulator)).not.toHaveProperty('folder/move');
	});

	test('one item per input item, one login for all', async () => {
		const out = await t.run(
			'move',
			{ folderId: rl('={{ $json.id }}'), destinationFolderId: rl(t.tree.archive.id) },
			{ items: [{ id: t.tree.invoices.id }, { id: t.tree.y2026.id }] },
		);
		expect(out.map((o) => [o.json.id, o.json.parentId, o.pairedItem.item])).toEqual([
			[t.tree.invoices.id, t.tree.archive.id, 0],
			[t.tree.y2026.id, t.tree.archive.id, 1],
		]);
		expect((await callCounts(t.emulator)).authorize).toBe(1);
	});
});
