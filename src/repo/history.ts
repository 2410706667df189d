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
  /**
   * The same counts with recent commits weighing more: a path's k-th most
   * recent commit counts RECENCY_DECAY^k (in both maps, from that path's
   * point of view), so `recentPairs[a][b] / recentTouches[a]` is the share
   * of a's recent commits that touched b.
   */
  recentTouches: Map<string, number>;
  recentPairs: Map<string, Map<string, number>>;
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
  /** Weight of each older commit relative to the next (default RECENCY_DECAY); 1 counts all alike. */
  recencyDecay?: number;
}

export const DEFAULT_HISTORY_COMMITS = 1000;
/**
 * Weight of each older commit of a file relative to the one after it. Chosen
 * on the co-change replay (scripts/tune-cochange.ts): co-change share alone
 * rose from 0.627 to 0.646 recall@10 on 8 repositories at 0.9, was no better
 * at 0.95 and fell off from 0.85 down.
 */
export const RECENCY_DECAY = 0.9;
/**
 * Files that changed together fewer times than this are not treated as
 * coupled: one shared commit is as often chance (a sweeping fix, a release)
 * as coupling. On the co-change replay, ignoring single shared commits
 * raised recall@10 from 0.690 to 0.699 and from 0.742 to 0.748 on the two
 * repository sets (scripts/tune-cochange.ts).
 */
export const MIN_COCHANGES = 2;
const DEFAULT_MAX_FILES_PER_COMMIT = 30;

const empty = (note: string, shallow = false): CoChangeHistory => ({
  available: false,
  shallow,
  commits: 0,
  skippedLarge: 0,
  touches: new Map(),
  pairs: new Map(),
  recentTouches: new Map(),
  recentPairs: new Map(),
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
  const decay = options.recencyDecay ?? RECENCY_DECAY;
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
  const recentTouches = new Map<string, number>();
  const recentPairs = new Map<string, Map<string, number>>();
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
    // The log is newest first: a path's weight here depends on how many of its commits came after.
    const weight = present.map((a) => decay ** (touches.get(a) ?? 0));
    for (const [i, a] of present.entries()) {
      touches.set(a, (touches.get(a) ?? 0) + 1);
      recentTouches.set(a, (recentTouches.get(a) ?? 0) + weight[i]!);
    }
    for (let i = 0; i < present.length; i++) {
      for (let j = i + 1; j < present.length; j++) {
        bump(pairs, present[i]!, present[j]!, 1);
        bump(pairs, present[j]!, present[i]!, 1);
        bump(recentPairs, present[i]!, present[j]!, weight[i]!);
        bump(recentPairs, present[j]!, present[i]!, weight[j]!);
      }
    }
  }
  const history: CoChangeHistory = {
    available: commits > 0,
    shallow,
    commits,
    skippedLarge,
    touches,
    pairs,
    recentTouches,
    recentPairs,
  };
  if (shallow) history.note = `shallow clone: only ${commits} commit${commits === 1 ? '' : 's'} of history available`;
  else if (commits === 0) history.note = 'no commits in history';
  return history;
}

function bump(pairs: Map<string, Map<string, number>>, a: string, b: string, amount: number): void {
  let row = pairs.get(a);
  if (!row) pairs.set(a, (row = new Map()));
  row.set(b, (row.get(b) ?? 0) + amount);
}
