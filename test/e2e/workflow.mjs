// Builds workflow JSON for `n8n import:workflow`: a Manual Trigger followed by a chain of nodes.
// Node type versions are ones both n8n 1.123 and 2.41 know.
import { randomUUID } from 'node:crypto';

export const manualTrigger = () => ({ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });

/** `name` plus nodes run in order after a trigger (a Manual Trigger named "Start" by default). */
export function chainWorkflow(name, nodes, { trigger = manualTrigger() } = {}) {
	const all = [trigger, ...nodes];
	const connections = {};
	all.forEach((node, i) => {
		node.id ??= randomUUID();
		node.position ??= [i * 220, 0];
		if (i > 0) connections[all[i - 1].name] = { main: [[{ node: node.name, type: 'main', index: 0 }]] };
	});
	return { name, nodes: all, connections };
}

/** Code node (runs once for all items) returning `count` items `{ i }`. */
export function itemsNode(name, count) {
	return {
		name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: { jsCode: `return Array.from({ length: ${count} }, (_, i) => ({ json: { i } }));` },
	};
}

/** Set node (v3.4, manual mapping) adding string fields. */
export function setNode(name, fields) {
	return {
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: {
			mode: 'manual',
			assignments: {
				assignments: Object.entries(fields).map(([field, value]) => ({ id: randomUUID(), name: field, value: String(value), type: 'string' })),
			},
			options: {},
		},
	};
}

export function noOpNode(name) {
	return { name, type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
}

/** A Cyberfile node; `credential` is what importCredential returned. */
export function cyberfileNode(name, credential, parameters, extra = {}) {
	return {
		name,
		type: 'n8n-nodes-cyberfile.cyberfile',
		typeVersion: 1,
		parameters,
		credentials: { cyberfileApi: { id: credential.id, name: credential.name } },
		...extra,
	};
}

/** Read/Write Files from Disk node reading the file named by `fileSelector` into binary `data`. */
export function readFileNode(name, fileSelector) {
	return { name, type: 'n8n-nodes-base.readWriteFile', typeVersion: 1, parameters: { operation: 'read', fileSelector, options: {} } };
}

/** Webhook trigger (POST, answers with the last node's output) for a production webhook at `route`. */
export function webhookNode(name, route, parameters = {}) {
	return {
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path: route, responseMode: 'lastNode', options: {}, ...parameters },
	};
}

/** A Cyberfile node uploading the input's binary `data` into `folderId` (a resource locator). */
export function uploadNode(name, credential, folderId, options = {}) {
	return cyberfileNode(name, credential, { resource: 'file', operation: 'upload', binaryPropertyName: 'data', folderId, options });
}
