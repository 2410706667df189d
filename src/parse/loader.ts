import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Language, Parser, Query } from 'web-tree-sitter';
import { assetPaths } from './assets.js';
import { LANGUAGES, type LanguageId } from './languages.js';
import { LIBC_IMPORT_RENAMES, renameWasmImports, zeroScannerState } from './wasm-imports.js';

/** A grammar with its compiled tags query, loaded once per process. */
export interface LoadedLanguage {
  id: LanguageId;
  language: Language;
  query: Query;
}

let runtime: Promise<void> | undefined;
const loaded = new Map<LanguageId, Promise<LoadedLanguage>>();

function initRuntime(): Promise<void> {
  runtime ??= Parser.init({
    locateFile: () => assetPaths().runtimeWasm,
  });
  return runtime;
}

/**
 * Loads a grammar and compiles its tags query on first use. Only languages
 * present in a repository are ever loaded: each costs a wasm instantiation
 * and a query compile.
 */
export function loadLanguage(id: LanguageId): Promise<LoadedLanguage> {
  let entry = loaded.get(id);
  if (!entry) {
    entry = (async () => {
      await initRuntime();
      const { grammars, queries } = assetPaths();
      const spec = LANGUAGES[id];
      const wasm = zeroScannerState(renameWasmImports(readFileSync(join(grammars, spec.wasm)), LIBC_IMPORT_RENAMES));
      const language = await Language.load(wasm);
      const source = readQuery(queries, spec.query);
      let query: Query;
      try {
        query = new Query(language, source);
      } catch (error) {
        throw new Error(`queries/${spec.query} does not compile for the ${id} grammar: ${(error as Error).message}`);
      }
      return { id, language, query };
    })();
    loaded.set(id, entry);
  }
  return entry;
}

/**
 * A query file with the files it inherits prepended: a `; inherits: <id>`
 * comment line names another language's query (TSX inherits TypeScript).
 */
export function readQuery(dir: string, file: string, seen: string[] = []): string {
  if (seen.includes(file)) throw new Error(`queries/${file} inherits itself through ${seen.join(' → ')}`);
  const text = readFileSync(join(dir, file), 'utf8');
  const parents = [...text.matchAll(/^;\s*inherits:\s*([a-z]+)\s*$/gm)].map((m) => `${m[1]}-tags.scm`);
  return [...parents.map((parent) => readQuery(dir, parent, [...seen, file])), text].join('\n');
}

let parser: Parser | undefined;

/** One parser per thread, re-targeted at each file's language. */
export async function sharedParser(): Promise<Parser> {
  await initRuntime();
  parser ??= new Parser();
  return parser;
}
