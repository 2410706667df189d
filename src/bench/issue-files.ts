import { Bm25Index } from './bm25.js';
import { resolveCommit, SnapshotRepository } from './git.js';
import { revloopRanking, scoreMethod, validateMethods } from './revloop-variants.js';
import { goldFilesFromPatch, isPythonTestPath, locateRepository, type SwebenchInstance } from './swebench.js';
import { headBlobs, TermCache } from './term-cache.js';
import { lexicalTokens, termCounts } from '../context/tokens.js';

/**
 * `bm25`: each distinct term of the issue once, the configuration that
 * reproduces the reference numbers of ../shared/data/README.md;
 * `bm25-tf`: a term repeated in the issue counts each time, a stronger
 * baseline on SWE-bench.
 */
export const ISSUE_BASELINES = ['bm25', 'bm25-tf'] as const;
export const DEFAULT_ISSUE_METHODS = ['revloop', ...ISSUE_BASELINES];

export interface IssueOptions {
  /** Directory holding the repositories (see locateRepository). */
  repoDir: string;
  methods: readonly string[];
  workDir?: string;
  log?: (message: string) => void;
}

export interface IssueItem {
  instanceId: string;
  repo: string;
  baseCommit: string;
  /** Gold files that existed at base_commit: what the methods must find. */
  gold: string[];
  /** Gold files the patch creates: no method can rank them, so they are left out of the scores. */
  created: string[];
  ranks: Record<string, (number | null)[]>;
  errors: Record<string, string>;
  /** Files of the tree whose blobs the local repository lacks: absent from the checkout for every method. */
  absentFiles: number;
}

export interface IssueRun {
  items: IssueItem[];
  /** Instances left out, with the reason (no gold file existed at base_commit, base_commit missing). */
  skipped: { instanceId: string; reason: string }[];
  /** Per repository, per method: milliseconds summed over instances. */
  methodMs: Record<string, Record<string, number>>;
  wallMs: number;
}

export function validateIssueMethods(methods: readonly string[]): void {
  validateMethods(methods, ISSUE_BASELINES, 'issue → files');
}

/**
 * Issue → files: for each instance, check out base_commit (history ending
 * there), rank from the problem statement alone, and record where the
 * files of the gold patch land.
 */
export async function runIssueFiles(instances: readonly SwebenchInstance[], options: IssueOptions): Promise<IssueRun> {
  validateIssueMethods(options.methods);
  const started = performance.now();
  const byRepo = new Map<string, SwebenchInstance[]>();
  for (const instance of instances) byRepo.set(instance.repo, [...(byRepo.get(instance.repo) ?? []), instance]);
  // Locate every repository before the long part starts, so a missing one fails fast.
  const gitDirs = new Map([...byRepo.keys()].map((repo) => [repo, locateRepository(options.repoDir, repo)]));

  const items: IssueItem[] = [];
  const skipped: IssueRun['skipped'] = [];
  const methodMs: IssueRun['methodMs'] = {};
  let done = 0;
  for (const [repo, repoInstances] of [...byRepo.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const gitDir = gitDirs.get(repo)!;
    const spent: Record<string, number> = Object.fromEntries(options.methods.map((m) => [m, 0]));
    methodMs[repo] = spent;
    const snapshot = SnapshotRepository.create(gitDir, options.workDir, options.log);
    const terms = new TermCache();
    try {
      for (const instance of repoInstances) {
        done++;
        const gold = goldFilesFromPatch(instance.patch);
        if (gold.existing.length === 0) {
          skipped.push({ instanceId: instance.instance_id, reason: 'the patch only creates files' });
          continue;
        }
        if (!resolveCommit(gitDir, instance.base_commit)) {
          skipped.push({ instanceId: instance.instance_id, reason: `base_commit is not in ${gitDir}` });
          continue;
        }
        snapshot.checkout(instance.base_commit);
        const item: IssueItem = {
          instanceId: instance.instance_id,
          repo,
          baseCommit: instance.base_commit,
          gold: gold.existing,
          created: gold.created,
          ranks: {},
          errors: {},
          absentFiles: snapshot.missingFiles.length,
        };
        for (const method of options.methods) {
          const scored = await scoreMethod(
            () =>
              method === 'bm25' || method === 'bm25-tf'
                ? bm25Ranking(snapshot.root, instance.problem_statement, terms, method === 'bm25-tf')
                : revloopRanking(snapshot.root, { changed: [], text: instance.problem_statement }, method),
            item.gold,
          );
          spent[method]! += scored.ms;
          item.ranks[method] = scored.ranks;
          if (scored.error !== undefined) {
            item.errors[method] = scored.error;
            options.log?.(`${instance.instance_id}: ${method} failed: ${scored.error}`);
          }
        }
        items.push(item);
        options.log?.(
          `[${done}/${instances.length}] ${instance.instance_id}: ${options.methods
            .map((m) => `${m} [${item.ranks[m]!.map((r) => (r === null ? '–' : String(r))).join(',')}]`)
            .join('; ')}`,
        );
      }
    } finally {
      snapshot.dispose();
    }
  }
  return { items, skipped, methodMs, wallMs: performance.now() - started };
}

/**
 * The BM25 baseline: the problem statement's tokens against the contents
 * of the non-test `.py` files of the tree; with `repeats`, a term counts
 * as often as the issue uses it, else once.
 */
export function bm25Ranking(root: string, issueText: string, terms: TermCache, repeats: boolean): string[] {
  const index = new Bm25Index();
  for (const [path, blob] of [...headBlobs(root)].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (!path.endsWith('.py') || isPythonTestPath(path)) continue;
    const fileTerms = terms.terms(root, path, blob);
    if (fileTerms.ok) index.add(path, fileTerms.counts);
  }
  const counts = termCounts(lexicalTokens(issueText));
  const query = repeats ? counts : new Map([...counts.keys()].map((term) => [term, 1]));
  return index.search(query).map((hit) => hit.id);
}
