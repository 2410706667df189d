// Tunes how the co-change protocol's signals are blended, on data.
//
//   npx tsx scripts/tune-cochange.ts dump REPO... --out FILE [--commits 40] [--span 500] [--head REV]
//   npx tsx scripts/tune-cochange.ts history REPO... [--commits 40] [--span 500] [--head REV]
//   npx tsx scripts/tune-cochange.ts fit FILE... [--eval FILE...] [--seed file|diff]
//   npx tsx scripts/tune-cochange.ts feedback FILE... --repo-dir DIR [--seed file|diff]
//   npx tsx scripts/tune-cochange.ts removed SET... --repo-dir DIR   (a set: FILE[,FILE...], scored apart)
//   npx tsx scripts/tune-cochange.ts lines SET... --repo-dir DIR
//
// dump: replays commits as `npm run bench:quality -- cochange` does (same case
// selection, same scratch checkouts whose history ends at the parent), but
// instead of ranking it records every signal the ranking could blend for
// the strongest candidates of each signal, one JSON line per case. Indexing
// is the slow part; with the signals on disk, `fit` compares blends in
// seconds.
// Besides the product's signals, the dump records candidates for new ones
// (hub-ness, two-step co-change, other choices of the seed's words, shared
// path words); none of them raised recall@10 by a point on both sets.
// Walks that follow the graph's cochanged edges too (RankWeights.
// cochangeEdges 1 and 5, columns cw*/iw*) lost a little on both sets.
// It also records the signals of the seed's change (`+diff` methods): the
// walks from the definitions the commit changed and the changed lines'
// words (which became changeLexical). Tried on the 8 README repositories
// and left out: the changed lines as a text seed, names written as code
// starting the walks (0.772 -> 0.762); files defining a name of the changed
// lines (-1.3 at the smallest weight tried); the seed's words after the
// commit instead of before (-0.4); BM25 of the lines as a text (-0.1).
// history: scores rankings from history alone (depths of the log, commit
// size limits, recency decays, each commit's weight shared among its files
// or not) on the same cases, reading only git logs.
// fit: scores blend settings on the dumped cases (recall@10 averaged per
// repository, then over repositories) and prints the best ones; with
// --eval, the best setting on the fit files is then scored on other files
// (hold those repositories out of the fitting). --seed diff scores the
// blends as the `+diff` methods of the benchmark rank: walks from the
// definitions the commit changed in the seed, and the changed lines' words.
// removed: the product's blend seeded with the diff (feedback included), over a grid of the
// weights of the removed code (the seed's removed lines, and the names they
// used that its added lines do not, still found in other files: columns
// rl, rn), each set of dumps scored apart.
// lines: the same blend (the product's removed-code weights) over a grid of
// the weight of line history (the commits that wrote the lines the seed's
// change edits, blamed at the parent: column lh).
// feedback: on top of the product's blend of each dumped case, adds the
// co-change shares of its best-ranked files (RankWeights.feedback) over a
// grid of how many files and how much; each case's history is read again
// from its repository in --repo-dir (as bench:quality's swebench finds them).
import { createReadStream, writeFileSync, appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, basename } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCodeGraph } from '../src/graph/code-graph.js';
import {
  coChangeScores,
  DEFAULT_WEIGHTS,
  FEEDBACK_FILES,
  lexicalDistribution,
  rankSignals,
  type RankSignals,
} from '../src/graph/rank.js';
import { buildRepoIndex } from '../src/parse/repo-index.js';
import { countCoChanges, readHistoryLog, RECENCY_DECAY, SPREAD_OVER_COMMIT } from '../src/repo/history.js';
import { addCoChangeEdges, changedFileTerms, changedLineTerms } from '../src/pipeline/analyze.js';
import { isTestPath } from '../src/repo/test-paths.js';
import { isSourcePath, repositoryLabel, seedChange } from '../src/bench/cochange-replay.js';
import {
  countChangedLines,
  DEFAULT_HISTORY_BOUNDS,
  DEFAULT_REPLAY_CRITERIA,
  readFirstParentLog,
  selectReplayCases,
} from '../src/bench/commit-mining.js';
import { disposeAllSnapshots, resolveCommit, resolveGitDir, SnapshotRepository } from '../src/bench/git.js';
import { locateRepository } from '../src/bench/swebench.js';
import type { Seeds } from '../src/context/seeds.js';
import type { TaggedFile } from '../src/parse/tag-file.js';
import type { CoChangeHistory } from '../src/repo/history.js';
import { lexicalTokens } from '../src/context/tokens.js';
import { removedCode } from '../src/context/removed-code.js';
import { blameChange } from '../src/repo/line-history.js';

/** Candidates kept per signal: the strongest ones, where the top 10 is decided. */
const KEPT_PER_SIGNAL = 150;

/** Recency decays the dump records co-change shares for (see RECENCY_DECAY); 1 counts all commits alike. */
const DECAYS = [1, 0.95, 0.9, 0.8] as const;

/** Per candidate file, in this order. */
const FEATURES = [
  'c1', // forward walk, graph with co-change edges (the product's)
  'i1', // reverse walk, graph with co-change edges (the product's)
  'h1', // co-change share of the seed's commits, each commit alike
  'h95', // the same with each older commit of the seed weighing 0.95 of the next
  'h90', // ... 0.9
  'h80', // ... 0.8
  'hs1', // h1 with each commit's weight shared among the files it touched (1/(n - 1) per pair; the product's)
  'hs95', // ... h95
  'hs90', // ... h90
  'hs80', // ... h80
  'hc', // commits touching seed and file
  'ft', // commits touching the file
  's', // BM25 of the seed's words, distribution
  'dir', // path segments shared with the seed's directory / depth of the seed's directory
  'test', // 1 when the file is a test
  'name', // 1 when the file's name stem contains the seed's stem or the other way round
  'syms', // symbols the file defines
  'g', // unseeded forward walk (global PageRank), graph without co-change edges: how much of a hub the file is
  'h2', // two-step co-change: share of the seed's commits touching n, times share of n's commits touching the file
  'sAll', // BM25 of all the seed's words (no cap on their number)
  'sIdf', // BM25 of the seed's words chosen by count times IDF instead of count
  'path', // path words shared with the seed's path, over the words of both
  'c1r', // forward walk seeded with the seed's change as the `+diff` methods seed it (changed definitions), co-change edges
  'i1r', // reverse walk, the same seeds
  'sd', // BM25 of the words of the seed's changed lines (removed and added): the product's changeLexical signal
  'cw1', // forward walk with the graph's cochanged edges walked too, at their weight (RankWeights.cochangeEdges 1)
  'iw1', // reverse walk, the same
  'cw5', // ... cochanged edges at 5 times their weight
  'iw5', // ...
  'cw1r', // forward walk seeded with the seed's change, cochanged edges walked at their weight
  'iw1r', // ...
  'cw5r', // ... at 5 times their weight
  'iw5r', // ...
  'rl', // the seed's change: its removed lines the file still has (RemovedCodeScores.lines; the product's removedLines)
  'rn', // ... the names its removed lines used and its added lines do not, that the file uses (removedNames)
  'lh', // the seed's change: line history, the commits that wrote the lines it edits (blamed at the parent; lineHistory)
] as const;
type Feature = (typeof FEATURES)[number];

interface DumpedCase {
  repo: string;
  sha: string;
  seed: string;
  /** Commits touching the seed in the mined history. */
  seedTouches: number;
  targets: string[];
  /** Source files of the parent tree other than the seed. */
  candidateCount: number;
  candidates: Record<string, number[]>;
}

async function dump(repos: string[], options: { out: string; commits: number; span: number; head: string }) {
  writeFileSync(options.out, '');
  for (const repository of repos) {
    const label = repositoryLabel(repository);
    const gitDir = resolveGitDir(repository);
    const head = resolveCommit(gitDir, options.head);
    if (!head) throw new Error(`${repository}: no commit ${options.head}`);
    const log = readFirstParentLog(gitDir, head, options.span + DEFAULT_HISTORY_BOUNDS.depth);
    const selection = selectReplayCases(log, options.span, options.commits, {
      ...DEFAULT_REPLAY_CRITERIA,
      isSource: isSourcePath,
      countLines: (commit, files) => countChangedLines(gitDir, commit, files),
    });
    const snapshot = SnapshotRepository.create(gitDir);
    const started = performance.now();
    try {
      for (const [n, testCase] of selection.cases.entries()) {
        await new Promise((resolve) => setImmediate(resolve));
        snapshot.checkout(testCase.parent);
        const root = snapshot.root;
        const seeds: Seeds = { changed: [{ path: testCase.seed, status: 'modified', ranges: [] }] };
        const seedFileTerms = changedFileTerms(root, seeds);
        const allSeedTerms = changedFileTerms(root, seeds, Infinity);
        const ranged: Seeds = { changed: [seedChange(gitDir, testCase)] };
        const changeTerms = changedLineTerms(ranged);
        const removed = removedCode(ranged.changed);
        const index = await buildRepoIndex(root, {
          queryTerms: [...new Set([...allSeedTerms.keys(), ...changeTerms.keys()])],
          removedCode: removed,
        });
        const known = new Set(index.files.map((f) => f.path));
        // One read of the log, counted under each setting.
        const historyLog = readHistoryLog(root);
        const history = countCoChanges(historyLog, known);
        const shares = [false, true].flatMap((spreadOverCommit) =>
          DECAYS.map((recencyDecay) => {
            const h = countCoChanges(historyLog, known, { recencyDecay, spreadOverCommit });
            const total = h.recentTouches.get(testCase.seed) ?? 0;
            const row = h.recentPairs.get(testCase.seed) ?? new Map<string, number>();
            return (path: string): number => (total > 0 ? (row.get(path) ?? 0) / total : 0);
          }),
        );
        const withHistory = buildCodeGraph(index.files, { modules: index.modules });
        addCoChangeEdges(withHistory, history);
        const s1 = rankSignals(withHistory, index.files, seeds, { history, seedFileTerms });
        // The walks leave cochanged edges out unless told to walk them (RankWeights.cochangeEdges).
        const walked = (from: Seeds, cochangeEdges: number): RankSignals =>
          rankSignals(withHistory, index.files, from, { history, seedFileTerms, weights: { cochangeEdges } });
        const [w1, w5, w1r, w5r] = [walked(seeds, 1), walked(seeds, 5), walked(ranged, 1), walked(ranged, 5)];
        // The scratch checkout's HEAD is the parent, the commit the seed's change applies to.
        const lineHistory = await blameChange(root, ranged.changed, 'HEAD', known, {
          ...(historyLog.ok ? { renamed: historyLog.renamed } : {}),
        });
        const s1r = rankSignals(withHistory, index.files, ranged, {
          history,
          seedFileTerms,
          changeTerms,
          removedCode: removed,
          lineHistory,
        });
        const row = history.pairs.get(testCase.seed) ?? new Map<string, number>();
        const others = index.files.filter((f) => f.path !== testCase.seed);
        const similarAll = lexicalDistribution(allSeedTerms, others);
        const similarIdf = lexicalDistribution(idfSelected(allSeedTerms, others, seedFileTerms.size), others);
        const global = rankSignals(withHistory, index.files, { changed: [] }, {}).context;
        const twoStep = twoStepCoChange(history, testCase.seed);
        const seedWords = new Set(lexicalTokens(testCase.seed.replace(/\.[^./]+$/, '')));
        const symbols = new Map(index.files.map((f) => [f.path, f.tags.filter((t) => t.kind === 'def').length]));
        const candidates = index.files.map((f) => f.path).filter((p) => p !== testCase.seed && isSourcePath(p));
        const keep = new Set<string>(testCase.targets.filter((t) => candidates.includes(t)));
        const strongest = (values: Map<string, number>): void => {
          const top = candidates
            .filter((p) => (values.get(p) ?? 0) > 0)
            .sort((a, b) => values.get(b)! - values.get(a)! || (a < b ? -1 : 1))
            .slice(0, KEPT_PER_SIGNAL);
          for (const p of top) keep.add(p);
        };
        strongest(s1r.changeSimilar);
        strongest(s1r.removed.lines);
        strongest(s1r.removed.names);
        strongest(s1r.lines);
        for (const signals of [s1, s1r, w1, w5, w1r, w5r] as RankSignals[]) {
          strongest(signals.context);
          strongest(signals.impact);
          strongest(signals.similar);
        }
        strongest(row);
        const seedDir = dirname(testCase.seed)
          .split('/')
          .filter((x) => x !== '.');
        const seedStem = stem(testCase.seed);
        const rows: Record<string, number[]> = {};
        for (const path of [...keep].sort()) {
          const dir = dirname(path)
            .split('/')
            .filter((x) => x !== '.');
          let shared = 0;
          while (shared < Math.min(dir.length, seedDir.length) && dir[shared] === seedDir[shared]) shared++;
          const fileStem = stem(path);
          const values: Record<Feature, number> = {
            c1: s1.context.get(path) ?? 0,
            i1: s1.impact.get(path) ?? 0,
            h1: shares[0]!(path),
            h95: shares[1]!(path),
            h90: shares[2]!(path),
            h80: shares[3]!(path),
            hs1: shares[4]!(path),
            hs95: shares[5]!(path),
            hs90: shares[6]!(path),
            hs80: shares[7]!(path),
            hc: row.get(path) ?? 0,
            ft: history.touches.get(path) ?? 0,
            s: s1.similar.get(path) ?? 0,
            dir: seedDir.length === 0 ? (dir.length === 0 ? 1 : 0) : shared / seedDir.length,
            test: isTestPath(path) ? 1 : 0,
            name:
              seedStem.length >= 3 &&
              fileStem.length >= 3 &&
              (fileStem.includes(seedStem) || seedStem.includes(fileStem))
                ? 1
                : 0,
            syms: symbols.get(path) ?? 0,
            g: global.get(path) ?? 0,
            h2: twoStep.get(path) ?? 0,
            sAll: similarAll.get(path) ?? 0,
            sIdf: similarIdf.get(path) ?? 0,
            path: jaccard(seedWords, new Set(lexicalTokens(path.replace(/\.[^./]+$/, '')))),
            c1r: s1r.context.get(path) ?? 0,
            i1r: s1r.impact.get(path) ?? 0,
            sd: s1r.changeSimilar.get(path) ?? 0,
            cw1: w1.context.get(path) ?? 0,
            iw1: w1.impact.get(path) ?? 0,
            cw5: w5.context.get(path) ?? 0,
            iw5: w5.impact.get(path) ?? 0,
            cw1r: w1r.context.get(path) ?? 0,
            iw1r: w1r.impact.get(path) ?? 0,
            cw5r: w5r.context.get(path) ?? 0,
            iw5r: w5r.impact.get(path) ?? 0,
            rl: s1r.removed.lines.get(path) ?? 0,
            rn: s1r.removed.names.get(path) ?? 0,
            lh: s1r.lines.get(path) ?? 0,
          };
          rows[path] = FEATURES.map((f) => Number(values[f].toPrecision(6)));
        }
        const dumped: DumpedCase = {
          repo: label,
          sha: testCase.sha,
          seed: testCase.seed,
          seedTouches: history.touches.get(testCase.seed) ?? 0,
          targets: testCase.targets,
          candidateCount: candidates.length,
          candidates: rows,
        };
        appendFileSync(options.out, JSON.stringify(dumped) + '\n');
        process.stderr.write(
          `${label} [${n + 1}/${selection.cases.length}] ${testCase.sha.slice(0, 10)} ${Object.keys(rows).length} rows, ${Math.round((performance.now() - started) / 1000)} s\n`,
        );
      }
    } finally {
      snapshot.dispose();
    }
  }
}

/** The `size` terms with the highest weight times IDF (document frequency over `files`). */
function idfSelected(
  query: ReadonlyMap<string, number>,
  files: readonly TaggedFile[],
  size: number,
): Map<string, number> {
  const df = new Map<string, number>();
  for (const f of files) for (const [term] of f.terms?.counts ?? []) df.set(term, (df.get(term) ?? 0) + 1);
  const n = files.length;
  const scored = [...query].map(([term, w]) => {
    const d = df.get(term) ?? 0;
    return [term, w, w * Math.log(1 + (n - d + 0.5) / (d + 0.5))] as const;
  });
  scored.sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : 1));
  return new Map(scored.slice(0, size).map(([term, w]) => [term, w]));
}

/** Two steps of co-change share: seed → n → file, as coChangeScores computes one. */
function twoStepCoChange(history: CoChangeHistory, seed: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [n, w1] of coChangeScores(history, [seed])) {
    for (const [f, w2] of coChangeScores(history, [n])) if (f !== seed) out.set(f, (out.get(f) ?? 0) + w1 * w2);
  }
  return out;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

function stem(path: string): string {
  return basename(path)
    .replace(/\.[^.]*$/, '')
    .replace(/(^test_|_test$|_spec$|\.test$|\.spec$|Test$|Tests$|^test)/i, '')
    .toLowerCase();
}

// ---------------------------------------------------------------- fitting

interface Case {
  repo: string;
  sha: string;
  seed: string;
  targets: string[];
  paths: string[];
  /** Feature columns, one Float64Array per feature, rows in `paths` order. */
  columns: Record<Feature, Float64Array>;
  seedTouches: number;
}

async function load(files: string[]): Promise<Case[]> {
  const cases: Case[] = [];
  for (const file of files) {
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      const d = JSON.parse(line) as DumpedCase;
      const paths = Object.keys(d.candidates);
      const width = paths.length > 0 ? d.candidates[paths[0]!]!.length : FEATURES.length;
      if (width !== FEATURES.length) {
        throw new Error(`${file}: ${width} features per candidate, this script reads ${FEATURES.length}: dump again`);
      }
      const columns = Object.fromEntries(
        FEATURES.map((f, j) => [f, Float64Array.from(paths.map((p) => d.candidates[p]![j]!))]),
      ) as Record<Feature, Float64Array>;
      cases.push({
        repo: d.repo,
        sha: d.sha,
        seed: d.seed,
        targets: d.targets,
        paths,
        columns,
        seedTouches: d.seedTouches,
      });
    }
  }
  return cases;
}

type Blend = (c: Case) => Float64Array;

/** Recall@10 per repository, and its mean over repositories. */
function score(cases: Case[], blend: Blend, k = 10): { mean: number; perRepo: Map<string, number> } {
  const sums = new Map<string, { total: number; n: number }>();
  for (const c of cases) {
    const top = new Set(bestFirst(c, blend(c), k));
    const recall = c.targets.filter((t) => top.has(t)).length / c.targets.length;
    const s = sums.get(c.repo) ?? { total: 0, n: 0 };
    s.total += recall;
    s.n++;
    sums.set(c.repo, s);
  }
  const perRepo = new Map([...sums].map(([repo, s]) => [repo, s.total / s.n]));
  const mean = [...perRepo.values()].reduce((a, b) => a + b, 0) / perRepo.size;
  return { mean, perRepo };
}

/** The `k` candidates with the highest positive scores, best first (ties by path, as rankFiles breaks them). */
function bestFirst(c: Case, scores: Float64Array, k: number): string[] {
  return c.paths
    .map((_, i) => i)
    .sort((a, b) => scores[b]! - scores[a]! || (c.paths[a]! < c.paths[b]! ? -1 : 1))
    .slice(0, k)
    .filter((i) => scores[i]! > 0)
    .map((i) => c.paths[i]!);
}

interface Setting {
  name: string;
  blend: Blend;
}

/** The weighted sum rankFiles computes, from the dumped columns. */
function weightedSum(
  seed: 'file' | 'diff',
  share: Feature,
  minimum: number,
  weights: { wc: number; wi: number; wh: number; ws: number; wd: number; wrl?: number; wrn?: number; wlh?: number },
): Blend {
  // Seeded with the diff, the walks start at the changed definitions.
  const [c1, i1] = seed === 'diff' ? (['c1r', 'i1r'] as const) : (['c1', 'i1'] as const);
  const { wc, wi, wh, ws, wd } = weights;
  // The removed code and line history exist only seeded with the diff.
  const [wrl, wrn, wlh] = seed === 'diff' ? [weights.wrl ?? 0, weights.wrn ?? 0, weights.wlh ?? 0] : [0, 0, 0];
  return (c) =>
    c.columns.c1.map((_, i) => {
      // Files that changed with the seed fewer than `minimum` times get no co-change share.
      const h = c.columns.hc[i]! >= minimum ? c.columns[share][i]! : 0;
      const words = ws * c.columns.s[i]! + wd * c.columns.sd[i]!;
      const removed = wrl * c.columns.rl[i]! + wrn * c.columns.rn[i]!;
      const lines = wlh * c.columns.lh[i]!;
      return wc * c.columns[c1][i]! + wi * c.columns[i1][i]! + wh * h + words + removed + lines;
    });
}

function settingName(
  spread: boolean,
  minimum: number,
  decay: number,
  wc: number,
  wi: number,
  wh: number,
  ws: number,
  wd: number | undefined,
): string {
  const change = wd === undefined ? '' : ` changeLexical ${wd}`;
  return `${spread ? 'spread ' : ''}min ${minimum} decay ${decay} context ${wc} impact ${wi} cochange ${wh} seedLexical ${ws}${change}`;
}

/**
 * The product's blend, a weighted sum of the signals as rankFiles computes
 * them, over a grid of weights and recency decays. (Max-normalised and
 * reciprocal-rank fusions of the same signals, and a softmax regression over
 * 19 transformed features, were tried on the same dumps: none beat the
 * weighted sum on repositories left out of the fit.)
 */
function settings(seed: 'file' | 'diff'): Setting[] {
  const out: Setting[] = [];
  const changeWeights = seed === 'diff' ? [0, 2, 4, 6] : [undefined];
  const shares = {
    plain: { 1: 'h1', 0.95: 'h95', 0.9: 'h90', 0.8: 'h80' },
    spread: { 1: 'hs1', 0.95: 'hs95', 0.9: 'hs90', 0.8: 'hs80' },
  } as const;
  for (const spread of [false, true])
    for (const minimum of [1, 2, 3]) {
      for (const decay of DECAYS) {
        for (const wc of [0.2, 0.4, 0.8]) {
          for (const wi of [0.2, 0.4, 0.8]) {
            for (const wh of [0, 0.15, 0.3, 0.6, 1, 2, 4]) {
              for (const ws of [2, 3, 4, 5, 8]) {
                for (const wd of changeWeights) {
                  const share = shares[spread ? 'spread' : 'plain'][decay];
                  out.push({
                    name: settingName(spread, minimum, decay, wc, wi, wh, ws, wd),
                    blend: weightedSum(seed, share, minimum, {
                      wc,
                      wi,
                      wh,
                      ws,
                      wd: wd ?? 0,
                      wrl: DEFAULT_WEIGHTS.removedLines,
                      wrn: DEFAULT_WEIGHTS.removedNames,
                    }),
                  });
                }
              }
            }
          }
        }
      }
    }
  return out;
}

async function fit(files: string[], evalFiles: string[], seed: 'file' | 'diff'): Promise<void> {
  const cases = await load(files);
  const repos = [...new Set(cases.map((c) => c.repo))];
  process.stderr.write(`${cases.length} cases from ${repos.length} repositories\n`);
  const results = settings(seed).map((s) => ({ ...s, ...score(cases, s.blend) }));
  results.sort((a, b) => b.mean - a.mean || (a.name < b.name ? -1 : 1));
  const w = DEFAULT_WEIGHTS;
  const current = settingName(
    SPREAD_OVER_COMMIT,
    // The seed is a changed file: one shared commit couples (see coChangeScores).
    1,
    RECENCY_DECAY,
    w.context,
    w.impact,
    w.cochange,
    w.seedLexical,
    seed === 'diff' ? w.changeLexical : undefined,
  );
  const product = results.find((r) => r.name === current);
  if (!product) throw new Error(`the grid lacks the current defaults (${current})`);
  const show = (r: (typeof results)[number]): string =>
    `${r.mean.toFixed(3)}  ${r.name}  [${repos.map((repo) => `${repo} ${r.perRepo.get(repo)?.toFixed(2)}`).join(', ')}]`;
  console.log(`current defaults: ${show(product)}`);
  for (const r of results.slice(0, 25)) console.log(show(r));
  if (evalFiles.length > 0) {
    const held = await load(evalFiles);
    const heldRepos = [...new Set(held.map((c) => c.repo))];
    for (const r of [product, ...results.slice(0, 5)]) {
      const s = score(held, r.blend);
      console.log(
        `held-out ${s.mean.toFixed(3)}  ${r.name}  [${heldRepos.map((repo) => `${repo} ${s.perRepo.get(repo)?.toFixed(2)}`).join(', ')}]`,
      );
    }
  }
}

/** RankWeights.removedLines × removedNames that `removed` compares. */
const REMOVED_GRID = [0, 0.25, 0.5, 1, 2] as const;
const LINES_GRID = [0, 0.1, 0.25, 0.5, 0.75, 1, 1.5] as const;

/**
 * removed: the product's blend seeded with the diff (DEFAULT_WEIGHTS), with
 * the feedback from its best-ranked files as rankFiles adds it (each case's
 * log read again, as `feedback` does), over REMOVED_GRID for the weights of
 * the removed lines and names (columns rl, rn). Each set of dumps is scored
 * on its own, recall@10 and MRR (over the dumped candidates): a setting is
 * worth keeping only when it helps every set.
 */
async function removed(sets: string[][], repoDir: string): Promise<void> {
  const w = DEFAULT_WEIGHTS;
  const grid = REMOVED_GRID.flatMap((wrl) =>
    REMOVED_GRID.map((wrn) => ({
      name: `removedLines ${wrl} removedNames ${wrn}${wrl === w.removedLines && wrn === w.removedNames ? '  (current)' : ''}`,
      weights: { ...productWeights('diff'), wrl, wrn },
    })),
  );
  await diffGrid(sets, repoDir, grid);
}

/** lines: as `removed`, over LINES_GRID for the weight of line history (column lh). */
async function lines(sets: string[][], repoDir: string): Promise<void> {
  const grid = LINES_GRID.map((wlh) => ({
    name: `lineHistory ${wlh}${wlh === DEFAULT_WEIGHTS.lineHistory ? '  (current)' : ''}`,
    weights: { ...productWeights('diff'), wlh },
  }));
  await diffGrid(sets, repoDir, grid);
}

/** Each setting of the blend seeded with the diff, feedback added, scored on each set apart: recall@10 and MRR. */
async function diffGrid(
  sets: string[][],
  repoDir: string,
  grid: { name: string; weights: Parameters<typeof weightedSum>[3] }[],
): Promise<void> {
  const loaded = await Promise.all(sets.map((files) => load(files)));
  const histories = caseHistories(loaded.flat(), repoDir);
  console.log(`sets: ${loaded.map((cases, n) => `${sets[n]!.join(' ')} (${cases.length} cases)`).join('; ')}`);
  for (const { name, weights } of grid) {
    const blend = weightedSum('diff', productShare(), 1, weights);
    // Scored once per case: recall and MRR read the same scores.
    const scored = new Map(
      loaded.flat().map((c) => {
        const scores = blend(c);
        const fed = feedbackShares(c, scores, histories.get(c)!, FEEDBACK_FILES);
        return [c, scores.map((value, i) => value + DEFAULT_WEIGHTS.feedback * fed[i]!)] as const;
      }),
    );
    const withFeedback: Blend = (c) => scored.get(c)!;
    const results = loaded.map((cases) => {
      const recall = score(cases, withFeedback).mean.toFixed(4);
      return `${recall} (MRR ${meanReciprocalRank(cases, withFeedback).toFixed(4)})`;
    });
    console.log(`${results.join('  ')}  ${name}`);
  }
}

/** Reciprocal rank of each case's best-ranked target among its dumped candidates, averaged per repository, then over repositories. */
function meanReciprocalRank(cases: Case[], blend: Blend): number {
  const sums = new Map<string, { total: number; n: number }>();
  for (const c of cases) {
    const order = bestFirst(c, blend(c), c.paths.length);
    const first = order.findIndex((path) => c.targets.includes(path));
    const s = sums.get(c.repo) ?? { total: 0, n: 0 };
    s.total += first < 0 ? 0 : 1 / (first + 1);
    s.n++;
    sums.set(c.repo, s);
  }
  const perRepo = [...sums.values()].map((s) => s.total / s.n);
  return perRepo.reduce((a, b) => a + b, 0) / perRepo.length;
}

/** The product's weights (DEFAULT_WEIGHTS) as weightedSum takes them. */
function productWeights(seed: 'file' | 'diff'): Parameters<typeof weightedSum>[3] {
  const w = DEFAULT_WEIGHTS;
  return {
    wc: w.context,
    wi: w.impact,
    wh: w.cochange,
    ws: w.seedLexical,
    wd: seed === 'diff' ? w.changeLexical : 0,
    wrl: w.removedLines,
    wrn: w.removedNames,
    wlh: w.lineHistory,
  };
}

/**
 * Each case's co-change history, read again from its repository in
 * `repoDir` with the log ending at the replayed commit's parent (the dump
 * has no rows for the candidates' own history), counted over the seed and
 * the dumped candidates.
 */
function caseHistories(cases: Case[], repoDir: string): Map<Case, CoChangeHistory> {
  const histories = new Map<Case, CoChangeHistory>();
  const gitDirs = new Map<string, string>();
  for (const c of cases) {
    if (!gitDirs.has(c.repo)) gitDirs.set(c.repo, locateRepository(repoDir, c.repo));
    const log = readHistoryLog(gitDirs.get(c.repo)!, { rev: `${c.sha}^` });
    histories.set(c, countCoChanges(log, new Set([c.seed, ...c.paths])));
  }
  return histories;
}

/** Per candidate, the co-change shares the `n` best-ranked ones lend it, as rankFiles' feedback adds them (0 for those `n`). */
function feedbackShares(c: Case, scores: Float64Array, history: CoChangeHistory, n: number): Float64Array {
  const partners = bestFirst(c, scores, n);
  const shares = coChangeScores(history, partners, new Set(partners));
  return Float64Array.from(c.paths, (path) => (partners.includes(path) ? 0 : (shares.get(path) ?? 0)));
}

/** The dump's column of the product's co-change shares (RECENCY_DECAY, SPREAD_OVER_COMMIT). */
function productShare(): Feature {
  const recency: number = RECENCY_DECAY;
  const decay = recency === 1 ? '1' : String(Math.round(recency * 100));
  const share = `${SPREAD_OVER_COMMIT ? 'hs' : 'h'}${decay}`;
  if (!(FEATURES as readonly string[]).includes(share)) throw new Error(`the dump has no ${share} column`);
  return share as Feature;
}

/** Files fed back, and how much of their co-change shares (RankWeights.feedback), that `feedback` compares. */
const FEEDBACK_GRID = { files: [1, 2, 3], weights: [0, 0.1, 0.2, 0.3] } as const;

/**
 * feedback: the product's blend of each dumped case (DEFAULT_WEIGHTS), plus
 * the co-change shares of its best-ranked files as rankFiles adds them,
 * over FEEDBACK_GRID. The dump has no rows for the candidates' own history,
 * so each case's log is read again, ending at the replayed commit's parent.
 */
async function feedback(files: string[], repoDir: string, seed: 'file' | 'diff'): Promise<void> {
  const cases = await load(files);
  const product = weightedSum(seed, productShare(), 1, productWeights(seed));
  const histories = caseHistories(cases, repoDir);
  // Per case: the product's scores, and for each number of files fed back, their shares of each candidate.
  const base = new Map<Case, Float64Array>();
  const fed = new Map<Case, Map<number, Float64Array>>();
  for (const c of cases) {
    const scores = product(c);
    base.set(c, scores);
    const history = histories.get(c)!;
    fed.set(c, new Map(FEEDBACK_GRID.files.map((n) => [n, feedbackShares(c, scores, history, n)])));
  }
  const repos = [...new Set(cases.map((c) => c.repo))];
  console.log(`${cases.length} cases from ${repos.length} repositories, seeded with the ${seed}`);
  for (const n of FEEDBACK_GRID.files) {
    for (const weight of FEEDBACK_GRID.weights) {
      const r = score(cases, (c) => base.get(c)!.map((value, i) => value + weight * fed.get(c)!.get(n)![i]!));
      const perRepo = repos.map((repo) => `${repo} ${r.perRepo.get(repo)?.toFixed(2)}`).join(', ');
      console.log(`${r.mean.toFixed(4)}  files ${n} feedback ${weight}  [${perRepo}]`);
    }
  }
}

/** One way of ranking from history alone: how deep, which commits, how each counts. */
interface HistorySetting {
  name: string;
  depth: number;
  maxFiles: number;
  decay: number;
  /** Whether a commit's weight is shared among the files it touched (1/(n - 1) per pair). */
  spread: boolean;
}

const HISTORY_SETTINGS: HistorySetting[] = [
  { name: '1000 commits', depth: 1000, maxFiles: 30, decay: 0.9, spread: false },
  { name: '3000', depth: 3000, maxFiles: 30, decay: 0.9, spread: false },
  { name: '10000', depth: 10000, maxFiles: 30, decay: 0.9, spread: false },
  { name: '3000 spread', depth: 3000, maxFiles: 30, decay: 0.9, spread: true },
  { name: '3000 spread, <=50 files', depth: 3000, maxFiles: 50, decay: 0.9, spread: true },
  { name: '3000, <=15 files', depth: 3000, maxFiles: 15, decay: 0.9, spread: false },
  { name: '3000 spread, decay 0.95', depth: 3000, maxFiles: 30, decay: 0.95, spread: true },
  { name: '3000 spread, decay 0.8', depth: 3000, maxFiles: 30, decay: 0.8, spread: true },
];

/**
 * history: recall@10 of rankings from history alone (the seed's recency-
 * weighted co-change shares, as history.ts computes them, over the log
 * before each replayed commit) under several settings. Only git logs are
 * read, no tree is parsed: seconds per repository.
 */
function historyOnly(repos: string[], options: { commits: number; span: number; head: string }): void {
  const maxDepth = Math.max(...HISTORY_SETTINGS.map((s) => s.depth));
  const perSetting = HISTORY_SETTINGS.map(() => [] as number[]);
  for (const repository of repos) {
    const gitDir = resolveGitDir(repository);
    const head = resolveCommit(gitDir, options.head);
    if (!head) throw new Error(`${repository}: no commit ${options.head}`);
    const log = readFirstParentLog(gitDir, head, options.span + maxDepth);
    const selection = selectReplayCases(log, options.span, options.commits, {
      ...DEFAULT_REPLAY_CRITERIA,
      isSource: isSourcePath,
      countLines: (commit, files) => countChangedLines(gitDir, commit, files),
    });
    const row = HISTORY_SETTINGS.map((setting, n) => {
      let total = 0;
      for (const testCase of selection.cases) {
        const scores = new Map<string, number>();
        let weight = 1;
        for (const commit of log.slice(testCase.logIndex + 1, testCase.logIndex + 1 + setting.depth)) {
          if (commit.parents.length === 0 || commit.files.length > setting.maxFiles) continue;
          if (!commit.files.some((f) => f.path === testCase.seed)) continue;
          const share = setting.spread ? 1 / Math.max(1, commit.files.length - 1) : 1;
          for (const { path } of commit.files) {
            if (path !== testCase.seed && isSourcePath(path))
              scores.set(path, (scores.get(path) ?? 0) + weight * share);
          }
          weight *= setting.decay;
        }
        const top = new Set(
          [...scores]
            .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
            .slice(0, 10)
            .map(([path]) => path),
        );
        total += testCase.targets.filter((t) => top.has(t)).length / testCase.targets.length;
      }
      const recall = total / selection.cases.length;
      perSetting[n]!.push(recall);
      return recall.toFixed(3);
    });
    console.log(`${repositoryLabel(repository)}\t${row.join('\t')}`);
  }
  const means = perSetting.map((values) => (values.reduce((a, b) => a + b, 0) / values.length).toFixed(3));
  console.log(`mean\t${means.join('\t')}`);
  console.log(`settings\t${HISTORY_SETTINGS.map((s) => s.name).join('\t')}`);
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      commits: { type: 'string', default: '40' },
      span: { type: 'string', default: '500' },
      head: { type: 'string', default: 'HEAD' },
      eval: { type: 'string', multiple: true },
      seed: { type: 'string', default: 'file' },
      'repo-dir': { type: 'string' },
    },
  });
  if (command === 'dump') {
    if (!values.out) throw new Error('dump needs --out FILE');
    await dump(positionals, {
      out: values.out,
      commits: Number(values.commits),
      span: Number(values.span),
      head: values.head!,
    });
  } else if (command === 'history') {
    historyOnly(positionals, { commits: Number(values.commits), span: Number(values.span), head: values.head! });
  } else if (command === 'feedback') {
    if (values.seed !== 'file' && values.seed !== 'diff') throw new Error('--seed is file or diff');
    if (!values['repo-dir']) throw new Error('feedback needs --repo-dir DIR');
    await feedback(positionals, values['repo-dir'], values.seed);
  } else if (command === 'removed') {
    // Each positional is one set of dumps (comma-separated files), scored apart.
    if (!values['repo-dir']) throw new Error('removed needs --repo-dir DIR');
    await removed(
      positionals.map((set) => set.split(',')),
      values['repo-dir'],
    );
  } else if (command === 'lines') {
    if (!values['repo-dir']) throw new Error('lines needs --repo-dir DIR');
    await lines(
      positionals.map((set) => set.split(',')),
      values['repo-dir'],
    );
  } else if (command === 'fit') {
    if (values.seed !== 'file' && values.seed !== 'diff') throw new Error('--seed is file or diff');
    await fit(positionals, values.eval ?? [], values.seed);
  } else {
    throw new Error(
      'usage: tune-cochange.ts dump REPO... --out FILE | history REPO... | fit FILE... [--eval FILE...] | feedback FILE... --repo-dir DIR | removed SET... --repo-dir DIR | lines SET... --repo-dir DIR',
    );
  }
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  })
  .finally(disposeAllSnapshots);
