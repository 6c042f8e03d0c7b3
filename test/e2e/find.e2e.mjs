// Finding things the way users name them, in a real n8n 2.x against the emulator: folder and file
// links in every form the site shows, paths, File/Folder > Search, one item shape for files and
// folders, and the trigger's folderCreated and fileDeleted events under `n8n start`.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { hasPackage, importDemoCredential, lastSeq, sharedN8n, startEmulatorProcess, waitForBaselines } from './harness.mjs';
import { chainWorkflow, cyberfileNode, noOpNode } from './workflow.mjs';

const version = process.env.E2E_VERSION || 'v2';
const skip = !hasPackage() ? 'needs E2E_TARBALL (run test/e2e/run.sh)' : version !== 'v2' ? 'n8n 2.x only' : false;
const COMMON = ['type', 'id', 'name', 'parentId', 'size', 'status', 'url', 'downloads', 'createdAt'];

let n8n;
let emulator;
let credential;
let tree;
const wf = {};

const locator = (value, mode) => ({ __rl: true, mode, value: String(value) });

before(async () => {
	if (skip) return;
	n8n = await sharedN8n();
	emulator = await startEmulatorProcess();
	credential = await importDemoCredential(n8n, emulator, 'Cyberfile find e2e');
	const c = emulator.control;
	const invoices = await c.addFolder({ name: 'invoices' });
	const y2026 = await c.addFolder({ name: '2026', parentId: invoices.id });
	const m11 = await c.addFolder({ name: '11', parentId: y2026.id });
	const report = await c.addFile({ folderId: m11.id, name: 'report.pdf', content: 'pdf bytes' });
	const notes = await c.addFile({ folderId: y2026.id, name: 'notes.txt', content: 'notes' });
	const other = await c.addFile({ folderId: invoices.id, name: 'other.pdf', content: 'other' });
	tree = { invoices, y2026, m11, report, notes, other };

	const www = (url) => url.replace('://', '://www.');
	const once = { executeOnce: true };
	const cf = (name, parameters) => cyberfileNode(name, credential, parameters, once);
	const folderGet = (name, value, mode) => cf(name, { resource: 'folder', operation: 'get', folderId: locator(value, mode) });
	const fileGet = (name, value, mode) => cf(name, { resource: 'file', operation: 'get', fileId: locator(value, mode) });
	wf.find = await n8n.importWorkflow(
		chainWorkflow('find e2e', [
			folderGet('Folder Link', m11.url_folder, 'url'),
			folderGet('Folder Link Bare', `${www(m11.url_folder.replace(/\/[^/]+$/, ''))}/?pt=share`, 'url'),
			folderGet('Folder Path', '/invoices/2026/11', 'path'),
			fileGet('File Link', report.url_file, 'url'),
			fileGet('File Link Name', `${report.url_file}/report.pdf`, 'url'),
			fileGet('File Info Page', `${report.url_file}~i`, 'url'),
			fileGet('File Delete Page', `${report.url_file}~d?0a1b2c`, 'url'),
			fileGet('File Path', 'invoices/2026/11/report.pdf', 'path'),
			cf('Search', { resource: 'fileFolder', operation: 'search', query: '*.pdf', returnAll: true }),
			cf('Search Limit', { resource: 'fileFolder', operation: 'search', query: '*.pdf', limit: 1 }),
			cf('List', { resource: 'folder', operation: 'list', folderId: locator('invoices/2026', 'path'), returnAll: true }),
		]),
	);
});
after(async () => {
	await n8n?.stop();
	await emulator?.close();
});

test('links in every form, paths, search and the item shape', { skip }, async () => {
	const run = await n8n.execute(wf.find);
	assert.equal(run.status, 'success', run.describe());
	for (const node of ['Folder Link', 'Folder Link Bare', 'Folder Path']) assert.equal(run.output(node)[0].id, String(tree.m11.id), node);
	for (const node of ['File Link', 'File Link Name', 'File Info Page', 'File Delete Page', 'File Path']) {
		assert.equal(run.output(node)[0].id, String(tree.report.id), node);
	}
	assert.deepEqual(
		run.output('Search').map((hit) => `${hit.path}/${hit.name}`).sort(),
		['invoices/2026/11/report.pdf', 'invoices/other.pdf'],
	);
	assert.equal(run.output('Search Limit').length, 1);
	// One file, the same leading fields wherever it comes from.
	const fromGet = run.output('File Link')[0];
	const fromSearch = run.output('Search').find((hit) => hit.id === fromGet.id);
	assert.deepEqual(Object.keys(fromGet).slice(0, COMMON.length), COMMON);
	assert.deepEqual(Object.keys(fromSearch).filter((key) => key !== 'path').slice(0, COMMON.length), COMMON);
	// A mixed listing: no undefined in the common columns (what n8n's table shows red).
	const listed = run.output('List');
	assert.deepEqual(listed.map((entry) => `${entry.type}:${entry.name}`), ['folder:11', 'file:notes.txt']);
	for (const entry of listed) for (const key of COMMON) assert.ok(key in entry && entry[key] !== undefined, `${entry.name}.${key}`);
	assert.equal(typeof listed[0].size, 'number');
	// Listing calls, node by node: the folder link walks root, invoices, 2026 (3); the bare link is
	// remembered (0); each path lists one folder per segment (3 + 4); the file link goes on with
	// the walk where it stopped (1); search all (4), search limit 1 (2); List by path (2 + 1).
	const listings = (await emulator.log()).filter((entry) => entry.endpoint === 'folder/listing').length;
	assert.equal(listings, 20, `listing calls: ${listings}`);
});

test('trigger: folderCreated and fileDeleted fire once each, across a restart', { skip, timeout: 600_000 }, async () => {
	const c = emulator.control;
	const watched = await c.addFolder({ name: 'watched' });
	const doomed = await c.addFile({ folderId: watched.id, name: 'doomed.txt', content: 'bye' });
	const later = await c.addFile({ folderId: watched.id, name: 'later.txt', content: 'bye later' });
	await c.addFolder({ name: 'baseline folder', parentId: watched.id });
	const trigger = (event) => ({
		name: 'Watch',
		type: 'n8n-nodes-cyberfile.cyberfileTrigger',
		typeVersion: 1,
		parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event, folderId: locator('watched', 'path') },
		credentials: { cyberfileApi: { id: credential.id, name: credential.name } },
	});
	const created = await n8n.importWorkflow(chainWorkflow('folderCreated e2e', [noOpNode('Done')], { trigger: trigger('folderCreated') }));
	const deleted = await n8n.importWorkflow(chainWorkflow('fileDeleted e2e', [noOpNode('Done')], { trigger: trigger('fileDeleted') }));
	await n8n.activate(created);
	await n8n.activate(deleted);
	const fired = async (id) => (await n8n.executions(id)).flatMap((run) => (run.output('Watch') ?? []).map((json) => json.name));
	const waitFor = async (id, names, timeoutMs = 150_000) => {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const got = await fired(id);
			if (names.every((name) => got.includes(name)) || Date.now() > deadline) return got;
			await new Promise((resolve) => setTimeout(resolve, 2000));
		}
	};
	const api = async (endpoint, fields) => {
		const form = (body) => ({ method: 'POST', body: new URLSearchParams(body) });
		const login = await (await fetch(`${emulator.apiBase}/authorize`, form({ username: 'demo', password: 'demo-password' }))).json();
		const { access_token, account_id } = login.data;
		return await (await fetch(`${emulator.apiBase}/${endpoint}`, form({ access_token, account_id, ...fields }))).json();
	};

	const since = await lastSeq(emulator);
	await n8n.start();
	await waitForBaselines(emulator, [watched.id], { since, count: 2 }); // each trigger's activation poll: its baseline
	await c.addFolder({ name: 'new folder', parentId: watched.id });
	await api('file/delete', { file_id: doomed.id });
	assert.deepEqual(await waitFor(created, ['new folder']), ['new folder']);
	assert.deepEqual(await waitFor(deleted, ['doomed.txt']), ['doomed.txt']);

	await n8n.stop();
	await api('file/delete', { file_id: later.id });
	await c.addFolder({ name: 'while down', parentId: watched.id });
	await n8n.start();
	await waitFor(created, ['while down']);
	await waitFor(deleted, ['later.txt']);
	await new Promise((resolve) => setTimeout(resolve, 65_000)); // one more poll: nothing twice
	assert.deepEqual((await fired(created)).sort(), ['new folder', 'while down']);
	assert.deepEqual((await fired(deleted)).sort(), ['doomed.txt', 'later.txt']);
	const deletedItem = (await n8n.executions(deleted)).flatMap((run) => run.output('Watch') ?? []).find((json) => json.name === 'doomed.txt');
	assert.equal(deletedItem.status, 'trash');
	assert.equal(deletedItem.type, 'file');
	for (const id of [created, deleted]) {
		const failed = (await n8n.executions(id)).filter((run) => run.status !== 'success');
		assert.deepEqual(failed.map((run) => run.describe()), []);
	}
});
