/**
 * Copies what tsc does not emit into dist/, keeping paths, then checks that every `file:` icon named by a
 * compiled node or credential exists. n8n resolves `file:` relative to the compiled .js file, so
 * credentials/X.credentials.ts with `file:../icons/a.svg` needs dist/icons/a.svg.
 */
const fs = require('node:fs');
const path = require('node:path');
const { dest, parallel, series, src, task } = require('gulp');

// Gulp 5 reads files as UTF-8 unless told otherwise, which corrupts PNGs.
const binarySafe = { encoding: false };

function copyIcons() {
	return src('icons/**/*.{png,svg}', { ...binarySafe, base: 'icons' }).pipe(dest('dist/icons'));
}

/** Node icons and codex files (`<Node>.node.json`) next to the compiled nodes. */
function copyNodeAssets() {
	return src('nodes/**/*.{png,svg,json}', { ...binarySafe, base: 'nodes' }).pipe(dest('dist/nodes'));
}

function copyCredentialAssets() {
	return src('credentials/**/*.{png,svg}', { ...binarySafe, base: 'credentials' }).pipe(
		dest('dist/credentials'),
	);
}

function compiledFiles(dir) {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return compiledFiles(full);
		return /\.(node|credentials)\.js$/.test(entry.name) ? [full] : [];
	});
}

async function checkIconPaths() {
	const missing = [];
	for (const file of compiledFiles('dist')) {
		const code = fs.readFileSync(file, 'utf8');
		for (const [, iconPath] of code.matchAll(/['"`]file:([^'"`]+\.(?:svg|png))['"`]/g)) {
			const resolved = path.join(path.dirname(file), iconPath);
			if (!fs.existsSync(resolved)) missing.push(`${file}: file:${iconPath} -> ${resolved}`);
		}
	}
	if (missing.length > 0) {
		throw new Error(`Icons referenced by compiled files are missing from dist:\n${missing.join('\n')}`);
	}
}

task('build:assets', series(parallel(copyIcons, copyNodeAssets, copyCredentialAssets), checkIconPaths));
