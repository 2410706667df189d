// Bundles the action and the CLI into dist/ with every asset they load at
// run time: the tree-sitter runtime, the grammars we have queries for, and
// the queries. Output is deterministic so CI can compare it with the commit.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGES } from '../src/parse/languages.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'grammars'), { recursive: true });
mkdirSync(join(dist, 'queries'), { recursive: true });

await build({
  absWorkingDir: root,
  entryPoints: {
    index: 'src/index.ts',
    cli: 'src/cli.ts',
    'parse-worker': 'src/parse/worker.ts',
  },
  outdir: dist,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  splitting: false,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies inside an ES module bundle still call require().
  banner: {
    js: "import { createRequire as __revloopRequire } from 'node:module'; const require = __revloopRequire(import.meta.url);",
  },
});

cpSync(join(root, 'node_modules/web-tree-sitter/tree-sitter.wasm'), join(dist, 'tree-sitter.wasm'));
const queries = readdirSync(join(root, 'queries')).filter((f) => f.endsWith('-tags.scm'));
for (const query of queries) cpSync(join(root, 'queries', query), join(dist, 'queries', query));
for (const { wasm } of Object.values(LANGUAGES)) {
  cpSync(join(root, 'node_modules/tree-sitter-wasms/out', wasm), join(dist, 'grammars', wasm));
}
