import { describe, expect, it } from 'vitest';
import { personalizedPageRank, type SparseGraph } from '../../src/graph/pagerank.js';

/** Builds sparse rows from an edge list [u, v, w]. */
function sparse(size: number, edges: [number, number, number][]): SparseGraph {
  const rows: [number, number][][] = Array.from({ length: size }, () => []);
  for (const [u, v, w] of edges) rows[u]!.push([v, w]);
  const rowStart = new Uint32Array(size + 1);
  const targets: number[] = [];
  const weights: number[] = [];
  rows.forEach((row, u) => {
    rowStart[u] = targets.length;
    for (const [v, w] of row) {
      targets.push(v);
      weights.push(w);
    }
  });
  rowStart[size] = targets.length;
  return { size, rowStart, targets: Uint32Array.from(targets), weights: Float64Array.from(weights) };
}

const sum = (xs: Float64Array): number => xs.reduce((a, b) => a + b, 0);

describe('personalizedPageRank', () => {
  it('matches the closed form on a two-node cycle', () => {
    // Symmetric cycle: uniform restart gives 1/2 each.
    const { scores, converged } = personalizedPageRank(
      sparse(2, [
        [0, 1, 1],
        [1, 0, 1],
      ]),
      new Float64Array(2),
    );
    expect(converged).toBe(true);
    expect(scores[0]).toBeCloseTo(0.5, 9);
    expect(scores[1]).toBeCloseTo(0.5, 9);
  });

  it('solves r = d·Pᵀr + (1−d)·p for a personalised chain with a dangling end', () => {
    // 0 → 1 → 2, node 2 dangling; all restart mass on node 0.
    const d = 0.85;
    const p = Float64Array.from([1, 0, 0]);
    const { scores } = personalizedPageRank(
      sparse(3, [
        [0, 1, 1],
        [1, 2, 1],
      ]),
      p,
      { damping: d, tolerance: 1e-14 },
    );
    // Dangling mass returns to p, so: r0 = (1-d) + d*r2, r1 = d*r0, r2 = d*r1.
    const r0 = 1 / (1 + d + d * d);
    expect(scores[0]).toBeCloseTo(r0, 9);
    expect(scores[1]).toBeCloseTo(d * r0, 9);
    expect(scores[2]).toBeCloseTo(d * d * r0, 9);
    expect(sum(scores)).toBeCloseTo(1, 12);
  });

  it('splits by edge weight and prefers nodes near the seed', () => {
    const graph = sparse(4, [
      [0, 1, 3],
      [0, 2, 1],
      [1, 3, 1],
      [2, 3, 1],
      [3, 0, 1],
    ]);
    const { scores } = personalizedPageRank(graph, Float64Array.from([1, 0, 0, 0]));
    expect(scores[1]!).toBeGreaterThan(scores[2]!);
    expect(scores[1]! / scores[2]!).toBeCloseTo(3, 6);
  });

  it('reports non-convergence when the iteration budget is too small', () => {
    const graph = sparse(3, [
      [0, 1, 1],
      [1, 2, 1],
      [2, 0, 1],
    ]);
    const result = personalizedPageRank(graph, Float64Array.from([1, 0, 0]), { maxIterations: 2, tolerance: 1e-15 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(2);
  });

  it('handles the empty graph', () => {
    expect(personalizedPageRank(sparse(0, []), new Float64Array(0)).scores.length).toBe(0);
  });
});
