// The emulator's own tests: the quirks it must reproduce, its control API and its faults.
// Run: node --experimental-vm-modules node_modules/jest/bin/jest.js test/emulator
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { startEmulator } from './index.mjs';

const require = createRequire(import.meta.url);
const TOKEN_AND_ACCOUNT = 'Could not validate access_token and account_id, please reauthenticate or try again.';
const TOKEN_ONLY = 'Could not validate access_token, please reauthenticate or try again.';
const BAD_LOGIN =
	'Could not authenticate user. The username and password may be invalid or your account may be locked from too many failed logins.';

let emu;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

/** POSTs form fields (urlencoded unless `body` is given); returns { status, headers, text, json }. */
async function call(endpoint, fields = {}, init = {}) {
	const response = await fetch(`${emu.apiBase}/${endpoint}`, {
		method: 'POST',
		body: new URLSearchParams(fields),
		...init,
	});
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

async function login(account = emu.accounts[0]) {
	const { json } = await call('authorize', { username: account.username, password: account.password });
	return { access_token: json.data.access_token, account_id: json.data.account_id };
}

function uploadForm(session, name, content, extra = {}) {
	const form = new FormData();
	for (const [key, value] of Object.entries({ ...session, ...extra })) form.set(key, value);
	if (name !== null) form.set('upload_file', new Blob([content]), name);
	return form;
}

async function upload(session, name, content, extra = {}) {
	return call('file/upload', {}, { body: uploadForm(session, name, content, extra) });
}

describe('transport', () => {
	test('answers HTTP 200 with the error envelope and PHP-style JSON', async () => {
		const r = await call('file/info', {});
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe('application/json');
		expect(r.json).toEqual({
			response: 'Please provide the access_token param.',
			_status: 'error',
			_datetime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
		});
		const s = await login();
		const created = await call('folder/create', { ...s, folder_name: 'Café' });
		expect(created.text).toContain('Caf\\u00e9');
		expect(created.text).toContain('http:\\/\\/');
	});

	test('reads POST form fields only: JSON bodies and query strings are ignored', async () => {
		const s = await login();
		const json = await call('account/info', {}, { body: JSON.stringify(s), headers: { 'content-type': 'application/json' } });
		expect(json.json.response).toBe('Please provide the access_token param.');
		const query = await fetch(`${emu.apiBase}/account/info?${new URLSearchParams(s)}`, { method: 'POST' });
		expect((await query.json()).response).toBe('Please provide the access_token param.');
		const get = await fetch(`${emu.apiBase}/account/info?${new URLSearchParams(s)}`);
		expect((await get.json())._status).toBe('success');
		const form = new FormData();
		for (const [k, v] of Object.entries(s)) form.set(k, v);
		expect((await call('account/info', {}, { body: form })).json._status).toBe('success');
	});

	test('trims values and strips tags', async () => {
		const s = await login();
		const r = await call('folder/create', { ...s, account_id: ` ${s.account_id} `, folder_name: '  <b>Bold</b> name ' });
		expect(r.json.data.folderName).toBe('Bold name');
	});

	test('unknown endpoint: bare JSON string; unknown action: message under "0"', async () => {
		const s = await login();
		const endpoint = await call('nothing', s);
		expect(endpoint.json).toBe('No endpoint found for: nothing');
		const action = await call('file/nothing', s);
		expect(action.json).toMatchObject({ 0: 'No method found within endpoint (file): nothing', _status: 'error' });
		// The group checks the token before it looks the action up.
		expect((await call('file/nothing', {})).json.response).toBe('Please provide the access_token param.');
	});

	test('legacyStatusKey makes errors use "status"', async () => {
		await emu.control.reset({ legacyStatusKey: true });
		const r = await call('file/info', {});
		expect(r.json).toEqual({ status: 'error', response: 'Please provide the access_token param.', _datetime: expect.any(String) });
	});

	test('a web-server body limit answers 413 with an HTML page', async () => {
		await emu.control.reset({ maxBodyBytes: 1000 });
		const s = await login();
		const r = await upload(s, 'big.bin', Buffer.alloc(5000));
		expect(r.status).toBe(413);
		expect(r.text).toContain('413 Request Entity Too Large');
	});
});

describe('authentication', () => {
	test('issues a 128-character token and keeps one live token per account', async () => {
		const first = await login();
		expect(first.access_token).toMatch(/^[A-Za-z0-9]{128}$/);
		expect(first.account_id).toBe('158642');
		const second = await login();
		expect((await call('file/info', { ...first, file_id: '1' })).json.response).toBe(TOKEN_AND_ACCOUNT);
		expect((await call('account/info', first)).json.response).toBe(TOKEN_ONLY);
		expect((await call('account/info', second)).json._status).toBe('success');
		const state = await emu.control.state();
		expect(state.accounts.find((a) => a.id === '158642').liveTokens).toBe(1);
		expect(JSON.stringify(state)).not.toContain(second.access_token);
	});

	test('a token dies after an idle hour; each use restarts the hour', async () => {
		const s = await login();
		await emu.control.advanceClock(3000);
		expect((await call('account/info', s)).json._status).toBe('success');
		await emu.control.advanceClock(3000);
		expect((await call('account/info', s)).json._status).toBe('success');
		await emu.control.advanceClock(3601);
		expect((await call('account/info', s)).json.response).toBe(TOKEN_ONLY);
	});

	test('answers the other mode with its own missing-field message', async () => {
		const demo = emu.accounts[0];
		expect((await call('authorize', { key1: demo.key1, key2: demo.key2 })).json.response).toBe('Please provide a username.');
		await emu.control.setMode('apiKeys');
		expect((await call('authorize', { username: 'demo', password: 'demo-password' })).json.response).toBe(
			'Please provide key1. It must be 64 characters in length.',
		);
		const r = await call('authorize', { key1: demo.key1, key2: demo.key2 });
		expect(r.json.data.account_id).toBe('158642');
	});

	test('five failed logins lock the IP out for 24 hours, with the ordinary message', async () => {
		for (let i = 0; i < 5; i += 1) {
			expect((await call('authorize', { username: 'demo', password: 'wrong' })).json.response).toBe(BAD_LOGIN);
		}
		const good = { username: 'demo', password: 'demo-password' };
		expect((await call('authorize', good)).json.response).toBe(BAD_LOGIN);
		// Another IP is not locked.
		expect((await call('authorize', good, { headers: { 'x-forwarded-for': '10.0.0.9' } })).json._status).toBe('success');
		expect((await emu.control.state()).lockouts[0]).toMatchObject({ ip: '127.0.0.1', locked: true });
		await emu.control.advanceClock(86401);
		expect((await call('authorize', good)).json._status).toBe('success');
	});

	test('disable_access_token, expire-tokens and takeover', async () => {
		let s = await login();
		expect((await call('disable_access_token', s)).json).toMatchObject({
			response: 'Token removed or no longer available.',
			_status: 'success',
		});
		expect((await call('account/info', s)).json.response).toBe(TOKEN_ONLY);
		expect((await call('disable_access_token', s)).json.response).toBe(TOKEN_AND_ACCOUNT);
		s = await login();
		await emu.control.expireTokens();
		expect((await call('account/info', s)).json.response).toBe(TOKEN_ONLY);
		s = await login();
		expect(await emu.control.takeover({ accountId: s.account_id })).toEqual({ accountId: '158642', liveTokens: 1 });
		expect((await call('account/info', s)).json.response).toBe(TOKEN_ONLY);
	});

	test('issued-tokens lists every token handed out since the reset (logins and takeovers); state does not', async () => {
		const first = await login();
		const second = await login();
		await emu.control.takeover({ accountId: second.account_id });
		const { tokens } = await emu.control.issuedTokens();
		expect(tokens).toHaveLength(3);
		expect(tokens.slice(0, 2)).toEqual([first.access_token, second.access_token]);
		expect(JSON.stringify(await emu.control.state())).not.toContain(first.access_token);
		await emu.control.reset();
		expect((await emu.control.issuedTokens()).tokens).toEqual([]);
	});

	test('an account level can be denied the API', async () => {
		await emu.control.reset({ apiDeniedLevels: ['1'] });
		const r = await call('authorize', { username: 'other', password: 'other-password' });
		expect(r.json.response).toMatch(/^Your account level does not have access to the file upload API\./);
		expect((await call('authorize', { username: 'demo', password: 'demo-password' })).json._status).toBe('success');
	});
});

describe('account', () => {
	test('info and package', async () => {
		await emu.control.reset({ maxUploadSize: 12345 });
		const s = await login();
		const info = (await call('account/info', s)).json.data;
		expect(info).toMatchObject({ id: '158642', username: 'demo', level_id: '2', status: 'active' });
		expect(Object.keys(info)).toContain('storageLimitOverride');
		expect((await call('account/package', s)).json.data).toMatchObject({ id: '2', label: 'Premium Account', max_upload_size: '12345' });
		expect((await call('account/info', { access_token: s.access_token })).json.response).toBe('Please provide the account_id param.');
	});
});

describe('files', () => {
	test('upload: data array with MD5, renamed on a name clash, root for unknown folders', async () => {
		const s = await login();
		const content = Buffer.from('hello world');
		const first = await upload(s, 'report.txt', content, { folder_id: '0' });
		expect(Array.isArray(first.json.data)).toBe(true);
		expect(first.json.data[0]).toMatchObject({
			name: 'report.txt',
			size: '11',
			error: null,
			hash: createHash('md5').update(content).digest('hex'),
			file_id: expect.stringMatching(/^\d+$/),
		});
		expect(Object.keys(first.json.data[0])).toEqual([
			'name', 'size', 'type', 'error', 'url', 'delete_url', 'info_url', 'delete_type', 'delete_hash', 'hash',
			'stats_url', 'short_url', 'file_id', 'unique_hash', 'url_html', 'url_bbcode',
		]);
		expect((await upload(s, 'report.txt', content, { folder_id: '999999' })).json.data[0].name).toBe('report (2).txt');
		expect((await upload(s, 'report.txt', content)).json.data[0].name).toBe('report (3).txt');
		await upload(s, 'README', content);
		expect((await upload(s, 'README', content)).json.data[0].name).toBe('READM (2).readme');
	});

	test('upload errors', async () => {
		await emu.control.reset({ maxUploadSize: 10 });
		const s = await login();
		expect((await upload(s, null, '')).json.response).toBe('Did not receive uploaded file.');
		expect((await upload(s, 'empty.txt', '')).json.response).toBe('Filesize received was zero.');
		expect((await upload(s, 'big.txt', 'more than ten bytes')).json.response).toMatch(
			/^Error on: http:\/\/.+\. File received is larger than permitted\. \(max 10 B\)$/,
		);
		expect((await emu.control.state()).files).toEqual([]);
	});

	test('info, edit, delete, move and copy', async () => {
		const s = await login();
		const folder = (await call('folder/create', { ...s, folder_name: 'Docs' })).json.data;
		const id = (await upload(s, 'a.txt', 'abc')).json.data[0].file_id;
		const info = (await call('file/info', { ...s, file_id: id })).json.data;
		expect(Object.keys(info)).toEqual([
			'id', 'filename', 'shortUrl', 'fileType', 'extension', 'fileSize', 'uploadedIP', 'uploadedDate', 'file_status',
			'downloads', 'lastAccessed', 'folderId', 'keywords', 'isPublic', 'uploadSource', 'description', 'url_file',
			'url_file_info', 'url_file_stats', 'url_file_delete',
		]);
		expect(info).toMatchObject({ id, fileSize: '3', folderId: null, file_status: 'active', extension: 'txt' });

		let r = await call('file/edit', { ...s, file_id: id, filename: 'b.MD', fileType: 'text/markdown', folder_id: folder.id });
		expect(r.json).toMatchObject({ response: 'File successfully updated.', data: { filename: 'b.MD', extension: 'md', fileType: 'text/markdown', folderId: folder.id } });
		r = await call('file/edit', { ...s, file_id: id, folder_id: '424242' });
		expect(r.json.data.folderId).toBe(folder.id);
		r = await call('file/edit', { ...s, file_id: id, folder_id: 'null' });
		expect(r.json.data.folderId).toBeNull();

		expect((await call('file/move', { ...s, file_id: id, new_parent_folder_id: '0' })).json.response).toBe(
			'Could not find the destination folder id defined by new_parent_folder_id.',
		);
		r = await call('file/move', { ...s, file_id: id, new_parent_folder_id: folder.id });
		expect(r.json).toMatchObject({ response: 'File successfully moved.', data: { folderId: folder.id } });

		r = await call('file/copy', { ...s, file_id: id, copy_to_folder_id: 'null' });
		expect(r.json.response).toBe('File successfully copyied.');
		expect(r.json.data).toBeUndefined();
		expect(r.json.original_file.data.id).toBe(id);
		expect(r.json.new_file.data).toMatchObject({ filename: 'b.MD', folderId: null });

		r = await call('file/delete', { ...s, file_id: id });
		expect(r.json).toMatchObject({ response: 'File successfully set as deleted.', data: { file_status: 'trash', folderId: null } });
		expect((await call('file/info', { ...s, file_id: id })).json.data.file_status).toBe('trash');
		expect((await call('file/info', { ...s, file_id: '1' })).json.response).toBe('Could not find file based on file_id.');
		expect((await call('file/info', s)).json.response).toBe('Please provide the file_id param.');
		const other = await login(emu.accounts[1]);
		expect((await call('file/info', { ...other, file_id: id })).json.response).toBe('Could not find file based on file_id.');
	});
});

describe('downloads', () => {
	async function downloadUrl(s, fileId) {
		return (await call('file/download', { ...s, file_id: fileId })).json.data;
	}

	test('a separate host serves the URL: no token needed, reusable, Range, 24 h life', async () => {
		const s = await login();
		const content = Buffer.from('0123456789abcdef');
		const id = (await upload(s, 'digits.txt', content)).json.data[0].file_id;
		const data = await downloadUrl(s, id);
		expect(data).toMatchObject({ file_id: id, filename: 'digits.txt' });
		expect(data.download_url.startsWith(`${emu.downloadOrigin}/`)).toBe(true);
		expect(emu.downloadOrigin).not.toBe(emu.origin);
		expect(data.download_url).toMatch(/\?download_token=[0-9a-f]{64}$/);

		let r = await fetch(data.download_url);
		expect(r.status).toBe(200);
		expect(r.headers.get('content-length')).toBe('16');
		expect(r.headers.get('content-type')).toBe('text/plain');
		expect(Buffer.from(await r.arrayBuffer())).toEqual(content);
		r = await fetch(data.download_url, { headers: { Range: 'bytes=10-' } });
		expect(r.status).toBe(206);
		expect(r.headers.get('content-range')).toBe('bytes 10-15/16');
		expect(await r.text()).toBe('abcdef');
		r = await fetch(data.download_url, { headers: { Range: 'bytes=99-' } });
		expect(r.status).toBe(416);

		await emu.control.advanceClock(86399);
		expect((await fetch(data.download_url)).headers.get('content-type')).toBe('text/plain');
		await emu.control.advanceClock(2);
		r = await fetch(data.download_url);
		expect(r.headers.get('content-type')).toMatch(/^text\/html/);

		const log = (await emu.control.log()).filter((e) => e.endpoint === 'download');
		expect(log.length).toBe(5);
		expect(log.every((e) => e.hadToken === false)).toBe(true);
		// (the API token itself died of idleness meanwhile)
		expect((await call('file/info', { ...(await login()), file_id: id })).json.data.downloads).toBe('2');
	});

	test('logs an API token sent to the file host', async () => {
		const s = await login();
		const id = (await upload(s, 'a.txt', 'abc')).json.data[0].file_id;
		const { download_url: url } = await downloadUrl(s, id);
		await (await fetch(url, { headers: { 'x-api': s.access_token } })).text();
		await (await fetch(`${url}&access_token=${s.access_token}`)).text();
		const log = (await emu.control.log()).filter((e) => e.endpoint === 'download');
		expect(log.map((e) => e.tokenIn)).toEqual([['header'], ['query']]);
		expect(JSON.stringify(log)).not.toContain(s.access_token);
	});

	test('a trashed file gets no download URL', async () => {
		const s = await login();
		const id = (await upload(s, 'a.txt', 'abc')).json.data[0].file_id;
		await call('file/delete', { ...s, file_id: id });
		expect((await call('file/download', { ...s, file_id: id })).json.response).toBe('Could not generate download url.');
	});
});

describe('folders', () => {
	test('create, info, listing with trashed items, edit, move, delete', async () => {
		const s = await login();
		const md5 = 'd9729feb74992cc3482b350163a1a010';
		const root = (await call('folder/create', { ...s, folder_name: 'b-root', is_public: '2', access_password: md5 })).json.data;
		expect(root).toMatchObject({ parentId: null, isPublic: '2', accessPassword: md5, total_downloads: 0, file_count: 0 });
		const plain = (await call('folder/create', { ...s, folder_name: 'A', access_password: 'secret' })).json.data;
		expect(plain.accessPassword).toBeNull();
		const child = (await call('folder/create', { ...s, folder_name: 'child', parent_id: root.id })).json.data;
		expect(child.parentId).toBe(root.id);
		await upload(s, 'z.txt', 'z', { folder_id: root.id });
		const trashed = (await upload(s, 'gone.txt', 'g')).json.data[0].file_id;
		await call('file/delete', { ...s, file_id: trashed });

		expect((await call('folder/info', { ...s, parent_folder_id: root.id })).json.response).toBe('Please provide the folder_id param.');
		const info = (await call('folder/info', { ...s, folder_id: root.id })).json.data;
		expect(info).toMatchObject({ child_folder_count: 1, file_count: 1, totalSize: '1', status: 'active' });

		const listing = (await call('folder/listing', { ...s, parent_folder_id: '' })).json.data;
		expect(listing.folders.map((f) => f.folderName)).toEqual(['A', 'b-root']);
		expect(listing.folders[0].accessPassword).toBeUndefined();
		// Real links: …/folder/<32-hex urlHash>/<Safe_Name>, never the numeric id; listings carry the hash.
		expect(listing.folders[1].urlHash).toMatch(/^[0-9a-f]{32}$/);
		expect(listing.folders[1].url_folder).toBe(`${emu.origin}/folder/${listing.folders[1].urlHash}/b-root`);
		expect(info.urlHash).toBeUndefined();
		expect(info.url_folder).toBe(listing.folders[1].url_folder);
		expect(listing.files).toEqual([expect.objectContaining({ filename: 'gone.txt', status: 'trash' })]);
		expect(Object.keys(listing.files[0])).toEqual([
			'id', 'filename', 'shortUrl', 'fileType', 'extension', 'fileSize', 'status', 'downloads', 'folderId', 'keywords', 'url_file',
		]);

		let r = await call('folder/edit', { ...s, folder_id: child.id, parent_id: '777777', access_password: 'plain', folder_name: 'kid' });
		expect(r.json).toMatchObject({ response: 'Folder successfully updated.', data: { parentId: root.id, accessPassword: 'plain', folderName: 'kid' } });
		r = await call('folder/edit', { ...s, folder_id: child.id, parent_id: 'null', access_password: 'null' });
		expect(r.json.data).toMatchObject({ parentId: null, accessPassword: null });

		expect((await call('folder/move', { ...s, folder_id: root.id, new_parent_folder_id: root.id })).json.response).toBe(
			'Param folder_id can not match new_parent_folder_id.',
		);
		r = await call('folder/move', { ...s, folder_id: child.id, new_parent_folder_id: root.id });
		expect(r.json).toMatchObject({ response: 'Folder successfully moved.', data: { parentId: root.id } });
		expect((await call('folder/move', { ...s, folder_id: root.id, new_parent_folder_id: child.id })).json.response).toBe(
			'Failed moving the folder.',
		);
		expect((await call('folder/move', { ...s, folder_id: child.id, new_parent_folder_id: '0' })).json.response).toBe(
			'Could not find the destination folder id defined by new_parent_folder_id.',
		);

		r = await call('folder/delete', { ...s, folder_id: root.id });
		expect(r.json).toEqual({ response: 'Folder successfully set as deleted.', _status: 'success', _datetime: expect.any(String) });
		const inside = (await call('folder/listing', { ...s, parent_folder_id: root.id })).json.data;
		expect(inside.folders[0].status).toBe('trash');
		expect(inside.files[0].status).toBe('trash');
		expect((await call('folder/listing', { ...s, parent_folder_id: '999999' })).json.response).toBe(
			'Could not find folder based on folder_id.',
		);
	});
});

describe('control API and faults', () => {
	test('log redacts secrets, stats count calls', async () => {
		const s = await login();
		await call('account/info', s);
		const log = await emu.control.log();
		expect(log[0]).toMatchObject({ endpoint: 'authorize', fields: { username: 'demo', password: '<redacted>' }, hadToken: false, status: 200 });
		expect(log[1]).toMatchObject({ endpoint: 'account/info', fields: { access_token: '<redacted>' }, hadToken: true, tokenIn: ['body'] });
		expect(await emu.control.stats()).toEqual({ authorize: 1, 'account/info': 1 });
		await emu.control.clearLog();
		expect(await emu.control.log()).toEqual([]);
		expect(await emu.control.stats()).toEqual({ authorize: 1, 'account/info': 1 });
	});

	test('status, nonJson200, tokenError, appError; times and after', async () => {
		const s = await login();
		await emu.control.addFault({ endpoint: 'account/info', type: 'status', status: 429, headers: { 'Retry-After': '1' }, after: 1, times: 2 });
		expect((await call('account/info', s)).status).toBe(200);
		const limited = await call('account/info', s);
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('1');
		expect((await call('account/info', s)).status).toBe(429);
		expect((await call('account/info', s)).status).toBe(200);

		await emu.control.addFault({ endpoint: '*', type: 'nonJson200', body: 'plain text' });
		expect((await call('folder/listing', s)).text).toBe('plain text');
		await emu.control.addFault({ endpoint: 'file/info', type: 'tokenError' });
		expect((await call('file/info', { ...s, file_id: '1' })).json.response).toBe(TOKEN_AND_ACCOUNT);
		await emu.control.addFault({ endpoint: 'account/package', type: 'tokenError' });
		expect((await call('account/package', s)).json.response).toBe(TOKEN_ONLY);
		await emu.control.addFault({ endpoint: 'file/upload', type: 'appError', message: 'No available upload servers, exiting.' });
		expect((await upload(s, 'a.txt', 'a')).json.response).toBe('No available upload servers, exiting.');
		expect((await emu.control.log()).at(-1).fault).toMatchObject({ type: 'appError' });
	});

	test('phase "after": the request takes effect, the answer is lost', async () => {
		const s = await login();
		await emu.control.addFault({ endpoint: 'file/upload', type: 'status', status: 504, phase: 'after' });
		expect((await upload(s, 'a.txt', 'a')).status).toBe(504);
		expect((await emu.control.state()).files.map((f) => f.name)).toEqual(['a.txt']);
	});

	test('reset, resetMidBody, delay and truncate', async () => {
		const s = await login();
		await emu.control.addFault({ endpoint: 'authorize', type: 'reset' });
		await expect(call('authorize', { username: 'demo', password: 'demo-password' })).rejects.toThrow();

		await emu.control.addFault({ endpoint: 'file/upload', type: 'resetMidBody', bytes: 100_000 });
		await expect(upload(s, 'big.bin', Buffer.alloc(2_000_000, 1))).rejects.toThrow();
		expect((await emu.control.state()).files).toEqual([]);

		await emu.control.addFault({ endpoint: 'account/info', type: 'delay', ms: 300 });
		const started = Date.now();
		expect((await call('account/info', s)).json._status).toBe('success');
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);

		const id = (await upload(s, 'big.bin', Buffer.alloc(300_000, 2))).json.data[0].file_id;
		const { download_url: url } = (await call('file/download', { ...s, file_id: id })).json.data;
		await emu.control.addFault({ endpoint: 'download', type: 'truncate', bytes: 1000 });
		let response = await fetch(url);
		expect(response.headers.get('content-length')).toBe('300000');
		await expect(response.arrayBuffer()).rejects.toThrow();
		await emu.control.addFault({ endpoint: 'download', type: 'resetMidBody' });
		response = await fetch(url);
		await expect(response.arrayBuffer()).rejects.toThrow();
		const downloads = (await emu.control.log()).filter((e) => e.endpoint === 'download');
		expect(downloads.map((e) => e.bytes)).toEqual([1000, 150_000]);
		expect((await fetch(url)).status).toBe(200);
	});

	test('addFolder, addFile and state', async () => {
		const folder = await emu.control.addFolder({ name: 'Seeded' });
		const file = await emu.control.addFile({ name: 'x.bin', folderId: Number(folder.id), size: 1024 });
		expect(file).toMatchObject({ fileSize: '1024', folderId: folder.id });
		const state = await emu.control.state();
		expect(state.files[0]).toMatchObject({ name: 'x.bin', size: 1024, md5: createHash('md5').update(Buffer.alloc(1024)).digest('hex') });
		expect(state.folders[0]).toMatchObject({ name: 'Seeded', status: 'active' });
	});
});

describe('standalone process', () => {
	test('spawnEmulator starts cli.mjs and speaks the HTTP control API', async () => {
		const { spawnEmulator } = require('./spawn.cjs');
		const child = await spawnEmulator({ mode: 'apiKeys' });
		try {
			const demo = emu.accounts[0];
			const r = await fetch(`${child.apiBase}/authorize`, { method: 'POST', body: new URLSearchParams({ key1: demo.key1, key2: demo.key2 }) });
			expect((await r.json()).data.account_id).toBe('158642');
			expect((await child.control.stats()).authorize).toBe(1);
			expect((await child.control.advanceClock(10)).offsetSeconds).toBe(10);
			await expect(child.control.reset({ port: 1 })).rejects.toThrow(/not changeable/);
		} finally {
			await child.close();
		}
	});
});
