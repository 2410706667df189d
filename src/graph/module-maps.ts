import { readSourceFile } from '../repo/read.js';
import { dirname, join } from './paths.js';
import { COMPOSER_MANIFEST, type Psr4Root } from './php-namespaces.js';

/**
 * How a repository names its own modules without a relative path.
 * JavaScript/TypeScript: tsconfig/jsconfig `paths` and `baseUrl`
 * (`@/components/x`, `@app/core`), and workspace packages (`@scope/pkg`,
 * `@scope/pkg/sub`) whose source lives in the repository. PHP: composer.json
 * PSR-4 roots (`App\Models\User` → `app/Models/User.php`). Dart: each
 * pubspec.yaml's package name (`package:bloc/bloc.dart` → `packages/bloc/lib/bloc.dart`).
 * Without these, a monorepo's imports of its own packages look like
 * third-party imports.
 */
export interface ModuleMaps {
  /** Compiler configurations, by the directory they apply to (the config's own); the root is ''. */
  configs: JsConfig[];
  packages: WorkspacePackage[];
  /** PSR-4 roots of every composer.json, longest namespace first. */
  psr4: Psr4Root[];
  /** Dart packages (each pubspec.yaml's `name`), shallowest first; `dir` holds the package's `lib/`. */
  dart: { name: string; dir: string }[];
  /** Config files that could not be read as JSON (reported as parse errors). */
  broken: string[];
}

export interface JsConfig {
  /** Directory of the tsconfig/jsconfig: the files it applies to. */
  scope: string;
  /** Resolved `baseUrl` (repository-relative), if any. */
  baseUrl?: string;
  /** `paths` patterns, each with its targets made repository-relative. */
  paths: { pattern: string; targets: string[] }[];
}

export interface WorkspacePackage {
  name: string;
  dir: string;
  /** Entry files named by the manifest (`source`, `module`, `main`, `types`, `exports["."]`), repository-relative. */
  entries: string[];
}

export const NO_MODULE_MAPS: ModuleMaps = { configs: [], packages: [], psr4: [], dart: [], broken: [] };

const CONFIG_FILE = /(^|\/)(tsconfig|jsconfig)(\.[\w.-]+)?\.json$/;
const MANIFEST = /(^|\/)package\.json$/;
const PUBSPEC = /(^|\/)pubspec\.yaml$/;
/** `extends` chains longer than this are cycles or mistakes. */
const MAX_EXTENDS = 8;

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function isModuleMapFile(path: string): boolean {
  return CONFIG_FILE.test(path) || MANIFEST.test(path) || COMPOSER_MANIFEST.test(path) || PUBSPEC.test(path);
}

/**
 * Reads every tsconfig/jsconfig (following relative `extends`),
 * package.json, composer.json and pubspec.yaml of the listing. Unreadable or
 * invalid files are listed in `broken`; they resolve nothing.
 */
export function loadModuleMaps(root: string, paths: readonly string[]): ModuleMaps {
  const broken = new Set<string>();
  const cache = new Map<string, Record<string, unknown> | undefined>();
  const read = (path: string): Record<string, unknown> | undefined => {
    if (cache.has(path)) return cache.get(path);
    const file = readSourceFile(root, path);
    let value: Record<string, unknown> | undefined;
    if (file.ok) {
      try {
        const parsed: unknown = JSON.parse(stripJsonComments(file.text));
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) value = parsed as Record<string, unknown>;
      } catch {
        // reported below
      }
    }
    if (value === undefined && file.ok) broken.add(path);
    cache.set(path, value);
    return value;
  };

  const configs: JsConfig[] = [];
  for (const path of [...paths].filter((p) => CONFIG_FILE.test(p)).sort(configOrder)) {
    const options = compilerOptions(path, read);
    if (options.baseUrl === undefined && options.paths.length === 0) continue;
    configs.push({ scope: dirname(path), ...options });
  }

  const packages: WorkspacePackage[] = [];
  const seen = new Set<string>();
  for (const path of paths.filter((p) => MANIFEST.test(p)).sort(byCodeUnit)) {
    const manifest = read(path);
    const name = manifest?.name;
    if (typeof name !== 'string' || name === '' || seen.has(name)) continue;
    seen.add(name);
    const dir = dirname(path);
    const entries: string[] = [];
    for (const field of ['source', 'module', 'main', 'types', 'typings']) {
      const value = manifest![field];
      if (typeof value === 'string') entries.push(...manifestEntry(dir, value));
    }
    for (const value of exportStrings(exportsRoot(manifest!.exports))) entries.push(...manifestEntry(dir, value));
    packages.push({ name, dir, entries: [...new Set(entries)] });
  }
  // Longest names first: `@a/b-utils` before `@a/b`.
  packages.sort((a, b) => b.name.length - a.name.length || byCodeUnit(a.name, b.name));

  const psr4: Psr4Root[] = [];
  for (const path of paths.filter((p) => COMPOSER_MANIFEST.test(p)).sort(byCodeUnit)) {
    const manifest = read(path);
    if (manifest) psr4.push(...psr4Roots(dirname(path), manifest));
  }
  // Longest namespaces first, as Composer tries them.
  psr4.sort((a, b) => b.prefix.length - a.prefix.length || byCodeUnit(a.prefix, b.prefix));

  // Several pubspec.yaml may name the same package (example apps, copies in each example):
  // all are kept, the shallowest first; an import picks the nearest (see dartPackageDir).
  const dart: ModuleMaps['dart'] = [];
  for (const path of paths.filter((p) => PUBSPEC.test(p)).sort(pubspecOrder)) {
    const file = readSourceFile(root, path);
    if (!file.ok) continue;
    const name = pubspecName(file.text);
    if (name === undefined) broken.add(path);
    else dart.push({ name, dir: dirname(path) });
  }
  return { configs, packages, psr4, dart, broken: [...broken].sort(byCodeUnit) };
}

/** Shallower pubspecs first (a package before the examples inside it), then by path. */
function pubspecOrder(a: string, b: string): number {
  return a.split('/').length - b.split('/').length || byCodeUnit(a, b);
}

/** The top-level `name:` of a pubspec.yaml (a Dart package name: lowercase letters, digits, underscores). */
export function pubspecName(text: string): string | undefined {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const match = /^name:[ \t]*(['"]?)([a-z_][a-z0-9_]*)\1[ \t]*(?:#.*)?$/m.exec(text);
  return match?.[2];
}

/** The `autoload` and `autoload-dev` PSR-4 roots of one composer.json at `dir`. */
function psr4Roots(dir: string, manifest: Record<string, unknown>): Psr4Root[] {
  const roots: Psr4Root[] = [];
  for (const section of ['autoload', 'autoload-dev']) {
    const autoload = manifest[section];
    if (!isRecord(autoload) || !isRecord(autoload['psr-4'])) continue;
    for (const [namespace, value] of Object.entries(autoload['psr-4'])) {
      const dirs = (Array.isArray(value) ? value : [value])
        .filter((d): d is string => typeof d === 'string')
        .map((d) => join(dir, d.replace(/\/+$/, '') || '.'))
        .filter((d): d is string => d !== undefined);
      if (dirs.length > 0) roots.push({ prefix: namespace.replace(/\\+$/, ''), dirs });
    }
  }
  return roots;
}

/** tsconfig.json before tsconfig.app.json etc. in the same directory; directories in code-unit order. */
function configOrder(a: string, b: string): number {
  const da = dirname(a);
  const db = dirname(b);
  if (da !== db) return byCodeUnit(da, db);
  const plain = (p: string): number => (/(^|\/)(tsconfig|jsconfig)\.json$/.test(p) ? 0 : 1);
  return plain(a) - plain(b) || byCodeUnit(a, b);
}

/** baseUrl and paths in force for a config, through its relative `extends` chain. */
function compilerOptions(
  path: string,
  read: (path: string) => Record<string, unknown> | undefined,
): Omit<JsConfig, 'scope'> {
  let baseUrl: string | undefined;
  let paths: JsConfig['paths'] | undefined;
  const visited = new Set<string>();
  let current: string | undefined = path;
  for (let depth = 0; current !== undefined && depth < MAX_EXTENDS && !visited.has(current); depth++) {
    visited.add(current);
    const config = read(current);
    if (!config) break;
    const dir = dirname(current);
    const options = isRecord(config.compilerOptions) ? config.compilerOptions : {};
    const ownBase = typeof options.baseUrl === 'string' ? join(dir, options.baseUrl) : undefined;
    if (baseUrl === undefined && ownBase !== undefined) baseUrl = ownBase;
    if (paths === undefined && isRecord(options.paths)) {
      // Targets are relative to baseUrl when one is in force, else to the config that declares them.
      const from = baseUrl ?? ownBase ?? dir;
      paths = Object.entries(options.paths)
        .filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1]))
        .map(([pattern, targets]) => ({
          pattern,
          targets: targets
            .filter((t): t is string => typeof t === 'string')
            .map((t) => join(from, t))
            .filter((t): t is string => t !== undefined),
        }));
    }
    const parent: unknown = Array.isArray(config.extends) ? config.extends[0] : config.extends;
    current =
      typeof parent === 'string' && parent.startsWith('.')
        ? join(dir, parent.endsWith('.json') ? parent : `${parent}.json`)
        : undefined;
  }
  return { ...(baseUrl !== undefined ? { baseUrl } : {}), paths: paths ?? [] };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The `"."` entry of an `exports` field: a string, a conditions object, or the sugar of a bare conditions object. */
function exportsRoot(exports: unknown): unknown {
  if (!isRecord(exports)) return exports;
  if ('.' in exports) return exports['.'];
  return Object.keys(exports).some((k) => k.startsWith('.')) ? undefined : exports;
}

function exportStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(exportStrings);
  if (isRecord(value)) return Object.keys(value).flatMap((k) => exportStrings(value[k]));
  return [];
}

/**
 * A manifest entry as repository paths to try: the file itself, then where
 * its source usually is (build output `dist/x.js` from `src/x.ts`).
 */
function manifestEntry(dir: string, value: string): string[] {
  const target = join(dir, value);
  if (target === undefined) return [];
  const out = [target];
  const inside = target.slice(dir ? dir.length + 1 : 0);
  const source = inside.replace(/^(dist|lib|build|out|esm|cjs)\/((esm|cjs|types|prod|dev)\/)?/, 'src/');
  if (source !== inside) {
    const path = join(dir, source);
    if (path !== undefined) out.push(path);
  }
  return out;
}

/** JSON with comments and trailing commas (tsconfig's dialect) as plain JSON. */
export function stripJsonComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === ',') {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j]!)) j++;
      // A comma before a closing bracket (possibly after comments) is dropped.
      const rest = stripLeadingComments(text.slice(j));
      if (rest.startsWith('}') || rest.startsWith(']')) i++;
      else {
        out += c;
        i++;
      }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function stripLeadingComments(text: string): string {
  let rest = text;
  for (;;) {
    rest = rest.trimStart();
    if (rest.startsWith('//')) rest = rest.slice(rest.indexOf('\n') < 0 ? rest.length : rest.indexOf('\n'));
    else if (rest.startsWith('/*')) rest = rest.slice(rest.indexOf('*/') < 0 ? rest.length : rest.indexOf('*/') + 2);
    else return rest;
  }
}

/**
 * The repository paths a bare specifier (`@/x`, `@scope/pkg/sub`) may name,
 * most likely first, for `candidates` to expand with extensions: the
 * nearest config's `paths`, then outer configs', then `baseUrl`, then a
 * workspace package.
 */
export function jsAliasTargets(from: string, spec: string, modules: ModuleMaps): string[] {
  const out: string[] = [];
  // Nearest directory first; configs of one directory in their file order.
  const nearest = modules.configs
    .filter((c) => c.scope === '' || from.startsWith(`${c.scope}/`))
    .sort((a, b) => b.scope.length - a.scope.length);
  for (const config of nearest) out.push(...matchPaths(config.paths, spec));
  for (const config of nearest) {
    if (config.baseUrl === undefined) continue;
    const target = join(config.baseUrl, spec);
    if (target !== undefined) out.push(target);
  }
  for (const pkg of modules.packages) {
    if (spec === pkg.name) {
      out.push(...pkg.entries);
      for (const base of ['src/index', 'index', 'lib/index']) {
        const path = join(pkg.dir, base);
        if (path !== undefined) out.push(path);
      }
      break;
    }
    if (spec.startsWith(`${pkg.name}/`)) {
      const sub = spec.slice(pkg.name.length + 1);
      for (const base of ['', 'src', 'lib']) {
        const path = join(pkg.dir, base ? `${base}/${sub}` : sub);
        if (path !== undefined) out.push(path);
      }
      break;
    }
  }
  return out;
}

/** TypeScript's rule: an exact pattern wins, else the matching pattern with the longest prefix before `*`. */
function matchPaths(paths: JsConfig['paths'], spec: string): string[] {
  let best: { prefix: number; targets: string[]; star: string } | undefined;
  for (const { pattern, targets } of paths) {
    const star = pattern.indexOf('*');
    if (star < 0) {
      if (pattern === spec) return targets;
      continue;
    }
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (spec.length < prefix.length + suffix.length || !spec.startsWith(prefix) || !spec.endsWith(suffix)) continue;
    if (best && best.prefix >= prefix.length) continue;
    best = { prefix: prefix.length, targets, star: spec.slice(prefix.length, spec.length - suffix.length) };
  }
  if (!best) return [];
  const { star } = best;
  return best.targets.map((t) => t.replace('*', star));
}

/**
 * The directory of the Dart package `name` an import from `from` means:
 * of the pubspec.yaml files naming it, the one whose package holds the
 * importer, else the one sharing the longest directory prefix with it (an
 * example's own copy of a package beside it), else the shallowest.
 */
export function dartPackageDir(modules: ModuleMaps, name: string, from: string): string | undefined {
  let best: string | undefined;
  let bestScore = -1;
  for (const pkg of modules.dart) {
    if (pkg.name !== name) continue;
    const depth = pkg.dir === '' ? 0 : pkg.dir.split('/').length;
    const holds = pkg.dir === '' || from.startsWith(`${pkg.dir}/`);
    // A package holding the importer beats any other, the deepest such first.
    const score = holds ? 1_000_000 + depth : sharedDirs(pkg.dir, from);
    if (score > bestScore) [best, bestScore] = [pkg.dir, score];
  }
  return best;
}

/** How many leading directories two paths share. */
function sharedDirs(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/').slice(0, -1);
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}
