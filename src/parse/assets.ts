import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the grammars, the tags queries and tree-sitter's own wasm live.
 *
 * In the bundle they sit beside the script (`dist/grammars`, `dist/queries`,
 * `dist/tree-sitter.wasm`); from the sources they come from `queries/` and
 * `node_modules`. The first layout that exists wins.
 */
export interface AssetPaths {
  grammars: string;
  queries: string;
  runtimeWasm: string;
}

let cached: AssetPaths | undefined;

export function assetPaths(): AssetPaths {
  if (cached) return cached;
  const here = dirname(fileURLToPath(import.meta.url));
  const bundled: AssetPaths = {
    grammars: join(here, 'grammars'),
    queries: join(here, 'queries'),
    runtimeWasm: join(here, 'tree-sitter.wasm'),
  };
  if (existsSync(bundled.runtimeWasm)) return (cached = bundled);
  // src/parse/assets.ts → repository root two levels up.
  const root = join(here, '..', '..');
  const sources: AssetPaths = {
    grammars: join(root, 'node_modules', 'tree-sitter-wasms', 'out'),
    queries: join(root, 'queries'),
    runtimeWasm: join(root, 'node_modules', 'web-tree-sitter', 'tree-sitter.wasm'),
  };
  if (existsSync(sources.runtimeWasm)) return (cached = sources);
  throw new Error(
    `revloop cannot find its tree-sitter assets (looked for ${bundled.runtimeWasm} and ${sources.runtimeWasm}); reinstall or rebuild dist/`,
  );
}
