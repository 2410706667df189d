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
  /** How many first-parent commits to read (default DEFAULT_HISTORY_COMMITS). */
  maxCommits?: number;
  /** Commits touching more files than this are mass edits (renames, formatting) and are skipped. */
  maxFilesPerCommit?: number;
  /** Weight of each older commit relative to the next (default RECENCY_DECAY); 1 counts all alike. */
  recencyDecay?: number;
  /**
   * Whether a commit's weight in the recent maps is shared among the files
   * it touched (default true, see SPREAD_OVER_COMMIT); false counts it in
   * full for each pair.
   */
  spreadOverCommit?: boolean;
  /** Whether a file's commits from before a rename count as its own (default true). */
  followRenames?: boolean;
}

/**
 * First-parent commits read by default. A file changed rarely has few
 * commits among the last thousand: reading 3,000 raised the history-only
 * ranking's recall@10 on the co-change replay from 0.641 to 0.658 on 8
 * repositories and from 0.554 to 0.595 on 12 (10,000 added nothing more),
 * for about 0.1 s more of `git log` on laravel/framework.
 */
export const DEFAULT_HISTORY_COMMITS = 3000;
/**
 * Weight of each older commit of a file relative to the one after it. Chosen
 * on the co-change replay (scripts/tune-cochange.ts): co-change share alone
 * rose from 0.627 to 0.646 recall@10 on 8 repositories at 0.9, was no better
 * at 0.95 and fell off from 0.85 down.
 */
export const RECENCY_DECAY = 0.9;
/**
 * Files that changed together fewer times than this are not coupled in the
 * graph (cochanged edges), nor to a file a text only mentions: one shared
 * commit is as often chance (a sweeping fix, a release) as coupling. Before
 * commits were spread over their files (SPREAD_OVER_COMMIT), ignoring single
 * shared commits everywhere raised recall@10 from 0.690 to 0.699 and from
 * 0.742 to 0.748 on the two repository sets (scripts/tune-cochange.ts). A
 * changed file's shares keep them: see coChangeScores.
 */
export const MIN_COCHANGES = 2;
/**
 * A commit that touched n files couples each of them to each of the other
 * n − 1 with weight 1/(n − 1) in the recent maps, so a file's recent shares
 * add up to at most 1 and a two-file commit says more about its pair than a
 * sweep of twenty. The history-only ranking's recall@10 on the co-change
 * replay rose from 0.658 to 0.681 (8 repositories) and from 0.595 to 0.604
 * (12). In revloop's blend, with single shared commits counted for a
 * changed file and cochange weight 1 instead of 0.3 (see DEFAULT_WEIGHTS).
 */
export const SPREAD_OVER_COMMIT = true;
export const DEFAULT_MAX_FILES_PER_COMMIT = 30;

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

/** `git -C root ARGS`, its output as text. */
export function git(root: string, args: string[]): string {
  return execFileSync('git', ['-C', root, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A commit of the log: its files under their paths at the log's newest commit, and how many files it touched. */
export interface LoggedCommit {
  root: boolean;
  /** Files the newest commit still has, by their paths there (a file renamed since is under its new path). */
  files: string[];
  /** Files the commit touched, including those the newest commit no longer has. */
  touched: number;
}

/** The first-parent log mineCoChanges counts: each commit's files, newest first; or the empty history and why. */
export type HistoryLog =
  | {
      ok: true;
      shallow: boolean;
      commits: LoggedCommit[];
      /**
       * A path a file was moved from → the file's path at the newest commit,
       * for whoever reads older commits without knowing where in the log they
       * are (git blame's). Null unless every commit of the log naming the
       * path meant that one file (a path deleted and reused, or taken by
       * another file since): which one an old commit meant is unknown.
       */
      renamed: Map<string, string | null>;
    }
  | { ok: false; history: CoChangeHistory };

/**
 * How `git log` finds renames, most thorough first. Similar-content renames
 * (`-M`) read the blobs of added and deleted files, which a partial clone
 * would fetch one by one and a mirror may lack; renames of unchanged content
 * (`-M100%`) compare object ids only. Without either, a moved file's history
 * before the move is lost.
 */
const RENAME_DETECTION = [['-M'], ['-M100%'], ['--no-renames']] as const;

/** Whether the repository is a partial clone (blobs fetched on demand): reading blobs there costs a fetch each. */
export function isPartialClone(root: string): boolean {
  try {
    return git(root, ['config', '--get-regexp', '^(extensions\\.partialclone|remote\\..*\\.promisor)$']).trim() !== '';
  } catch {
    return false;
  }
}

/**
 * Reads `git log --first-parent` (paths relative to `root`), at most
 * `options.maxCommits` commits from `options.rev`. Renames are followed: a
 * commit's paths are the paths its files have at `rev`, so a file's commits
 * from before it moved count as its own.
 */
export function readHistoryLog(root: string, options: HistoryOptions = {}): HistoryLog {
  const rev = options.rev ?? 'HEAD';
  if (rev.startsWith('-')) throw new Error(`not a revision: ${rev}`);
  const maxCommits = options.maxCommits ?? DEFAULT_HISTORY_COMMITS;
  let shallow = false;
  try {
    shallow = git(root, ['rev-parse', '--is-shallow-repository']).trim() === 'true';
    git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  } catch {
    return { ok: false, history: empty('no git history (not a git repository, or no commits)') };
  }
  const detections =
    options.followRenames === false
      ? RENAME_DETECTION.slice(2)
      : isPartialClone(root)
        ? RENAME_DETECTION.slice(1)
        : RENAME_DETECTION;
  for (const detection of detections) {
    let log: string;
    try {
      log = git(root, [
        'log',
        '--first-parent',
        ...detection,
        '--relative',
        '--name-status',
        '-z',
        '--format=%x01%P',
        '-n',
        String(maxCommits),
        rev,
        '--',
      ]);
    } catch {
      continue;
    }
    return { ok: true, shallow, ...followRenames(parseNameStatusLog(log)) };
  }
  return { ok: false, history: empty(`git log ${rev} failed`, shallow) };
}

/** One file's line in `git log --name-status`: its status letter, its path, and the path it had before a rename. */
interface FileStatus {
  status: string;
  path: string;
  from?: string;
}

/**
 * Parses `git log --name-status -z --format=%x01%P`: each commit is `\x01`,
 * its parents, NUL, then NUL-separated status and path fields (renames and
 * copies give two paths, the old one first).
 */
function parseNameStatusLog(log: string): { parents: string; files: FileStatus[] }[] {
  const commits: { parents: string; files: FileStatus[] }[] = [];
  const fields = log.split('\0');
  let i = 0;
  while (i < fields.length) {
    const field = fields[i++]!.replace(/^\n/, '');
    if (field.startsWith('\x01')) {
      commits.push({ parents: field.slice(1).trim(), files: [] });
      continue;
    }
    const current = commits.at(-1);
    if (field === '' || !current) continue;
    const status = field[0]!;
    if (status === 'R' || status === 'C') {
      const from = fields[i++] ?? '';
      const path = fields[i++] ?? '';
      current.files.push({ status, path, from });
    } else {
      current.files.push({ status, path: fields[i++] ?? '' });
    }
  }
  return commits;
}

/**
 * Names each commit's files by their paths in the newest commit, walking
 * from newest to oldest: a file renamed from `a` to `b` is `b` in the
 * commits before the rename too, and a path whose file was added (or moved
 * in) later names a different, older file before that, which the newest
 * tree does not have.
 */
function followRenames(commits: { parents: string; files: FileStatus[] }[]): {
  commits: LoggedCommit[];
  renamed: Map<string, string | null>;
} {
  // Path in older commits → its file's path in the newest commit, or null for a file the newest commit lacks.
  const later = new Map<string, string | null>();
  const current = (path: string): string | null => (later.has(path) ? later.get(path)! : path);
  // Paths a file was moved from, and what each commit naming one (or moving a file from it) names today.
  const movedFrom = new Set(
    commits.flatMap(({ files }) => files.flatMap((file) => (file.status === 'R' && file.from ? [file.from] : []))),
  );
  const meanings = new Map<string, Set<string | null>>();
  const means = (path: string, now: string | null): void => {
    if (!movedFrom.has(path)) return;
    const seen = meanings.get(path);
    if (seen) seen.add(now);
    else meanings.set(path, new Set([now]));
  };
  const logged = commits.map(({ parents, files }) => {
    const named = files.map((file) => current(file.path));
    for (const [i, file] of files.entries()) means(file.path, named[i]!);
    for (const file of files)
      if (file.status === 'A' || file.status === 'R' || file.status === 'C') later.set(file.path, null);
    for (const [i, file] of files.entries())
      if (file.status === 'R' && file.from !== undefined) {
        later.set(file.from, named[i]!);
        means(file.from, named[i]!);
      }
    return {
      root: parents === '',
      files: [...new Set(named.filter((path): path is string => path !== null && path !== ''))],
      touched: new Set(files.map((file) => file.path)).size,
    };
  });
  // A path a file was moved from → that file's path today, when every commit naming the path meant it;
  // null when the path named several files (or one since gone) over the log.
  const renamed = new Map<string, string | null>();
  for (const path of movedFrom) {
    const seen = [...meanings.get(path)!];
    const now = seen.length === 1 ? seen[0]! : null;
    if (now !== path) renamed.set(path, now);
  }
  return { commits: logged, renamed };
}

/**
 * Mines co-change counts from `git log --first-parent` (see readHistoryLog),
 * keeping only paths in `known`. Bounded by the number of commits read and
 * the size of each commit.
 */
export function mineCoChanges(root: string, known: ReadonlySet<string>, options: HistoryOptions = {}): CoChangeHistory {
  return countCoChanges(readHistoryLog(root, options), known, options);
}

/** Co-change counts of a log already read: several settings can count one log (`rev` and `maxCommits` are the log's). */
export function countCoChanges(
  log: HistoryLog,
  known: ReadonlySet<string>,
  options: HistoryOptions = {},
): CoChangeHistory {
  if (!log.ok) return log.history;
  const { shallow } = log;
  const maxFiles = options.maxFilesPerCommit ?? DEFAULT_MAX_FILES_PER_COMMIT;
  const decay = options.recencyDecay ?? RECENCY_DECAY;
  const spread = options.spreadOverCommit ?? SPREAD_OVER_COMMIT;
  const touches = new Map<string, number>();
  const pairs = new Map<string, Map<string, number>>();
  const recentTouches = new Map<string, number>();
  const recentPairs = new Map<string, Map<string, number>>();
  const commits = log.commits.length;
  let skippedLarge = 0;
  for (const { root, files, touched } of log.commits) {
    // A root commit imports the project: it says nothing about coupling.
    if (root || touched > maxFiles) {
      skippedLarge++;
      continue;
    }
    const present = files.filter((f) => known.has(f)).sort();
    // The log is newest first: a path's weight here depends on how many of its commits came after.
    const weight = present.map((a) => decay ** (touches.get(a) ?? 0));
    // Shared among all the files the commit touched, indexed or not.
    const partnerShare = spread ? 1 / Math.max(1, touched - 1) : 1;
    for (const [i, a] of present.entries()) {
      touches.set(a, (touches.get(a) ?? 0) + 1);
      recentTouches.set(a, (recentTouches.get(a) ?? 0) + weight[i]!);
    }
    for (let i = 0; i < present.length; i++) {
      for (let j = i + 1; j < present.length; j++) {
        bump(pairs, present[i]!, present[j]!, 1);
        bump(pairs, present[j]!, present[i]!, 1);
        bump(recentPairs, present[i]!, present[j]!, weight[i]! * partnerShare);
        bump(recentPairs, present[j]!, present[i]!, weight[j]! * partnerShare);
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
