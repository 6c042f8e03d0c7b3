// Benchmark (prints figures, asserts nothing): finding things in an account of 10,000 files in
// 500 folders, with the compiled node inside n8n-core's real execution contexts against the
// emulator. For a folder link, a file link and a 4-segment path: the listing calls and time of
// the first lookup, then of 1,000 more (one execution of 1,000 items, then a new execution);
// then File/Folder > Search for "*.pdf" with and without a limit of 10. As a reference in the
// same run, the time the same number of listing calls takes from a bare HTTP client.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { startEmulator } from '../emulator/index.mjs';

const require = createRequire(import.meta.url);
const { Cyberfile, harnessFor, items, params, rl } = require('../support/setup.js');
const { forgetLinks } = require('../../dist/nodes/Cyberfile/helpers/linkIndex.js');

const emulator = await startEmulator();
const ms = (t) => `${t.toFixed(0)} ms`.padStart(8);

/** 4 top folders x 4 x 5 x 5 = 500 folders, 20 files each (every 10th a PDF): 10,000 files. */
async function seed() {
	const c = emulator.control;
	const folders = [];
	const add = async (name, parent, path) => {
		const folder = await c.addFolder({ name, parentId: parent?.id ?? null });
		folders.push({ ...folder, path });
		return folder;
	};
	for (let a = 0; a < 4; a++) {
		const top = await add(`top${a}`, null, `top${a}`);
		for (let b = 0; b < 4; b++) {
			const mid = await add(`mid${b}`, top, `top${a}/mid${b}`);
			for (let d = 0; d < 5; d++) {
				const low = await add(`low${d}`, mid, `top${a}/mid${b}/low${d}`);
				for (let e = 0; e < 5; e++) await add(`leaf${e}`, low, `top${a}/mid${b}/low${d}/leaf${e}`);
			}
		}
	}
	let last;
	for (const folder of folders) {
		for (let i = 0; i < 20; i++) {
			last = await c.addFile({ folderId: folder.id, name: `doc${i}.${i % 10 === 0 ? 'pdf' : 'txt'}`, size: 0 });
		}
	}
	return { folders, lastFolder: folders.at(-1), lastFile: last };
}

async function bareListings(count) {
	const h = harnessFor(emulator);
	await h.execute(Cyberfile, { parameters: params('account', 'getInfo') });
	const stored = await h.credentialStore.get('1');
	const started = performance.now();
	for (let i = 0; i < count; i++) {
		const response = await fetch(`${emulator.apiBase}/folder/listing`, {
			method: 'POST',
			body: new URLSearchParams({ access_token: stored.accessToken, account_id: stored.accountId, parent_folder_id: '' }),
		});
		JSON.parse(await response.text());
	}
	return performance.now() - started;
}

async function measure(h, parameters, count) {
	await emulator.control.clearLog();
	const started = performance.now();
	const [out] = await h.execute(Cyberfile, { parameters, items: items(count) });
	const time = performance.now() - started;
	const calls = (await emulator.control.log()).filter((entry) => entry.endpoint === 'folder/listing').length;
	return { time, calls, out };
}

const line = (label, { time, calls, out }, extra = '') =>
	console.log(`${label.padEnd(48)} listing calls ${String(calls).padStart(4)}   time ${ms(time)}   items ${String(out.length).padStart(4)}${extra}`);

try {
	const started = performance.now();
	const { lastFolder, lastFile } = await seed();
	console.log(`account: 10,000 files in 500 folders (seeded in ${ms(performance.now() - started).trim()}); the link targets are the last folder and file a walk reaches`);
	console.log('every item also reads its file or folder (/file/info or /folder/info): that is most of the time of 1,000 items');
	console.log('links are remembered per credential across executions; paths are cached within one execution (one listing per segment)');

	const lookups = [
		['folder link', params('folder', 'get', { folderId: rl(lastFolder.url_folder, 'url') })],
		['file link', params('file', 'get', { fileId: rl(`${lastFile.url_file}/doc19.txt`, 'url') })],
		['4-segment path', params('folder', 'get', { folderId: rl(lastFolder.path, 'path') })],
	];
	for (const [label, parameters] of lookups) {
		forgetLinks();
		const h = harnessFor(emulator);
		await h.execute(Cyberfile, { parameters: params('account', 'getInfo') }); // log in first
		const first = await measure(h, parameters, 1);
		line(`${label}: first lookup`, first, `   (bare client, same calls: ${ms(await bareListings(first.calls)).trim()})`);
		line(`${label}: next 1,000 (one execution of 1,000 items)`, await measure(h, parameters, 1000));
		line(`${label}: a new execution, 1 item`, await measure(h, parameters, 1));
	}

	const h = harnessFor(emulator);
	await h.execute(Cyberfile, { parameters: params('account', 'getInfo') });
	const all = await measure(h, params('fileFolder', 'search', { query: '*.pdf', returnAll: true }), 1);
	line('search "*.pdf", return all', all, `   (bare client, same calls: ${ms(await bareListings(all.calls)).trim()})`);
	line('search "*.pdf", limit 10', await measure(h, params('fileFolder', 'search', { query: '*.pdf', limit: 10 }), 1));
} finally {
	await emulator.close();
}
