import { execFileSync } from 'node:child_process';

/** How often files changed together in the repository's recent history. */
export interface CoChangeHistory {
  /** False when there is no git history to read (not a repository, no commits). */
  available: boolean;
  shallow: boolean;
  /** First-parent commits read, and how many were skipped (too large, or the root commit). */
  commits: number;
  skippedLarge: number;
  /** Path → number of read commits that touched it. */
  touches: Map<string, number>;
  /** Path → (other path → commits that touched both). */
  pairs: Map<string, Map<string, number>>;
  /** Why history is missing or partial, for the report. */
  note?: string;
}

export interface HistoryOptions {
  /** The commit whose past is read (default HEAD): a benchmark replays history as of a parent. */
  rev?: string;
  /** How many first-parent commits to read (default 1000). */
  maxCommits?: number;
  /** Commits touching more files than this are mass edits (renames, formatting) and are skipped. */
  maxFilesPerCommit?: number;
}

export const DEFAULT_HISTORY_COMMITS = 1000;
const DEFAULT_MAX_FILES_PER_COMMIT = 30;

const empty = (note: string, shallow = false): CoChangeHistory => ({
  available: false,
  shallow,
  commits: 0,
  skippedLarge: 0,
  touches: new Map(),
  pairs: new Map(),
  note,
});

function git(root: string, args: string[]): string {
  return execFileSync('git', ['-C', root, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Mines co-change counts from `git log --first-parent` (paths relative to
 * `root`, renames not followed), keeping only paths in `known`. Bounded by
 * the number of commits read and the size of each commit.
 */
export function mineCoChanges(root: string, known: ReadonlySet<string>, options: HistoryOptions = {}): CoChangeHistory {
  const rev = options.rev ?? 'HEAD';
  if (rev.startsWith('-')) throw new Error(`not a revision: ${rev}`);
  const maxCommits = options.maxCommits ?? DEFAULT_HISTORY_COMMITS;
  const maxFiles = options.maxFilesPerCommit ?? DEFAULT_MAX_FILES_PER_COMMIT;
  let shallow = false;
  try {
    shallow = git(root, ['rev-parse', '--is-shallow-repository']).trim() === 'true';
    git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  } catch {
    return empty('no git history (not a git repository, or no commits)');
  }
  let log: string;
  try {
    log = git(root, [
      'log',
      '--first-parent',
      '--no-renames',
      '--relative',
      '--name-only',
      '--format=%x00%P',
      '-n',
      String(maxCommits),
      rev,
      '--',
    ]);
  } catch {
    return empty(`git log ${rev} failed`, shallow);
  }
  const touches = new Map<string, number>();
  const pairs = new Map<string, Map<string, number>>();
  let commits = 0;
  let skippedLarge = 0;
  for (const block of log.split('\0').slice(1)) {
    commits++;
    const [parents = '', ...lines] = block.split('\n');
    const files = [...new Set(lines.filter((line) => line.length > 0))];
    // A root commit imports the project: it says nothing about coupling.
    if (parents.trim() === '') {
      skippedLarge++;
      continue;
    }
    if (files.length > maxFiles) {
      skippedLarge++;
      continue;
    }
    const present = files.filter((f) => known.has(f)).sort();
    for (const a of present) touches.set(a, (touches.get(a) ?? 0) + 1);
    for (let i = 0; i < present.length; i++) {
      for (let j = i + 1; j < present.length; j++) {
        bump(pairs, present[i]!, present[j]!);
        bump(pairs, present[j]!, present[i]!);
      }
    }
  }
  const history: CoChangeHistory = { available: commits > 0, shallow, commits, skippedLarge, touches, pairs };
  if (shallow) history.note = `shallow clone: only ${commits} commit${commits === 1 ? '' : 's'} of history available`;
  else if (commits === 0) history.note = 'no commits in history';
  return history;
}

function bump(pairs: Map<string, Map<string, number>>, a: string, b: string): void {
  let row = pairs.get(a);
  if (!row) pairs.set(a, (row = new Map()));
  row.set(b, (row.get(b) ?? 0) + 1);
}
