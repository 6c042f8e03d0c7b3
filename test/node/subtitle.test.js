// The trigger's canvas subtitle, evaluated by n8n-workflow's own expression code as the editor does
// (expression.getSimpleParameterValue with the node's saved parameters; the screenshot e2e test
// reads the same text off the real canvas).
'use strict';

const { Workflow } = require('n8n-workflow');
const { CyberfileTrigger } = require('../support/setup');

const description = new CyberfileTrigger().description;

function subtitle(parameters) {
	const node = { id: '1', name: 'Trigger', type: 'n8n-nodes-cyberfile.cyberfileTrigger', typeVersion: 1, position: [0, 0], parameters };
	const type = { description };
	const nodeTypes = { getByName: () => type, getByNameAndVersion: () => type, getKnownTypes: () => ({}) };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, description.subtitle, 'internal', {}, undefined, '[empty]');
}

const rl = (value, mode, cachedResultName) => ({ __rl: true, value, mode, ...(cachedResultName ? { cachedResultName } : {}) });

test.each([
	['a picked folder: its name', rl('102', 'list', '/report-folder-2'), 'New file in /report-folder-2'],
	['an id typed in: the id', rl('102', 'id'), 'New file in folder 102'],
	['a link: the link', rl('https://cyberfile.me/folder/0123456789abcdef0123456789abcdef/x', 'url'), 'New file in folder https://cyberfile.me/folder/0123456789abcdef0123456789abcdef/x'],
	['the root folder picked', rl('root', 'list', '/ (Root folder)'), 'New file in / (Root folder)'],
	['the root folder by value', rl('root', 'id'), 'New file in /'],
	['nothing chosen yet', rl('', 'list'), 'New file in /'],
])('%s', (_, folderId, expected) => {
	expect(subtitle({ event: 'fileCreated', folderId })).toBe(expected);
});

test('an old workflow without a locator object still reads', () => {
	expect(subtitle({ event: 'fileCreated', folderId: '77' })).toBe('New file in folder 77');
});

test('other events name themselves', () => {
	expect(subtitle({ event: 'folderCreated', folderId: rl('5', 'list', '/a') })).toBe('New folder in /a');
	expect(subtitle({ event: 'fileDeleted', folderId: rl('5', 'list', '/a') })).toBe('File deleted in /a');
});
