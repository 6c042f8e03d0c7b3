// `npm run lint:verify`: n8n's verification scan, offline. Lints with the scanner's own ESLint
// set-up (`buildScanConfig` of @n8n/scan-community-package, with its pinned plugin versions;
// `allowInlineConfig: false`, so eslint-disable comments are ignored, as in `analyzePackage`) the
// two things the scanner lints: the source the package's provenance points at (its
// SOURCE_FILE_PATTERNS: package.json, nodes/ and credentials/) and the packed tarball (compiled
// .js and package.json). The network steps of the real scan (provenance attestation, source
// download from GitHub) are left out: release.yml publishes with provenance.
// The scanner fails on errors only; this fails on warnings too, except the ones listed below.
// Needs `npm run build` first (npm pack packs dist/).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOURCE_FILE_PATTERNS, buildScanConfig } from '@n8n/scan-community-package/scanner/scanner.mjs';
import { ESLint } from 'eslint';
import glob from 'fast-glob';

/**
 * Warnings accepted on purpose: `credential-unnecessary-password` does not know that an API key
 * is a secret, while `credential-password-field` (an error) asks for `password: true` on it.
 */
const ACCEPTED_WARNINGS = [{ rule: '@n8n/community-nodes/credential-unnecessary-password', file: /CyberfileApi\.credentials\.(ts|js)$/, message: /'key[12]'/ }];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function scan(label, dir, patterns) {
	const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await buildScanConfig() });
	const files = glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	const results = await eslint.lintFiles(files);
	const findings = results.flatMap((r) =>
		r.messages.map((m) => ({ file: path.relative(dir, r.filePath), line: m.line, severity: m.severity === 2 ? 'error' : 'warning', rule: m.ruleId, message: m.message })),
	);
	const accepted = (f) => f.severity === 'warning' && ACCEPTED_WARNINGS.some((a) => a.rule === f.rule && a.file.test(f.file) && a.message.test(f.message));
	const failing = findings.filter((f) => !accepted(f));
	console.log(`${failing.length ? 'FINDINGS' : 'clean'}: ${label}: ${files.length} files, ${failing.length} finding(s), ${findings.length - failing.length} accepted warning(s)`);
	for (const f of findings) console.log(`  ${accepted(f) ? 'accepted ' : ''}${f.severity} ${f.file}:${f.line} ${f.rule}: ${f.message}`);
	return failing.length === 0;
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'cyberfile-scan-'));
let clean = true;
try {
	clean = (await scan('source (package.json, nodes/, credentials/)', root, SOURCE_FILE_PATTERNS)) && clean;
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', tmp], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop();
	execFileSync('tar', ['-xzf', path.join(tmp, tarball), '-C', tmp]);
	clean = (await scan(`tarball ${tarball} (**/*.js, package.json)`, path.join(tmp, 'package'), ['**/*.js', 'package.json'])) && clean;
} finally {
	rmSync(tmp, { recursive: true, force: true });
}
process.exit(clean ? 0 : 1);
