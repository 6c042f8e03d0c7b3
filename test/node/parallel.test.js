// Several items at once (Options › Parallel Requests) against the emulator: order, pairing,
// Continue On Fail, one login for all, a 429 that rests every request, nothing sent twice.
'use strict';

const { createHash } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Cyberfile, useEmulator, harnessFor, failure, callCounts, anotherProcessLogsIn, params, rl } = require('../support/setup');

const emulator = useEmulator();

const started = (entry) => Date.parse(entry.time);
/** The log entries of one endpoint, in the order the emulator received them. */
const logOf = async (endpoint) => (await emulator.control.log()).filter((entry) => entry.endpoint === endpoint);

/** The most requests the emulator was working on at the same time. */
function mostAtOnce(entries) {
	const events = entries.flatMap((e) => [
		[started(e), 1],
		[started(e) + e.durationMs, -1],
	]);
	events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let now = 0;
	let most = 0;
	for (const [, change] of events) most = Math.max(most, (now += change));
	return most;
}

async function addFiles(count) {
	const files = [];
	for (let i = 0; i < count; i++) files.push(await emulator.control.addFile({ name: `file-${i}.txt`, content: `content ${i}` }));
	await emulator.control.clearLog();
	return files;
}

/** File › Get for every item's `id`, with Options › Parallel Requests. */
const getFiles = (h, ids, parallelRequests, extra = {}) =>
	h.execute(Cyberfile, {
		parameters: params('file', 'get', { fileId: rl('={{ $json.id }}'), options: { parallelRequests } }),
		items: ids.map((id) => ({ json: { id } })),
		...extra,
	});

test('output order is input order and every item keeps its pairing, though answers come out of order', async () => {
	const files = await addFiles(12);
	const h = harnessFor(emulator);
	await h.execute(Cyberfile, { parameters: params('account', 'getInfo') }); // logged in
	// The first item's answer comes last; every answer takes a while, so requests overlap.
	await emulator.control.addFault({ endpoint: 'file/info', type: 'delay', ms: 400, times: 1 });
	await emulator.control.addFault({ endpoint: 'file/info', type: 'delay', ms: 60, times: 'always' });
	const [out] = await getFiles(h, files.map((f) => f.id), 4);
	expect(out.map((item) => item.json.id)).toEqual(files.map((f) => String(f.id)));
	expect(out.map((item) => item.pairedItem)).toEqual(files.map((_, item) => ({ item })));
	const log = await logOf('file/info');
	expect(log).toHaveLength(12); // nothing sent twice
	expect(mostAtOnce(log)).toBeGreaterThanOrEqual(2);
	expect(mostAtOnce(log)).toBeLessThanOrEqual(4);
});

test('Parallel Requests 1 works on one item after the other', async () => {
	const files = await addFiles(5);
	const h = harnessFor(emulator);
	await emulator.control.addFault({ endpoint: 'file/info', type: 'delay', ms: 40, times: 'always' });
	const [out] = await getFiles(h, files.map((f) => f.id), 1);
	expect(out.map((item) => item.json.id)).toEqual(files.map((f) => String(f.id)));
	expect(mostAtOnce(await logOf('file/info'))).toBe(1);
});

test('a Parallel Requests value that is not a whole number from 1 to 50 is refused before any request', async () => {
	const h = harnessFor(emulator);
	for (const value of [0, 51, 2.5, 'many']) {
		const error = await failure(getFiles(h, ['1'], value));
		expect(error.message).toMatch(/Parameter "Options > Parallel Requests" must be a whole number from 1 to 50/);
	}
	expect(await emulator.control.log()).toEqual([]);
});

test('with Continue On Fail only the failed items fail, in their place', async () => {
	const files = await addFiles(4);
	const h = harnessFor(emulator);
	const ids = [files[0].id, '999999', files[1].id, 'not an id', files[2].id, files[3].id];
	const [out] = await getFiles(h, ids, 3, { continueOnFail: true });
	expect(out.map((item) => item.pairedItem.item)).toEqual([0, 1, 2, 3, 4, 5]);
	expect(out.map((item) => (item.json.error ? 'error' : item.json.id))).toEqual([
		String(files[0].id),
		'error',
		String(files[1].id),
		'error',
		String(files[2].id),
		String(files[3].id),
	]);
	expect(out[1].json.error).toMatch(/Could not find file/);
	expect(out[3].json.error).toMatch(/Parameter "File"/);
});

test('without Continue On Fail a failure stops new items from starting and fails the node', async () => {
	const files = await addFiles(10);
	const h = harnessFor(emulator);
	const ids = files.map((f) => f.id);
	ids[2] = '999999';
	await emulator.control.addFault({ endpoint: 'file/info', type: 'delay', ms: 50, times: 'always' });
	const error = await failure(getFiles(h, ids, 2));
	expect(error.message).toMatch(/Could not find file/);
	expect((await logOf('file/info')).length).toBeLessThan(10);
});

test('a dead token is renewed by one login for every item in flight', async () => {
	const files = await addFiles(20);
	const h = harnessFor(emulator);
	await h.execute(Cyberfile, { parameters: params('account', 'getInfo') });
	await emulator.control.expireTokens();
	await emulator.control.addFault({ endpoint: 'file/info', type: 'delay', ms: 30, times: 'always' });
	const [out] = await getFiles(h, files.map((f) => f.id), 10);
	expect(out.map((item) => item.json.id)).toEqual(files.map((f) => String(f.id)));
	expect((await callCounts(emulator)).authorize).toBe(2); // the first login and one renewal
});

test('a token another process stored mid-run is picked up when the run\'s own token dies, without a login', async () => {
	const files = await addFiles(12);
	const h = harnessFor(emulator);
	await h.execute(Cyberfile, { parameters: params('account', 'getInfo') });
	await emulator.control.addFault({ endpoint: 'file/info', type: 'delay', ms: 100, times: 'always' });
	const run = getFiles(h, files.map((f) => f.id), 3);
	await new Promise((resolve) => setTimeout(resolve, 250));
	// Another n8n process logs in (ending this run's token) and stores its token on the credential.
	await anotherProcessLogsIn(emulator, h);
	const [out] = await run;
	expect(out).toHaveLength(12);
	expect((await callCounts(emulator)).authorize).toBe(2); // ours before the run, the other process's
});

test('a 429 rests every request to the site for its Retry-After, not only the refused one', async () => {
	const files = await addFiles(10);
	const h = harnessFor(emulator);
	await h.execute(Cyberfile, { parameters: params('account', 'getInfo') });
	// The first request is refused for 1 s; the four others of the first round take 300 ms.
	await emulator.control.addFault({ endpoint: 'file/info', type: 'status', status: 429, headers: { 'Retry-After': '1' }, times: 1 });
	await emulator.control.addFault({ endpoint: 'file/info', type: 'delay', ms: 300, times: 4, after: 1 });
	const [out] = await getFiles(h, files.map((f) => f.id), 5);
	expect(out.map((item) => item.json.id)).toEqual(files.map((f) => String(f.id)));
	const log = await logOf('file/info');
	expect(log).toHaveLength(11); // the refused one sent again, nothing else twice
	const refused = log.find((entry) => entry.status === 429);
	const restEnds = started(refused) + refused.durationMs + 1000;
	const later = log.filter((entry) => entry.seq > log[4].seq);
	expect(later).toHaveLength(6);
	for (const entry of later) expect(started(entry)).toBeGreaterThanOrEqual(restEnds - 50);
});

test('uploads in parallel store every file exactly once, each with its own item\'s options', async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cyberfile-parallel-'));
	try {
		const h = harnessFor(emulator);
		const items = [];
		// Sizes around the 256 KiB read chunk: a small file is read in chunks of its own size.
		const KiB = 1024;
		const sizes = [1, 100, 64 * KiB, 256 * KiB - 1, 256 * KiB, 256 * KiB + 1, 600 * KiB, 64 * KiB + 7];
		const md5s = [];
		for (const [i, size] of sizes.entries()) {
			const file = path.join(dir, `upload-${i}.bin`);
			const bytes = Buffer.alloc(size, i + 1);
			fs.writeFileSync(file, bytes);
			md5s.push(createHash('md5').update(bytes).digest('hex'));
			items.push({ ...(await h.binaryItem(file, { fileName: `upload-${i}.bin`, mimeType: 'application/octet-stream' })), json: { n: i } });
		}
		await emulator.control.addFault({ endpoint: 'file/upload', type: 'delay', ms: 50, times: 'always' });
		// Options as expressions: each item's own value, however many items are under way.
		const options = { parallelRequests: '={{ 2 + 2 }}', fileName: '={{ "item-" + $json.n + ".bin" }}', includeRawFields: '={{ $json.n % 2 === 0 }}' };
		const [out] = await h.execute(Cyberfile, {
			parameters: params('file', 'upload', { binaryPropertyName: 'data', folderId: rl('root', 'list'), options }),
			items,
		});
		expect(out.map((item) => item.json.name)).toEqual(items.map((_, i) => `item-${i}.bin`));
		expect(out.map((item) => item.json.size)).toEqual(sizes);
		expect(out.map((item) => item.json.md5)).toEqual(md5s);
		expect(out.map((item) => 'raw' in item.json)).toEqual(items.map((_, i) => i % 2 === 0));
		const uploads = await logOf('file/upload');
		expect(uploads).toHaveLength(8);
		expect(mostAtOnce(uploads)).toBeGreaterThanOrEqual(2);
		expect(mostAtOnce(uploads)).toBeLessThanOrEqual(4);
		expect((await emulator.control.state()).files.filter((f) => f.status !== 'trash')).toHaveLength(8);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

test('uploads of the same name with Replace take turns: one file is left, the others are in the trash', async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cyberfile-parallel-'));
	try {
		const h = harnessFor(emulator);
		const items = [];
		for (let i = 0; i < 4; i++) {
			const file = path.join(dir, `same-${i}.bin`);
			fs.writeFileSync(file, Buffer.alloc(1000 + i, i));
			items.push(await h.binaryItem(file, { fileName: 'same.bin', mimeType: 'application/octet-stream' }));
		}
		const [out] = await h.execute(Cyberfile, {
			parameters: params('file', 'upload', {
				binaryPropertyName: 'data',
				folderId: rl('root', 'list'),
				options: { onConflict: 'replace', parallelRequests: 4 },
			}),
			items,
		});
		expect(out.map((item) => item.json.name)).toEqual(['same.bin', 'same.bin', 'same.bin', 'same.bin']);
		const live = (await emulator.control.state()).files.filter((f) => f.status !== 'trash');
		expect(live).toHaveLength(1);
		expect(String(live[0].id)).toBe(out[3].json.id);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

test('a recursive listing asks for several folders at once and lists them in the same order as one at a time', async () => {
	for (let i = 0; i < 3; i++) {
		const top = await emulator.control.addFolder({ name: `top-${i}` });
		await emulator.control.addFile({ name: `in-top-${i}.txt`, folderId: top.id, content: 'x' });
		for (let j = 0; j < 3; j++) {
			const sub = await emulator.control.addFolder({ name: `sub-${i}-${j}`, parentId: top.id });
			await emulator.control.addFile({ name: `in-sub-${i}-${j}.txt`, folderId: sub.id, content: 'y' });
		}
	}
	const h = harnessFor(emulator);
	const list = async (parallelRequests) => {
		await emulator.control.clearLog();
		const [out] = await h.execute(Cyberfile, {
			parameters: params('folder', 'list', { folderId: rl('root', 'list'), returnAll: true, options: { recursive: true, parallelRequests } }),
		});
		return out.map((item) => `${item.json.type} ${item.json.path}`);
	};
	await emulator.control.addFault({ endpoint: 'folder/listing', type: 'delay', ms: 50, times: 'always' });
	const oneByOne = await list(1);
	expect(mostAtOnce(await logOf('folder/listing'))).toBe(1);
	const ahead = await list(4);
	expect(ahead).toEqual(oneByOne);
	expect(oneByOne).toHaveLength(24);
	const listings = await logOf('folder/listing');
	expect(listings).toHaveLength(13); // root, 3 tops, 9 subs: each once
	expect(mostAtOnce(listings)).toBeGreaterThanOrEqual(2);
	expect(mostAtOnce(listings)).toBeLessThanOrEqual(4);
});

test('several recursive listings at once never have more requests under way than Parallel Requests', async () => {
	const tops = [];
	for (let i = 0; i < 3; i++) {
		const top = await emulator.control.addFolder({ name: `top-${i}` });
		tops.push(top);
		for (let j = 0; j < 4; j++) await emulator.control.addFolder({ name: `sub-${i}-${j}`, parentId: top.id });
	}
	const h = harnessFor(emulator);
	await h.execute(Cyberfile, { parameters: params('account', 'getInfo') });
	await emulator.control.addFault({ endpoint: 'folder/listing', type: 'delay', ms: 50, times: 'always' });
	await emulator.control.clearLog();
	const [out] = await h.execute(Cyberfile, {
		parameters: params('folder', 'list', { folderId: rl('={{ $json.id }}'), returnAll: true, options: { recursive: true, parallelRequests: 3 } }),
		items: tops.map((top) => ({ json: { id: top.id } })),
	});
	expect(out.map((item) => item.pairedItem.item)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
	const listings = await logOf('folder/listing');
	expect(listings).toHaveLength(15);
	expect(mostAtOnce(listings)).toBeLessThanOrEqual(3);
});
