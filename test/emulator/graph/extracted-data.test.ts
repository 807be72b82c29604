import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');

describe('extracted Graph data', () => {
	it('data/mail-*.json are exactly what npm run emulator:data extracts from graph-data/', () => {
		const run = () =>
			execFileSync(process.execPath, [join(repoRoot, 'scripts', 'extract-graph-data.mjs'), '--check'], { cwd: repoRoot, encoding: 'utf8', stdio: 'pipe' });
		expect(run).not.toThrow();
	});
});
