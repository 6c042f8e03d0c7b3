// Runs last (node --test runs the files in name order): after the whole suite, no access token, password or API key may
// be in n8n's execution data (every execution of the run), in n8n's server log, or in any emulator's
// request log, and no download request may have carried the API token. The tokens are those every
// emulator of the run issued, recorded as it closed (harness.mjs).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { accountSecrets, hasPackage, secretsFile, sharedN8n } from './harness.mjs';

const skip = !hasPackage() || !secretsFile() ? 'needs E2E_TARBALL and E2E_WORKDIR (run test/e2e/run.sh)' : false;

test('after the whole suite: no token, password or key in execution data, the n8n log or the emulator logs', { skip }, async () => {
	const file = secretsFile();
	const records = existsSync(file) ? (await readFile(file, 'utf8')).trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [];
	const tokens = [...new Set(records.flatMap((r) => r.tokens))];
	const secrets = [...tokens.map((token) => ['an access token', token]), ...accountSecrets()];
	const n8n = await sharedN8n();
	const rows = await n8n.query('SELECT executionId, data FROM execution_data');
	const places = {
		[`execution_data (${rows.length} executions)`]: rows.map((r) => r.data).join('\n'),
		'n8n start log': await n8n.readLog(),
	};
	const hits = [];
	for (const [place, text] of Object.entries(places)) {
		for (const [what, secret] of secrets) if (text.includes(secret)) hits.push(`${what} in ${place}`);
	}
	for (const r of records) {
		for (const what of r.logHits) hits.push(`${what} in the request log of an emulator of ${r.from}`);
	}
	const downloadsWithToken = records.reduce((sum, r) => sum + r.downloadsWithToken, 0);
	const tokenOutsideBody = records.reduce((sum, r) => sum + r.tokenOutsideBody, 0);
	const requests = records.reduce((sum, r) => sum + r.requests, 0);
	console.log(
		`suite secret scan: ${tokens.length} access tokens from ${records.length} emulators (${[...new Set(records.map((r) => r.from))].join(', ')}) and ${accountSecrets().length} passwords/keys, ` +
			`over ${rows.length} executions, the n8n log and ${requests} logged requests: ${hits.length} hits; ${downloadsWithToken} download requests with the API token; ${tokenOutsideBody} API requests with the token outside the form body`,
	);
	assert.ok(records.length > 0, `no emulator recorded its tokens in ${file}`);
	assert.deepEqual(hits, []);
	assert.equal(downloadsWithToken, 0);
	assert.equal(tokenOutsideBody, 0);
});
