// File/Folder › Search over real HTTP against the emulator: what matches, the path of each hit,
// and the listing calls a search costs (it stops as soon as the limit is reached).
'use strict';

const { Cyberfile, callCounts, seededSuite, params, rl } = require('../support/setup');

const t = seededSuite('fileFolder');
const search = (parameters) => t.run('search', parameters);
const hits = (out) => out.map((o) => `${o.json.type}:${o.json.path ? `${o.json.path}/` : ''}${o.json.name}`);

test('"*.pdf" in the whole account: each hit says the folder it is in, from the root', async () => {
	const out = await search({ query: '*.pdf', returnAll: true });
	expect(hits(out)).toEqual(['file:Invoices/2026/march.pdf']);
	expect(out[0].json).toMatchObject({ type: 'file', id: t.tree.march.id, path: 'Invoices/2026', parentId: t.tree.y2026.id, size: 5 });
	expect(Object.keys(out[0].json).slice(0, 5)).toEqual(['type', 'id', 'name', 'path', 'parentId']);
});

test('plain text matches names that contain it, without case; "?" is one character', async () => {
	expect(hits(await search({ query: 'VOIC', returnAll: true }))).toEqual(['folder:Invoices']);
	expect(hits(await search({ query: '?.txt', returnAll: true }))).toEqual(['file:a.txt']);
	expect(hits(await search({ query: '', returnAll: true }))).toEqual(['folder:Archive', 'folder:Invoices', 'file:a.txt', 'folder:Invoices/2026', 'file:Invoices/2026/march.pdf']);
});

test('filters: include, extensions (folders left out), size range, trash only when asked', async () => {
	expect(hits(await search({ returnAll: true, filter: { include: 'folders' } }))).toEqual(['folder:Archive', 'folder:Invoices', 'folder:Invoices/2026']);
	expect(hits(await search({ returnAll: true, filter: { extensions: ' .PDF, docx' } }))).toEqual(['file:Invoices/2026/march.pdf']);
	await t.emulator.control.addFile({ name: 'big.bin', size: 1000 });
	expect(hits(await search({ returnAll: true, filter: { minSize: 100 } }))).toEqual(['file:big.bin']);
	expect(hits(await search({ returnAll: true, filter: { maxSize: 10 } }))).toEqual(['file:a.txt', 'file:Invoices/2026/march.pdf']);
	expect(hits(await search({ query: 'gone*', returnAll: true }))).toEqual([]);
	expect(hits(await search({ query: 'gone*', returnAll: true, filter: { includeTrashed: true } }))).toEqual(['file:gone.txt']);
});

test('in a folder, not recursive; paths still from the root', async () => {
	const out = await search({ folderId: rl(t.tree.invoices.id), returnAll: true, filter: { recursive: false } });
	expect(hits(out)).toEqual(['folder:Invoices/2026']);
	const deep = await search({ folderId: rl('Invoices', 'path'), query: '*.pdf' });
	expect(deep[0].json.path).toBe('Invoices/2026');
});

test('stops listing once the limit is reached', async () => {
	for (let i = 0; i < 20; i++) {
		const folder = await t.emulator.control.addFolder({ name: `f${String(i).padStart(2, '0')}` });
		await t.emulator.control.addFile({ folderId: folder.id, name: `doc${i}.pdf`, content: 'x' });
	}
	await t.emulator.control.clearLog();
	const all = await search({ query: '*.pdf', returnAll: true });
	expect(all).toHaveLength(21);
	const full = (await callCounts(t.emulator))['folder/listing'];
	await t.emulator.control.clearLog();
	const some = await search({ query: '*.pdf', limit: 3 });
	expect(some).toHaveLength(3);
	const limited = (await callCounts(t.emulator))['folder/listing'];
	expect(full).toBe(24);
	expect(limited).toBe(5); // the root, Archive (no hit), then f00, f01, f02 with a hit each
});

test('Options > Include Raw Fields adds the listing entry as the site sent it', async () => {
	const [hit] = await search({ query: 'a.txt', options: { includeRawFields: true } });
	expect(hit.json.raw).toMatchObject({ filename: 'a.txt', fileSize: '5' });
	const [plain] = await t.h.execute(Cyberfile, { parameters: params('fileFolder', 'search', { query: 'a.txt' }) });
	expect(plain[0].json).not.toHaveProperty('raw');
});
