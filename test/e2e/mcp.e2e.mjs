// The Cyberfile node as AI-agent tools, served by n8n's own MCP Server Trigger
// (@n8n/n8n-nodes-langchain.mcpTrigger) in a published workflow under `n8n start`, and called by
// an MCP client (@modelcontextprotocol/sdk) over Streamable HTTP and over SSE, as Claude Desktop,
// Cursor or an n8n MCP Client node would. The tools are those of examples/ai-agent-files.json
// (the tool variant `n8n-nodes-cyberfile.cyberfileTool`, inputs from `$fromAI(...)`), so this is
// also where the agent example's tools run: its chat model cannot run here.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { calls, hasPackage, importDemoCredential, loadExample, sharedN8n, startEmulatorProcess } from './harness.mjs';

const version = process.env.E2E_VERSION || 'v2';
const skip = !hasPackage()
	? 'needs E2E_TARBALL (run test/e2e/run.sh)'
	: version !== 'v2'
		? "n8n 2.x: the MCP Server Trigger's 2.x version serves Streamable HTTP"
		: false;

const MCP_TRIGGER = { type: '@n8n/n8n-nodes-langchain.mcpTrigger', typeVersion: 2.1 };
const mcpPath = `cyberfile-mcp-${Date.now()}`;

let n8n;
let emulator;
let tree;

/**
 * The agent example's Cyberfile tools (list, get, download link, folder, search), connected to an
 * MCP Server Trigger instead of the agent.
 */
async function mcpWorkflow(credential) {
	const example = await loadExample('ai-agent-files.json', credential);
	const tools = example.nodes.filter((n) => n.type === 'n8n-nodes-cyberfile.cyberfileTool');
	const trigger = { name: 'MCP Server Trigger', ...MCP_TRIGGER, position: [0, 0], webhookId: crypto.randomUUID(), parameters: { path: mcpPath, authentication: 'none' } };
	const connections = {};
	for (const tool of tools) connections[tool.name] = { ai_tool: [[{ node: trigger.name, type: 'ai_tool', index: 0 }]] };
	return { name: 'Cyberfile tools over MCP', nodes: [trigger, ...tools], connections };
}

before(async () => {
	if (skip) return;
	emulator = await startEmulatorProcess();
	n8n = await sharedN8n();
	const credential = await importDemoCredential(n8n, emulator, 'Cyberfile MCP');
	const c = emulator.control;
	const invoices = await c.addFolder({ name: 'Invoices' });
	tree = {
		invoices,
		report: await c.addFile({ folderId: invoices.id, name: 'report.pdf', content: '%PDF-1.4 report' }),
		readme: await c.addFile({ name: 'readme.txt', content: 'read me' }),
	};
	const id = await n8n.importWorkflow(await mcpWorkflow(credential));
	await n8n.activate(id);
	await n8n.start();
});
after(async () => {
	await n8n?.stop();
	await emulator?.close();
});

async function connect(Transport) {
	const client = new Client({ name: 'cyberfile-e2e', version: '1.0.0' });
	const url = new URL(`${n8n.url}/mcp/${mcpPath}`);
	for (let attempt = 0; ; attempt++) {
		try {
			await client.connect(new Transport(url));
			return client;
		} catch (error) {
			// Right after start-up the webhook may not be registered yet (404).
			if (attempt >= 30) throw error;
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}
}

const text = (result) => result.content.map((c) => c.text ?? '').join('\n');
const toolNamed = (tools, words) => tools.find((t) => words.every((w) => t.name.toLowerCase().includes(w)));

test('Streamable HTTP: tools listed with schemas; list, share and a bad id as a tool error; one login', { skip, timeout: 300_000 }, async () => {
	const client = await connect(StreamableHTTPClientTransport);
	try {
		const { tools } = await client.listTools();
		const list = toolNamed(tools, ['list']);
		const share = toolNamed(tools, ['download']);
		const getFile = toolNamed(tools, ['get', 'file']);
		assert.ok(list && share && getFile, `tools: ${tools.map((t) => t.name).join(', ')}`);
		for (const tool of tools) {
			assert.ok(tool.description.length > 40, `${tool.name}: a description a model can act on`);
			assert.equal(tool.inputSchema.type, 'object');
		}
		assert.ok(list.inputSchema.properties.folderId, JSON.stringify(list.inputSchema));
		assert.ok(share.inputSchema.properties.fileId, JSON.stringify(share.inputSchema));

		const listed = await client.callTool({ name: list.name, arguments: { folderId: 'root', recursive: true } });
		assert.ok(!listed.isError, text(listed));
		for (const name of ['Invoices', 'report.pdf', 'readme.txt']) assert.ok(text(listed).includes(name), text(listed));

		// Ids as models send them: in stray quotes, with spaces.
		const shared = await client.callTool({ name: share.name, arguments: { fileId: ` "${tree.report.id}" ` } });
		assert.ok(!shared.isError, text(shared));
		const link = /https?:\/\/[^\s"\\]+/.exec(text(shared))?.[0];
		assert.ok(link, text(shared));
		assert.equal(await (await fetch(link)).text(), '%PDF-1.4 report');

		const bad = await client.callTool({ name: getFile.name, arguments: { fileId: '999999' } });
		const badText = text(bad);
		assert.ok(bad.isError || /error|could not find/i.test(badText), `a bad id is answered as a tool error: ${badText}`);
		assert.match(badText, /999999|could not find|not found/i);
	} finally {
		await client.close();
	}
	assert.equal((await calls(emulator, 'authorize')).length, 1, 'one login for all the tool calls');
});

test('SSE: the same tools answer over the older transport', { skip, timeout: 120_000 }, async () => {
	const client = await connect(SSEClientTransport);
	try {
		const { tools } = await client.listTools();
		const list = toolNamed(tools, ['list']);
		const listed = await client.callTool({ name: list.name, arguments: { folderId: String(tree.invoices.id), recursive: false } });
		assert.ok(!listed.isError, text(listed));
		assert.ok(text(listed).includes('report.pdf'), text(listed));
	} finally {
		await client.close();
	}
	assert.equal((await calls(emulator, 'authorize')).length, 1, 'still the one login');
});

test('search tool: finds /Invoices/report.pdf by "report*"', { skip, timeout: 120_000 }, async () => {
	const client = await connect(StreamableHTTPClientTransport);
	try {
		const { tools } = await client.listTools();
		const search = toolNamed(tools, ['search']);
		assert.ok(search, 'a search tool');
		const found = await client.callTool({ name: search.name, arguments: { query: 'report*' } });
		assert.ok(text(found).includes('report.pdf'), text(found));
	} finally {
		await client.close();
	}
});
