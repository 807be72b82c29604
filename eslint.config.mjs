// ESLint 9 flat config.
//
// eslint-plugin-n8n-nodes-base 2.0.0 exports only legacy (eslintrc) configs, so its `community`,
// `credentials` and `nodes` rule sets are spread from their `rules` objects, as n8n's own node CLI does.
// @n8n/eslint-plugin-community-nodes exports flat configs; we use `recommendedWithoutN8nCloudSupport`,
// because this package needs a runtime dependency and so cannot be verified for n8n Cloud.
// typescript-eslint's `recommended` rules apply to every TypeScript file: product, tests, emulator, scripts.
import tsParser from '@typescript-eslint/parser';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const communityRecommended = communityNodes.configs.recommendedWithoutN8nCloudSupport;

const typeScriptFiles = ['**/*.ts'];

/** The files that ship, and the manifest: what the n8n community rules are about. */
const packageFiles = ['package.json', 'credentials/**/*.ts', 'nodes/**/*.ts'];

export default [
	{
		ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.cache/**', 'package-lock.json'],
	},
	...tseslint.configs.recommended.map((config) => ({ ...config, files: typeScriptFiles })),
	{
		files: typeScriptFiles,
		languageOptions: {
			parser: tsParser,
			parserOptions: { ecmaVersion: 2022, sourceType: 'module' },
		},
		rules: {
			// `const { secret: _, ...rest } = value` is how a property is left out of a copy.
			'@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
		},
	},
	{
		// Parsed as JSON by typescript-estree, which gives the community rules the AST they expect.
		files: ['package.json'],
		languageOptions: {
			parser: tsParser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},
	{
		files: ['**/*.js'],
		languageOptions: { sourceType: 'commonjs', ecmaVersion: 2022 },
	},
	{
		files: packageFiles,
		plugins: {
			...communityRecommended.plugins,
			'n8n-nodes-base': n8nNodesBase,
		},
		rules: {
			...communityRecommended.rules,
			// Waived on purpose: the package needs @azure/msal-node at run time for client-credentials token
			// acquisition (certificate client assertions, the token cache, authority handling), and n8n does
			// not provide it. It is the only runtime dependency besides luxon, pinned exactly.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
	{
		files: ['package.json'],
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// This rule wants a camelCase slug for n8n's own docs site ("Only applicable to nodes in the main
			// repository"); a community credential must link an http(s) URL instead, which
			// cred-class-field-documentation-url-not-http-url checks. n8n's node CLI turns it off likewise.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These two want the string 'main'; the newer community rule node-connection-type-literal wants
			// NodeConnectionTypes.Main, which n8n's current nodes use. The newer rule wins.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	// test/** (unit tests, the Graph + Entra emulator, helpers): typescript-eslint's rules, no n8n rules.
];
