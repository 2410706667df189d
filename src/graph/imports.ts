import type { LanguageId } from '../parse/languages.js';
import { dartPackageDir, jsAliasTargets, NO_MODULE_MAPS, type ModuleMaps } from './module-maps.js';
import { dirname, join, normalizePath } from './paths.js';
import { psr4Candidates } from './php-namespaces.js';

/** The repository's files, indexed for resolving import specifiers. */
export class FileLookup {
  private readonly paths: Set<string>;
  private readonly byBase = new Map<string, string[]>();
  private readonly byDir = new Map<string, string[]>();
  private byDottedSuffix?: Map<string, string[]>;
  private readonly byTree = new Map<string, string[]>();
  private readonly bySuffix = new Map<string, string[]>();

  /**
   * `moduleNames`: the module-like names each file defines, for languages
   * whose module names are guesses of a path (Elixir): a guessed file must
   * define the module to be its file. Without it every guess is taken.
   */
  constructor(
    paths: Iterable<string>,
    private readonly moduleNames?: ReadonlyMap<string, ReadonlySet<string>>,
  ) {
    this.paths = new Set(paths);
    for (const path of [...this.paths].sort()) {
      const slash = path.lastIndexOf('/');
      push(this.byBase, path.slice(slash + 1), path);
      push(this.byDir, slash < 0 ? '' : path.slice(0, slash), path);
    }
  }

  has(path: string): boolean {
    return this.paths.has(path);
  }

  /** Whether the files' module definitions were given. */
  get knowsModules(): boolean {
    return this.moduleNames !== undefined;
  }

  /** Whether a file may define a module of that name (always, when definitions were not given). */
  mayDefine(path: string, name: string): boolean {
    return this.moduleNames === undefined || this.moduleNames.get(path)?.has(name) === true;
  }

  /** Files whose name is `base`, shortest path first. */
  named(base: string): string[] {
    return [...(this.byBase.get(base) ?? [])].sort(shortestFirst);
  }

  /** Files in a directory and its subdirectories, by path (computed once per directory). */
  under(dir: string): string[] {
    let files = this.byTree.get(dir);
    if (!files) {
      const prefix = `${dir}/`;
      this.byTree.set(dir, (files = [...this.paths].filter((p) => p.startsWith(prefix)).sort()));
    }
    return files;
  }

  /** Files directly in a directory. */
  inDir(dir: string): string[] {
    return this.byDir.get(dir) ?? [];
  }

  hasDir(dir: string): boolean {
    return this.byDir.has(dir);
  }

  /** Files whose path is `tail` or ends with `/tail`, shortest first. */
  withSuffix(tail: string): string[] {
    const base = tail.slice(tail.lastIndexOf('/') + 1);
    return (this.byBase.get(base) ?? []).filter((p) => p === tail || p.endsWith(`/${tail}`)).sort(shortestFirst);
  }

  /** Directories that are `tail` or end with `/tail`, shortest first (computed once per tail). */
  dirsWithSuffix(tail: string): string[] {
    let out = this.bySuffix.get(tail);
    if (!out) {
      out = [];
      for (const dir of this.byDir.keys()) if (dir === tail || dir.endsWith(`/${tail}`)) out.push(dir);
      this.bySuffix.set(tail, out.sort(shortestFirst));
    }
    return out;
  }

  /** Directories whose path, with `/` read as `.`, is `dotted` or ends with `.dotted`, shortest first. */
  dirsWithDottedSuffix(dotted: string): string[] {
    if (!this.byDottedSuffix) {
      // Every tail of each dotted path that starts after a dot: one lookup per namespace.
      this.byDottedSuffix = new Map();
      for (const dir of [...this.byDir.keys()].sort(shortestFirst)) {
        const asDots = dir.replaceAll('/', '.');
        let at = -1;
        do {
          push(this.byDottedSuffix, asDots.slice(at + 1), dir);
          at = asDots.indexOf('.', at + 1);
        } while (at >= 0);
      }
    }
    return this.byDottedSuffix.get(dotted) ?? [];
  }
}

const shortestFirst = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : 1);

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Where Lua projects put the root of their module path. */
const LUA_ROOTS = ['', 'lua/', 'src/', 'lib/'];

const JS_EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/** A module path as files: itself, with each extension (a `.js` in the specifier may name a `.ts`), as a directory index. */
function jsCandidates(target: string): string[] {
  const stem = target.replace(/\.d\.ts$|\.(m|c)?(j|t)sx?$/, '');
  return [
    target,
    ...JS_EXTENSIONS.map((ext) => `${stem}${ext}`),
    ...JS_EXTENSIONS.map((ext) => `${target}/index${ext}`),
  ];
}

/** `…/src/<source set>/<java|kotlin|scala>/` — Maven and Gradle source roots; the package's path follows. */
const JVM_SOURCE_ROOT = /^(?:.*\/)?src\/([^/]+)\/(?:java|kotlin|scala)(?:\/(.*))?$/;

/** A directory under a JVM source root: its source set (`main`, `jvmTest`) and package path (`a/b`). */
function jvmSource(dir: string): { sourceSet: string; packagePath: string } | undefined {
  const match = JVM_SOURCE_ROOT.exec(dir);
  return match ? { sourceSet: match[1]!, packagePath: match[2] ?? '' } : undefined;
}

/** The package path of a directory under a JVM source root (`a/b` for `lib/src/main/java/a/b`), else undefined. */
export function jvmPackagePath(dir: string): string | undefined {
  return jvmSource(dir)?.packagePath;
}

/**
 * The files of a JVM package. Under source roots, its directory in every
 * source set (Kotlin multiplatform splits one package over `commonMain`,
 * `jvmMain`, …), test source sets only when no other has it. Elsewhere,
 * unless `strict`, the shortest directory ending with the package's path.
 */
function jvmPackageFiles(files: FileLookup, parts: string[], strict: boolean): string[] {
  if (parts.length === 0) return [];
  const path = parts.join('/');
  const dirs = files.dirsWithSuffix(path);
  const roots = dirs.filter((dir) => jvmPackagePath(dir) === path);
  const main = roots.filter((dir) => !/test/i.test(jvmSource(dir)!.sourceSet));
  const chosen = main.length > 0 ? main : roots.length > 0 ? roots.slice(0, 1) : strict ? [] : dirs.slice(0, 1);
  return chosen.flatMap((dir) => files.inDir(dir)).filter((p) => /\.(java|kt|kts|scala)$/.test(p));
}

function firstExisting(files: FileLookup, candidates: (string | undefined)[]): string[] {
  for (const candidate of candidates) if (candidate !== undefined && files.has(candidate)) return [candidate];
  return [];
}

function firstSuffix(files: FileLookup, tails: string[]): string[] {
  for (const tail of tails) {
    const hits = files.withSuffix(tail);
    if (hits.length > 0) return [hits[0]!];
  }
  return [];
}

/**
 * The repository files an import specifier names, or none (a third-party or
 * standard-library module, or something we cannot resolve). Resolution
 * follows each language's rules where they are local (relative paths,
 * packages as directories) and falls back to the shortest path ending in the
 * expected file name.
 */
export function resolveImport(
  language: LanguageId,
  from: string,
  spec: string,
  files: FileLookup,
  modules: ModuleMaps = NO_MODULE_MAPS,
): string[] {
  const dir = dirname(from);
  switch (language) {
    case 'python': {
      const dots = /^\.*/.exec(spec)![0].length;
      const rest = spec.slice(dots).split('.').filter(Boolean).join('/');
      if (dots > 0) {
        let base: string | undefined = dir;
        for (let i = 1; i < dots && base !== undefined; i++) base = base === '' ? undefined : dirname(base);
        if (base === undefined) return [];
        const module = rest ? join(base, rest) : base;
        if (module === undefined) return [];
        return firstExisting(files, [`${module}.py`, `${module}.pyi`, join(module, '__init__.py')]);
      }
      if (!rest) return [];
      return firstSuffix(files, [`${rest}.py`, `${rest}/__init__.py`, `${rest}.pyi`]);
    }
    case 'javascript':
    case 'typescript':
    case 'tsx': {
      if (!spec.startsWith('.') && !spec.startsWith('/')) {
        // A bare specifier is a package, unless the repository maps it (tsconfig paths, workspaces).
        for (const target of jsAliasTargets(from, spec, modules)) {
          const hit = firstExisting(files, jsCandidates(target));
          if (hit.length > 0) return hit;
        }
        return [];
      }
      const target = join(spec.startsWith('/') ? '' : dir, spec);
      return target === undefined ? [] : firstExisting(files, jsCandidates(target));
    }
    case 'go': {
      // A package is a directory: every non-test file of the longest matching one.
      // Import paths are module-qualified (`github.com/org/repo/pkg/x`); the
      // directory is the longest repository directory the path ends with.
      let match: string | undefined;
      const parts = spec.split('/');
      for (let i = 0; i < parts.length && match === undefined; i++) {
        const tail = parts.slice(i).join('/');
        if (files.hasDir(tail)) match = tail;
      }
      if (match === undefined) return [];
      return files.inDir(match).filter((p) => p.endsWith('.go') && !p.endsWith('_test.go'));
    }
    case 'java':
    case 'kotlin':
    case 'scala': {
      const wildcard = /\.(\*|_)$/.test(spec);
      const parts = spec.replace(/\.(\*|_)$/, '').split('.');
      if (wildcard) return jvmPackageFiles(files, parts, false);
      // `import a.b.C`, a member `a.b.C.member` or a nested `a.b.C.Companion.member`: the longest prefix that is a class file.
      for (let n = parts.length; n >= 2; n--) {
        const path = parts.slice(0, n).join('/');
        const hit = firstSuffix(files, [`${path}.java`, `${path}.kt`, `${path}.scala`]);
        if (hit.length > 0) return hit;
      }
      // A top-level function or property (Kotlin, Scala) lives in some file of its package.
      return language === 'java' ? [] : jvmPackageFiles(files, parts.slice(0, -1), true);
    }
    case 'rust': {
      if (/^\w+$/.test(spec)) {
        // `mod x;` — beside a mod.rs/lib.rs/main.rs, else in the directory named after this file.
        const base = /(^|\/)(mod|lib|main)\.rs$/.test(from) ? dir : from.replace(/\.rs$/, '');
        return firstExisting(files, [join(base, `${spec}.rs`), join(base, `${spec}/mod.rs`)]);
      }
      const parts = spec.split('::').filter((p) => p && !['crate', 'self', 'super'].includes(p));
      const tails: string[] = [];
      for (let n = parts.length; n >= 1; n--) {
        const path = parts.slice(0, n).join('/');
        tails.push(`${path}.rs`, `${path}/mod.rs`);
      }
      return firstSuffix(files, tails);
    }
    case 'c':
    case 'cpp': {
      // `<lib/x.h>` is searched on the include path only: the shortest repository path ending with it.
      if (spec.startsWith('<')) return firstSuffix(files, [normalizePath(spec.slice(1, -1)) ?? spec]);
      const local = firstExisting(files, [join(dir, spec)]);
      return local.length > 0 ? local : firstSuffix(files, [normalizePath(spec) ?? spec]);
    }
    case 'ruby': {
      if (spec.startsWith('./')) {
        const target = join(dir, spec);
        return target === undefined ? [] : firstExisting(files, [target.endsWith('.rb') ? target : `${target}.rb`]);
      }
      return firstSuffix(files, [spec.endsWith('.rb') ? spec : `${spec}.rb`]);
    }
    case 'php': {
      if (spec.includes('\\') || /^[A-Z]\w*$/.test(spec)) {
        // Where composer's PSR-4 roots put the class, else the shortest path ending with the namespace's.
        const mapped = firstExisting(files, psr4Candidates(spec, modules.psr4));
        return mapped.length > 0 ? mapped : firstSuffix(files, [`${spec.split('\\').join('/')}.php`]);
      }
      return firstExisting(files, [join(dir, spec.replace(/^\//, ''))]);
    }
    case 'csharp': {
      // `using A.B;` names a namespace: the files of the directory whose path, dotted, ends with it
      // (`Src/A.B` or `src/A/B`), the shortest such directory. Namespaces elsewhere stay external.
      const dirs = files.dirsWithDottedSuffix(spec);
      if (dirs.length > 0) return files.inDir(dirs[0]!).filter((p) => p.endsWith('.cs'));
      // `using static A.B.C;` and `using X = A.B.C;` name a type: the file named after it in its namespace's directory.
      const dot = spec.lastIndexOf('.');
      if (dot < 0) return [];
      const type = spec.slice(dot + 1);
      for (const dir of files.dirsWithDottedSuffix(spec.slice(0, dot))) {
        if (files.has(`${dir}/${type}.cs`)) return [`${dir}/${type}.cs`];
      }
      return [];
    }
    case 'swift': {
      // A Swift package's module is its target's directory, `Sources/<Module>` (SwiftPM's layout): all its files.
      const module = spec.split('.')[0]!;
      const dirs = files.dirsWithSuffix(`Sources/${module}`);
      return dirs.length > 0 ? files.under(dirs[0]!).filter((p) => p.endsWith('.swift')) : [];
    }
    case 'bash':
      return firstExisting(files, [join(dir, spec), normalizePath(spec)]);
    case 'lua': {
      // `require("a.b")` searches package.path (`?.lua`, `?/init.lua`) from some root: the
      // repository's, a Neovim plugin's `lua/`, `src/` or `lib/`. A dotted name may sit under a
      // deeper root too (the shortest path ending with it); a single name found only deeper is
      // some other module's file (`kong/tools/cjson.lua` is not the `cjson` library).
      const path = spec.replaceAll('.', '/');
      const atRoot = firstExisting(
        files,
        LUA_ROOTS.flatMap((root) => [`${root}${path}.lua`, `${root}${path}/init.lua`]),
      );
      if (atRoot.length > 0 || !spec.includes('.')) return atRoot;
      return firstSuffix(files, [`${path}.lua`, `${path}/init.lua`]);
    }
    case 'elixir':
      return elixirModuleFiles(files, spec);
    case 'dart': {
      if (spec.startsWith('dart:')) return [];
      const inPackage = /^package:([a-z_][a-z0-9_]*)\/(.+)$/.exec(spec);
      if (inPackage) {
        // `package:name/x.dart` is `lib/x.dart` of the package its pubspec.yaml names.
        const dir = dartPackageDir(modules, inPackage[1]!, from);
        return firstExisting(files, [dir === undefined ? undefined : join(dir, `lib/${inPackage[2]}`)]);
      }
      return firstExisting(files, [join(dir, spec)]);
    }
    default:
      return [];
  }
}

/**
 * The file of an Elixir module by Mix's convention: `MyApp.HTTPClient` in
 * `my_app/http_client.ex` (or `.exs`) under some `lib/` or `test/support/`,
 * the shortest such path (a Mix task's as Mix names it). Failing that, the
 * path without its leading namespaces, down to two names, then a nested
 * module's parent file (`A.B.C` defined inside `a/b.ex`), down to two
 * names, then any file named after the module's last name
 * (`lib/my_app_web/controllers/page_controller.ex`), then any file of its
 * namespace's directory or an outer namespace's. A single name
 * (`Config`, `MixHelper`) is a standard or third-party module as often as
 * the repository's: only a file at the top of a `lib/` or `test/`
 * directory is taken for it. Each guess must define the module (its last
 * name) when the lookup knows the files' definitions.
 */
function elixirModuleFiles(files: FileLookup, spec: string): string[] {
  const names = spec.split('.');
  const last = names[names.length - 1]!;
  const parts = names.map(underscore);
  const defining = (paths: string[]): string[] => {
    const hit = paths.find((p) => files.mayDefine(p, last));
    return hit === undefined ? [] : [hit];
  };
  const tails: string[] = [];
  // A Mix task's file keeps the task's dots: `Mix.Tasks.Phx.Gen.Html` is `mix/tasks/phx.gen.html.ex`.
  if (parts.length > 2 && parts[0] === 'mix' && parts[1] === 'tasks')
    tails.push(`mix/tasks/${parts.slice(2).join('.')}.ex`);
  if (parts.length === 1) {
    // A single name is the repository's only at the top of a `lib/` or `test/` directory.
    const [name] = parts;
    tails.push(`lib/${name}.ex`, `test/support/${name}.ex`, `test/support/${name}.exs`, `test/${name}.exs`);
    tails.push(`test/${name}.ex`);
  }
  for (let start = 0; parts.length - start >= 2; start++) {
    const path = parts.slice(start).join('/');
    tails.push(`${path}.ex`, `${path}.exs`);
  }
  for (let n = parts.length - 1; n >= 2; n--) tails.push(`${parts.slice(0, n).join('/')}.ex`);
  for (const tail of tails) {
    const hit = defining(files.withSuffix(tail));
    if (hit.length > 0) return hit;
  }
  if (parts.length === 1 || !files.knowsModules) return [];
  // Only when the definitions can confirm it: anywhere by its file name, then any file of its
  // namespace's directory or an outer one's (`Phoenix.Socket.Broadcast` is defined in
  // `phoenix/socket/message.ex`, `Ecto.Query.CompileError` in `ecto/exceptions.ex`).
  const base = parts[parts.length - 1]!;
  const named = defining([...files.named(`${base}.ex`), ...files.named(`${base}.exs`)]);
  if (named.length > 0) return named;
  for (let n = parts.length - 1; n >= 1; n--) {
    const namespace = parts.slice(0, n).join('/');
    const hit = defining(files.dirsWithSuffix(namespace).flatMap((dir) => files.inDir(dir).filter(isElixirPath)));
    if (hit.length > 0) return hit;
  }
  return [];
}

const isElixirPath = (path: string): boolean => path.endsWith('.ex') || path.endsWith('.exs');

/** Elixir's `Macro.underscore` of one name: `HTTPClient` → `http_client`, `FooBar2` → `foo_bar2`. */
export function underscore(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .toLowerCase();
}
