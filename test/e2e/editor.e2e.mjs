// The package in n8n's editor, as a user meets it: the credential created and tested through n8n's
// REST API (exactly one /authorize, the picker then needing none; a Base URL without /api/v2 gets a
// hint), then headless Chromium (Debian's `chromium`, driven by puppeteer-core) shows the
// credential form, the node's panels and the trigger on the canvas. Assertions are on DOM text
// (the trigger's subtitle names its folder); the PNGs go into the e2e temp dir
// (`<tmp>/screenshots`, kept with E2E_KEEP=1). n8n 2.x only. Without chromium the screenshot test
// is skipped with a message (CI installs it: apt-get install chromium).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { calls, hasPackage, sharedN8n, startEmulatorProcess } from './harness.mjs';
import { DEFAULT_ACCOUNTS } from '../emulator/index.mjs';

const version = process.env.E2E_VERSION || 'v2';
const skip = !hasPackage() ? 'needs E2E_TARBALL (run test/e2e/run.sh)' : version !== 'v2' ? 'n8n 2.x only' : false;
const CHROMIUM = process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const skipBrowser = skip || (!CHROMIUM ? 'no chromium (apt-get install chromium, or set CHROMIUM_PATH)' : false);

const OWNER = { email: 'owner@example.com', firstName: 'Ada', lastName: 'Owner', password: 'E2e-owner-Passw0rd' };
const BROWSER_ID = 'cyberfile-e2e-browser';
const [demo] = DEFAULT_ACCOUNTS;

let n8n;
let emulator;
let cookie = '';
let credentialId;
let workflowId;
let shots;

async function rest(method, route, body) {
	const response = await fetch(`${n8n.url}/rest/${route}`, {
		method,
		headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID, ...(cookie ? { cookie } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const setCookie = response.headers.getSetCookie?.() ?? [];
	const auth = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
	if (auth) cookie = auth;
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	return { status: response.status, body: json?.data ?? json };
}

const authorizeCount = async () => (await calls(emulator, 'authorize')).length;

before(async () => {
	if (skip) return;
	emulator = await startEmulatorProcess();
	n8n = await sharedN8n();
	await n8n.start();
	let setup = await rest('POST', 'owner/setup', OWNER);
	if (setup.status !== 200) setup = await rest('POST', 'login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
	assert.equal(setup.status, 200, JSON.stringify(setup.body));
	assert.ok(cookie, 'logged in');
	shots = path.join(path.dirname(process.env.E2E_WORKDIR || n8n.userFolder), 'screenshots');
	await mkdir(shots, { recursive: true });
});
after(async () => {
	await n8n?.stop();
	await emulator?.close();
});

const credentialData = (baseUrl = emulator.apiBase) => ({ baseUrl, authMethod: 'accountDetails', username: demo.username, password: demo.password });

test('creating and testing a credential logs in exactly once; the picker then needs no login', { skip, timeout: 120_000 }, async () => {
	const before = await authorizeCount();
	const created = await rest('POST', 'credentials', { name: 'Cyberfile (editor e2e)', type: 'cyberfileApi', data: credentialData() });
	assert.equal(created.status, 200, JSON.stringify(created.body));
	credentialId = created.body.id;
	assert.equal(await authorizeCount(), before, 'saving logs in nowhere');

	// What the editor sends when the credential modal tests a saved credential.
	const tested = await rest('POST', 'credentials/test', { credentials: { id: credentialId, name: created.body.name, type: 'cyberfileApi', data: credentialData() } });
	assert.equal(tested.status, 200, JSON.stringify(tested.body));
	assert.equal(tested.body.status, 'OK', JSON.stringify(tested.body));
	assert.equal(await authorizeCount(), before + 1, 'the test made exactly one /authorize');

	// A folder picker opened right after uses the session the test stored.
	const picked = await rest('POST', 'dynamic-node-parameters/resource-locator-results', {
		path: 'parameters.folderId',
		nodeTypeAndVersion: { name: 'n8n-nodes-cyberfile.cyberfile', version: 1 },
		methodName: 'searchFolders',
		currentNodeParameters: { resource: 'folder', operation: 'list', folderId: { __rl: true, mode: 'list', value: '' } },
		credentials: { cyberfileApi: { id: credentialId, name: created.body.name } },
	});
	assert.equal(picked.status, 200, JSON.stringify(picked.body));
	assert.ok(picked.body.results.some((r) => r.value === 'root'), JSON.stringify(picked.body));
	assert.equal(await authorizeCount(), before + 1, 'the picker reused the stored session');
});

test('a Base URL without /api/v2 fails the test with what a right one looks like', { skip, timeout: 120_000 }, async () => {
	const origin = emulator.apiBase.replace(/\/api\/v2$/, '');
	const created = await rest('POST', 'credentials', { name: 'Cyberfile (wrong URL)', type: 'cyberfileApi', data: credentialData(origin) });
	const tested = await rest('POST', 'credentials/test', { credentials: { id: created.body.id, name: created.body.name, type: 'cyberfileApi', data: credentialData(origin) } });
	assert.equal(tested.body.status, 'Error', JSON.stringify(tested.body));
	assert.match(tested.body.message, /ending in \/api\/v2/, tested.body.message);
	assert.ok(tested.body.message.includes(`${origin}/api/v2`), tested.body.message);
});

test('the editor: credential form, node panels and the trigger on the canvas (screenshots)', { skip: skipBrowser, timeout: 600_000 }, async () => {
	assert.ok(credentialId, 'the credential test above ran');
	const folder = await emulator.control.addFolder({ name: 'report-folder-2' });
	const credential = { cyberfileApi: { id: credentialId, name: 'Cyberfile (editor e2e)' } };
	const created = await rest('POST', 'workflows', {
		name: 'Cyberfile in the editor',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'trigger-node',
				name: 'Cyberfile Trigger',
				type: 'n8n-nodes-cyberfile.cyberfileTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { event: 'fileCreated', folderId: { __rl: true, mode: 'list', value: String(folder.id), cachedResultName: '/report-folder-2' } },
				credentials: credential,
			},
			{
				id: 'list-node',
				name: 'List a folder',
				type: 'n8n-nodes-cyberfile.cyberfile',
				typeVersion: 1,
				position: [300, 0],
				parameters: { resource: 'folder', operation: 'list', folderId: { __rl: true, mode: 'list', value: 'root', cachedResultName: '/ (Root folder)' } },
				credentials: credential,
			},
		],
		connections: { 'Cyberfile Trigger': { main: [[{ node: 'List a folder', type: 'main', index: 0 }]] } },
	});
	assert.equal(created.status, 200, JSON.stringify(created.body));
	workflowId = created.body.id;

	const { default: puppeteer } = await import('puppeteer-core');
	const profile = await mkdtemp(path.join(os.tmpdir(), 'cyberfile-chromium-'));
	const browser = await puppeteer.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			`--user-data-dir=${profile}`,
		],
		defaultViewport: { width: 1440, height: 900 },
	});
	const saved = [];
	try {
		const page = await browser.newPage();
		page.setDefaultTimeout(120_000);
		const showsText = async (text) =>
			// Text, or the placeholder of an input (the "Add option" dropdowns are selects).
			await page.waitForFunction((t) => document.body?.innerText.includes(t) || [...document.querySelectorAll('[placeholder]')].some((e) => e.getAttribute('placeholder') === t), {}, text).catch(async (error) => {
				await page.screenshot({ path: path.join(shots, 'failure.png') });
				throw new Error(`the page never showed "${text}" (see ${path.join(shots, 'failure.png')}): ${error.message}`);
			});
		const shot = async (name) => {
			await new Promise((resolve) => setTimeout(resolve, 1500)); // let transitions finish
			const file = path.join(shots, `${name}.png`);
			await page.screenshot({ path: file });
			saved.push(file);
		};

		// Sign in as a user would.
		await page.goto(`${n8n.url}/signin`, { waitUntil: 'networkidle2' });
		await page.waitForSelector('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]');
		await page.type('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]', OWNER.email);
		await page.type('input[type="password"]', OWNER.password);
		await page.keyboard.press('Enter');
		await page.waitForFunction(() => !location.pathname.startsWith('/signin'));

		// The trigger on the canvas: its subtitle names the watched folder.
		await page.goto(`${n8n.url}/workflow/${workflowId}`, { waitUntil: 'networkidle2' });
		await showsText('New file in /report-folder-2');
		await shot('canvas-trigger-subtitle');

		// The trigger's panel.
		await page.goto(`${n8n.url}/workflow/${workflowId}/trigger-node`, { waitUntil: 'networkidle2' });
		await showsText('Trigger On');
		await showsText('/report-folder-2');
		await shot('trigger-panel');

		// The node's panel (Folder > List), with its options.
		await page.goto(`${n8n.url}/workflow/${workflowId}/list-node`, { waitUntil: 'networkidle2' });
		await showsText('Return All');
		await showsText('Add option');
		const oddCasing = await page.evaluate(() => [...document.querySelectorAll('[placeholder]')].map((e) => e.getAttribute('placeholder')).filter((p) => /^Add [A-Z]/.test(p)));
		assert.deepEqual(oddCasing, [], 'one casing for "Add option"');
		await shot('node-panel-folder-list');

		// The credential form. The editor tests a saved credential when its form opens; one that
		// holds a session is tested with a login with the details as typed (see the credential).
		const logins = await authorizeCount();
		await page.goto(`${n8n.url}/home/credentials/${credentialId}`, { waitUntil: 'networkidle2' });
		await showsText('Base URL');
		await showsText('Username');
		await showsText('Connection tested successfully');
		await shot('credential-form');
		process.stdout.write(`# opening the credential form made ${(await authorizeCount()) - logins} /authorize\n`);
	} finally {
		await browser.close();
		await rm(profile, { recursive: true, force: true });
	}
	process.stdout.write(`# screenshots:\n${saved.map((f) => `#   ${f}`).join('\n')}\n`);
});
