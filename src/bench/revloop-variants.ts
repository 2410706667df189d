import { analyzeRepository, type AnalyzeOptions } from '../pipeline/analyze.js';
import type { Seeds } from '../context/seeds.js';

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
  // What the seed relies on, nothing that relies on it: the direction aider's ranking follows.
  'revloop-forward-only': { history: false, weights: { impact: 0, cochange: 0 } },
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
