// The polling trigger inside n8n-core's real poll context, against the emulator.
'use strict';

const { Cyberfile, CyberfileTrigger, useEmulator, harnessFor, callCounts, rl } = require('../support/setup');

const emulator = useEmulator();

const watch = (folder, options = {}) => ({ event: 'fileCreated', folderId: rl(folder), options });
const names = (result) => (result ? result[0].map((item) => item.json.name) : []);

function poller(h, parameters) {
	const staticData = {};
	return {
		staticData,
		poll: (mode = 'trigger') => h.poll(CyberfileTrigger, { parameters, staticData, mode }),
	};
}

test('first poll takes a baseline; each new file fires once with File > Get fields', async () => {
	const h = harnessFor(emulator);
	const folder = await emulator.control.addFolder({ name: 'inbox' });
	await emulator.control.addFile({ folderId: folder.id, name: 'old.txt', content: 'old' });
	const trigger = poller(h, watch(folder.id));
	expect(await trigger.poll()).toBeNull();
	expect(await trigger.poll()).toBeNull();

	await emulator.control.addFile({ folderId: folder.id, name: 'new.txt', content: 'new!' });
	const result = await trigger.poll();
	expect(names(result)).toEqual(['new.txt']);
	expect(result[0][0].json).toMatchObject({ name: 'new.txt', size: 4, folderId: String(folder.id), status: 'active' });
	expect(result[0][0].json.createdAt).toMatch(/^\d{4}-/); // /file/info fields, which listings lack
	expect(await trigger.poll()).toBeNull();
});

test('copied and moved-in files fire once per arrival; trashed files never fire', async () => {
	const h = harnessFor(emulator);
	const inbox = await emulator.control.addFolder({ name: 'inbox' });
	const elsewhere = await emulator.control.addFolder({ name: 'elsewhere' });
	const a = await emulator.control.addFile({ folderId: elsewhere.id, name: 'a.txt', content: 'a' });
	const b = await emulator.control.addFile({ folderId: elsewhere.id, name: 'b.txt', content: 'b' });
	const trigger = poller(h, watch(inbox.id));
	await trigger.poll();

	const run = (operation, fileId, destination) =>
		h.execute(Cyberfile, { parameters: { resource: 'file', operation, fileId: rl(fileId), destinationFolderId: rl(destination) } });
	await run('copy', a.id, inbox.id);
	await run('move', b.id, inbox.id);
	await emulator.control.addFile({ folderId: inbox.id, name: 'trashed.txt', content: 't', status: 'trash' });
	expect(names(await trigger.poll()).sort()).toEqual(['a.txt', 'b.txt']);
	expect(await trigger.poll()).toBeNull();

	await run('move', b.id, elsewhere.id);
	expect(await trigger.poll()).toBeNull();
	await run('move', b.id, inbox.id);
	expect(names(await trigger.poll())).toEqual(['b.txt']); // a new arrival
});

test('includeSubfolders watches the whole tree, one listing per folder, and says the path', async () => {
	const h = harnessFor(emulator);
	const top = await emulator.control.addFolder({ name: 'top' });
	const mid = await emulator.control.addFolder({ name: 'mid', parentId: top.id });
	const deep = await emulator.control.addFolder({ name: 'deep', parentId: mid.id });
	const trigger = poller(h, watch(top.id, { includeSubfolders: true }));
	await trigger.poll();
	await emulator.control.addFile({ folderId: deep.id, name: 'x.pdf', content: 'x' });
	await emulator.control.clearLog();
	const result = await trigger.poll();
	expect(result[0][0].json).toMatchObject({ name: 'x.pdf', path: 'mid/deep' });
	expect((await callCounts(emulator))['folder/listing']).toBe(3);
});

test('manual mode returns the newest file and leaves the saved state alone', async () => {
	const h = harnessFor(emulator);
	await emulator.control.addFile({ name: 'first.txt', content: '1' });
	await emulator.control.addFile({ name: 'second.txt', content: '2' });
	const trigger = poller(h, watch('root'));
	await trigger.poll();
	const before = JSON.stringify(trigger.staticData);
	await emulator.control.addFile({ name: 'third.txt', content: '3' });
	expect(names(await trigger.poll('manual'))).toEqual(['third.txt']);
	expect(JSON.stringify(trigger.staticData)).toBe(before);
	expect(names(await trigger.poll())).toEqual(['third.txt']);
});

test('a failed poll loses nothing: the next successful poll reports what arrived meanwhile', async () => {
	const h = harnessFor(emulator);
	const trigger = poller(h, watch('root'));
	await trigger.poll();
	await emulator.control.addFile({ name: 'during-outage-1.txt', content: '1' });
	await emulator.control.addFault({ endpoint: 'folder/listing', type: 'status', status: 500, times: 'always' });
	await expect(trigger.poll()).rejects.toThrow(/HTTP 500/);
	await emulator.control.clearFaults();
	await emulator.control.addFile({ name: 'during-outage-2.txt', content: '2' });
	expect(names(await trigger.poll())).toEqual(['during-outage-1.txt', 'during-outage-2.txt']);
});

test('a watched folder that is gone or trashed gives a clear error', async () => {
	const h = harnessFor(emulator);
	const missing = poller(h, watch('999999'));
	const error = await missing.poll().catch((e) => e);
	expect(error.message).toBe('The watched folder (id 999999) no longer exists');
	expect(error.failure).toEqual({ cause: 'configuration-invalid' });

	const folder = await emulator.control.addFolder({ name: 'soon trashed' });
	await emulator.control.addFile({ folderId: folder.id, name: 'f.txt', content: 'f' });
	const trigger = poller(h, watch(folder.id));
	await trigger.poll();
	await h.execute(Cyberfile, { parameters: { resource: 'folder', operation: 'delete', folderId: rl(folder.id) } });
	const trashed = await trigger.poll().catch((e) => e);
	expect(trashed.message).toBe(`The watched folder (id ${folder.id}) is in the trash`);
});

test('download attaches each new file as binary data', async () => {
	const h = harnessFor(emulator);
	const trigger = poller(h, watch('root', { download: true, binaryPropertyName: 'file' }));
	await trigger.poll();
	await emulator.control.addFile({ name: 'report.csv', content: 'a,b\n1,2\n' });
	await emulator.control.clearLog();
	const [[item]] = await trigger.poll();
	expect((await callCounts(emulator))['file/info']).toBe(1); // the item's info also names and sizes the download
	expect(item.json.name).toBe('report.csv');
	expect(item.binary.file).toMatchObject({ fileName: 'report.csv' });
	expect((await h.readBinary(item.binary.file)).toString()).toBe('a,b\n1,2\n');
});

test('the saved state of 10,000 files stays compact', async () => {
	const { encodeIds, decodeIds } = require('../../dist/nodes/CyberfileTrigger/idSet');
	const ids = Array.from({ length: 10000 }, (_, i) => String(100000 + i * 3 + (i % 7)));
	const encoded = encodeIds(ids);
	expect(decodeIds(encoded)).toEqual(new Set(ids));
	expect(encoded.length).toBeLessThan(25000);
	expect(encodeIds(Array.from({ length: 10000 }, (_, i) => String(5000 + i))).length).toBeLessThan(20);
	// Ids that are not plain numbers are kept too, as they are: seen once, never fired again.
	const odd = ['12', '007', 'a,b;c', '13'];
	expect(decodeIds(encodeIds(odd))).toEqual(new Set(odd));
});

describe('folderCreated', () => {
	const watchFolders = (folder, options = {}) => ({ event: 'folderCreated', folderId: rl(folder), options });

	test('baseline first; each new or moved-in folder fires once, with Folder > Get fields; subfolders on request', async () => {
		const h = harnessFor(emulator);
		const top = await emulator.control.addFolder({ name: 'top' });
		await emulator.control.addFolder({ name: 'existing', parentId: top.id });
		const trigger = poller(h, watchFolders(top.id));
		expect(await trigger.poll()).toBeNull();
		const made = await emulator.control.addFolder({ name: 'made', parentId: top.id });
		await emulator.control.addFile({ folderId: top.id, name: 'file.txt', content: 'x' }); // not a folder: no event
		const [[item]] = await trigger.poll();
		expect(item.json).toMatchObject({ type: 'folder', id: String(made.id), name: 'made', parentId: String(top.id), passwordProtected: false });
		expect(Object.keys(item.json).slice(0, 3)).toEqual(['type', 'id', 'name']);
		expect(await trigger.poll()).toBeNull();

		const elsewhere = await emulator.control.addFolder({ name: 'elsewhere' });
		await h.execute(Cyberfile, { parameters: { resource: 'folder', operation: 'move', folderId: rl(elsewhere.id), destinationFolderId: rl(top.id) } });
		await emulator.control.addFolder({ name: 'deeper', parentId: made.id }); // below: only with includeSubfolders
		expect(names(await trigger.poll())).toEqual(['elsewhere']);

		const deep = poller(h, watchFolders(top.id, { includeSubfolders: true }));
		await deep.poll();
		await emulator.control.addFolder({ name: 'deepest', parentId: made.id });
		const [[nested]] = await deep.poll();
		expect(nested.json).toMatchObject({ name: 'deepest', path: 'made' });
	});

	test('manual mode returns the newest folder; state untouched', async () => {
		const h = harnessFor(emulator);
		await emulator.control.addFolder({ name: 'one' });
		await emulator.control.addFolder({ name: 'two' });
		const trigger = poller(h, watchFolders('root'));
		expect(names(await trigger.poll('manual'))).toEqual(['two']);
		expect(trigger.staticData).toEqual({});
	});
});

describe('fileDeleted', () => {
	const watchDeletes = (folder, options = {}) => ({ event: 'fileDeleted', folderId: rl(folder), options });
	const remove = (h, id) => h.execute(Cyberfile, { parameters: { resource: 'file', operation: 'delete', fileId: rl(id) } });

	test('a trashed file fires once with File > Get fields; one moved out does not', async () => {
		const h = harnessFor(emulator);
		const inbox = await emulator.control.addFolder({ name: 'inbox' });
		const other = await emulator.control.addFolder({ name: 'other' });
		const a = await emulator.control.addFile({ folderId: inbox.id, name: 'a.txt', content: 'a' });
		const b = await emulator.control.addFile({ folderId: inbox.id, name: 'b.txt', content: 'b' });
		const trigger = poller(h, watchDeletes(inbox.id));
		expect(await trigger.poll()).toBeNull();
		await remove(h, a.id);
		await h.execute(Cyberfile, { parameters: { resource: 'file', operation: 'move', fileId: rl(b.id), destinationFolderId: rl(other.id) } });
		const result = await trigger.poll();
		expect(names(result)).toEqual(['a.txt']);
		expect(result[0][0].json).toMatchObject({ type: 'file', id: String(a.id), status: 'trash', size: 1 });
		expect(await trigger.poll()).toBeNull();
	});

	test('the root folder (where the trash stays listed), a whole sub-folder trashed, and a restart in between', async () => {
		const h = harnessFor(emulator);
		const sub = await emulator.control.addFolder({ name: 'sub' });
		const x = await emulator.control.addFile({ name: 'x.txt', content: 'x' });
		await emulator.control.addFile({ folderId: sub.id, name: 'y.txt', content: 'y' });
		await emulator.control.addFile({ folderId: sub.id, name: 'z.txt', content: 'z' });
		const trigger = poller(h, watchDeletes('root', { includeSubfolders: true }));
		await trigger.poll();
		await remove(h, x.id);
		await h.execute(Cyberfile, { parameters: { resource: 'folder', operation: 'delete', folderId: rl(sub.id) } });
		// A restart: a new harness (new process), the same saved state.
		const restarted = { staticData: trigger.staticData, poll: () => harnessFor(emulator).poll(CyberfileTrigger, { parameters: watchDeletes('root', { includeSubfolders: true }), staticData: trigger.staticData }) };
		const result = await restarted.poll();
		expect(names(result)).toEqual(['x.txt', 'y.txt', 'z.txt']);
		expect(result[0][0].json.path).toBe('');
		expect(await restarted.poll()).toBeNull();
	});

	test('events do not share a baseline: switching the event starts a new one', async () => {
		const h = harnessFor(emulator);
		const inbox = await emulator.control.addFolder({ name: 'inbox' });
		const f = await emulator.control.addFile({ folderId: inbox.id, name: 'f.txt', content: 'f' });
		const staticData = {};
		const poll = (event) => h.poll(CyberfileTrigger, { parameters: { event, folderId: rl(inbox.id) }, staticData });
		await poll('fileCreated');
		expect(staticData).toEqual({ watching: String(inbox.id), seen: expect.any(String) }); // the first version's form
		expect(await poll('fileDeleted')).toBeNull(); // a new baseline, not a deletion of everything
		expect(staticData.watching).toBe(`fileDeleted:${inbox.id}`);
		await remove(h, f.id);
		expect(names(await poll('fileDeleted'))).toEqual(['f.txt']);
	});
});

test('state saved by the first version (fileCreated only) is read as it is', async () => {
	const h = harnessFor(emulator);
	const inbox = await emulator.control.addFolder({ name: 'inbox' });
	const old = await emulator.control.addFile({ folderId: inbox.id, name: 'old.txt', content: 'o' });
	const { encodeIds } = require('../../dist/nodes/CyberfileTrigger/idSet');
	const staticData = { watching: String(inbox.id), seen: encodeIds([String(old.id)]) };
	await emulator.control.addFile({ folderId: inbox.id, name: 'new.txt', content: 'n' });
	const result = await h.poll(CyberfileTrigger, { parameters: { event: 'fileCreated', folderId: rl(inbox.id) }, staticData });
	expect(names(result)).toEqual(['new.txt']);
});
