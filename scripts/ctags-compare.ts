// Completeness of revloop's definitions against universal-ctags on a real tree.
//
//   npm run compare:ctags -- DIR [--lang python,go] [--misses 20]
//
// Counts ctags' major definitions (classes, structs, interfaces, traits,
// enums, functions, methods) in the files revloop indexes, and how many of
// them revloop finds with the same name at the same line. Prints one row per
// language and kind, the total, and a sample of misses to look at.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildRepoIndex } from '../src/parse/repo-index.js';
import { languageForPath, type LanguageId } from '../src/parse/languages.js';

/** ctags language name → our language ids, and the ctags kinds that count as major definitions. */
const MAJOR: Record<string, { ours: LanguageId[]; kinds: string[] }> = {
  Python: { ours: ['python'], kinds: ['class', 'function', 'member'] },
  JavaScript: { ours: ['javascript'], kinds: ['class', 'function', 'method', 'generator'] },
  TypeScript: { ours: ['typescript', 'tsx'], kinds: ['class', 'interface', 'enum', 'function', 'method'] },
  Go: { ours: ['go'], kinds: ['func', 'struct', 'interface', 'type'] },
  Rust: { ours: ['rust'], kinds: ['struct', 'enum', 'union', 'interface', 'function', 'method'] },
  Java: { ours: ['java'], kinds: ['class', 'interface', 'enum', 'method', 'annotation'] },
  C: { ours: ['c'], kinds: ['function', 'struct', 'union', 'enum'] },
  'C++': { ours: ['cpp'], kinds: ['class', 'function', 'struct', 'union', 'enum'] },
  'C#': { ours: ['csharp'], kinds: ['class', 'struct', 'interface', 'enum', 'method'] },
  Ruby: { ours: ['ruby'], kinds: ['class', 'module', 'method', 'singletonMethod'] },
  PHP: { ours: ['php'], kinds: ['class', 'interface', 'trait', 'enum', 'function'] },
  Kotlin: { ours: ['kotlin'], kinds: ['class', 'interface', 'object', 'method'] },
  Sh: { ours: ['bash'], kinds: ['function'] },
  Lua: { ours: ['lua'], kinds: ['function'] },
  Elixir: { ours: ['elixir'], kinds: ['module', 'protocol', 'function', 'macro'] },
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { lang: { type: 'string' }, misses: { type: 'string', default: '15' } },
});
const dir = positionals[0];
if (!dir) {
  console.error('usage: npm run compare:ctags -- DIR [--lang python,go] [--misses N]');
  process.exit(2);
}
const root = resolve(dir);
const only = values.lang ? new Set(values.lang.split(',')) : undefined;

const index = await buildRepoIndex(root, { jobs: 1 });
const ours = new Map<string, Set<string>>(); // path → "line\0name"
const indexed = new Map<string, LanguageId>();
// Files revloop failed to parse count against it: their definitions are misses.
for (const skip of index.skipped) {
  const language = languageForPath(skip.path);
  if (skip.reason !== 'parse-error' || !language || (only && !only.has(language))) continue;
  indexed.set(skip.path, language);
  ours.set(skip.path, new Set());
}
for (const file of index.files) {
  if (only && !only.has(file.language)) continue;
  indexed.set(file.path, file.language);
  ours.set(
    file.path,
    new Set(file.tags.filter((t) => t.kind === 'def').map((t) => `${t.line}\0${comparableName(t.name, '')}`)),
  );
}

const languages = Object.keys(MAJOR).join(',');
const raw = execFileSync(
  'ctags',
  // .tsx goes to ctags' TypeScript parser, the nearest it has.
  [
    '-R',
    '--output-format=json',
    '--fields=+nKl',
    `--languages=${languages}`,
    '--langmap=TypeScript:+.tsx',
    '-f',
    '-',
    '.',
  ],
  { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] },
);

/**
 * Tags that are ctags' inventions rather than definitions: pseudo-names for
 * anonymous things, Kotlin lambda parameters and loop variables that its
 * Kotlin parser labels `method` (a real method has `fun` on its line),
 * JavaScript object literals it labels `class`, Elixir definitions inside
 * heredocs, and Lua "functions" that are a function passed or called where
 * it is written.
 */
const sourceLines = new Map<string, string[]>();
function isCtagsNoise(tag: { name: string; kind: string; language: string; line: number }, path: string): boolean {
  // Pseudo-tags: `<lambda>`, `__anonXXX` (unnamed structs, enums, lambdas), `AnonymousFunctionXXX`.
  if (tag.name.startsWith('<') || tag.name.startsWith('__anon') || tag.name.startsWith('Anonymous')) return true;
  const line = (): string => {
    let lines = sourceLines.get(path);
    if (!lines) sourceLines.set(path, (lines = readFileSync(join(root, path), 'utf8').split('\n')));
    return lines[tag.line - 1] ?? '';
  };
  if (tag.language === 'Kotlin' && tag.kind === 'method') return !/\bfun\b/.test(line());
  // ctags' JavaScript "classes" include object literals and `X.prototype = {…}`.
  if (tag.language === 'JavaScript' && tag.kind === 'class') return !/\bclass\b/.test(line());
  // ctags' Elixir parser is a line regex too: a `def` in a heredoc (`@moduledoc """`, a
  // generated file's template) is documentation or a string. Inside one, an odd number of
  // `"""` lines come before.
  if (tag.language === 'Elixir') {
    line();
    const before = sourceLines.get(path)!.slice(0, tag.line - 1);
    return before.filter((l) => /^\s*[^#\s]*.*("""|''')/.test(l) && !/("""|''').*\1/.test(l)).length % 2 === 1;
  }
  // ctags' Lua parser is a line regex: `local ok = pcall(function()`, `it("…", function()` and
  // `(function() … end)()` are "functions" named after whatever precedes `function` on the line.
  if (tag.language === 'Lua') {
    const name = escapeRegExp(tag.name);
    return !new RegExp(`\\bfunction\\s+${name}\\s*\\(|(^|[^\\w.:])${name}\\s*=\\s*function\\b`).test(line());
  }
  return false;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Names compared without white space (ctags prints `operator ()`), C#
 * explicit interface members by their own name (ctags: `IEnumerable.GetEnumerator`)
 * and Lua functions stored in tables by theirs (ctags: `M.setup`, `M:method`).
 */
function comparableName(name: string, language: string): string {
  const bare = name.replace(/\s+/g, '');
  if (language === 'C#') return bare.slice(bare.lastIndexOf('.') + 1);
  if (language === 'Lua') return bare.slice(Math.max(bare.lastIndexOf('.'), bare.lastIndexOf(':')) + 1);
  return bare;
}

interface Row {
  total: number;
  found: number;
}
const rows = new Map<string, Row>();
const misses: string[] = [];
for (const line of raw.split('\n')) {
  if (!line.startsWith('{')) continue;
  const tag = JSON.parse(line) as {
    _type: string;
    name: string;
    path: string;
    line: number;
    kind: string;
    language: string;
  };
  if (tag._type !== 'tag') continue;
  const major = MAJOR[tag.language];
  if (!major || !major.kinds.includes(tag.kind)) continue;
  const path = tag.path.replace(/^\.\//, '');
  if (isCtagsNoise(tag, path)) continue;
  const language = indexed.get(path);
  if (!language || !major.ours.includes(language)) continue;
  const key = `${language} ${tag.kind}`;
  const row = rows.get(key) ?? { total: 0, found: 0 };
  rows.set(key, row);
  row.total++;
  if (ours.get(path)?.has(`${tag.line}\0${comparableName(tag.name, tag.language)}`)) row.found++;
  else misses.push(`${path}:${tag.line} ${tag.kind} ${tag.name}`);
}

let total = 0;
let found = 0;
console.log('language kind                      ctags    found   recall');
for (const [key, row] of [...rows.entries()].sort()) {
  total += row.total;
  found += row.found;
  console.log(
    `${key.padEnd(34)} ${String(row.total).padStart(6)} ${String(row.found).padStart(8)}   ${((100 * row.found) / row.total).toFixed(1)}%`,
  );
}
console.log(
  `${'all major definitions'.padEnd(34)} ${String(total).padStart(6)} ${String(found).padStart(8)}   ${total ? ((100 * found) / total).toFixed(1) : '—'}%`,
);
const reasons = new Map<string, number>();
for (const skip of index.skipped) reasons.set(skip.reason, (reasons.get(skip.reason) ?? 0) + 1);
console.log(
  `files compared: ${indexed.size}; skipped by revloop: ${[...reasons].map(([r, n]) => `${n} ${r}`).join(', ') || 'none'}`,
);
const sample = misses.sort().slice(0, Number(values.misses));
if (sample.length > 0) {
  console.log(`\nmisses (${misses.length}; first ${sample.length}):`);
  for (const miss of sample) console.log(`  ${miss}`);
}
