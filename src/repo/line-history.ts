import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import type { ChangedFile, LineRange } from '../context/seeds.js';
import {
  DEFAULT_HISTORY_COMMITS,
  DEFAULT_MAX_FILES_PER_COMMIT,
  git,
  isPartialClone,
  type HistoryOptions,
} from './history.js';

/**
 * Line history: which commits wrote the lines a change rewrites, and what
 * else those commits changed. A file's co-change share counts every commit
 * that touched it; the commits that wrote the very lines a diff edits (and
 * the lines around them) say which of those partners this change is about.
 */
export interface LineHistory {
  /** Path → share (see blameChange), over the files that are not changed themselves. */
  scores: Map<string, number>;
  /** Path → the commit that gave it most, for its reason. */
  best: Map<string, LineHistoryCommit>;
  /** Changed files whose lines were blamed. */
  blamed: number;
  /** Why line history is missing or partial, for the report. */
  note?: string;
}

export interface LineHistoryCommit {
  /** The changed file whose lines the commit wrote. */
  seed: string;
  sha: string;
  /** How many of the blamed lines it wrote. */
  lines: number;
  /** Files it touched. */
  files: number;
}

/**
 * The history's bounds (HistoryOptions): `maxCommits` first-parent commits
 * back from `rev` (older lines are not followed), commits of at most
 * `maxFilesPerCommit` files.
 */
export interface LineHistoryOptions extends Pick<HistoryOptions, 'maxCommits' | 'maxFilesPerCommit'> {
  /**
   * `rev` is a guess: a changed file whose diff names no old blob (no
   * `index` line) and shows no telling old lines to check is not blamed.
   */
  requireBlob?: boolean;
  /**
   * Paths files were moved from → their paths now (HistoryLog.renamed): a
   * blamed commit names files as they were then, and a file moved since
   * scores under its path now; a path that named several files (null)
   * scores for none.
   */
  renamed?: ReadonlyMap<string, string | null>;
}

/**
 * Blames run at once: each is a git process walking one file's history
 * (about 0.3 s a file on laravel/framework), so a many-file change waits
 * for the slowest few instead of their sum.
 */
const BLAME_CONCURRENCY = Math.max(1, Math.min(4, availableParallelism()));

/** Lines either side of each changed line that are blamed too: the code a change sits in. */
export const LINE_HISTORY_CONTEXT = 3;
/** Changed files blamed at most (the first by path); a sweeping change is not about any one line's past. */
export const MAX_BLAMED_FILES = 20;

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const execFileAsync = promisify(execFile);

function empty(note?: string): LineHistory {
  return { scores: new Map(), best: new Map(), blamed: 0, ...(note === undefined ? {} : { note }) };
}

/**
 * Blames, at `rev` (the commit the diff's old side is), the lines each
 * changed file's diff rewrote and LINE_HISTORY_CONTEXT lines around them
 * (ChangedFile.before), following no further back than `maxCommits`
 * first-parent commits. Each commit that wrote some of those lines and
 * touched 2 to `maxFilesPerCommit` files counts the same for its changed
 * file, and shares itself among its other files (1 / (n − 1) each, as the
 * co-change history does); a file's score is its share of the changed
 * file's commits, averaged over the changed files blamed. A file moved
 * since a commit touched it scores under its path now (`options.renamed`).
 * Only files in `known` and not changed themselves score. A diff whose old
 * side is not `rev` (its `index` blob differs, or, without one, `rev` lacks
 * the old lines it shows) is left out, and so is a partial clone, where
 * blaming would fetch every old blob.
 */
export async function blameChange(
  root: string,
  changed: readonly ChangedFile[],
  rev: string,
  known: ReadonlySet<string>,
  options: LineHistoryOptions = {},
): Promise<LineHistory> {
  if (rev.startsWith('-')) throw new Error(`not a revision: ${rev}`);
  const candidates = changed
    .filter((file) => file.before && file.before.ranges.length > 0 && file.status !== 'added')
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (candidates.length === 0) return empty();
  let commit: string;
  try {
    commit = git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).trim();
  } catch {
    return empty(`line history: no commit ${rev} to blame the changed lines at`);
  }
  if (isPartialClone(root)) return empty('line history: skipped in a partial clone (blaming would fetch old blobs)');
  const maxFiles = options.maxFilesPerCommit ?? DEFAULT_MAX_FILES_PER_COMMIT;
  const renamed = options.renamed;
  const boundary = oldestCommit(root, commit, options.maxCommits ?? DEFAULT_HISTORY_COMMITS);
  // A renamed file's old path is the file itself (a base-branch checkout still has it).
  const changedPaths = new Set(
    changed.flatMap((file) => (file.previousPath === undefined ? [file.path] : [file.path, file.previousPath])),
  );
  const blamedFiles = candidates.slice(0, MAX_BLAMED_FILES);
  const jobs: { seed: string; path: string; ranges: LineRange[] }[] = [];
  let mismatched = 0;
  let failed = 0;
  let unchecked = 0;
  for (const file of blamedFiles) {
    const oldPath = file.previousPath ?? file.path;
    const { blob: expected, shown } = file.before!;
    if (expected === undefined && !telling(shown) && options.requireBlob) {
      unchecked++;
      continue;
    }
    const blob = blobAt(root, commit, oldPath);
    if (!blob || (expected !== undefined && !blob.id.startsWith(expected)) || !showsSame(blob.lines, shown)) {
      mismatched++;
      continue;
    }
    const ranges = widen(file.before!.ranges, blob.lineCount);
    if (ranges.length > 0) jobs.push({ seed: file.path, path: oldPath, ranges });
  }
  // The blames run side by side (each a git process), and are read in path order whatever ends first.
  const range = boundary ? `${boundary}..${commit}` : commit;
  const blames = await mapConcurrently(jobs, BLAME_CONCURRENCY, (job) => blameLines(root, range, job.path, job.ranges));
  const perSeed: { seed: string; lines: Map<string, number> }[] = [];
  for (const [i, lines] of blames.entries()) {
    if (lines) perSeed.push({ seed: jobs[i]!.seed, lines });
    else failed++;
  }
  const shas = [...new Set(perSeed.flatMap(({ lines }) => [...lines.keys()]))].sort();
  const touched = commitFiles(root, shas);
  const scores = new Map<string, number>();
  const best = new Map<string, LineHistoryCommit>();
  let blamed = 0;
  for (const { seed, lines } of perSeed) {
    const kept = [...lines]
      .map(([sha, count]) => ({ sha, count, files: touched.get(sha) }))
      .filter((c): c is { sha: string; count: number; files: string[] } => c.files !== undefined)
      .filter((c) => c.files.length >= 2 && c.files.length <= maxFiles)
      .sort((a, b) => (a.sha < b.sha ? -1 : 1));
    if (kept.length === 0) continue;
    blamed++;
    for (const { sha, count, files } of kept) {
      const share = 1 / kept.length / (files.length - 1);
      const named = files.map((file) => (renamed?.has(file) ? renamed.get(file)! : file));
      for (const path of new Set(named)) {
        if (path === null || !known.has(path) || changedPaths.has(path)) continue;
        scores.set(path, (scores.get(path) ?? 0) + share);
        const seen = best.get(path);
        if (!seen || count > seen.lines || (count === seen.lines && files.length < seen.files))
          best.set(path, { seed, sha, lines: count, files: files.length });
      }
    }
  }
  if (blamed > 1) for (const [path, value] of scores) scores.set(path, value / blamed);
  const notes: string[] = [];
  if (mismatched > 0)
    notes.push(`${mismatched} changed file${mismatched === 1 ? "'s" : "s'"} old side is not ${rev}: not blamed`);
  if (unchecked > 0)
    notes.push(
      `${unchecked} changed file${unchecked === 1 ? "'s diff has" : "s' diffs have"} no index line nor old lines to check against ${rev}: not blamed`,
    );
  if (failed > 0) notes.push(`git blame failed on ${failed} changed file${failed === 1 ? '' : 's'}`);
  if (candidates.length > MAX_BLAMED_FILES)
    notes.push(`${candidates.length - MAX_BLAMED_FILES} changed files past the first ${MAX_BLAMED_FILES} not blamed`);
  return { scores, best, blamed, ...(notes.length > 0 ? { note: `line history: ${notes.join('; ')}` } : {}) };
}

/** The first commit past `maxCommits` first-parent commits back from `commit` (blame stops there), or nothing when history is shorter. */
function oldestCommit(root: string, commit: string, maxCommits: number): string | undefined {
  try {
    const sha = git(root, ['rev-list', '--first-parent', '--max-count=1', `--skip=${maxCommits}`, commit]).trim();
    return SHA.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the file's text has the lines a diff showed of its old side, at
 * their numbers (nothing shown: yes), line endings aside (a diff saved with
 * CRLF, a patch whose endings were normalised).
 */
function showsSame(lines: readonly string[], shown: readonly [number, string][] | undefined): boolean {
  if (shown === undefined) return true;
  const bare = (line: string | undefined): string | undefined => line?.replace(/\r$/, '');
  return shown.every(([line, content]) => bare(lines[line - 1]) === bare(content));
}

/** Lines enough to tell one revision from another: not only blank lines and lone braces. */
function telling(shown: readonly [number, string][] | undefined): boolean {
  return shown?.some(([, content]) => /[\p{L}\p{N}]/u.test(content)) ?? false;
}

/** The blob of `path` at `commit`: its id, its lines and how many; nothing for a missing or binary file. */
function blobAt(
  root: string,
  commit: string,
  path: string,
): { id: string; lines: string[]; lineCount: number } | undefined {
  try {
    // `./`: the path is relative to `root`, which may be a directory inside the repository.
    const id = git(root, ['rev-parse', '--verify', '--quiet', `${commit}:./${path}`]).trim();
    if (!SHA.test(id)) return undefined;
    const text = git(root, ['cat-file', 'blob', id]);
    if (text.includes('\0')) return undefined;
    const lines = text.split('\n');
    const lineCount = text === '' ? 0 : lines.length - (text.endsWith('\n') ? 1 : 0);
    return { id, lines, lineCount };
  } catch {
    return undefined;
  }
}

/** Ranges widened by LINE_HISTORY_CONTEXT lines each way, clipped to the file, merged. */
export function widen(ranges: readonly LineRange[], lineCount: number): LineRange[] {
  const out: LineRange[] = [];
  for (const range of [...ranges].sort((a, b) => a.start - b.start)) {
    const start = Math.max(1, range.start - LINE_HISTORY_CONTEXT);
    const end = Math.min(lineCount, range.end + LINE_HISTORY_CONTEXT);
    if (start > end) continue;
    const last = out.at(-1);
    if (last && start <= last.end + 1) last.end = Math.max(last.end, end);
    else out.push({ start, end });
  }
  return out;
}

/** `items` mapped by `run`, at most `limit` at a time, the results in the items' order. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await run(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** `git blame --porcelain` of the ranges: lines per commit that wrote them, boundary commits (older than the range) left out. */
async function blameLines(
  root: string,
  range: string,
  path: string,
  ranges: LineRange[],
): Promise<Map<string, number> | undefined> {
  let out: string;
  try {
    ({ stdout: out } = await execFileAsync(
      'git',
      [
        '-C',
        root,
        'blame',
        '--porcelain',
        // The same lines whatever the user's configuration: no ignored revisions, no text conversion.
        '--no-ignore-revs-file',
        '--no-textconv',
        ...ranges.flatMap((r) => ['-L', `${r.start},${r.end}`]),
        range,
        '--',
        path,
      ],
      { encoding: 'utf8', maxBuffer: 1 << 30 },
    ));
  } catch {
    return undefined;
  }
  return parseBlame(out);
}

/** Lines per commit of `git blame --porcelain` output, without boundary commits. */
export function parseBlame(porcelain: string): Map<string, number> {
  const counts = new Map<string, number>();
  const boundary = new Set<string>();
  let current: string | undefined;
  for (const line of porcelain.split('\n')) {
    const header = /^([0-9a-f]{40}|[0-9a-f]{64}) \d+ \d+/.exec(line);
    if (header) {
      current = header[1]!;
      counts.set(current, (counts.get(current) ?? 0) + 1);
    } else if (line === 'boundary' && current) {
      boundary.add(current);
    }
  }
  for (const sha of boundary) counts.delete(sha);
  return counts;
}

/** Each commit's files (paths relative to `root`, against its first parent); root commits are left out. */
function commitFiles(root: string, shas: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (shas.length === 0) return out;
  let log: string;
  try {
    // The commits are those of one blame window: a few hundred at most, as arguments.
    log = git(root, [
      'log',
      '--no-walk=unsorted',
      '--diff-merges=first-parent',
      '--no-renames',
      '--relative',
      '--name-only',
      '-z',
      '--format=%x01%H %P',
      ...shas,
      '--',
    ]);
  } catch {
    return out;
  }
  // Each commit: `\x01sha parents`, NUL, then its files, NUL-separated (the first after a newline).
  for (const block of log.split('\x01').slice(1)) {
    const [head = '', ...rest] = block.split('\0');
    const [sha, ...parents] = head.trim().split(' ');
    if (!sha || parents.length === 0) continue;
    const files = rest.map((f) => f.replace(/^\n/, '')).filter((f) => f !== '');
    out.set(sha, [...new Set(files)]);
  }
  return out;
}
