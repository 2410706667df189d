import { skipByPath } from '../repo/files.js';
import { languageForPath } from '../parse/languages.js';
import { Bm25Index } from './bm25.js';
import {
  coChangeRanking,
  countChangedLines,
  DEFAULT_HISTORY_BOUNDS,
  DEFAULT_REPLAY_CRITERIA,
  readFirstParentLog,
  selectReplayCases,
  type CaseSelection,
  type MinedCommit,
  type ReplayCase,
} from './commit-mining.js';
import { BenchInputError } from './errors.js';
import { resolveCommit, resolveGitDir, runGit, SnapshotRepository } from './git.js';
import { changedFilesFromDiff, changedText, type ChangedFile } from '../context/seeds.js';
import { lexicalTokens, termCounts } from '../context/tokens.js';
import { revloopRanking, scoreMethod, validateMethods } from './revloop-variants.js';
import { sameDirectoryRanking } from './same-directory.js';
import { headBlobs, TermCache } from './term-cache.js';
import { GIT_DIFF_FORMAT } from '../repo/git-env.js';

/** The baselines of the replay; every revloop variant is a method too. */
export const REPLAY_BASELINES = ['same-dir', 'history', 'lexical', 'lexical-diff'] as const;
export const DEFAULT_REPLAY_METHODS = ['revloop', 'same-dir', 'history', 'lexical'];
/**
 * A revloop variant named with this suffix is seeded with the seed file's
 * change (the lines the commit changed in it and their text), as a pull
 * request's diff seeds revloop, instead of the file alone.
 */
export const WITH_DIFF = '+diff';

export interface ReplayOptions {
  /** Cases per repository, picked evenly over the qualifying commits of the span. */
  commits: number;
  /** How many of the newest first-parent commits are looked at. */
  span: number;
  /** Where history starts (default HEAD of the repository). */
  head: string;
  methods: readonly string[];
  /** Parent directory for the scratch checkout (default: the OS temp dir). */
  workDir?: string;
  log?: (message: string) => void;
}

export interface ReplayItem extends ReplayCase {
  /** Per method: the 1-based rank of each target (same order as `targets`), null when not ranked. */
  ranks: Record<string, (number | null)[]>;
  /** Per method that failed on this case: the error. A failure scores as nothing found. */
  errors: Record<string, string>;
  /** Files of the parent tree whose blobs the local repository lacks: absent from the checkout for every method. */
  absentFiles: number;
}

export interface ReplayRun {
  /** A short name for the table (see repositoryLabel). */
  repository: string;
  path: string;
  head: string;
  selection: Omit<CaseSelection, 'cases'>;
  items: ReplayItem[];
  /** Milliseconds spent in each method, summed over cases. */
  methodMs: Record<string, number>;
  wallMs: number;
}

/**
 * The name a repository path goes by in the tables: the directory name
 * without `.git`, and `owner/name` for the mirror layout `owner+name/repo`.
 */
export function repositoryLabel(path: string): string {
  const parts = path.split('/').filter((part) => part.length > 0 && part !== '.git');
  let name = parts[parts.length - 1] ?? path;
  if (name === 'repo' && parts.length > 1) name = parts[parts.length - 2]!;
  return name.replace(/\.git$/, '').replace('+', '/');
}

/** Whether revloop would rank this path at all: a supported language, not vendored or generated. */
export function isSourcePath(path: string): boolean {
  return languageForPath(path) !== undefined && skipByPath(path) === undefined;
}

export function validateReplayMethods(methods: readonly string[]): void {
  const variants = methods.map((m) => (m.endsWith(WITH_DIFF) ? m.slice(0, -WITH_DIFF.length) : m));
  validateMethods(variants, REPLAY_BASELINES, 'the co-change replay');
  const baseline = methods.find((m) => m.endsWith(WITH_DIFF) && REPLAY_BASELINES.some((b) => `${b}${WITH_DIFF}` === m));
  if (baseline !== undefined)
    throw new BenchInputError(`"${baseline}": only revloop variants take ${WITH_DIFF} (lexical-diff is the baseline)`);
}

/**
 * The commit's change of the seed file as a diff would seed revloop with
 * it, in the lines of the parent's version (the tree that is ranked): the
 * diff from the commit back to its parent, whose new side is the parent.
 */
export function seedChange(gitDir: string, testCase: ReplayCase): ChangedFile {
  const diff = (from: string, to: string): string =>
    runGit([
      '--literal-pathspecs',
      '--git-dir',
      gitDir,
      'diff',
      '-U0',
      '--no-renames',
      ...GIT_DIFF_FORMAT,
      from,
      to,
      '--',
      testCase.seed,
    ]);
  const [backwards] = changedFilesFromDiff(diff(testCase.sha, testCase.parent));
  // The diff runs backwards: its added lines are the ones the commit removed.
  const change: ChangedFile = { path: testCase.seed, status: 'modified', ranges: backwards?.ranges ?? [] };
  if (backwards?.removedText !== undefined) change.addedText = backwards.removedText;
  if (backwards?.addedText !== undefined) change.removedText = backwards.addedText;
  // The old side of the commit's own diff is the parent: line history blames those lines, as it
  // would a pull request's.
  const before = changedFilesFromDiff(diff(testCase.parent, testCase.sha))[0]?.before;
  if (before) change.before = before;
  return change;
}

/**
 * Co-change replay on one repository: for each selected commit, check out
 * its parent in a scratch repository whose history ends there, seed every
 * method with one changed file, and record where the other changed files
 * land.
 */
export async function replayRepository(repository: string, options: ReplayOptions): Promise<ReplayRun> {
  validateReplayMethods(options.methods);
  const started = performance.now();
  const label = repositoryLabel(repository);
  const gitDir = resolveGitDir(repository);
  const head = resolveCommit(gitDir, options.head);
  if (!head) throw new BenchInputError(`${repository}: no commit "${options.head}" (pass --head REV)`);
  const log = readFirstParentLog(gitDir, head, options.span + DEFAULT_HISTORY_BOUNDS.depth);
  const selection = selectReplayCases(log, options.span, options.commits, {
    ...DEFAULT_REPLAY_CRITERIA,
    isSource: isSourcePath,
    countLines: (commit, files) => countChangedLines(gitDir, commit, files),
  });
  const total = selection.cases.length;
  options.log?.(
    `${label}: ${total} cases from ${selection.qualifying} qualifying of ${selection.examined} commits (left out: ${formatCounts(selection.disqualified)})`,
  );
  const methodMs: Record<string, number> = Object.fromEntries(options.methods.map((m) => [m, 0]));
  const items: ReplayItem[] = [];
  const snapshot = SnapshotRepository.create(gitDir, options.workDir, options.log);
  const terms = new TermCache();
  try {
    for (const [n, testCase] of selection.cases.entries()) {
      snapshot.checkout(testCase.parent);
      const item: ReplayItem = { ...testCase, ranks: {}, errors: {}, absentFiles: snapshot.missingFiles.length };
      const context = replayContext(snapshot.root, testCase, log, terms, () => seedChange(gitDir, testCase));
      for (const method of options.methods) {
        const scored = await scoreMethod(() => rankForMethod(method, context), testCase.targets, testCase.seed);
        methodMs[method]! += scored.ms;
        item.ranks[method] = scored.ranks;
        if (scored.error !== undefined) {
          item.errors[method] = scored.error;
          options.log?.(`${label} ${testCase.sha.slice(0, 10)}: ${method} failed: ${scored.error}`);
        }
      }
      items.push(item);
      options.log?.(
        `${label} [${n + 1}/${total}] ${testCase.sha.slice(0, 10)} seed ${testCase.seed}: ${options.methods
          .map((m) => `${m} ${formatRanks(item.ranks[m]!)}`)
          .join('; ')}`,
      );
    }
  } finally {
    snapshot.dispose();
  }
  const counts = {
    examined: selection.examined,
    qualifying: selection.qualifying,
    disqualified: selection.disqualified,
  };
  return {
    repository: label,
    path: repository,
    head,
    selection: counts,
    items,
    methodMs,
    wallMs: performance.now() - started,
  };
}

interface ReplayContext {
  root: string;
  testCase: ReplayCase;
  log: readonly MinedCommit[];
  /** Source files of the parent tree other than the seed. */
  candidates: Set<string>;
  blobs: Map<string, string>;
  terms: TermCache;
  /** The seed's change (read once, when a method asks for it). */
  change: () => ChangedFile;
}

function replayContext(
  root: string,
  testCase: ReplayCase,
  log: readonly MinedCommit[],
  terms: TermCache,
  readChange: () => ChangedFile,
): ReplayContext {
  const blobs = headBlobs(root);
  const candidates = new Set<string>();
  for (const path of blobs.keys()) if (path !== testCase.seed && isSourcePath(path)) candidates.add(path);
  let change: ChangedFile | undefined;
  return { root, testCase, log, candidates, blobs, terms, change: () => (change ??= readChange()) };
}

async function rankForMethod(method: string, context: ReplayContext): Promise<string[]> {
  const { root, testCase } = context;
  switch (method) {
    case 'same-dir':
      return sameDirectoryRanking(testCase.seed, context.candidates);
    case 'history':
      return coChangeRanking(context.log, testCase.logIndex, testCase.seed, context.candidates);
    case 'lexical': {
      const seedBlob = context.blobs.get(testCase.seed);
      const seedTerms = seedBlob ? context.terms.terms(root, testCase.seed, seedBlob) : undefined;
      return seedTerms?.ok ? lexicalRanking(context, seedTerms.counts) : [];
    }
    case 'lexical-diff':
      return lexicalRanking(context, termCounts(lexicalTokens(changedText(context.change()))));
    default:
      return method.endsWith(WITH_DIFF)
        ? revloopRanking(root, { changed: [context.change()], base: 'HEAD' }, method.slice(0, -WITH_DIFF.length))
        : revloopRanking(root, { changed: [{ path: testCase.seed, status: 'modified', ranges: [] }] }, method);
  }
}

/**
 * BM25 of identifier parts (each distinct part once) against the other
 * source files: the seed file's (`lexical`) or its changed lines' (`lexical-diff`).
 */
function lexicalRanking(context: ReplayContext, seedTerms: ReadonlyMap<string, number>): string[] {
  const { root, blobs, terms } = context;
  if (seedTerms.size === 0) return [];
  const index = new Bm25Index();
  for (const path of [...context.candidates].sort()) {
    const fileTerms = terms.terms(root, path, blobs.get(path)!);
    if (fileTerms.ok) index.add(path, fileTerms.counts);
  }
  const query = new Map([...seedTerms.keys()].map((term) => [term, 1]));
  return index.search(query).map((hit) => hit.id);
}

function formatRanks(ranks: readonly (number | null)[]): string {
  return `[${ranks.map((r) => (r === null ? '–' : String(r))).join(',')}]`;
}

function formatCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
}
