// The importable workflows in examples/, run in a real n8n against the emulator as a user would
// run them, with only the credential swapped in (as test/demo/demo.mjs does) and the backup folder
// pointed at a temp dir. The AI agent example needs a chat model that cannot run here: its
// Cyberfile tools are executed through n8n's MCP Server Trigger instead (mcp.e2e.mjs); here it
// must import and load every node type it names.
// The backup example is a polling trigger: it waits for n8n's next minute tick. n8n 2.x only
// unless E2E_EXAMPLES_V1=1.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { EXAMPLES, hasPackage, importDemoCredential, lastSeq, loadExample, sharedN8n, startEmulatorProcess, waitForBaselines } from './harness.mjs';


const version = process.env.E2E_VERSION || 'v2';
const skip = !hasPackage()
	? 'needs E2E_TARBALL (run test/e2e/run.sh)'
	: version !== 'v2' && !process.env.E2E_EXAMPLES_V1
		? 'the examples are written for n8n 2.x (and the trigger waits a minute): 2.x only unless E2E_EXAMPLES_V1=1'
		: false;
const BACKUP_PREFIX = '/home/node/.n8n-files';

let n8n;
let emulator;
let credential;
let backupDir;
const ids = {};
const workflows = {};

const node = (workflow, type) => workflow.nodes.find((n) => n.type === type);

before(async () => {
	if (skip) return;
	emulator = await startEmulatorProcess();
	n8n = await sharedN8n();
	backupDir = path.join(n8n.userFolder, 'n8n-files');
	await mkdir(path.join(backupDir, 'cyberfile-backup'), { recursive: true });
	n8n.env.N8N_RESTRICT_FILE_ACCESS_TO = backupDir;
	credential = await importDemoCredential(n8n, emulator, 'Cyberfile examples');

	for (const file of (await readdir(EXAMPLES)).filter((f) => f.endsWith('.json'))) {
		workflows[file] = await loadExample(file, credential);
	}
	// The backup writes below the temp dir instead of /home/node/.n8n-files.
	const write = node(workflows['backup-new-files-to-disk.json'], 'n8n-nodes-base.readWriteFile');
	write.parameters.fileName = write.parameters.fileName.replace(BACKUP_PREFIX, backupDir);
	// A webhook path of its own, so that other suites' workflows never collide with it.
	const hook = node(workflows['webhook-upload-to-dated-folder.json'], 'n8n-nodes-base.webhook');
	hook.parameters.path = `cyberfile-upload-${Date.now()}`;

	const files = Object.keys(workflows);
	const imported = await n8n.importWorkflows(files.map((f) => workflows[f]));
	files.forEach((f, i) => (ids[f] = imported[i]));
});
after(async () => {
	await n8n?.stop();
	await emulator?.close();
});

/** /Invoices/2026/report.pdf, /Invoices/notes.txt, /Photos/cat.jpg and readme.txt in the root. */
async function seed() {
	const c = emulator.control;
	const invoices = await c.addFolder({ name: 'Invoices' });
	const y2026 = await c.addFolder({ name: '2026', parentId: invoices.id });
	const photos = await c.addFolder({ name: 'Photos' });
	return {
		invoices,
		y2026,
		photos,
		report: await c.addFile({ folderId: y2026.id, name: 'report.pdf', content: '%PDF-1.4 report' }),
		notes: await c.addFile({ folderId: invoices.id, name: 'notes.txt', content: 'notes' }),
		cat: await c.addFile({ folderId: photos.id, name: 'cat.jpg', content: 'meow' }),
		readme: await c.addFile({ name: 'readme.txt', content: 'read me' }),
	};
}

let tree;

test('mirror a folder tree to a sheet-friendly list: one flat row per entry, then a CSV', { skip, timeout: 180_000 }, async () => {
	tree = await seed();
	const run = await n8n.execute(ids['folder-tree-to-sheet.json']);
	assert.equal(run.status, 'success', run.describe());
	const rows = run.output('One row per entry');
	const paths = rows.map((r) => `${r.type}:${r.path}`).sort();
	assert.deepEqual(paths, [
		'file:Invoices/2026/report.pdf',
		'file:Invoices/notes.txt',
		'file:Photos/cat.jpg',
		'file:readme.txt',
		'folder:Invoices',
		'folder:Invoices/2026',
		'folder:Photos',
	]);
	const report = rows.find((r) => r.name === 'report.pdf');
	assert.deepEqual(Object.keys(report).sort(), ['id', 'name', 'path', 'size', 'type', 'url']);
	assert.equal(report.size, '%PDF-1.4 report'.length);
	assert.equal(report.id, String(tree.report.id));
	const [csv] = run.items('Rows to CSV');
	assert.equal(csv.binary.data.fileName, 'cyberfile-tree.csv');
});

test('share a file as a download link: the named file found anywhere, a link that downloads it', { skip, timeout: 180_000 }, async () => {
	tree ??= await seed();
	const run = await n8n.execute(ids['share-file-download-link.json']);
	assert.equal(run.status, 'success', run.describe());
	const [shared] = run.output('Link to send');
	assert.equal(shared.name, 'report.pdf');
	assert.match(shared.link, /^http/);
	const body = await (await fetch(shared.link)).text();
	assert.equal(body, '%PDF-1.4 report');
});

test('the AI agent example imports, its Cyberfile tools described for a model and fed by $fromAI', { skip, timeout: 60_000 }, async () => {
	const workflow = workflows['ai-agent-files.json'];
	const tools = workflow.nodes.filter((n) => n.type === 'n8n-nodes-cyberfile.cyberfileTool');
	assert.ok(tools.length >= 3, 'list, get and share tools');
	for (const tool of tools) {
		assert.ok(tool.parameters.toolDescription.length > 40, `${tool.name} has a tool description`);
		const fromAI = JSON.stringify(tool.parameters);
		assert.match(fromAI, /\$fromAI\(/, `${tool.name} takes its input from the model`);
	}
	const [row] = await n8n.query('SELECT nodes FROM workflow_entity WHERE id = ?', [ids['ai-agent-files.json']]);
	assert.equal(JSON.parse(row.nodes).length, workflow.nodes.length);
	// The tools themselves run through MCP in mcp.e2e.mjs.
});

test('published: a webhook upload lands in a dated folder; every new file is backed up to disk', { skip, timeout: 420_000 }, async () => {
	tree ??= await seed();
	await n8n.activate(ids['webhook-upload-to-dated-folder.json']);
	await n8n.activate(ids['backup-new-files-to-disk.json']);
	const since = await lastSeq(emulator);
	await n8n.start();

	// Webhook → Upload (folder path uploads/yyyy/MM/dd) → answer with the file.
	const hookPath = node(workflows['webhook-upload-to-dated-folder.json'], 'n8n-nodes-base.webhook').parameters.path;
	const form = new FormData();
	form.append('file', new Blob(['invoice body'], { type: 'application/pdf' }), 'invoice.pdf');
	let answer;
	for (let attempt = 0; attempt < 30; attempt++) {
		answer = await fetch(`${n8n.url}/webhook/${hookPath}`, { method: 'POST', body: form });
		if (answer.status !== 404) break; // not registered yet right after start-up
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	const uploaded = await answer.json();
	assert.equal(answer.status, 200, JSON.stringify(uploaded));
	assert.equal(uploaded.name, 'invoice.pdf');
	assert.equal(uploaded.size, 'invoice body'.length);
	const state = await emulator.control.state();
	const folderPath = (id) => {
		const names = [];
		for (let f = state.folders.find((x) => String(x.id) === String(id)); f; f = state.folders.find((x) => String(x.id) === String(f.parentId))) names.unshift(f.name);
		return names.join('/');
	};
	const now = new Date();
	const dated = `uploads/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${String(now.getUTCDate()).padStart(2, '0')}`;
	assert.equal(folderPath(uploaded.folderId), dated);

	// The backup trigger takes its baseline on activation, a walk of the whole tree (the upload
	// above came before it or with it: either way it is new or baseline). Once the walk has listed
	// Photos, a file added there must reach the disk.
	await waitForBaselines(emulator, [tree.photos.id], { since });
	await emulator.control.addFile({ folderId: tree.photos.id, name: 'dog.jpg', content: 'woof' });
	const target = path.join(backupDir, 'cyberfile-backup', 'Photos__dog.jpg');
	const deadline = Date.now() + 150_000;
	while (!existsSync(target) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2000));
	assert.ok(existsSync(target), `backup file ${target} written (n8n log: ${n8n.logFile})`);
	assert.equal(await readFile(target, 'utf8'), 'woof');
	const runs = await n8n.executions(ids['backup-new-files-to-disk.json']);
	assert.ok(runs.every((r) => r.status === 'success'), runs.map((r) => r.describe()).join('\n'));
	await n8n.stop();
});
