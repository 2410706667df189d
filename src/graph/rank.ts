import type { TaggedFile } from '../parse/tag-file.js';
import type { Seeds } from '../context/seeds.js';
import { MIN_COCHANGES, type CoChangeHistory } from '../repo/history.js';
import { bm25Idf, bm25Scores, DEFAULT_BM25, queryTerms } from '../context/lexical.js';
import {
  describeRemovedCode,
  removedCodeScores,
  type RemovedCode,
  type RemovedCodeScores,
} from '../context/removed-code.js';
import { isTestPath } from '../repo/test-paths.js';
import type { LineHistory, LineHistoryCommit } from '../repo/line-history.js';
import { fileNodeId, type CodeGraph } from './code-graph.js';
import { personalizedPageRank } from './pagerank.js';
import { seedMass } from './personalization.js';

/**
 * Why a file is listed: `context` — what the seeds rely on (they call it,
 * import it, use its types); `impact` — what relies on the seeds (callers,
 * importers, tests) or historically changes with them.
 */
export type FileRole = 'context' | 'impact';

export interface RankedFile {
  path: string;
  score: number;
  role: FileRole;
  reasons: string[];
}

export interface RankedSymbol {
  id: string;
  path: string;
  name: string;
  symbolKind: string;
  line: number;
  score: number;
}

export interface Ranking {
  files: RankedFile[];
  symbols: RankedSymbol[];
  /** Files the walks started from (changed, mentioned, defining a mentioned name); empty: plain PageRank. */
  seedFiles: string[];
  /** Seeds that named something the index does not have (deleted or skipped files). */
  unmatched: string[];
  /** Facts the report should state (missing or shallow history, …). */
  notes: string[];
  iterations: number;
  converged: boolean;
}

/** How much each signal counts in a file's score; each signal is a distribution over files. */
export interface RankWeights {
  context: number;
  impact: number;
  cochange: number;
  /** BM25 of a text seed against the files (only when there is text). */
  lexical: number;
  /** How much of the walks' starting mass the best lexical matches get, relative to the other seeds. */
  lexicalSeed: number;
  /** BM25 of the changed files' own words against the other files. */
  seedLexical: number;
  /** BM25 of the words of the changed lines (added and removed, when a diff gave them) against the other files. */
  changeLexical: number;
  /** The removed lines (of a diff) a file still has, IDF-weighted (see removedCodeScores). */
  removedLines: number;
  /** The names a diff's removed lines used and its added lines no longer use, that a file still uses. */
  removedNames: number;
  /** Line history: the files changed by the commits that wrote the lines a diff edits (see blameChange). */
  lineHistory: number;
  /** Factor on test files when only a text seeds the ranking: an issue is fixed in code, not in its tests. */
  testFiles: number;
  /**
   * Co-change shares of the best-ranked files (FEEDBACK_FILES of them, not
   * seeds), added to the others' scores when files changed: what changes
   * with the likely partners of a change is likely a partner too.
   */
  feedback: number;
  /**
   * Factor on the graph's `cochanged` edges in both walks; 0 keeps history
   * out of the walks, where it is scored apart (cochange, feedback).
   */
  cochangeEdges: number;
}

export const DEFAULT_WEIGHTS: Readonly<RankWeights> = {
  context: 0.4,
  impact: 0.4,
  // Co-change replay (scripts/tune-cochange.ts) on two sets of repositories,
  // both used for the choice: with recency-weighted history and the
  // single-commit cut (see history.ts), cochange 0.6 -> 0.3 and seedLexical
  // 3 -> 4 took recall@10 from 0.673 to 0.699 on 12 repositories and from
  // 0.707 to 0.748 on the README's 8. SWE-bench (53 instances): hit@1
  // 0.472 -> 0.509, hit@5 and hit@10 unchanged. Then 3,000 commits of
  // history instead of 1,000, each commit's weight spread over its files and
  // one shared commit enough for a changed file (history.ts): cochange
  // 0.3 -> 1, chosen on new dumps of both sets over the history settings
  // alone, took recall@10 from 0.748 to 0.752 on the 8 and from 0.700 to
  // 0.725 on the 12 seeded with a file (0.775 -> 0.772, 0.723 -> 0.762
  // seeded with its diff).
  cochange: 1,
  // Tuned on 53 SWE-bench Verified instances (5 per repository) with
  // scripts/tune-issue-ranking.ts: hit@5 rose from 0.66 (lexical 1) to 0.83
  // (lexical 50, lexicalSeed 0.5), BM25 alone 0.70 on the same sample.
  lexical: 50,
  lexicalSeed: 0.5,
  seedLexical: 4,
  // Co-change replay seeded with the commit's diff of the seed file
  // (scripts/tune-cochange.ts fit --seed diff, `sd`), the walks starting
  // at the changed definitions: recall@10 0.748 -> 0.772 on the README's 8
  // repositories and 0.703 -> 0.726 on the other 12, the other weights
  // unchanged: the grid's best five on the 12 (up to 0.739) all scored
  // 0.760-0.770 on the 8.
  changeLexical: 4,
  // Chosen with `scripts/tune-cochange.ts removed` on dumps of both sets
  // (the blend seeded with the diff, feedback included; it reproduces the
  // benchmark's 0.790 and 0.777 without removed code): recall@10 0.790 ->
  // 0.790 on the README's 8 and 0.777 -> 0.784 on the other 12, MRR 0.688
  // -> 0.702 and 0.649 -> 0.653. Names alone at 0.5 score within 0.1
  // point; the lines stay for what names miss, a copy of a changed literal.
  removedLines: 0.25,
  removedNames: 0.5,
  // Chosen on the dumps of both sets (a one-off analysis of each case's
  // blame at its parent, the blend seeded with the diff, feedback included;
  // 0.1-1, 0, 1, 3 or 6 lines around, commits counted alike or by lines):
  // 3 lines, commits alike, 0.5 predicted recall@10 0.790 -> 0.803 on the
  // README's 8 and 0.784 -> 0.791 on the other 12. The benchmark: 0.790 ->
  // 0.803 and 0.784 -> 0.788, MRR 0.702 -> 0.724 and 0.652 -> 0.655.
  lineHistory: 0.5,
  testFiles: 0.3,
  // Chosen with `scripts/tune-cochange.ts feedback` (the dumps of both sets,
  // each case's log read again; the best 1-3 files, 0.1-0.3 of their
  // shares): the best 2 files and 0.2. The benchmark: recall@10 0.752 ->
  // 0.767 on the 8 and 0.725 -> 0.729 on the 12 seeded with a file, 0.772
  // -> 0.782 and 0.762 -> 0.765 seeded with its diff (lo -3.3 and redis
  // -2.3 seeded with a file, ripgrep +7.5, vue +5.0).
  feedback: 0.2,
  // Walking the cochanged edges too (scripts/tune-cochange.ts dump, columns
  // cw*/iw*), at 1 or 5 times their weight, cost recall@10 on both sets
  // seeded with a file: 0.752 -> 0.751 / 0.749 on the 8, 0.725 -> 0.722 /
  // 0.723 on the 12; the best other weights on one set did not carry over.
  cochangeEdges: 0,
};

/** Best-ranked files whose co-change shares feed back into the ranking (see RankWeights.feedback). */
export const FEEDBACK_FILES = 2;

/** Lexical matches that also start the walks: the best few, not the long tail. */
const LEXICAL_SEED_FILES = 10;

export interface RankOptions {
  history?: CoChangeHistory;
  /** Term weights of the changed files' contents (see analyzeRepository), for lexical similarity. */
  seedFileTerms?: ReadonlyMap<string, number>;
  /** Term weights of the changed lines (see analyzeRepository), for lexical similarity. */
  changeTerms?: ReadonlyMap<string, number>;
  /** What the diff removed; the files' hits were found while indexing (TaggedFile.removedCode). */
  removedCode?: RemovedCode;
  /** The commits that wrote the lines the diff edits, and their files (see blameChange). */
  lineHistory?: LineHistory;
  weights?: Partial<RankWeights>;
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const DAMPING = 0.85;
/** Edges kept per file to explain its rank; two are shown. */
const KEPT_EDGES = 6;

const REF_VERB: Readonly<Record<string, string>> = {
  call: 'calls',
  new: 'instantiates',
  inherit: 'inherits from',
  type: 'uses type',
  import: 'imports',
};

/** A finished walk: scores and each node's total out-weight (to explain where rank came from). */
export interface Walk {
  scores: Float64Array;
  outWeight: Float64Array;
  iterations: number;
  converged: boolean;
}

function walk(
  graph: CodeGraph,
  direction: 'forward' | 'reverse',
  personalization: Float64Array,
  cochangeEdges: number,
): Walk {
  const sparse = graph.toSparse(direction, cochangeEdges);
  const result = personalizedPageRank(sparse, personalization, { damping: DAMPING });
  const outWeight = new Float64Array(graph.order);
  for (let u = 0; u < graph.order; u++) {
    for (let e = sparse.rowStart[u]!; e < sparse.rowStart[u + 1]!; e++) outWeight[u]! += sparse.weights[e]!;
  }
  return { scores: result.scores, outWeight, iterations: result.iterations, converged: result.converged };
}

/** Per-file sums of node scores, as a map from path. */
function perFile(graph: CodeGraph, scores: Float64Array): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < graph.order; i++) {
    const node = graph.node(i);
    if (node.kind !== 'external') out.set(node.path, (out.get(node.path) ?? 0) + scores[i]!);
  }
  return out;
}

/**
 * Co-change distribution from the seed files: for each seed s, the share of
 * s's commits that also touched f, recent commits weighing more (see
 * RECENCY_DECAY) and each commit's weight shared among its files (see
 * SPREAD_OVER_COMMIT), averaged over seeds with history. A file that only
 * a text suggests (a path or name it mentions) is a guess: files that
 * changed with it fewer than MIN_COCHANGES times get nothing from it. A
 * changed file is certain, and one shared commit counts.
 */
export function coChangeScores(
  history: CoChangeHistory | undefined,
  seedFiles: string[],
  changed: ReadonlySet<string> = new Set(),
): Map<string, number> {
  const out = new Map<string, number>();
  if (!history?.available) return out;
  let seedsWithHistory = 0;
  for (const seed of seedFiles) {
    const total = history.recentTouches.get(seed);
    const row = history.recentPairs.get(seed);
    const counts = history.pairs.get(seed);
    if (!total || !row || !counts) continue;
    seedsWithHistory++;
    const minimum = minimumSharedCommits(seed, changed);
    for (const [other, weight] of row) {
      if ((counts.get(other) ?? 0) >= minimum) out.set(other, (out.get(other) ?? 0) + weight / total);
    }
  }
  if (seedsWithHistory > 1) for (const [path, value] of out) out.set(path, value / seedsWithHistory);
  return out;
}

/** The signals a ranking blends, each a score per file, before any weighting. */
export interface RankSignals {
  /** Forward walk (what the seeds rely on), summed per file. */
  context: Map<string, number>;
  /** Reverse walk (what relies on the seeds), summed per file; empty without seeds. */
  impact: Map<string, number>;
  /**
   * Share of the seed files' commits that also touched the file, recent
   * commits weighing more (see coChangeScores).
   */
  cochange: Map<string, number>;
  /** BM25 of the text seed, as a distribution over files. */
  lexical: Map<string, number>;
  /** BM25 of the changed files' own words, as a distribution over the other files. */
  similar: Map<string, number>;
  /** BM25 of the changed lines' words, as a distribution over the other files. */
  changeSimilar: Map<string, number>;
  /** The diff's removed lines and names that other files still have (empty without a diff). */
  removed: RemovedCodeScores;
  /** Line history's share of each file (empty without a diff blamed at its base). */
  lines: Map<string, number>;
  textQuery: Map<string, number>;
  seedFiles: string[];
  seedReasons: Map<string, string[]>;
  unmatched: string[];
  seeded: boolean;
  textOnly: boolean;
  forward: Walk;
  reverse: Walk | undefined;
}

/**
 * Computes the ranking's signals from the seeds: two personalized PageRank
 * walks (along and against the graph's edges), co-change shares and word
 * similarity. Only the walks' starting mass depends on the weights.
 */
export function rankSignals(
  graph: CodeGraph,
  files: readonly TaggedFile[],
  seeds: Seeds,
  options: RankOptions = {},
): RankSignals {
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const { mass, reasons: seedReasons, unmatched } = seedMass(graph, files, seeds);
  const textQuery = queryTerms(seeds.text ?? '');
  const lexical = seeds.text ? lexicalDistribution(textQuery, files) : new Map<string, number>();
  const changedPaths = new Set(seeds.changed.map((c) => c.path));
  const unchanged = files.filter((f) => !changedPaths.has(f.path));
  const similarTo = (terms: ReadonlyMap<string, number> | undefined): Map<string, number> =>
    terms && terms.size > 0 ? lexicalDistribution(terms, unchanged) : new Map<string, number>();
  const similar = similarTo(options.seedFileTerms);
  const changeSimilar = similarTo(options.changeTerms);
  const personalization = new Float64Array(graph.order);
  for (const [key, value] of mass) {
    const i = graph.nodeIndex(key);
    if (i !== undefined) personalization[i] = value;
  }
  // The best lexical matches start the walks too, with as much mass in all as the other seeds have.
  const explicitMass = [...mass.values()].reduce((a, b) => a + b, 0) || 1;
  const lexicalSeeds = [...lexical].sort((a, b) => b[1] - a[1] || byCodeUnit(a[0], b[0])).slice(0, LEXICAL_SEED_FILES);
  const lexicalSeedTotal = lexicalSeeds.reduce((sum, [, value]) => sum + value, 0);
  for (const [path, value] of lexicalSeeds) {
    const i = graph.nodeIndex(fileNodeId(path));
    if (i !== undefined) personalization[i]! += (weights.lexicalSeed * explicitMass * value) / lexicalSeedTotal;
  }
  const seeded = mass.size > 0 || lexicalSeeds.length > 0;
  const textOnly = seeds.text !== undefined && seeds.changed.length === 0;
  const forward = walk(graph, 'forward', personalization, weights.cochangeEdges);
  // Without seeds, "what relies on the seeds" has no meaning: rank by the forward walk alone.
  const reverse = seeded ? walk(graph, 'reverse', personalization, weights.cochangeEdges) : undefined;

  const seedFiles = [...seedReasons.keys()].sort(byCodeUnit);
  const context = perFile(graph, forward.scores);
  const impact = reverse ? perFile(graph, reverse.scores) : new Map<string, number>();
  const cochange = coChangeScores(options.history, seedFiles, changedPaths);
  const removed = options.removedCode
    ? removedCodeScores(options.removedCode, files, changedPaths)
    : { lines: new Map<string, number>(), names: new Map<string, number>(), found: new Map() };
  return {
    context,
    impact,
    cochange,
    lexical,
    similar,
    changeSimilar,
    removed,
    lines: options.lineHistory?.scores ?? new Map<string, number>(),
    textQuery,
    seedFiles,
    seedReasons,
    unmatched,
    seeded,
    textOnly,
    forward,
    reverse,
  };
}

/**
 * Ranks every file (and symbol) of the index from the seeds. Two
 * personalized PageRank walks start at the seeds: one along references and
 * imports (context: what the seeds rely on), one against them (impact: what
 * relies on the seeds); history adds how often files changed together with
 * the seed files. Without seeds this is plain PageRank over the references:
 * the files most of the repository relies on. Each file carries one-line
 * reasons: why it is a seed, its strongest edges, its co-change history.
 */
export function rankFiles(
  graph: CodeGraph,
  files: readonly TaggedFile[],
  seeds: Seeds,
  options: RankOptions = {},
): Ranking {
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const signals = rankSignals(graph, files, seeds, options);
  const { context, impact, cochange, lexical, similar, changeSimilar, removed, lines, textQuery } = signals;
  const { seedFiles, seedReasons, unmatched, seeded, textOnly, forward, reverse } = signals;

  const notes: string[] = [];
  if (options.history?.note) notes.push(`history: ${options.history.note}`);
  if (options.lineHistory?.note) notes.push(options.lineHistory.note);

  const changedPaths = new Set(seeds.changed.map((c) => c.path));
  const cochangeReasons = describeCoChanges(options.history, seedFiles, changedPaths);
  const contextReasons = strongestEdges(graph, forward, 'forward');
  const impactReasons = reverse ? strongestEdges(graph, reverse, 'reverse') : new Map<string, string[]>();

  const blended = files.map((file) => {
    const c = weights.context * (context.get(file.path) ?? 0);
    const i = weights.impact * (impact.get(file.path) ?? 0);
    const h = weights.cochange * (cochange.get(file.path) ?? 0);
    const textMatch = lexical.get(file.path) ?? 0;
    // Each lexical signal: its weighted share, and what its reason would say.
    const words: [number, ReadonlyMap<string, number> | undefined, string][] = [
      [weights.lexical * textMatch, textQuery, 'matches the text'],
      [
        weights.changeLexical * (changeSimilar.get(file.path) ?? 0),
        options.changeTerms,
        'shares words with the changed lines',
      ],
      [weights.seedLexical * (similar.get(file.path) ?? 0), options.seedFileTerms, 'uses the same words as the change'],
    ];
    const l = words.reduce((sum, [value]) => sum + value, 0);
    const r =
      weights.removedLines * (removed.lines.get(file.path) ?? 0) +
      weights.removedNames * (removed.names.get(file.path) ?? 0);
    const b = weights.lineHistory * (lines.get(file.path) ?? 0);
    const testFactor = textOnly && isTestPath(file.path) ? weights.testFiles : 1;
    const score = testFactor * (seeded ? c + i + h + l + r + b : (context.get(file.path) ?? 0));
    return { file, c, i, h, l, r, b, textMatch, words, score };
  });

  // What changes with the best-ranked files, when a change seeds the ranking (a text alone is a guess).
  const partners =
    seeds.changed.length > 0 && seeded && weights.feedback > 0
      ? blended
          .filter(({ file, score }) => score > 0 && !seedReasons.has(file.path))
          .sort((a, b) => b.score - a.score || byCodeUnit(a.file.path, b.file.path))
          .slice(0, FEEDBACK_FILES)
          .map(({ file }) => file.path)
      : [];
  const partnerSet = new Set(partners);
  // Coupled from one shared commit, as a changed file is: the partners are the ranking's surest files.
  const feedback = coChangeScores(options.history, partners, partnerSet);
  const feedbackReasons = describeCoChanges(options.history, partners, partnerSet);

  let idf: ((term: string) => number) | undefined;
  const rarity = (): ((term: string) => number) => (idf ??= termRarity(files));
  const ranked: RankedFile[] = blended.map(({ file, c, i, h: seedHistory, l, r, b, textMatch, words, score }) => {
    const fed =
      partnerSet.has(file.path) || seedReasons.has(file.path) ? 0 : weights.feedback * (feedback.get(file.path) ?? 0);
    // Line history is history too: the commits that wrote the edited lines.
    const h = seedHistory + fed + b;
    // Words say a file is related, not how: the role comes from the graph, history and the code
    // the change removed (a file that still has it follows the change).
    const role: RankedFile['role'] = i + h + r > c ? 'impact' : 'context';
    const reasons = [...(seedReasons.get(file.path) ?? [])];
    const found = r > 0 ? removed.found.get(file.path) : undefined;
    const leftover = found ? describeRemovedCode(found) : undefined;
    if (leftover && r >= c && r >= i + h) reasons.push(leftover);
    const strongest = words.reduce((best, next) => (next[0] > best[0] ? next : best));
    const matched = l <= 0 || !strongest[1] ? undefined : lexicalReason(file, strongest[1], strongest[2], rarity());
    // A text match is the reason when the text found the file; a shared vocabulary only fills in.
    if (matched && textMatch > 0 && l >= c && l >= i + h) reasons.push(matched);
    const fromEdges = role === 'impact' ? impactReasons : contextReasons;
    const otherEdges = role === 'impact' ? contextReasons : impactReasons;
    // The commits that wrote the edited lines explain best when they weighed most; then the
    // seeds' own history; a partner's when it weighed more.
    const lineCommit = b > 0 ? options.lineHistory?.best.get(file.path) : undefined;
    const history =
      lineCommit && b >= seedHistory && b >= fed
        ? describeLineHistory(lineCommit)
        : fed > seedHistory
          ? feedbackReasons.get(file.path)
          : (cochangeReasons.get(file.path) ?? (fed > 0 ? feedbackReasons.get(file.path) : undefined));
    if (role === 'impact' && history && h >= i) reasons.push(history);
    for (const reason of [...(fromEdges.get(file.path) ?? []), ...(otherEdges.get(file.path) ?? [])]) {
      if (reasons.length >= (seedReasons.has(file.path) ? 3 : 2)) break;
      reasons.push(reason);
    }
    if (history && !reasons.includes(history) && reasons.length < 3) reasons.push(history);
    if (leftover && !reasons.includes(leftover) && reasons.length < 3) reasons.push(leftover);
    if (matched && !reasons.includes(matched) && reasons.length < 3) reasons.push(matched);
    return { path: file.path, score: round(score + fed), role, reasons };
  });
  // The files the change touches lead the list whatever their blended score:
  // they are what the ranking is about, and their neighbours follow.
  const touched = new Set(seeds.changed.filter((c) => c.status !== 'deleted').map((c) => c.path));
  const first = (file: RankedFile): number => (touched.has(file.path) ? 0 : 1);
  ranked.sort((a, b) => first(a) - first(b) || b.score - a.score || byCodeUnit(a.path, b.path));

  const symbols: RankedSymbol[] = [];
  for (let n = 0; n < graph.order; n++) {
    const attributes = graph.node(n);
    if (attributes.kind !== 'symbol') continue;
    const score = seeded
      ? weights.context * forward.scores[n]! + weights.impact * reverse!.scores[n]!
      : forward.scores[n]!;
    symbols.push({
      id: graph.key(n),
      path: attributes.path,
      name: attributes.name!,
      symbolKind: attributes.symbolKind!,
      line: attributes.line!,
      score: round(score),
    });
  }
  symbols.sort((a, b) => b.score - a.score || byCodeUnit(a.id, b.id));
  return {
    files: ranked,
    symbols,
    seedFiles: seeded ? seedFiles : [],
    unmatched,
    notes,
    iterations: Math.max(forward.iterations, reverse?.iterations ?? 0),
    converged: forward.converged && (reverse?.converged ?? true),
  };
}

/**
 * For each file, the strongest edges that carried rank into it from another
 * file, described in one line each. Forward: "`a` in x.py calls `b`" (the
 * file defines b). Reverse: "`main` calls `apply_discount` (shop/pricing.py)"
 * (the file holds main, which relies on a seed-side symbol).
 */
function strongestEdges(graph: CodeGraph, run: Walk, direction: 'forward' | 'reverse'): Map<string, string[]> {
  const best = new Map<string, { edge: number; amount: number }[]>();
  graph.forEachDependencyEdge((edge, u, v, weight) => {
    // In the reverse walk rank flows from v (the referenced) to u (the referrer).
    const [from, to] = direction === 'forward' ? [u, v] : [v, u];
    if (run.outWeight[from]! <= 0 || run.scores[from] === 0) return;
    const path = graph.node(to).path;
    if (graph.node(from).path === path) return;
    const amount = (DAMPING * run.scores[from]! * weight) / run.outWeight[from]!;
    let list = best.get(path);
    if (!list) best.set(path, (list = []));
    if (list.length === KEPT_EDGES && amount <= list[KEPT_EDGES - 1]!.amount) return;
    list.push({ edge, amount });
    list.sort((a, b) => b.amount - a.amount || a.edge - b.edge);
    if (list.length > KEPT_EDGES) list.pop();
  });
  const out = new Map<string, string[]>();
  for (const [path, list] of best) {
    const texts = new Map<string, number>();
    for (const { edge, amount } of list) {
      const text = describeEdge(graph, edge, direction);
      texts.set(text, (texts.get(text) ?? 0) + amount);
    }
    out.set(
      path,
      [...texts]
        .sort((a, b) => b[1] - a[1] || byCodeUnit(a[0], b[0]))
        .slice(0, 2)
        .map(([text]) => text),
    );
  }
  return out;
}

function describeEdge(graph: CodeGraph, edge: number, direction: 'forward' | 'reverse'): string {
  const attributes = graph.edge(edge);
  const source = graph.node(graph.edgeSourceAt(edge));
  if (attributes.kind === 'imports') {
    return direction === 'forward' ? `imported by ${source.path}` : `imports ${attributes.name}`;
  }
  const verb = REF_VERB[attributes.refKind ?? ''] ?? 'references';
  if (direction === 'forward') {
    const who = source.kind === 'file' ? source.path : `\`${source.name}\` in ${source.path}`;
    return `${who} ${verb} \`${attributes.name}\``;
  }
  const target = graph.node(graph.edgeTargetAt(edge));
  const who = source.kind === 'file' ? 'top-level code' : `\`${source.name}\``;
  return `${who} ${verb} \`${attributes.name}\` (${target.path})`;
}

/** Commits a file must share with a seed to be coupled to it: one for a changed file, which is certain. */
function minimumSharedCommits(seed: string, changed: ReadonlySet<string>): number {
  return changed.has(seed) ? 1 : MIN_COCHANGES;
}

/** The reason for each co-changed file, with coChangeScores' minimum shared commits. */
function describeCoChanges(
  history: CoChangeHistory | undefined,
  seedFiles: string[],
  changed: ReadonlySet<string>,
): Map<string, string> {
  const out = new Map<string, string>();
  if (!history?.available) return out;
  const best = new Map<string, { seed: string; count: number; total: number }>();
  for (const seed of seedFiles) {
    const total = history.touches.get(seed) ?? 0;
    const minimum = minimumSharedCommits(seed, changed);
    for (const [other, count] of history.pairs.get(seed) ?? []) {
      if (count < minimum) continue;
      const seen = best.get(other);
      if (!seen || count / total > seen.count / seen.total) best.set(other, { seed, count, total });
    }
  }
  for (const [path, { seed, count, total }] of best) {
    out.set(
      path,
      `changed together with ${seed} in ${count} of the ${total} recent commit${total === 1 ? '' : 's'} touching it`,
    );
  }
  return out;
}

/** "changed in `1a2b3c4` with 5 lines around the change in src/x.ts": the commit that wrote the most of them. */
function describeLineHistory(commit: LineHistoryCommit): string {
  const lines = `${commit.lines} line${commit.lines === 1 ? '' : 's'}`;
  return `changed in \`${commit.sha.slice(0, 7)}\` with ${lines} around the change in ${commit.seed}`;
}

/** BM25 of the text against each file, as shares of the total (a distribution over files). */
export function lexicalDistribution(
  query: ReadonlyMap<string, number>,
  files: readonly TaggedFile[],
): Map<string, number> {
  const scores = bm25Scores(query, files);
  const total = [...scores.values()].reduce((a, b) => a + b, 0);
  if (total > 0) for (const [path, value] of scores) scores.set(path, value / total);
  return scores;
}

/** How much a term says about a file: its BM25 inverse document frequency over the files. */
function termRarity(files: readonly TaggedFile[]): (term: string) => number {
  const df = new Map<string, number>();
  let n = 0;
  for (const file of files) {
    if (!file.terms) continue;
    n++;
    for (const [term] of file.terms.counts) df.set(term, (df.get(term) ?? 0) + 1);
  }
  return (term) => bm25Idf(n, df.get(term) ?? 1);
}

/**
 * "matches the text: `parse`, `header`": the query's terms that weigh most
 * in the file's match, each by its count (saturating, as BM25's) and its
 * rarity, so that a keyword every file has (`end`, `self`) does not explain.
 */
function lexicalReason(
  file: TaggedFile,
  query: ReadonlyMap<string, number>,
  label: string,
  rarity: (term: string) => number,
): string | undefined {
  if (!file.terms || file.terms.counts.length === 0) return undefined;
  const weight = ([term, count]: [string, number]): number => (rarity(term) * count) / (count + DEFAULT_BM25.k1);
  const top = file.terms.counts
    .filter(([term]) => query.has(term))
    .map((entry) => [entry[0], weight(entry)] as const)
    .sort((a, b) => b[1] - a[1] || byCodeUnit(a[0], b[0]))
    .slice(0, 3)
    .map(([term]) => `\`${term}\``);
  return top.length > 0 ? `${label}: ${top.join(', ')}` : undefined;
}

/** Scores are printed with 6 significant digits: stable, and enough to order. */
function round(value: number): number {
  return Number(value.toPrecision(6));
}
