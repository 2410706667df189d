/**
 * Retrieval metrics over one ranked list of paths (best first) and the set
 * of paths that should be found in it. A path missing from the list counts
 * as not found at any cut-off.
 */

/** 1-based position of each relevant path in the ranking, or null when it is not ranked. */
export function relevantRanks(ranking: readonly string[], relevant: readonly string[]): (number | null)[] {
  const position = new Map<string, number>();
  ranking.forEach((path, i) => {
    if (!position.has(path)) position.set(path, i + 1);
  });
  return relevant.map((path) => position.get(path) ?? null);
}

/** Share of the relevant paths ranked within the first k. */
export function recallAt(ranks: readonly (number | null)[], k: number): number {
  if (ranks.length === 0) throw new Error('recall of an empty relevant set is undefined');
  return ranks.filter((rank) => rank !== null && rank <= k).length / ranks.length;
}

/** 1 when at least one relevant path is within the first k, else 0. */
export function hitAt(ranks: readonly (number | null)[], k: number): number {
  return ranks.some((rank) => rank !== null && rank <= k) ? 1 : 0;
}

/** 1 when every relevant path is within the first k, else 0. */
export function allAt(ranks: readonly (number | null)[], k: number): number {
  if (ranks.length === 0) throw new Error('all@k of an empty relevant set is undefined');
  return ranks.every((rank) => rank !== null && rank <= k) ? 1 : 0;
}

/** 1 / position of the best-ranked relevant path; 0 when none is ranked. */
export function reciprocalRank(ranks: readonly (number | null)[]): number {
  let best = Infinity;
  for (const rank of ranks) if (rank !== null && rank < best) best = rank;
  return best === Infinity ? 0 : 1 / best;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** The metrics of the co-change replay for one commit. */
export interface ReplayScores {
  'recall@1': number;
  'recall@5': number;
  'recall@10': number;
  'recall@20': number;
  mrr: number;
}

export function replayScores(ranks: readonly (number | null)[]): ReplayScores {
  return {
    'recall@1': recallAt(ranks, 1),
    'recall@5': recallAt(ranks, 5),
    'recall@10': recallAt(ranks, 10),
    'recall@20': recallAt(ranks, 20),
    mrr: reciprocalRank(ranks),
  };
}

/** The metrics of issue → files for one instance. */
export interface IssueScores {
  'hit@1': number;
  'hit@5': number;
  'hit@10': number;
  'all@5': number;
}

export function issueScores(ranks: readonly (number | null)[]): IssueScores {
  return { 'hit@1': hitAt(ranks, 1), 'hit@5': hitAt(ranks, 5), 'hit@10': hitAt(ranks, 10), 'all@5': allAt(ranks, 5) };
}

/** Per-metric mean over items that all have the same metric names. */
export function meanScores<T extends object>(
  items: readonly T[],
  names: readonly (keyof T & string)[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of names) out[name] = mean(items.map((item) => item[name] as number));
  return out;
}
