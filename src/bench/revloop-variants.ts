import { analyzeRepository, type AnalyzeOptions } from '../pipeline/analyze.js';
import type { Seeds } from '../context/seeds.js';
import { BenchInputError } from './errors.js';
import { relevantRanks } from './metrics.js';

/**
 * revloop as the benchmark runs it: the real pipeline, so every change to
 * parsing, the graph or the ranking shows up in the numbers. The variants
 * are ablations: the same pipeline with one ingredient switched off, so the
 * tables show what each ingredient adds. Each variant parses the tree
 * again; ask for them with `--methods` when their cost is worth it.
 */
export const REVLOOP_VARIANTS: Readonly<Record<string, Readonly<AnalyzeOptions>>> = {
  revloop: {},
  // Graph only: no git history mining (what a shallow clone gets).
  'revloop-no-history': { history: false },
  // History read path by path: a file's commits from before it moved are lost.
  'revloop-no-renames': { history: { followRenames: false } },
  // What the seed relies on, nothing that relies on it, and no word matching: the graph walk aider's ranking does.
  'revloop-forward-only': {
    history: false,
    weights: { impact: 0, cochange: 0, seedLexical: 0, changeLexical: 0, lexical: 0, lexicalSeed: 0 },
  },
  // References matched by name alone, no import resolution: aider's graph, with everything else of revloop's.
  'revloop-name-only': { graph: { resolveImports: false } },
  // Without the changed files' words (nor, seeded with a diff, the changed lines' words) matched against the others.
  'revloop-no-lexical': { weights: { seedLexical: 0, changeLexical: 0 } },
  // Seeded with a diff: without the files that still have the lines and names it removed.
  'revloop-no-removed': { weights: { removedLines: 0, removedNames: 0 } },
  // Seeded with a diff: without the files changed by the commits that wrote the lines it edits.
  'revloop-no-line-history': { weights: { lineHistory: 0 } },
};

export function isRevloopVariant(method: string): boolean {
  return Object.hasOwn(REVLOOP_VARIANTS, method);
}

/** Paths of revloop's file ranking, best first. */
export async function revloopRanking(root: string, seeds: Seeds, variant: string): Promise<string[]> {
  const options = REVLOOP_VARIANTS[variant];
  if (!options) throw new Error(`unknown revloop variant: ${variant}`);
  const analysis = await analyzeRepository(root, seeds, { ...options });
  return analysis.ranking.files.map((file) => file.path);
}

/** Refuses a method that is neither a revloop variant nor one of the protocol's baselines. */
export function validateMethods(methods: readonly string[], baselines: readonly string[], protocol: string): void {
  for (const method of methods) {
    if (!isRevloopVariant(method) && !baselines.includes(method)) {
      throw new BenchInputError(
        `unknown method "${method}" for ${protocol} (known: ${[...Object.keys(REVLOOP_VARIANTS), ...baselines].join(', ')})`,
      );
    }
  }
}

/**
 * Runs one method on one case: its ranking (minus `exclude`), the rank of
 * each relevant path, and the time spent. A method that throws is recorded
 * as an error and scores as ranking nothing, so a crash counts against it
 * instead of silently shrinking the sample.
 */
export async function scoreMethod(
  rank: () => Promise<string[]> | string[],
  relevant: readonly string[],
  exclude?: string,
): Promise<{ ranks: (number | null)[]; ms: number; error?: string }> {
  // Parsing awaits only settled promises, which never lets the event loop turn; yielding here lets
  // a Ctrl-C or SIGTERM reach the handler that removes the scratch checkouts.
  await new Promise((resolve) => setImmediate(resolve));
  const t0 = performance.now();
  let ranking: string[] = [];
  let error: string | undefined;
  try {
    ranking = await rank();
    if (exclude !== undefined) ranking = ranking.filter((path) => path !== exclude);
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  const ms = performance.now() - t0;
  return { ranks: relevantRanks(ranking, relevant), ms, ...(error === undefined ? {} : { error }) };
}
