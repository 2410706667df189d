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
import { resolveCommit, resolveGitDir, SnapshotRepository } from './git.js';
import { revloopRanking, scoreMethod, validateMethods } from './revloop-variants.js';
import { sameDirectoryRanking } from './same-directory.js';
import { headBlobs, TermCache } from './term-cache.js';

/** The baselines of the replay; every revloop variant is a method too. */
export const REPLAY_BASELINES = ['same-dir', 'history', 'lexical'] as const;
export const DEFAULT_REPLAY_METHODS = ['revloop', ...REPLAY_BASELINES];

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
  validateMethods(methods, REPLAY_BASELINES, 'the co-change replay');
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
  const snapshot = SnapshotRepository.create(gitDir, options.workDir);
  const terms = new TermCache();
  try {
    for (const [n, testCase] of selection.cases.entries()) {
      snapshot.checkout(testCase.parent);
      const item: ReplayItem = { ...testCase, ranks: {}, errors: {}, absentFiles: snapshot.missingFiles.length };
      const context = replayContext(snapshot.root, testCase, log, terms);
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
}

function replayContext(
  root: string,
  testCase: ReplayCase,
  log: readonly MinedCommit[],
  terms: TermCache,
): ReplayContext {
  const blobs = headBlobs(root);
  const candidates = new Set<string>();
  for (const path of blobs.keys()) if (path !== testCase.seed && isSourcePath(path)) candidates.add(path);
  return { root, testCase, log, candidates, blobs, terms };
}

async function rankForMethod(method: string, context: ReplayContext): Promise<string[]> {
  const { root, testCase } = context;
  switch (method) {
    case 'same-dir':
      return sameDirectoryRanking(testCase.seed, context.candidates);
    case 'history':
      return coChangeRanking(context.log, testCase.logIndex, testCase.seed, context.candidates);
    case 'lexical':
      return lexicalRanking(context);
    default:
      return revloopRanking(root, { changed: [{ path: testCase.seed, status: 'modified', ranges: [] }] }, method);
  }
}

/** BM25 of the seed file's identifier parts (each distinct part once) against the other source files. */
function lexicalRanking(context: ReplayContext): string[] {
  const { root, testCase, blobs, terms } = context;
  const seedBlob = blobs.get(testCase.seed);
  const seedTerms = seedBlob ? terms.terms(root, testCase.seed, seedBlob) : undefined;
  if (!seedTerms?.ok) return [];
  const index = new Bm25Index();
  for (const path of [...context.candidates].sort()) {
    const fileTerms = terms.terms(root, path, blobs.get(path)!);
    if (fileTerms.ok) index.add(path, fileTerms.counts);
  }
  const query = new Map([...seedTerms.counts.keys()].map((term) => [term, 1]));
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
