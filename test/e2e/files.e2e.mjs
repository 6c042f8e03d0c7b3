// File and folder lifecycles in a real n8n against the emulator:
//   upload → list → get → update → copy → move → download (bytes identical) → delete, and
//   folder create → update → move → list recursive → delete.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { hasPackage, importDemoCredential, sharedN8n, startEmulatorProcess } from './harness.mjs';
import { chainWorkflow, cyberfileNode, setNode } from './workflow.mjs';

const skip = hasPackage() ? false : 'needs E2E_TARBALL (run test/e2e/run.sh)';
const CONTENT = `Cyberfile e2e ${'0123456789abcdef'.repeat(4096)} end`;
let n8n;
let emulator;
let credential;
let destination;
const wf = {};

const id = (value) => ({ __rl: true, mode: 'id', value: String(value) });
const first = (node, field = 'id') => `={{ $('${node}').first().json.${field} }}`;

before(async () => {
	if (skip) return;
	n8n = await sharedN8n();
	emulator = await startEmulatorProcess();
	credential = await importDemoCredential(n8n, emulator, 'Cyberfile files e2e');
	destination = await emulator.control.addFolder({ name: 'destination' });
	const cf = (name, parameters, extra) => cyberfileNode(name, credential, parameters, extra);
	const once = { executeOnce: true };
	wf.files = (
		await n8n.importWorkflows([
			chainWorkflow('file lifecycle', [
				setNode('Content', { content: CONTENT }),
				{
					name: 'To File',
					type: 'n8n-nodes-base.convertToFile',
					typeVersion: 1.1,
					parameters: { operation: 'toText', sourceProperty: 'content', options: { fileName: 'lifecycle.txt' } },
				},
				cf('Upload', { resource: 'file', operation: 'upload', binaryPropertyName: 'data', folderId: id('root') }),
				cf('List', { resource: 'folder', operation: 'list', folderId: id('root'), returnAll: true }, once),
				cf('Get', { resource: 'file', operation: 'get', fileId: id(first('Upload')) }, once),
				cf('Update', { resource: 'file', operation: 'update', fileId: id(first('Upload')), updateFields: { fileName: 'renamed.txt' } }, once),
				cf('Copy', { resource: 'file', operation: 'copy', fileId: id(first('Upload')), destinationFolderId: id(destination.id) }, once),
				cf('Move', { resource: 'file', operation: 'move', fileId: id(first('Upload')), destinationFolderId: id(destination.id) }, once),
				cf('Download', { resource: 'file', operation: 'download', fileId: id(first('Upload')), binaryPropertyName: 'data' }, once),
				{
					name: 'Read',
					type: 'n8n-nodes-base.extractFromFile',
					typeVersion: 1.1,
					parameters: { operation: 'text', binaryPropertyName: 'data', destinationKey: 'text' },
				},
				cf('Delete', { resource: 'file', operation: 'delete', fileId: id(first('Upload')) }, once),
			]),
			chainWorkflow('folder lifecycle', [
				cf('Create Parent', { resource: 'folder', operation: 'create', name: 'e2e parent', parentFolderId: id('root') }),
				cf('Create Child', {
					resource: 'folder',
					operation: 'create',
					name: 'e2e child',
					parentFolderId: id('root'),
					additionalFields: { visibility: 'unlisted' },
				}),
				cf('Update', {
					resource: 'folder',
					operation: 'update',
					folderId: id('={{ $json.id }}'),
					updateFields: { name: 'e2e child renamed', visibility: 'public', password: 'open sesame' },
				}),
				cf('Move', { resource: 'folder', operation: 'move', folderId: id('={{ $json.id }}'), destinationFolderId: id(first('Create Parent')) }),
				cf('List', { resource: 'folder', operation: 'list', folderId: id('root'), returnAll: true, options: { recursive: true, include: 'folders' } }, once),
				cf('Delete', { resource: 'folder', operation: 'delete', folderId: id(first('Create Parent')) }, once),
			]),
		])
	);
});
after(() => emulator?.close());

test('file lifecycle: upload, list, get, update, copy, move, download (identical bytes), delete', { skip }, async () => {
	const [filesId] = wf.files;
	const run = await n8n.execute(filesId);
	assert.equal(run.status, 'success', run.describe());
	const [uploaded] = run.output('Upload');
	assert.equal(uploaded.name, 'lifecycle.txt');
	assert.equal(uploaded.size, Buffer.byteLength(CONTENT));
	assert.equal(uploaded.md5, createHash('md5').update(CONTENT).digest('hex'));
	assert.ok(run.output('List').some((entry) => entry.type === 'file' && entry.id === uploaded.id));
	assert.equal(run.output('Get')[0].id, uploaded.id);
	assert.equal(run.output('Update')[0].name, 'renamed.txt');
	const [copy] = run.output('Copy');
	assert.notEqual(copy.id, uploaded.id);
	assert.equal(copy.folderId, String(destination.id));
	assert.equal(run.output('Move')[0].folderId, String(destination.id));
	assert.equal(run.output('Read')[0].text, CONTENT, 'downloaded bytes are the uploaded bytes');
	assert.equal(run.items('Download')[0].binary.data.fileName, 'renamed.txt');
	assert.equal(run.output('Delete')[0].status, 'trash');
});

test('folder lifecycle: create, update, move, list recursive, delete', { skip }, async () => {
	const [, foldersId] = wf.files;
	const run = await n8n.execute(foldersId);
	assert.equal(run.status, 'success', run.describe());
	const [parent] = run.output('Create Parent');
	const [child] = run.output('Create Child');
	assert.equal(child.parentId, null);
	assert.equal(child.visibility, 'unlisted');
	const [updated] = run.output('Update');
	assert.equal(updated.name, 'e2e child renamed');
	assert.equal(updated.visibility, 'public');
	assert.equal(updated.passwordProtected, true);
	assert.ok(!JSON.stringify(updated).includes(createHash('md5').update('open sesame').digest('hex')), 'no password hash in output');
	assert.equal(run.output('Move')[0].parentId, parent.id);
	const listed = run.output('List').find((entry) => entry.id === child.id);
	assert.equal(listed?.path, 'e2e parent/e2e child renamed');
	assert.equal(run.output('Delete').length, 1);
});
