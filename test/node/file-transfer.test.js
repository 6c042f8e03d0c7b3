// Upload and download, streamed, over real HTTP against the emulator (nothing mocked): both binary
// modes, checksums, conflicts, folder paths, limits, session renewal and faults.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { Cyberfile, useEmulator, harnessFor, callCounts, failure, params, rl } = require('../support/setup');
const { RETRY } = require('../../dist/nodes/Cyberfile/transport/retry');
const { FILE_HOST } = require('../../dist/nodes/Cyberfile/transport/fileHost');
const { KEEP_ALIVE } = require('../../dist/nodes/Cyberfile/transport/keepAlive');

const emulator = useEmulator();

const md5 = (buffer) => crypto.createHash('md5').update(buffer).digest('hex');
/** n bytes of a pattern that differs per seed. */
function bytes(n, seed = 1) {
	const buffer = Buffer.allocUnsafe(n);
	for (let i = 0; i < n; i++) buffer[i] = (i * 31 + seed) % 251;
	return buffer;
}

async function upload(h, content, { fileName = 'report.pdf', folderId = 'root', options = {}, binaryMode } = {}) {
	const item = await h.binaryItem(content, { fileName, mimeType: 'application/pdf', binaryMode, json: { source: 'test' } });
	const [out] = await h.execute(Cyberfile, {
		parameters: params('file', 'upload', { folderId: rl(folderId), options }),
		items: [item],
		binaryMode,
	});
	return out;
}

const download = (h, fileId, items = [{ json: { keep: 'me' } }]) =>
	h.execute(Cyberfile, { parameters: params('file', 'download', { fileId: rl(fileId), binaryPropertyName: 'file' }), items });

const activeFiles = async (name) =>
	(await emulator.control.state()).files.filter((f) => f.status === 'active' && (!name || f.name === name));
const logOf = async (endpoint) => (await emulator.control.log()).filter((e) => e.endpoint === endpoint);

/** Shorter retry waits for the tests that exhaust the schedule. */
function fastRetries() {
	const saved = { ...RETRY };
	Object.assign(RETRY, { baseDelayMs: 20, maxDelayMs: 50 });
	return () => Object.assign(RETRY, saved);
}

describe('upload', () => {
	test('Options > Include Raw Fields adds the upload answer, delete link and hash included', async () => {
		const h = harnessFor(emulator);
		const [item] = await upload(h, bytes(10), { options: { includeRawFields: true } });
		expect(item.json.raw).toMatchObject({ delete_url: expect.stringContaining('~d?'), unique_hash: expect.any(String) });
		expect(Object.keys(item.json).slice(-2)).toEqual(['md5', 'raw']);
	});

	test('from a filesystem-mode binary: streamed, MD5 verified, the file item as output', async () => {
		const h = harnessFor(emulator);
		const content = bytes(300_000);
		const [item] = await upload(h, content);
		expect(item.json).toMatchObject({
			name: 'report.pdf',
			size: 300_000,
			md5: md5(content),
			mimeType: 'application/pdf',
			folderId: null,
			status: 'active',
			url: expect.stringMatching(/^http/),
			shortUrl: expect.any(String),
		});
		expect(item.json.id).toMatch(/^\d+$/);
		expect(item.json).not.toHaveProperty('file_id');
		// The same leading fields as File > Get; the delete link and hashes only under raw, on request.
		expect(Object.keys(item.json).slice(0, 4)).toEqual(['type', 'id', 'name', 'parentId']);
		expect(item.json).toMatchObject({ type: 'file', parentId: null, extension: 'pdf' });
		expect(JSON.stringify(item.json)).not.toMatch(/delete|unique_hash/);
		expect(item.pairedItem).toEqual({ item: 0 });
		const [stored] = await activeFiles('report.pdf');
		expect(stored).toMatchObject({ id: Number(item.json.id), size: 300_000, md5: md5(content) });
		const [entry] = await logOf('file/upload');
		expect(entry.tokenIn).toEqual(['body']);
		expect(entry.files).toEqual([expect.objectContaining({ field: 'upload_file', filename: 'report.pdf' })]);
		const stored1 = await h.credentialStore.get('1');
		expect(JSON.stringify(item)).not.toContain(stored1.accessToken);
	});

	test('from a default-mode (in-memory) binary, into a folder, under another name', async () => {
		const h = harnessFor(emulator, {}, { binaryMode: 'default' });
		const folder = await emulator.control.addFolder({ name: 'Invoices' });
		const content = bytes(5000, 7);
		const [item] = await upload(h, content, { folderId: folder.id, options: { fileName: 'march.pdf' }, binaryMode: 'default' });
		expect(item.json).toMatchObject({ name: 'march.pdf', size: 5000, md5: md5(content), folderId: folder.id });
		const [stored] = await activeFiles('march.pdf');
		expect(stored.folderId).toBe(Number(folder.id));
	});

	test('a folder that does not exist fails before anything is uploaded (the site would use the root)', async () => {
		const h = harnessFor(emulator);
		const error = await failure(upload(h, bytes(10), { folderId: '999' }));
		expect(error.message).toMatch(/Could not find folder/);
		expect(await logOf('file/upload')).toHaveLength(0);
	});

	test('a checksum that differs fails and names the damaged copy; without verification it passes', async () => {
		const h = harnessFor(emulator);
		const fake = (hash) => ({
			endpoint: 'file/upload',
			type: 'nonJson200',
			phase: 'after',
			contentType: 'application/json',
			body: JSON.stringify({ response: 'File uploaded', data: [{ name: 'report.pdf', size: '10', file_id: '77', hash }], _status: 'success' }),
		});
		await emulator.control.addFault(fake('0'.repeat(32)));
		const error = await failure(upload(h, bytes(10)));
		expect(error.message).toMatch(/arrived damaged: its MD5 on Cyberfile \(0{32}\) is not the MD5 of the bytes sent/);
		expect(error.description).toMatch(/file 77/);
		await emulator.control.addFault(fake('0'.repeat(32)));
		const [item] = await upload(h, bytes(10), { options: { verifyChecksum: false } });
		expect(item.json.md5).toBe('0'.repeat(32));
	});

	describe('same name', () => {
		let h;
		let old;
		beforeEach(async () => {
			h = harnessFor(emulator);
			old = await emulator.control.addFile({ name: 'report.pdf', content: 'old' });
		});

		test('keep both (default): the site renames the new file', async () => {
			const [item] = await upload(h, bytes(100));
			expect(item.json.name).toBe('report (2).pdf');
			expect(await activeFiles()).toHaveLength(2);
			expect(await logOf('folder/listing')).toHaveLength(0);
		});

		test('replace: the old file goes to the trash once the new one is up, which takes its name', async () => {
			const content = bytes(100);
			const [item] = await upload(h, content, { options: { onConflict: 'replace' } });
			expect(item.json).toMatchObject({ name: 'report.pdf', md5: md5(content), replacedFileIds: [old.id] });
			const files = await activeFiles();
			expect(files).toHaveLength(1);
			expect(files[0]).toMatchObject({ id: Number(item.json.id), name: 'report.pdf', md5: md5(content) });
			const endpoints = (await emulator.control.log()).map((e) => e.endpoint);
			expect(endpoints.indexOf('file/delete')).toBeGreaterThan(endpoints.indexOf('file/upload'));
		});

		test('replace matches a name that differs only in case', async () => {
			const [item] = await upload(h, bytes(100), { fileName: 'REPORT.pdf', options: { onConflict: 'replace' } });
			expect(item.json).toMatchObject({ name: 'REPORT.pdf', replacedFileIds: [old.id] });
		});

		test('skip: nothing is uploaded, the file already there is the output', async () => {
			const [item] = await upload(h, bytes(100), { options: { onConflict: 'skip' } });
			expect(item.json).toMatchObject({ id: old.id, name: 'report.pdf', skipped: true });
			expect(await logOf('file/upload')).toHaveLength(0);
		});

		test('fail: an error, nothing uploaded; a trashed file of that name does not count', async () => {
			const error = await failure(upload(h, bytes(100), { options: { onConflict: 'fail' } }));
			expect(error.message).toBe(`A file named "report.pdf" is already in the folder (file ${old.id})`);
			expect(await logOf('file/upload')).toHaveLength(0);
			const trashed = await emulator.control.addFile({ name: 'gone.pdf', content: 'x', status: 'trash' });
			const [item] = await upload(h, bytes(100), { fileName: 'gone.pdf', options: { onConflict: 'fail' } });
			expect(item.json.name).toBe('gone.pdf');
			expect(item.json.id).not.toBe(trashed.id);
		});
	});

	test('folder path: missing folders are created once, existing ones reused', async () => {
		const h = harnessFor(emulator);
		const base = await emulator.control.addFolder({ name: 'Clients' });
		await emulator.control.addFolder({ name: 'invoices', parentId: base.id });
		const items = await Promise.all([1, 2].map((n) => h.binaryItem(bytes(50, n), { fileName: `f${n}.txt` })));
		const [out] = await h.execute(Cyberfile, {
			parameters: params('file', 'upload', { folderId: rl(base.id), options: { folderPath: '/invoices/2026/ 11/' } }),
			items,
		});
		const { folders } = await emulator.control.state();
		const byName = (name) => folders.filter((f) => f.name === name);
		expect(byName('invoices')).toHaveLength(1);
		expect(byName('2026')).toHaveLength(1);
		expect(byName('11')).toHaveLength(1);
		expect(byName('2026')[0].parentId).toBe(byName('invoices')[0].id);
		expect(out.map((i) => i.json.folderId)).toEqual([String(byName('11')[0].id), String(byName('11')[0].id)]);
		expect(await logOf('folder/create')).toHaveLength(2);
		const error = await failure(upload(h, bytes(5), { options: { folderPath: 'a/../b' } }));
		expect(error.message).toMatch(/must not contain "\.\."/);
	});

	test('a file over the package limit, or an empty one, is refused before it is sent', async () => {
		await emulator.control.reset({ maxUploadSize: 1000 });
		const h = harnessFor(emulator);
		const tooBig = await failure(upload(h, bytes(1001)));
		expect(tooBig.message).toBe('Parameter "Input Binary Field": the file "report.pdf" is 1001 bytes, more than the 1000 bytes your Cyberfile package allows per upload');
		expect(await logOf('file/upload')).toHaveLength(0);
		await emulator.control.clearLog();
		const empty = await failure(upload(h, Buffer.alloc(0)));
		expect(empty.message).toMatch(/is empty \(0 bytes\)/);
		expect(await emulator.control.log()).toHaveLength(0);
	});

	test('a token that expired before the upload is renewed once; one file is stored', async () => {
		const h = harnessFor(emulator);
		await upload(h, bytes(10), { fileName: 'first.txt' });
		await emulator.control.advanceClock({ advanceSeconds: 3601 });
		const [item] = await upload(h, bytes(1000), { fileName: 'second.txt' });
		expect(item.json.name).toBe('second.txt');
		expect((await callCounts(emulator)).authorize).toBe(2);
		expect(await activeFiles('second.txt')).toHaveLength(1);
	});

	describe('an upload that takes longer than the token lives', () => {
		// The site reads the token once the body is in: a 2 s delay before it reads the body, while
		// the emulated clock moves 5 × 40 minutes, stands in for a 3-hour upload.
		const saved = { ...KEEP_ALIVE };
		afterEach(() => Object.assign(KEEP_ALIVE, saved));
		async function slowUpload(h, options = {}) {
			await upload(h, bytes(10), { fileName: 'first.txt' });
			await emulator.control.clearLog();
			await emulator.control.addFault({ endpoint: 'file/upload', type: 'delay', ms: 2000 });
			const clock = (async () => {
				for (let i = 0; i < 5; i++) {
					await new Promise((resolve) => setTimeout(resolve, 350));
					await emulator.control.advanceClock({ advanceSeconds: 40 * 60 });
				}
			})();
			const result = await upload(h, bytes(50_000, 9), { fileName: 'long.bin', options });
			await clock;
			return result;
		}

		test('keeps the session in use: sent once, no new login', async () => {
			Object.assign(KEEP_ALIVE, { everyMs: 150, checkMs: 30 });
			const h = harnessFor(emulator);
			const [item] = await slowUpload(h);
			expect(item.json.name).toBe('long.bin');
			const counts = await callCounts(emulator);
			expect(counts).toMatchObject({ 'file/upload': 1 });
			expect(counts.authorize).toBeUndefined();
			expect(counts['account/info']).toBeGreaterThanOrEqual(5);
			expect(await activeFiles('long.bin')).toHaveLength(1);
		});

		test('keeps the session in use while the uploads hold every one of the Parallel Requests', async () => {
			Object.assign(KEEP_ALIVE, { everyMs: 150, checkMs: 30 });
			const h = harnessFor(emulator);
			await slowUpload(h, { parallelRequests: 1 });
			const counts = await callCounts(emulator);
			expect(counts).toMatchObject({ 'file/upload': 1 });
			expect(counts.authorize).toBeUndefined();
			expect(counts['account/info']).toBeGreaterThanOrEqual(5);
		});

		test('without it the site refuses the token at the end and the whole file is sent again', async () => {
			Object.assign(KEEP_ALIVE, { everyMs: 3_600_000 });
			const h = harnessFor(emulator);
			await slowUpload(h);
			const counts = await callCounts(emulator);
			expect(counts).toMatchObject({ 'file/upload': 2, authorize: 1 });
			expect(await activeFiles('long.bin')).toHaveLength(1);
		});

		test('a short upload makes no extra call', async () => {
			const h = harnessFor(emulator);
			await upload(h, bytes(10), { fileName: 'first.txt' });
			await emulator.control.clearLog();
			await upload(h, bytes(1000), { fileName: 'short.txt' });
			const counts = await callCounts(emulator);
			expect(counts['file/upload']).toBe(1);
			expect(counts['account/info']).toBeUndefined();
		});
	});

	test('a token error answered to the upload itself: session renewed, sent again from a fresh stream', async () => {
		const h = harnessFor(emulator);
		await upload(h, bytes(10), { fileName: 'first.txt' });
		await emulator.control.addFault({ endpoint: 'file/upload', type: 'tokenError' });
		const content = bytes(200_000, 3);
		const [item] = await upload(h, content, { fileName: 'second.txt' });
		expect(item.json.md5).toBe(md5(content));
		const [, refused, accepted] = await logOf('file/upload');
		expect(refused.fault).toMatchObject({ type: 'tokenError' });
		expect(refused.requestBytes).toBe(accepted.requestBytes);
		expect(accepted.requestBytes).toBeGreaterThan(content.length);
		expect((await callCounts(emulator)).authorize).toBe(2);
		expect(await activeFiles('second.txt')).toHaveLength(1);
	});

	test('a 503 is retried with a fresh stream and succeeds', async () => {
		const h = harnessFor(emulator);
		await emulator.control.addFault({ endpoint: 'file/upload', type: 'status', status: 503, headers: { 'Retry-After': '0' } });
		const content = bytes(100_000, 5);
		const [item] = await upload(h, content);
		expect(item.json.md5).toBe(md5(content));
		expect(await logOf('file/upload')).toHaveLength(2);
		expect(await activeFiles()).toHaveLength(1);
	});

	test('a connection broken once the whole file was sent is not retried: it may or may not be stored', async () => {
		const h = harnessFor(emulator);
		// The site stores the file, then the connection breaks before its answer.
		await emulator.control.addFault({ endpoint: 'file/upload', type: 'reset', phase: 'after' });
		const error = await failure(upload(h, bytes(400_000)));
		expect(error.message).toBe('The connection broke: the file "report.pdf" may or may not have been stored');
		expect(error.description).toMatch(/^E[A-Z]+\. It was not sent again automatically/);
		expect(await logOf('file/upload')).toHaveLength(1);
		expect(await activeFiles('report.pdf')).toHaveLength(1);
	});

	test('a connection broken while the file was still being sent: sent again from a fresh stream, stored once', async () => {
		const h = harnessFor(emulator);
		await emulator.control.addFault({ endpoint: 'file/upload', type: 'resetMidBody', bytes: 1_000_000 });
		const content = bytes(16 * 1024 * 1024, 8); // more than the sockets can hold: the body cannot have ended
		const [item] = await upload(h, content);
		expect(item.json.md5).toBe(md5(content));
		const uploads = await logOf('file/upload');
		expect(uploads.map((e) => e.fault?.type ?? null)).toEqual(['resetMidBody', null]);
		expect(await activeFiles()).toHaveLength(1);
	});

	test('a 502 (outcome unknown) is not retried either', async () => {
		const h = harnessFor(emulator);
		await emulator.control.addFault({ endpoint: 'file/upload', type: 'status', status: 502 });
		const error = await failure(upload(h, bytes(1000)));
		expect(error.message).toBe('The site answered HTTP 502: the file "report.pdf" may or may not have been stored');
		expect(await logOf('file/upload')).toHaveLength(1);
	});
});

describe('download', () => {
	test('the bytes arrive intact with name and MIME type; the input item is passed through', async () => {
		const h = harnessFor(emulator);
		const content = bytes(1_500_000, 9);
		const file = await emulator.control.addFile({ name: 'photo.jpg', contentBase64: content.toString('base64') });
		const input = await h.binaryItem(Buffer.from('keep'), { fileName: 'other.txt', json: { keep: 'me' } });
		const [[item]] = await download(h, file.id, [input]);
		expect(item.json).toEqual({ keep: 'me' });
		expect(item.binary.data.fileName).toBe('other.txt');
		expect(item.binary.file).toMatchObject({ fileName: 'photo.jpg', mimeType: 'image/jpeg' });
		expect(item.binary.file.id).toBeDefined();
		expect(await h.binaryDigest(item.binary.file)).toMatchObject({ size: content.length, md5: md5(content) });
		const [entry] = await logOf('download');
		expect(entry).toMatchObject({ hadToken: false, tokenIn: [], completed: true });
	});

	test('in default (in-memory) mode too', async () => {
		const h = harnessFor(emulator, {}, { binaryMode: 'default' });
		const content = bytes(20_000, 4);
		const file = await emulator.control.addFile({ name: 'notes.txt', contentBase64: content.toString('base64') });
		const [[item]] = await h.execute(Cyberfile, { parameters: params('file', 'download', { fileId: rl(file.id) }), binaryMode: 'default' });
		expect(Buffer.from(item.binary.data.data, 'base64').equals(content)).toBe(true);
	});

	test('a body cut short is resumed where it broke off, and the file is whole', async () => {
		const h = harnessFor(emulator);
		const content = bytes(2_000_000, 11);
		const file = await emulator.control.addFile({ name: 'big.bin', contentBase64: content.toString('base64') });
		await emulator.control.addFault({ endpoint: 'download', type: 'truncate', bytes: 700_000 });
		const [[item]] = await download(h, file.id);
		expect(await h.binaryDigest(item.binary.file)).toMatchObject({ size: content.length, md5: md5(content) });
		const entries = await logOf('download');
		expect(entries.map((e) => e.range)).toEqual([null, expect.stringMatching(/^bytes=\d+-$/)]);
		expect(entries.every((e) => !e.hadToken)).toBe(true);
	});

	test('a body that keeps breaking fails cleanly and stores nothing', async () => {
		const restore = fastRetries();
		try {
			const h = harnessFor(emulator);
			await h.clearBinaryData();
			const file = await emulator.control.addFile({ name: 'big.bin', size: 500_000 });
			await emulator.control.addFault({ endpoint: 'download', type: 'truncate', bytes: 1000, times: 'always' });
			const error = await failure(download(h, file.id));
			expect(error.message).toMatch(/^The download of "big.bin" broke off after \d+ of 500000 bytes: (the connection broke|the body ended early)$/);
			expect(error.description).toMatch(/Gave up after 5 attempt\(s\)\. Nothing was stored\./);
			expect(await logOf('download')).toHaveLength(5);
			const dir = path.join(await h.binaryDataDir(), 'workflows', h.workflowId);
			const leftovers = fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).filter((f) => /binary_data\/./.test(f)) : [];
			expect(leftovers).toEqual([]);
		} finally {
			restore();
		}
	});

	test('a file host that stops sending mid-body is given up after a while and the download resumed', async () => {
		const content = bytes(300_000, 2);
		const ranges = [];
		// A file host of our own, which goes silent after 100,000 bytes of its first answer.
		const host = http.createServer((req, res) => {
			ranges.push(req.headers.range ?? null);
			const from = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
			if (!from) {
				res.writeHead(200, { 'content-length': content.length });
				res.write(content.subarray(0, 100_000));
				return;
			}
			res.writeHead(206, { 'content-length': content.length - from, 'content-range': `bytes ${from}-${content.length - 1}/${content.length}` });
			res.end(content.subarray(from));
		});
		await new Promise((resolve) => host.listen(0, '127.0.0.1', resolve));
		const saved = FILE_HOST.stallMs;
		FILE_HOST.stallMs = 300;
		try {
			const h = harnessFor(emulator);
			const file = await emulator.control.addFile({ name: 'slow.bin', contentBase64: content.toString('base64') });
			const url = `http://127.0.0.1:${host.address().port}/dl/slow.bin`;
			await emulator.control.addFault({
				endpoint: 'file/download',
				type: 'nonJson200',
				phase: 'after',
				contentType: 'application/json',
				body: JSON.stringify({ data: { file_id: file.id, filename: 'slow.bin', download_url: url }, _status: 'success' }),
			});
			const [[item]] = await download(h, file.id);
			expect(await h.binaryDigest(item.binary.file)).toMatchObject({ size: content.length, md5: md5(content) });
			expect(ranges).toEqual([null, 'bytes=100000-']);
		} finally {
			FILE_HOST.stallMs = saved;
			host.closeAllConnections();
			host.close();
		}
	});

	test('a file host answering 503 is retried; a page instead of the file is an error', async () => {
		const h = harnessFor(emulator);
		const file = await emulator.control.addFile({ name: 'a.txt', content: 'hello world' });
		await emulator.control.addFault({ endpoint: 'download', type: 'status', status: 503, headers: { 'Retry-After': '0' } });
		const [[item]] = await download(h, file.id);
		expect((await h.readBinary(item.binary.file)).toString()).toBe('hello world');
		await emulator.control.addFault({ endpoint: 'download', type: 'nonJson200', body: '<html><body><h1>File not found or download link expired.</h1></body></html>' });
		const error = await failure(download(h, file.id));
		expect(error.message).toMatch(/^The file host sent \d+ bytes instead of the file's 11$/);
		expect(error.description).toBe('File not found or download link expired.');
	});

	test('a trashed file or an unknown id is a clear error', async () => {
		const h = harnessFor(emulator);
		const error = await failure(download(h, '424242'));
		expect(error.message).toBe('Could not find file based on file_id. (file id 424242)');
		expect(await logOf('download')).toHaveLength(0);
	});
});
