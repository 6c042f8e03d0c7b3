// Finding files and folders the way users name them: real links (every form) and paths, with
// the listing calls they cost, over real HTTP against the emulator.
'use strict';

const { Cyberfile, CyberfileTrigger, harnessFor, callCounts, failure, seededSuite, items, params, rl } = require('../support/setup');

const t = seededSuite('folder');
const listings = async () => (await callCounts(t.emulator))['folder/listing'] ?? 0;
const run = async (resource, operation, parameters, options = {}) =>
	(await t.h.execute(Cyberfile, { parameters: params(resource, operation, parameters), ...options }))[0];

describe('folder links', () => {
	test('the link the site hands out resolves; 1,000 items naming it cost one walk', async () => {
		const out = await run('folder', 'get', { folderId: rl('={{ $json.link }}', 'url') }, {
			items: Array.from({ length: 1000 }, () => ({ json: { link: t.tree.y2026.url_folder } })),
		});
		expect(out).toHaveLength(1000);
		expect(new Set(out.map((o) => o.json.id))).toEqual(new Set([t.tree.y2026.id]));
		expect(await listings()).toBeLessThanOrEqual(4);
		await t.emulator.control.clearLog();
		// A later execution remembers it: no listing call at all.
		await run('folder', 'get', { folderId: rl(t.tree.y2026.url_folder, 'url') });
		expect(await listings()).toBe(0);
	});

	test('a folder made after the walk: the miss starts the walk over and finds it', async () => {
		await run('folder', 'get', { folderId: rl(t.tree.archive.url_folder, 'url') });
		const fresh = await t.emulator.control.addFolder({ name: 'Late', parentId: t.tree.archive.id });
		const out = await run('folder', 'list', { folderId: rl(fresh.url_folder, 'url') });
		expect(out).toEqual([]);
		const got = await run('folder', 'get', { folderId: rl(`${fresh.url_folder}/whatever`, 'url') });
		expect(got[0].json).toMatchObject({ id: String(fresh.id), name: 'Late', urlHash: fresh.urlHash });
	});

	test('a code that is in no folder of the account fails once the walk is done, naming it', async () => {
		const site = new URL(t.tree.archive.url_folder).origin;
		const error = await failure(run('folder', 'list', { folderId: rl(`${site}/folder/${'a'.repeat(32)}/X`, 'url') }));
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.message).toBe(`Parameter "Folder": no folder with the link code "${'a'.repeat(32)}" was found in this account`);
	});

	test('the numeric form of the API documentation still works', async () => {
		const site = new URL(t.tree.archive.url_folder).origin;
		const out = await run('folder', 'get', { folderId: rl(`${site}/folder/${t.tree.archive.id}/Archive`, 'url') });
		expect(out[0].json.id).toBe(t.tree.archive.id);
		expect(await listings()).toBe(0);
	});
});

describe('file links', () => {
	test('every form names the same file; the walk stops at the hit and goes on from there', async () => {
		const { url_file: url, shortUrl } = t.tree.march;
		const forms = [url, `${url}/march.pdf`, `${url}~i`, `${url}~s`, `${url}~d?abc123`, `${url}/`, `${url}?pt=1`, url.replace('http://', 'http://www.')];
		const out = await run('file', 'get', { fileId: rl('={{ $json.link }}', 'url') }, { items: forms.map((link) => ({ json: { link } })) });
		expect(out.map((o) => o.json.shortUrl)).toEqual(forms.map(() => shortUrl));
		expect(await listings()).toBeLessThanOrEqual(4);
	});
});

describe('path mode', () => {
	test('a folder path: one listing per segment, cached for the execution', async () => {
		const out = await run('folder', 'get', { folderId: rl('/Invoices/2026', 'path') }, { items: items(50) });
		expect(out.map((o) => o.json.id)).toEqual(Array(50).fill(t.tree.y2026.id));
		expect(await listings()).toBe(2);
	});

	test('a file path, and "/" is the root folder', async () => {
		const [file] = await run('file', 'get', { fileId: rl('Invoices/2026/march.pdf', 'path') });
		expect(file.json).toMatchObject({ id: t.tree.march.id, name: 'march.pdf' });
		const root = await run('folder', 'list', { folderId: rl('/', 'path') });
		expect(root.map((o) => o.json.name)).toEqual(['Archive', 'Invoices', 'a.txt']);
	});

	test('in every locator: a move by paths, an update into a folder path', async () => {
		const [moved] = await run('file', 'move', { fileId: rl('a.txt', 'path'), destinationFolderId: rl('Archive', 'path') });
		expect(moved.json).toMatchObject({ id: t.tree.a.id, parentId: t.tree.archive.id });
		const [updated] = await run('file', 'update', { fileId: rl('Archive/a.txt', 'path'), updateFields: { folderId: rl('Invoices/2026', 'path') } });
		expect(updated.json.parentId).toBe(t.tree.y2026.id);
	});

	test('a missing segment and a missing file are named, with where they were looked for', async () => {
		let error = await failure(run('folder', 'list', { folderId: rl('Invoices/2027', 'path') }));
		expect(error.message).toBe('Parameter "Folder": folder "2027" not found in "Invoices"');
		error = await failure(run('file', 'get', { fileId: rl('Invoices/2026/april.pdf', 'path') }));
		expect(error.message).toBe('Parameter "File": file "april.pdf" not found in "Invoices/2026"');
		error = await failure(run('folder', 'get', { folderId: rl('Nope', 'path') }));
		expect(error.message).toBe('Parameter "Folder": folder "Nope" not found in "/"');
	});

	test('a name that is there twice fails and lists the ids; trashed ones do not count', async () => {
		const twin = await t.emulator.control.addFolder({ name: 'archive' });
		await t.emulator.control.addFolder({ name: 'Old', status: 'trash' });
		const error = await failure(run('folder', 'get', { folderId: rl('ARCHIVE', 'path') }));
		expect(error.message).toBe(`Parameter "Folder": 2 folders are named "ARCHIVE" in "/" (ids ${t.tree.archive.id}, ${twin.id})`);
		// The exact spelling wins over a match without case.
		expect((await run('folder', 'get', { folderId: rl('archive', 'path') }))[0].json.id).toBe(String(twin.id));
		expect((await failure(run('folder', 'get', { folderId: rl('Old', 'path') }))).message).toMatch(/folder "Old" not found in "\/"/);
	});

	test('the trigger watches a folder given by path', async () => {
		const staticData = {};
		const poll = () => t.h.poll(CyberfileTrigger, { parameters: { event: 'fileCreated', folderId: rl('Invoices/2026', 'path') }, staticData });
		expect(await poll()).toBeNull();
		await t.emulator.control.addFile({ folderId: t.tree.y2026.id, name: 'april.pdf', content: 'april' });
		const result = await poll();
		expect(result[0].map((i) => i.json.name)).toEqual(['april.pdf']);
	});
});

test('a link of one credential is not looked up in another account', async () => {
	await run('folder', 'get', { folderId: rl(t.tree.archive.url_folder, 'url') });
	const other = harnessFor(t.emulator, { username: 'other', password: 'other-password' }, { credentialId: 'other' });
	const error = await failure(other.execute(Cyberfile, { parameters: params('folder', 'get', { folderId: rl(t.tree.archive.url_folder, 'url') }) }));
	expect(error.message).toMatch(/no folder with the link code/);
});

test('a folder whose code is empty or odd (as API-made folders may be) is tolerated: its link code comes from url_folder', () => {
	const { folderUrlHash, toFolder } = require('../../dist/nodes/Cyberfile/helpers/shape.js');
	const hash = '7981db5ad231ce939e1ed9d02699bcd5';
	expect(folderUrlHash({ urlHash: '', url_folder: `https://cyberfile.me/folder/${hash}/AccB` })).toBe(hash);
	expect(folderUrlHash({ urlHash: 'not-a-hash', url_folder: 'https://cyberfile.me/folder//AccB' })).toBeNull();
	expect(folderUrlHash({ urlHash: hash.toUpperCase() })).toBe(hash);
	expect(toFolder({ id: '5', folderName: 'x', urlHash: '' })).toMatchObject({ type: 'folder', urlHash: null, size: null, createdAt: null });
});
