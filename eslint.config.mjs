// The rules n8n's community-package scanner (@n8n/scan-community-package) applies, so that
// `npm run lint` fails on anything verification would reject. Source `.ts` and package.json are
// linted as the scanner lints a package's source; the built `dist/**/*.js` as it lints the
// published tarball (inline eslint-disable comments ignored there, as the scanner ignores them).
import { defineConfig, globalIgnores } from 'eslint/config';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const shipped = ['package.json', '**/*.ts', 'dist/**/*.js'];
const recommended = n8nCommunityNodesPlugin.configs.recommended;

export default defineConfig(
	globalIgnores(['node_modules/**', '.tmp/**', 'coverage/**', '**/*.d.ts', 'test/**', 'bench/**', 'scripts/**']),
	{ ...recommended, files: shipped, ignores: [] },
	{ files: shipped, rules: { 'no-console': 'error' } },
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
	{
		files: ['**/credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['**/nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{ files: ['**/*.json', '**/*.ts'], languageOptions: { parser: tsParser } },
	{ files: ['dist/**/*.js'], linterOptions: { noInlineConfig: true } },
);
