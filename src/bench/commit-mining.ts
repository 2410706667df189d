import { DEFAULT_HISTORY_COMMITS, DEFAULT_MAX_FILES_PER_COMMIT } from '../repo/history.js';
import { runGit } from './git.js';

/** One file a commit touched, compared with its first parent (renames are a delete plus an add). */
export interface FileChange {
  path: string;
  /** git's status letter: A added, M modified, D deleted, T type changed. */
  status: string;
  /** Lines added plus lines deleted (0 for binary files); filled in by countChangedLines, 0 until then. */
  changedLines: number;
}

export interface MinedCommit {
  sha: string;
  parents: string[];
  files: FileChange[];
}

/**
 * The first-parent history from `head`, newest first, each commit with the
 * files it changed against its first parent (a merge shows the whole
 * branch it brought in). At most `maxCommits` commits. Only trees are
 * compared, never file contents, so mirrors that lack some blobs can still
 * be read.
 */
export function readFirstParentLog(gitDir: string, head: string, maxCommits: number): MinedCommit[] {
  if (head.startsWith('-')) throw new Error(`not a revision: ${head}`);
  const out = runGit([
    '--git-dir',
    gitDir,
    'log',
    '--first-parent',
    '--diff-merges=first-parent',
    '--no-renames',
    '--format=%x01%H %P',
    '--raw',
    '-z',
    '-n',
    String(maxCommits),
    head,
    '--',
  ]);
  return parseLog(out);
}

const NUMSTAT = /^(\d+|-)\t(\d+|-)\t([\s\S]*)$/;

/** Parses `git log --format=%x01%H %P --raw -z --no-renames`, with or without `--numstat`. */
export function parseLog(out: string): MinedCommit[] {
  const commits: MinedCommit[] = [];
  for (const record of out.split('\x01').slice(1)) {
    const tokens = record.split('\0');
    const [sha = '', ...parents] = tokens[0]!.trim().split(' ');
    const byPath = new Map<string, FileChange>();
    let pendingStatus: string | undefined;
    for (let i = 1; i < tokens.length; i++) {
      const token = pendingStatus === undefined ? tokens[i]!.replace(/^\n/, '') : tokens[i]!;
      if (pendingStatus !== undefined) {
        // The token after a raw line is its path, whatever it looks like.
        const seen = byPath.get(token);
        if (seen) seen.status = pendingStatus;
        else byPath.set(token, { path: token, status: pendingStatus, changedLines: 0 });
        pendingStatus = undefined;
      } else if (token.startsWith(':')) {
        pendingStatus = token.slice(token.lastIndexOf(' ') + 1).charAt(0);
      } else if (token.length > 0) {
        const match = NUMSTAT.exec(token);
        if (!match) continue;
        const lines = (match[1] === '-' ? 0 : Number(match[1])) + (match[2] === '-' ? 0 : Number(match[2]));
        const path = match[3]!;
        const seen = byPath.get(path);
        if (seen) seen.changedLines = lines;
        else byPath.set(path, { path, status: 'M', changedLines: lines });
      }
    }
    commits.push({ sha, parents: parents.filter((p) => p.length > 0), files: [...byPath.values()] });
  }
  return commits;
}

/** Limits of a replayable commit. */
export interface ReplayCriteria {
  minFiles: number;
  maxFiles: number;
  /** Which paths count as source files (the languages and paths revloop ranks). */
  isSource: (path: string) => boolean;
  /**
   * Fills in `changedLines` of the given files of a commit (see
   * countChangedLines); false when their contents cannot be read. Without
   * it, the counts already in the commit are used.
   */
  countLines?: (commit: MinedCommit, files: FileChange[]) => boolean;
}

export const DEFAULT_REPLAY_CRITERIA: Omit<ReplayCriteria, 'isSource'> = { minFiles: 2, maxFiles: 8 };

/** A commit the replay can use: rank from `seed` in `parent`'s tree, find `targets`. */
export interface ReplayCase {
  sha: string;
  parent: string;
  seed: string;
  targets: string[];
  /** Position of the commit in the mined log (0 = newest): its history is the log after it. */
  logIndex: number;
}

export type Disqualification = 'root' | 'too-few-files' | 'too-many-files' | 'file-not-in-parent' | 'unreadable';

/**
 * Whether a commit qualifies: it changed minFiles..maxFiles source files,
 * every one of which existed in its parent (modified or deleted, not added).
 * The seed is the modified file with the most changed lines (ties: the
 * first path in code-unit order); the other source files are the targets.
 */
export function replayCase(
  commit: MinedCommit,
  logIndex: number,
  criteria: ReplayCriteria,
): ReplayCase | Disqualification {
  const parent = commit.parents[0];
  if (!parent) return 'root';
  const sources = commit.files.filter((f) => criteria.isSource(f.path));
  if (sources.length < criteria.minFiles) return 'too-few-files';
  if (sources.length > criteria.maxFiles) return 'too-many-files';
  if (sources.some((f) => f.status !== 'M' && f.status !== 'D')) return 'file-not-in-parent';
  const modified = sources.filter((f) => f.status === 'M');
  if (modified.length === 0) return 'file-not-in-parent';
  if (criteria.countLines && !criteria.countLines(commit, modified)) return 'unreadable';
  const seed = [...modified].sort((a, b) => b.changedLines - a.changedLines || byCodeUnit(a.path, b.path))[0]!;
  const targets = sources
    .map((f) => f.path)
    .filter((path) => path !== seed.path)
    .sort(byCodeUnit);
  return { sha: commit.sha, parent, seed: seed.path, targets, logIndex };
}

export interface CaseSelection {
  cases: ReplayCase[];
  /** How many commits of the span were looked at, how many qualified, and why the others did not. */
  examined: number;
  qualifying: number;
  disqualified: Record<Disqualification, number>;
}

/**
 * The replay cases among the newest `span` commits of the log, `count` of
 * them picked evenly across the qualifying ones (newest first), so a
 * small run still covers the whole span.
 */
export function selectReplayCases(
  log: readonly MinedCommit[],
  span: number,
  count: number,
  criteria: ReplayCriteria,
): CaseSelection {
  const disqualified: Record<Disqualification, number> = {
    root: 0,
    'too-few-files': 0,
    'too-many-files': 0,
    'file-not-in-parent': 0,
    unreadable: 0,
  };
  const qualifying: ReplayCase[] = [];
  const examined = Math.min(span, log.length);
  for (let i = 0; i < examined; i++) {
    const result = replayCase(log[i]!, i, criteria);
    if (typeof result === 'string') disqualified[result]++;
    else qualifying.push(result);
  }
  return { cases: evenlySpaced(qualifying, count), examined, qualifying: qualifying.length, disqualified };
}

/** `count` items spread evenly over the list (first and last included), in list order. */
export function evenlySpaced<T>(items: readonly T[], count: number): T[] {
  if (count <= 0) return [];
  if (count >= items.length) return [...items];
  if (count === 1) return [items[0]!];
  const picked: T[] = [];
  for (let i = 0; i < count; i++) picked.push(items[Math.round((i * (items.length - 1)) / (count - 1))]!);
  return picked;
}

/**
 * Sets `changedLines` (added plus deleted) of `files` from
 * `git diff --numstat` between the commit's first parent and the commit;
 * false when git cannot read them (blobs absent from a partial mirror).
 */
export function countChangedLines(gitDir: string, commit: MinedCommit, files: FileChange[]): boolean {
  const parent = commit.parents[0];
  if (!parent || files.length === 0) return files.length === 0;
  let out: string;
  try {
    out = runGit([
      '--literal-pathspecs',
      '--git-dir',
      gitDir,
      'diff',
      '--numstat',
      '-z',
      '--no-renames',
      parent,
      commit.sha,
      '--',
      ...files.map((f) => f.path),
    ]);
  } catch {
    return false;
  }
  const lines = new Map<string, number>();
  for (const token of out.split('\0')) {
    const match = NUMSTAT.exec(token);
    if (match)
      lines.set(match[3]!, (match[1] === '-' ? 0 : Number(match[1])) + (match[2] === '-' ? 0 : Number(match[2])));
  }
  for (const file of files) file.changedLines = lines.get(file.path) ?? 0;
  return true;
}

export interface HistoryBounds {
  /** How many older first-parent commits are read. */
  depth: number;
  /** Commits touching more files than this are mass edits and say nothing about coupling. */
  maxFilesPerCommit: number;
}

/** The bounds revloop mines history with, so the history-only baseline sees what revloop sees. */
export const DEFAULT_HISTORY_BOUNDS: Readonly<HistoryBounds> = {
  depth: DEFAULT_HISTORY_COMMITS,
  maxFilesPerCommit: DEFAULT_MAX_FILES_PER_COMMIT,
};

/**
 * The history-only baseline: candidates ranked by how many of the commits
 * before `logIndex` (up to `bounds.depth` of them) touched both the seed
 * and the candidate; ties by path. Candidates never changed with the seed
 * are not ranked.
 */
export function coChangeRanking(
  log: readonly MinedCommit[],
  logIndex: number,
  seed: string,
  candidates: ReadonlySet<string>,
  bounds: HistoryBounds = DEFAULT_HISTORY_BOUNDS,
): string[] {
  const counts = new Map<string, number>();
  const end = Math.min(log.length, logIndex + 1 + bounds.depth);
  for (let i = logIndex + 1; i < end; i++) {
    const commit = log[i]!;
    if (commit.parents.length === 0 || commit.files.length > bounds.maxFilesPerCommit) continue;
    if (!commit.files.some((f) => f.path === seed)) continue;
    for (const file of commit.files) {
      if (file.path !== seed && candidates.has(file.path)) counts.set(file.path, (counts.get(file.path) ?? 0) + 1);
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || byCodeUnit(a[0], b[0])).map(([path]) => path);
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
