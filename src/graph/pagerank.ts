/**
 * Personalized PageRank by power iteration over a weighted directed graph
 * given as compressed sparse rows. graphology-metrics has no personalization
 * vector, so this is ours; it is deterministic because the rows are built in
 * a fixed order and summed in that order.
 */
export interface SparseGraph {
  /** Number of nodes. */
  size: number;
  /** rowStart[u]..rowStart[u+1] index the out-edges of u in `targets`/`weights`. */
  rowStart: Uint32Array;
  targets: Uint32Array;
  weights: Float64Array;
}

export interface PageRankOptions {
  damping?: number;
  /** Stop when the L1 change between iterations falls below this. */
  tolerance?: number;
  maxIterations?: number;
}

export interface PageRankResult {
  scores: Float64Array;
  iterations: number;
  converged: boolean;
}

/**
 * `personalization` need not be normalised; an all-zero vector means
 * uniform. Dangling nodes (no out-edges) send their mass back to the
 * personalization vector, so rank never leaks.
 */
export function personalizedPageRank(
  graph: SparseGraph,
  personalization: Float64Array,
  options: PageRankOptions = {},
): PageRankResult {
  const damping = options.damping ?? 0.85;
  const tolerance = options.tolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 200;
  const n = graph.size;
  if (n === 0) return { scores: new Float64Array(0), iterations: 0, converged: true };

  const p = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) total += Math.max(0, personalization[i] ?? 0);
  if (total > 0) for (let i = 0; i < n; i++) p[i] = Math.max(0, personalization[i] ?? 0) / total;
  else p.fill(1 / n);

  const outWeight = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    let sum = 0;
    for (let e = graph.rowStart[u]!; e < graph.rowStart[u + 1]!; e++) sum += graph.weights[e]!;
    outWeight[u] = sum;
  }

  let rank = Float64Array.from(p);
  let next = new Float64Array(n);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    next.fill(0);
    let dangling = 0;
    for (let u = 0; u < n; u++) {
      const r = rank[u]!;
      if (r === 0) continue;
      const w = outWeight[u]!;
      if (w <= 0) {
        dangling += r;
        continue;
      }
      const share = (damping * r) / w;
      for (let e = graph.rowStart[u]!; e < graph.rowStart[u + 1]!; e++)
        next[graph.targets[e]!]! += share * graph.weights[e]!;
    }
    const restart = 1 - damping + damping * dangling;
    let delta = 0;
    for (let i = 0; i < n; i++) {
      const value = next[i]! + restart * p[i]!;
      delta += Math.abs(value - rank[i]!);
      next[i] = value;
    }
    [rank, next] = [next, rank];
    if (delta < tolerance) return { scores: rank, iterations: iteration, converged: true };
  }
  return { scores: rank, iterations: maxIterations, converged: false };
}
