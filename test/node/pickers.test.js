// The file and folder pickers on a larger account: short first pages, listings remembered while a
// search is typed, afresh when a picker opens. (test/bench/pickers.mjs measures them at 10,000 files.)
'use strict';

const { Cyberfile, useEmulator, harnessFor, callCounts } = require('../support/setup');

const emulator = useEmulator();

/** 30 folders of 20 files each, plus 5 files in the root. */
async function seed() {
	for (let f = 0; f < 30; f++) {
		const folder = await emulator.control.addFolder({ name: `folder-${f}` });
		for (let i = 0; i < 20; i++) await emulator.control.addFile({ folderId: folder.id, name: `report-${f}-${i}.txt`, content: 'x' });
	}
	for (let i = 0; i < 5; i++) await emulator.control.addFile({ name: `root-${i}.txt`, content: 'x' });
	await emulator.control.clearLog();
}

const listings = async () => (await callCounts(emulator))['folder/listing'] ?? 0;

test('the first page answers once it holds 100 entries, not after listing the account', async () => {
	await seed();
	const h = harnessFor(emulator);
	const page = await h.listSearch(Cyberfile, 'searchFiles');
	expect(page.results.length).toBeGreaterThanOrEqual(100);
	expect(page.results.length).toBeLessThan(200);
	expect(await listings()).toBeLessThanOrEqual(10);
	expect(page.paginationToken).toBeDefined();
});

test('a search typed letter by letter reads the listings again instead of asking the site', async () => {
	await seed();
	const h = harnessFor(emulator);
	const first = await h.listSearch(Cyberfile, 'searchFiles', 'r');
	const afterFirst = await listings();
	expect(afterFirst).toBeGreaterThan(0);
	for (const typed of ['re', 'rep', 'repo', 'report-2']) await h.listSearch(Cyberfile, 'searchFiles', typed);
	const found = await h.listSearch(Cyberfile, 'searchFiles', 'report-29-19');
	expect(found.results.map((r) => r.name)).toEqual(['/folder-29/report-29-19.txt']);
	// Only folders no earlier keystroke had listed were asked for.
	expect(await listings()).toBeLessThanOrEqual(31);
	expect(first.results.length).toBeGreaterThan(0);
});

test('opening a picker lists afresh: a file added since is there', async () => {
	await seed();
	const h = harnessFor(emulator);
	await h.listSearch(Cyberfile, 'searchFiles', 'root-');
	await emulator.control.addFile({ name: 'root-new.txt', content: 'x' });
	expect((await h.listSearch(Cyberfile, 'searchFiles', 'root-new')).results).toEqual([]); // remembered
	const opened = await h.listSearch(Cyberfile, 'searchFiles');
	expect(opened.results.map((r) => r.name)).toContain('/root-new.txt');
	expect((await h.listSearch(Cyberfile, 'searchFiles', 'root-new')).results.map((r) => r.name)).toEqual(['/root-new.txt']);
});

test('another session remembers nothing from the last one', async () => {
	await seed();
	const h = harnessFor(emulator);
	await h.listSearch(Cyberfile, 'searchFiles', 'report-29-19'); // lists every folder
	const before = await listings();
	await h.listSearch(Cyberfile, 'searchFiles', 'report-29-19');
	expect(await listings()).toBe(before); // all remembered
	await emulator.control.expireTokens();
	await h.listSearch(Cyberfile, 'searchFiles'); // opened again: the dead token makes it log in
	expect((await callCounts(emulator)).authorize).toBe(2);
	const afterOpen = await listings();
	const found = await h.listSearch(Cyberfile, 'searchFiles', 'report-29-19');
	expect(found.results).toHaveLength(1);
	// The folders the re-opened picker did not list are asked for again: nothing of the old session is used.
	expect(await listings()).toBeGreaterThan(afterOpen);
});
