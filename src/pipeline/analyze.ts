import { buildCodeGraph, type CodeGraph } from '../graph/code-graph.js';
import { rankFiles, type Ranking } from '../graph/rank.js';
import { buildRepoIndex, type IndexOptions, type RepoIndex } from '../parse/repo-index.js';
import type { Seeds } from '../context/seeds.js';

export interface Analysis {
  index: RepoIndex;
  graph: CodeGraph;
  ranking: Ranking;
  timings: RepoIndex['timings'] & { graphMs: number; rankMs: number };
  /** Peak resident set size (MB) at the end of each phase: where memory goes. */
  peakRssMb: { index: number; graph: number; rank: number };
}

/** list → parse → graph → rank: the retrieval half of every revloop command. */
export async function analyzeRepository(root: string, seeds: Seeds, options: IndexOptions = {}): Promise<Analysis> {
  const peak = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
  const index = await buildRepoIndex(root, options);
  const afterIndex = peak();
  const t0 = performance.now();
  const graph = buildCodeGraph(index.files);
  const t1 = performance.now();
  const afterGraph = peak();
  const ranking = rankFiles(graph, index.files, seeds);
  const t2 = performance.now();
  if (!ranking.converged)
    options.log?.(`revloop: ranking stopped after ${ranking.iterations} iterations without converging`);
  return {
    index,
    graph,
    ranking,
    timings: { ...index.timings, graphMs: t1 - t0, rankMs: t2 - t1 },
    peakRssMb: { index: afterIndex, graph: afterGraph, rank: peak() },
  };
}
