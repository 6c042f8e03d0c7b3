// Helpers the benchmarks share: n8n's memory from /proc, file checks, a webhook call, an emulator API call.
import { execFile } from 'node:child_process';
import http from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { startEmulatorProcess } from '../e2e/harness.mjs';
import { prepareN8n } from '../e2e/n8n.mjs';

const execFileP = promisify(execFile);

// ---------------------------------------------------------------- n8n's memory, from /proc

export function procStatus(pid, key) {
	const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return match ? Number(match[1]) * 1024 : NaN;
}

/** Polls a process's RSS every 10 ms: [{ t, rss }]. */
export function rssSampler(pid) {
	const samples = [];
	const take = () => samples.push({ t: Date.now(), rss: procStatus(pid, 'VmRSS') });
	take();
	const timer = setInterval(take, 10);
	return {
		samples,
		stop: () => (clearInterval(timer), take(), samples),
		peak: (from, to) => Math.max(...samples.filter((s) => s.t >= from && s.t <= to).map((s) => s.rss)),
	};
}

export const resetPeak = (pid) => writeFileSync(`/proc/${pid}/clear_refs`, '5');

// ---------------------------------------------------------------- files

export const md5sum = async (file) => (await execFileP('md5sum', [file])).stdout.split(' ')[0];
/** Flushes the page cache's dirty pages, so that no transfer pays for an earlier one's writes. */
export const flushDisk = () => execFileP('sync');
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

// ---------------------------------------------------------------- clients

function postOnce(url, body) {
	return new Promise((resolve, reject) => {
		const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, async (response) => {
			let text = '';
			for await (const chunk of response) text += chunk;
			if (response.statusCode !== 200) reject(Object.assign(new Error(`webhook ${url}: HTTP ${response.statusCode} ${text.slice(0, 500)}`), { text }));
			else resolve(JSON.parse(text));
		});
		request.on('error', reject);
		request.end(JSON.stringify(body));
	});
}

/**
 * POST JSON to an n8n webhook, no client timeout; resolves the parsed answer. n8n says it is up
 * before it has registered the webhooks of published workflows: "not registered" is waited out
 * (up to a minute).
 */
export async function postJson(url, body) {
	for (let waited = 0; ; waited += 500) {
		try {
			return await postOnce(url, body);
		} catch (error) {
			if (!/is not registered/.test(error.text ?? '') || waited >= 60_000) throw error;
			await sleep(500);
		}
	}
}

export async function api(emulator, endpoint, fields) {
	const response = await fetch(`${emulator.apiBase}/${endpoint}`, { method: 'POST', body: new URLSearchParams(fields) });
	const body = await response.json();
	if (body._status !== 'success') throw new Error(`${endpoint}: ${body.response}`);
	return body;
}


/** n8n's HTTP Request node uploading the item's binary `data` as Cyberfile's multipart form (root folder). */
export function httpUploadNode({ url, token, accountId }) {
	return {
		name: 'HTTP',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url,
			sendBody: true,
			contentType: 'multipart-form-data',
			bodyParameters: {
				parameters: [
					{ name: 'access_token', value: token },
					{ name: 'account_id', value: accountId },
					{ name: 'folder_id', value: '' },
					{ parameterType: 'formBinaryData', name: 'upload_file', inputDataFieldName: 'data' },
				],
			},
			options: {},
		},
	};
}

/** The emulator of a benchmark, its files in `tmp`, uploads up to 4 GiB. */
export const startBenchEmulator = async (tmp) =>
	await startEmulatorProcess({ dataDir: path.join(tmp, 'emulator'), maxUploadSize: 4 * 1024 ** 3 });

/**
 * The n8n 2.x of a benchmark with the packed package (BENCH_TARBALL, see run.sh) installed, in
 * filesystem binary mode with its binary data in `binaryDir`, reading files below `tmp` only.
 * `n8nVersion`: another 2.x release than the suite's (its user folder and binary data get the
 * version in their names).
 */
export async function prepareBenchN8n(tmp, { env = {}, serverNodeArgs = [], n8nVersion } = {}) {
	const tarball = process.env.BENCH_TARBALL;
	if (!tarball) throw new Error('BENCH_TARBALL (npm pack of the package) is not set: run test/bench/run.sh');
	const suffix = n8nVersion ? `-${n8nVersion}` : '';
	const binaryDir = path.join(tmp, `n8n-binary-data${suffix}`);
	const n8n = await prepareN8n({
		version: 'v2',
		n8nVersion,
		tarball,
		workdir: path.join(tmp, `n8n${suffix}`),
		binaryMode: 'filesystem',
		env: { N8N_RESTRICT_FILE_ACCESS_TO: tmp, N8N_BINARY_DATA_STORAGE_PATH: binaryDir, ...env },
		serverNodeArgs,
	});
	return { n8n, binaryDir };
}
