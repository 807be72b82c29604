#!/usr/bin/env node
/**
 * Runs a TypeScript entry point without a build step: `node scripts/ts-run.cjs demo/main.ts [args]`.
 * Each .ts file is transpiled on require with the project's own TypeScript (transpile only, no type check:
 * `npm run lint` does that), as CommonJS, so `__dirname` and relative requires work as they do in the
 * sources. Used by `npm run demo`, which needs the emulator in test/emulator and runs outside jest.
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

function compileTs(module, filename) {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, {
		fileName: filename,
		compilerOptions: {
			module: ts.ModuleKind.CommonJS,
			target: ts.ScriptTarget.ES2022,
			esModuleInterop: true,
			sourceMap: false,
			inlineSourceMap: true,
		},
	});
	module._compile(outputText, filename);
}

// `.ts` goes first: a node's codex file `X.node.json` sits beside `X.node.ts` and must not shadow it.
const others = { ...require.extensions };
for (const extension of Object.keys(require.extensions)) delete require.extensions[extension];
require.extensions['.ts'] = compileTs;
Object.assign(require.extensions, others);

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
	console.error('usage: node scripts/ts-run.cjs <file.ts> [args...]');
	process.exit(2);
}
process.argv = [process.argv[0], path.resolve(entry), ...args];
require(path.resolve(entry));
