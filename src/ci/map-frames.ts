/**
 * Frames → repository files → enclosing symbols. A frame path is resolved
 * to the repository file that shares the longest run of trailing path
 * segments with it (so `/home/runner/work/x/x/src/a.py`, `/app/src/a.py`
 * and Java's `com/example/A.java` all find `src/…/a.py` or
 * `src/main/java/com/example/A.java`); Go's package-relative file names go
 * through the module paths of the repository's go.mod files, and Dart's
 * `package:` URIs through its pubspec.yaml names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RepoIndex } from '../parse/repo-index.js';
import type { Tag } from '../parse/tags.js';
import { isSafeRelativePath } from '../repo/read.js';
import { pubspecName } from '../graph/module-maps.js';
import type { Failure, Frame } from './types.js';

/** What mapping needs of a repository; `repoViewFromIndex` builds it from a RepoIndex. */
export interface RepoView {
  /** Every file of the repository (tagged or not), repository-relative with `/`. */
  paths: readonly string[];
  /** Files that are in the repository but not the project's own code (vendored, generated). */
  foreign: ReadonlySet<string>;
  tagsOf: (path: string) => readonly Tag[];
  /** The text of a repository file, or null when it cannot be read. */
  read: (path: string) => string | null;
}

export interface EnclosingSymbol {
  name: string;
  id: string | null;
  symbolKind: string;
  line: number;
  endLine: number;
}

export interface MappedFrame extends Frame {
  /** The repository file the frame resolved to, or null. */
  resolved: string | null;
  symbol: EnclosingSymbol | null;
  /** A few numbered lines around the frame's line, for project frames. */
  snippet: { line: number; text: string }[];
}

export interface MappedFailure<F extends Failure = Failure> {
  failure: F;
  frames: MappedFrame[];
  /** Frames that resolved to the project's own files, in printed order. */
  projectFrames: MappedFrame[];
}

export interface MapOptions {
  /** Lines shown before and after a project frame's line (default 2). */
  contextLines?: number;
}

/** Reads a RepoIndex's files from disk for snippets and go.mod module paths. */
export function repoViewFromIndex(index: RepoIndex): RepoView {
  const tags = new Map(index.files.map((file) => [file.path, file.tags] as const));
  const foreign = new Set(
    index.skipped.filter((s) => s.reason === 'vendored' || s.reason === 'generated').map((s) => s.path),
  );
  const paths = [...index.files.map((f) => f.path), ...index.skipped.map((s) => s.path)].sort();
  return {
    paths,
    foreign,
    tagsOf: (path) => tags.get(path) ?? [],
    read: (path) => {
      if (!isSafeRelativePath(path)) return null;
      try {
        return readFileSync(join(index.root, path), 'utf8');
      } catch {
        return null;
      }
    },
  };
}

/** Go module path → its directory in the repository ('' for the root), from every go.mod. */
function goModules(repo: RepoView): [string, string][] {
  const modules: [string, string][] = [];
  for (const path of repo.paths) {
    if (path !== 'go.mod' && !path.endsWith('/go.mod')) continue;
    const module = /^module\s+"?([^\s"]+)"?/m.exec(repo.read(path) ?? '');
    if (module) modules.push([module[1]!, path.slice(0, -'go.mod'.length).replace(/\/$/, '')]);
  }
  // Longest module path first: nested modules win over their parent.
  return modules.sort((a, b) => b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1));
}

/** Dart package name → its directory in the repository ('' for the root), from every pubspec.yaml. */
function dartPackages(repo: RepoView): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  for (const path of repo.paths) {
    if (path !== 'pubspec.yaml' && !path.endsWith('/pubspec.yaml')) continue;
    const name = pubspecName(repo.read(path) ?? '');
    if (name === undefined) continue;
    const dir = path.slice(0, -'pubspec.yaml'.length).replace(/\/$/, '');
    packages.set(name, [...(packages.get(name) ?? []), dir]);
  }
  return packages;
}

export type PathResolver = (frame: Frame) => string | null;

/**
 * Builds the frame → repository file resolver. A suffix match must cover
 * two path segments, or the whole repository path, or a frame path that is
 * a bare file name; a tie between files is no match (never a guess).
 */
export function pathResolver(repo: RepoView): PathResolver {
  const exact = new Set(repo.paths);
  const byBase = new Map<string, string[]>();
  for (const path of repo.paths) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    const list = byBase.get(base);
    if (list) list.push(path);
    else byBase.set(base, [path]);
  }
  const modules = goModules(repo);
  let dart: Map<string, string[]> | undefined;
  return (frame) => {
    if (frame.path === null) return null;
    const path = frame.path;
    // `package:NAME/x.dart` is `lib/x.dart` of the repository's package NAME, else another package's
    // file: never matched by its path's tail (`package:sentry/src/utils.dart` is not `lib/src/utils.dart`).
    const dartUri = /^package:([\w.]+)\/(.+)$/.exec(path);
    if (dartUri) {
      dart ??= dartPackages(repo);
      for (const dir of dart.get(dartUri[1]!) ?? []) {
        const candidate = [dir, 'lib', dartUri[2]!].filter(Boolean).join('/');
        if (exact.has(candidate)) return candidate;
      }
      return null;
    }
    if (frame.goPackage && !path.includes('/')) {
      for (const [module, dir] of modules) {
        if (frame.goPackage !== module && !frame.goPackage.startsWith(`${module}/`)) continue;
        const rel = frame.goPackage.slice(module.length).replace(/^\//, '');
        const candidate = [dir, rel, path].filter(Boolean).join('/');
        if (exact.has(candidate)) return candidate;
      }
    }
    if (exact.has(path)) return path;
    const segments = path.split('/').filter((s) => s !== '' && s !== '.');
    const base = segments[segments.length - 1];
    const candidates = base === undefined ? undefined : byBase.get(base);
    if (!candidates) return null;
    let best: string | null = null;
    let bestScore = 0;
    let tie = false;
    for (const candidate of candidates) {
      const parts = candidate.split('/');
      let shared = 0;
      while (
        shared < parts.length &&
        shared < segments.length &&
        parts[parts.length - 1 - shared] === segments[segments.length - 1 - shared]
      )
        shared++;
      const acceptable = shared >= 2 || shared === parts.length || segments.length === 1;
      if (!acceptable) continue;
      if (shared > bestScore) {
        best = candidate;
        bestScore = shared;
        tie = false;
      } else if (shared === bestScore) tie = true;
    }
    return tie ? null : best;
  };
}

/** The innermost definition whose lines contain `line`. */
export function enclosingSymbol(tags: readonly Tag[], line: number): EnclosingSymbol | null {
  let best: Tag | null = null;
  for (const tag of tags) {
    if (tag.kind !== 'def' || tag.line > line || tag.endLine < line) continue;
    if (!best || tag.line > best.line || (tag.line === best.line && tag.endLine < best.endLine)) best = tag;
  }
  return best
    ? { name: best.name, id: best.id ?? null, symbolKind: best.symbolKind, line: best.line, endLine: best.endLine }
    : null;
}

/**
 * Maps every frame of every failure. With a repository, `external` is
 * decided by it: a frame is the project's when it resolves to one of the
 * repository's own files.
 */
export function mapFrames<F extends Failure>(
  failures: readonly F[],
  repo: RepoView,
  options: MapOptions = {},
): MappedFailure<F>[] {
  const contextLines = options.contextLines ?? 2;
  const resolve = pathResolver(repo);
  const texts = new Map<string, string[] | null>();
  const linesOf = (path: string): string[] | null => {
    if (!texts.has(path)) texts.set(path, repo.read(path)?.split(/\r?\n/) ?? null);
    return texts.get(path)!;
  };
  return failures.map((failure) => {
    const frames = failure.frames.map((frame): MappedFrame => {
      const resolved = resolve(frame);
      const own = resolved !== null && !repo.foreign.has(resolved);
      const mapped: MappedFrame = {
        ...frame,
        path: resolved ?? frame.path,
        external: !own,
        resolved,
        symbol: null,
        snippet: [],
      };
      if (own && frame.line !== null) {
        mapped.symbol = enclosingSymbol(repo.tagsOf(resolved), frame.line);
        const text = linesOf(resolved);
        if (text && frame.line <= text.length) {
          for (
            let n = Math.max(1, frame.line - contextLines);
            n <= Math.min(text.length, frame.line + contextLines);
            n++
          )
            mapped.snippet.push({ line: n, text: text[n - 1]! });
        }
      }
      return mapped;
    });
    return { failure, frames, projectFrames: frames.filter((f) => !f.external) };
  });
}

/** What the ranking can start from: project frames' files and lines, and the words of the failures. */
export interface TraceSeeds {
  frames: { path: string; line: number | null }[];
  /** Test names, function names and enclosing symbols, deduplicated in first-seen order. */
  identifiers: string[];
  /** Messages and test names as free text, for lexical retrieval. */
  text: string;
}

export function traceSeeds(mapped: readonly MappedFailure[]): TraceSeeds {
  const frames: TraceSeeds['frames'] = [];
  const seenFrames = new Set<string>();
  const identifiers: string[] = [];
  const seenIds = new Set<string>();
  const addId = (id: string | null | undefined): void => {
    if (id && !seenIds.has(id)) {
      seenIds.add(id);
      identifiers.push(id);
    }
  };
  const text: string[] = [];
  for (const { failure, projectFrames } of mapped) {
    text.push(failure.message);
    if (failure.test) text.push(failure.test);
    addId(failure.test);
    for (const frame of projectFrames) {
      const key = `${frame.resolved}:${frame.line}`;
      if (!seenFrames.has(key)) {
        seenFrames.add(key);
        frames.push({ path: frame.resolved!, line: frame.line });
      }
      addId(frame.symbol?.name);
      addId(frame.function);
    }
  }
  return { frames, identifiers, text: text.join('\n') };
}
