import { buildCodeGraph, fileNodeId, type CodeGraph, type GraphOptions } from '../graph/code-graph.js';
import { rankFiles, type RankWeights, type Ranking } from '../graph/rank.js';
import { buildRepoIndex, type IndexOptions, type RepoIndex } from '../parse/repo-index.js';
import {
  countCoChanges,
  MIN_COCHANGES,
  readHistoryLog,
  type CoChangeHistory,
  type HistoryOptions,
} from '../repo/history.js';
import { queryTerms } from '../context/lexical.js';
import { readSourceFile } from '../repo/read.js';
import { changedText, type Seeds } from '../context/seeds.js';
import { removedCode } from '../context/removed-code.js';
import { blameChange, type LineHistory } from '../repo/line-history.js';

export interface AnalyzeOptions extends IndexOptions {
  /** Git history mining; `false` turns it off. */
  history?: false | HistoryOptions;
  weights?: Partial<RankWeights>;
  graph?: GraphOptions;
}

export interface Analysis {
  index: RepoIndex;
  graph: CodeGraph;
  history: CoChangeHistory | undefined;
  /** The commits that wrote the lines the diff edits (with `seeds.base` and history on). */
  lineHistory: LineHistory | undefined;
  ranking: Ranking;
  timings: RepoIndex['timings'] & { historyMs: number; lineHistoryMs: number; graphMs: number; rankMs: number };
  /** Peak resident set size (MB) at the end of each phase: where memory goes. */
  peakRssMb: { index: number; graph: number; rank: number };
}

/** An issue is a few hundred words; a pasted log could be far more. */
const MAX_QUERY_TERMS = 400;

/** list → parse → history → graph → rank: the retrieval half of every revloop command. */
export async function analyzeRepository(root: string, seeds: Seeds, options: AnalyzeOptions = {}): Promise<Analysis> {
  const peak = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
  // Text seeds and changed files are also matched word for word: their terms
  // are counted in every file while the parse workers read it.
  const textTerms = seeds.text ? [...queryTerms(seeds.text).keys()].slice(0, MAX_QUERY_TERMS) : [];
  const seedFileTerms = changedFileTerms(root, seeds);
  const changeTerms = changedLineTerms(seeds);
  const terms = [...new Set([...textTerms, ...seedFileTerms.keys(), ...changeTerms.keys()])];
  // What the diff removed is looked for in every file the same way.
  const removed = removedCode(seeds.changed);
  const index = await buildRepoIndex(root, {
    ...options,
    ...(terms.length > 0 ? { queryTerms: terms } : {}),
    removedCode: removed,
  });
  const afterIndex = peak();
  const t0 = performance.now();
  const known = new Set(index.files.map((f) => f.path));
  const historyOptions = options.history === false ? undefined : (options.history ?? {});
  const log = historyOptions && readHistoryLog(root, historyOptions);
  const history = log && countCoChanges(log, known, historyOptions);
  const tLines = performance.now();
  // The diff's old side is a commit of this repository: blame the lines it edits there.
  const lineHistory =
    log === undefined || seeds.base === undefined
      ? undefined
      : await blameChange(root, seeds.changed, seeds.base, known, {
          ...historyOptions,
          ...(seeds.guessedBase ? { requireBlob: true } : {}),
          // The log is read at `history.rev` (HEAD), later than or at the diff's base: its moves are since then too.
          ...(log.ok ? { renamed: log.renamed } : {}),
        });
  const t1 = performance.now();
  const graph = buildCodeGraph(index.files, { modules: index.modules, ...options.graph });
  if (history) addCoChangeEdges(graph, history);
  const t2 = performance.now();
  const afterGraph = peak();
  const ranking = rankFiles(graph, index.files, seeds, {
    history,
    weights: options.weights,
    seedFileTerms,
    changeTerms,
    removedCode: removed,
    ...(lineHistory ? { lineHistory } : {}),
  });
  const t3 = performance.now();
  if (!ranking.converged)
    options.log?.(`revloop: ranking stopped after ${ranking.iterations} iterations without converging`);
  return {
    index,
    graph,
    history,
    lineHistory,
    ranking,
    timings: {
      ...index.timings,
      historyMs: tLines - t0,
      lineHistoryMs: t1 - tLines,
      graphMs: t2 - t1,
      rankMs: t3 - t2,
    },
    peakRssMb: { index: afterIndex, graph: afterGraph, rank: peak() },
  };
}

/** Terms of the changed files (their most frequent ones): what the change is about, in words. */
export function changedFileTerms(root: string, seeds: Seeds, limit = MAX_QUERY_TERMS): Map<string, number> {
  const counts = new Map<string, number>();
  for (const changed of seeds.changed) {
    if (changed.status === 'deleted') continue;
    const read = readSourceFile(root, changed.path);
    if (!read.ok) continue;
    for (const [term, count] of queryTerms(`${changed.path}\n${read.text}`))
      counts.set(term, (counts.get(term) ?? 0) + count);
  }
  return dampedTop(counts, limit);
}

/**
 * Terms of the lines the change added and removed (when a diff gave them):
 * the words of the change itself, which name what else it touches better
 * than the rest of the file does.
 */
export function changedLineTerms(seeds: Seeds, limit = MAX_QUERY_TERMS): Map<string, number> {
  const counts = new Map<string, number>();
  for (const changed of seeds.changed) {
    for (const [term, count] of queryTerms(changedText(changed))) counts.set(term, (counts.get(term) ?? 0) + count);
  }
  return dampedTop(counts, limit);
}

/** The `limit` most frequent terms, damped: a term a file repeats 50 times is not 50 times the evidence. */
function dampedTop(counts: ReadonlyMap<string, number>, limit: number): Map<string, number> {
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit);
  return new Map(top.map(([term, count]) => [term, 1 + Math.log(count)]));
}

/** `cochanged` edges a → b weighted by the share of a's commits that also touched b. */
export function addCoChangeEdges(graph: CodeGraph, history: CoChangeHistory): void {
  for (const [a, row] of [...history.pairs].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))) {
    const from = graph.nodeIndex(fileNodeId(a));
    const total = history.touches.get(a) ?? 0;
    if (from === undefined || total === 0) continue;
    for (const [b, count] of [...row].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))) {
      const to = graph.nodeIndex(fileNodeId(b));
      if (to !== undefined && count >= MIN_COCHANGES) graph.addEdge(from, to, 'cochanged', count / total, 'history');
    }
  }
}
