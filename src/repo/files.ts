import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Why a file was left out of the map. */
export type SkipReason =
  | 'binary'
  | 'too-large'
  | 'vendored'
  | 'generated'
  | 'invalid-utf8'
  | 'unreadable'
  | 'unsupported-language'
  | 'parse-error'
  | 'symlink'
  | 'outside-repository';

export interface SkippedFile {
  path: string;
  reason: SkipReason;
}

/** Directories anywhere in the tree that hold other people's code. */
const VENDORED_DIRS = new Set(['node_modules', 'bower_components', 'vendor', 'third_party', 'site-packages', '.venv']);
/** Build output, recognised at the repository root only: `src/go/build/` is real source. */
const ROOT_OUTPUT_DIRS = new Set(['dist', 'build', 'out', 'target', 'coverage', '.next', '.nuxt']);
/** Caches and tool directories anywhere. */
const TOOL_DIRS = new Set(['.git', '__pycache__', '.mypy_cache', '.pytest_cache', '.tox', '.gradle', '.idea']);
const LOCKFILES = new Set([
  'package-lock.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'Cargo.lock',
  'Gemfile.lock',
  'poetry.lock',
  'composer.lock',
  'go.sum',
]);

/**
 * Skips that the path alone decides: vendored trees, build output,
 * lockfiles and minified bundles.
 */
export function skipByPath(path: string): SkipReason | undefined {
  const parts = path.split('/');
  const base = parts[parts.length - 1]!;
  for (let i = 0; i < parts.length - 1; i++) {
    const dir = parts[i]!;
    if (VENDORED_DIRS.has(dir)) return 'vendored';
    if (TOOL_DIRS.has(dir)) return 'generated';
    if (i === 0 && ROOT_OUTPUT_DIRS.has(dir)) return 'generated';
  }
  if (LOCKFILES.has(base)) return 'generated';
  if (/\.min\.(js|mjs|cjs|css)$/.test(base) || /\.bundle\.js$/.test(base)) return 'generated';
  return undefined;
}

export interface FileListing {
  /** Repository-relative paths with `/` separators, sorted by code unit. */
  paths: string[];
  /** Whether the listing came from git (`git ls-files`) or a directory walk. */
  source: 'git' | 'walk';
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when `dir` is inside a git work tree (and git is installed). */
export function isGitWorkTree(dir: string): boolean {
  try {
    return (
      execFileSync('git', ['-C', dir, 'rev-parse', '--is-inside-work-tree'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() === 'true'
    );
  } catch {
    return false;
  }
}

/**
 * Lists a repository's files: `git ls-files` (tracked plus untracked files
 * that are not ignored) in a git work tree, otherwise a directory walk that
 * honours every `.gitignore` on the way down.
 */
export function listFiles(root: string): FileListing {
  if (isGitWorkTree(root)) {
    const out = execFileSync('git', ['-C', root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const paths = [...new Set(out.split('\0').filter((p) => p.length > 0))].sort(byCodeUnit);
    return { paths, source: 'git' };
  }
  return { paths: walk(root).sort(byCodeUnit), source: 'walk' };
}

function walk(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string, rel: string, rules: { base: string; matcher: Ignore }[]): void => {
    const gitignore = join(dir, '.gitignore');
    let scoped = rules;
    if (existsSync(gitignore)) {
      try {
        scoped = [...rules, { base: rel, matcher: ignore().add(readFileSync(gitignore, 'utf8')) }];
      } catch {
        // An unreadable .gitignore ignores nothing.
      }
    }
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => byCodeUnit(a.name, b.name));
    for (const entry of entries) {
      if (entry.name === '.git') continue;
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      const isDir = entry.isDirectory();
      const ignored = scoped.some(({ base, matcher }) => {
        const local = base ? path.slice(base.length + 1) : path;
        return matcher.ignores(isDir ? `${local}/` : local);
      });
      if (ignored) continue;
      if (isDir) visit(join(dir, entry.name), path, scoped);
      else out.push(path);
    }
  };
  visit(root, '', []);
  return out;
}
