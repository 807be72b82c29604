/**
 * The end-to-end suite (`npm run test:e2e`): real n8n 2.41.1 on Node 24, the built package, the emulator.
 * Kept apart from `npm test` (jest.config.js matches *.test.ts; these are *.e2e.ts).
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
	// Provisions n8n (cold: a few minutes), lays the package out, migrates a template user folder.
	globalSetup: '<rootDir>/test/e2e/setup/global-setup.ts',
	globalTeardown: '<rootDir>/test/e2e/setup/global-teardown.ts',
	// Each file starts its own n8n processes; two at a time is what a 2-CPU runner takes.
	maxWorkers: 2,
	testTimeout: 300000,
	slowTestThreshold: 60,
	verbose: true,
};
