// A check by eye and by count (not part of the suite: it needs Chromium): Folder › List of a
// folder holding files and sub-folders, run in a real n8n 2.x editor in headless Chromium; prints
// how many cells of the output's Table view read "undefined" and saves a screenshot.
//   E2E_TARBALL=<npm pack of the repo> node test/e2e/table-view.mjs [screenshot.png]
// Chromium is driven over the DevTools protocol (undici's WebSocket, a devDependency).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'undici';
import { importDemoCredential, startEmulatorProcess } from './harness.mjs';
import { freePort, prepareN8n } from './n8n.mjs';
import { chainWorkflow, cyberfileNode } from './workflow.mjs';

const shot = path.resolve(process.argv[2] ?? 'table-view.png');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const work = await mkdtemp(path.join(os.tmpdir(), 'cyberfile-table-view-'));
const emulator = await startEmulatorProcess();
const n8n = await prepareN8n({ version: 'v2', tarball: process.env.E2E_TARBALL, workdir: path.join(work, 'n8n') });
let chromium;
try {
	const credential = await importDemoCredential(n8n, emulator, 'Cyberfile table view');
	const mixed = await emulator.control.addFolder({ name: 'mixed' });
	await emulator.control.addFolder({ name: 'sub A', parentId: mixed.id });
	await emulator.control.addFolder({ name: 'sub B', parentId: mixed.id });
	await emulator.control.addFile({ folderId: mixed.id, name: 'report.pdf', content: 'pdf' });
	await emulator.control.addFile({ folderId: mixed.id, name: 'notes.txt', content: 'notes' });
	const workflowId = await n8n.importWorkflow(
		chainWorkflow('table view', [
			cyberfileNode('List', credential, { resource: 'folder', operation: 'list', folderId: { __rl: true, mode: 'path', value: 'mixed' }, returnAll: true }),
		]),
	);
	await n8n.start();
	const base = `http://127.0.0.1:${n8n.env.N8N_PORT}`;
	const setup = await fetch(`${base}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email: 'owner@example.com', firstName: 'Table', lastName: 'View', password: 'Table-view-1' }),
	});
	const cookie = /n8n-auth=([^;]+)/.exec(setup.headers.get('set-cookie') ?? '')?.[1];
	if (!cookie) throw new Error(`owner setup: HTTP ${setup.status} ${await setup.text()}`);

	const port = await freePort();
	chromium = spawn('chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', `--remote-debugging-port=${port}`, `--user-data-dir=${path.join(work, 'chromium')}`, '--window-size=1600,1000', 'about:blank'], { stdio: 'ignore' });
	let targets;
	for (let i = 0; i < 50 && !targets; i++) {
		await sleep(200);
		targets = await fetch(`http://127.0.0.1:${port}/json/list`).then((r) => r.json()).catch(() => undefined);
	}
	const page = targets.find((t) => t.type === 'page');
	const ws = new WebSocket(page.webSocketDebuggerUrl);
	await new Promise((resolve) => ws.addEventListener('open', resolve));
	let seq = 0;
	const pending = new Map();
	ws.addEventListener('message', (event) => {
		const message = JSON.parse(event.data);
		if (message.id && pending.has(message.id)) pending.get(message.id)(message);
	});
	const cdp = (method, params = {}) =>
		new Promise((resolve, reject) => {
			const id = ++seq;
			pending.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
			ws.send(JSON.stringify({ id, method, params }));
		});
	const evaluate = async (expression) => (await cdp('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })).result.value;
	const waitFor = async (expression, what, timeoutMs = 30_000) => {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (await evaluate(expression)) return;
			await sleep(500);
		}
		const { data } = await cdp('Page.captureScreenshot', { format: 'png' });
		await writeFile(shot, Buffer.from(data, 'base64'));
		throw new Error(`timed out waiting for ${what} (screenshot: ${shot})`);
	};
	await cdp('Network.enable');
	await cdp('Network.setCookie', { name: 'n8n-auth', value: cookie, url: base });
	await cdp('Emulation.setDeviceMetricsOverride', { width: 1600, height: 1000, deviceScaleFactor: 1, mobile: false });
	await cdp('Page.navigate', { url: `${base}/workflow/${workflowId}` });
	await waitFor(`!!document.querySelector('[data-test-id="execute-workflow-button"]')`, 'the editor');
	await sleep(1500);
	await evaluate(`document.querySelector('[data-test-id="execute-workflow-button"]').click()`);
	await sleep(6000);
	// A real double click on the node opens its details, output panel included.
	const box = await evaluate(`(() => { const r = document.querySelector('[data-test-id="canvas-node"][data-node-name="List"]').getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`);
	for (const clickCount of [1, 2]) {
		await cdp('Input.dispatchMouseEvent', { type: 'mousePressed', x: box.x, y: box.y, button: 'left', clickCount });
		await cdp('Input.dispatchMouseEvent', { type: 'mouseReleased', x: box.x, y: box.y, button: 'left', clickCount });
	}
	await waitFor(`!!document.querySelector('[data-test-id="ndv-data-container"] table, [data-test-id="ndv"] table')`, 'the output table');
	await sleep(1000);
	const counts = await evaluate(`(() => {
		const tables = [...document.querySelectorAll('[data-test-id="ndv"] table, [data-test-id="ndv-data-container"] table')];
		const table = tables.at(-1);
		const headers = [...table.querySelectorAll('th')].map((th) => th.textContent.trim());
		const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()));
		const undefinedCells = rows.flat().filter((text) => text === 'undefined').length;
		return { headers, rows: rows.length, undefinedCells };
	})()`);
	const { data } = await cdp('Page.captureScreenshot', { format: 'png' });
	await writeFile(shot, Buffer.from(data, 'base64'));
	console.log(`columns: ${counts.headers.filter(Boolean).join(', ')}`);
	console.log(`rows: ${counts.rows}, cells reading "undefined": ${counts.undefinedCells}`);
	console.log(`screenshot: ${shot}`);
	ws.close();
} finally {
	chromium?.kill();
	await n8n.stop();
	await emulator.close();
	await rm(work, { recursive: true, force: true }).catch(() => {});
}
