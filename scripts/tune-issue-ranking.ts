// Tunes the blend of text-seeded ranking on SWE-bench instances: each
// instance's tree is indexed and graphed once, then ranked under every
// weight configuration, so the configurations are compared on the same
// data in the same run.
//
//   npx tsx scripts/tune-issue-ranking.ts --repo-dir DIR [--per-repo N] [--offset K] [--data FILE]
//                                         [--grid '[{"cochange":0.3},{"cochange":0.6}]']
//
// --grid replaces the default grid (text weights) with a JSON list of
// weight settings, each applied over DEFAULT_WEIGHTS.
// Prints hit@1/5/10 per configuration. Use --offset to hold out instances:
// tune on one sample, confirm on another.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCodeGraph } from '../src/graph/code-graph.js';
import { DEFAULT_WEIGHTS, rankFiles, type RankWeights } from '../src/graph/rank.js';
import { buildRepoIndex } from '../src/parse/repo-index.js';
import { mineCoChanges } from '../src/repo/history.js';
import { queryTerms } from '../src/context/lexical.js';
import { SnapshotRepository, resolveCommit } from '../src/bench/git.js';
import { goldFilesFromPatch, loadSwebench, locateRepository } from '../src/bench/swebench.js';
import { hitAt, relevantRanks } from '../src/bench/metrics.js';
import { bm25Ranking } from '../src/bench/issue-files.js';
import { TermCache } from '../src/bench/term-cache.js';

const { values } = parseArgs({
  options: {
    'repo-dir': { type: 'string' },
    data: { type: 'string', default: '../shared/data/swebench-verified.jsonl' },
    'per-repo': { type: 'string', default: '6' },
    offset: { type: 'string', default: '0' },
    grid: { type: 'string' },
  },
});
if (!values['repo-dir']) throw new Error('--repo-dir DIR is required');
const perRepo = Number(values['per-repo']);
const offset = Number(values.offset);

const grid: Partial<RankWeights>[] = [];
if (values.grid) {
  grid.push(...(JSON.parse(values.grid) as Partial<RankWeights>[]));
} else {
  for (const lexical of [30, 50, 100, 200]) {
    for (const lexicalSeed of [0.5, 1]) grid.push({ lexical, lexicalSeed });
  }
  grid.push({ ...DEFAULT_WEIGHTS });
}

const all = loadSwebench(resolve(values.data!));
const byRepo = new Map<string, typeof all>();
for (const instance of all) byRepo.set(instance.repo, [...(byRepo.get(instance.repo) ?? []), instance]);

const ranks: (number | null)[][][] = grid.map(() => []);
// The same-run baseline: BM25 over non-test .py files, as the data README describes.
const baseline: (number | null)[][] = [];
for (const [repo, instances] of [...byRepo].sort()) {
  const gitDir = locateRepository(values['repo-dir'], repo);
  const step = Math.max(1, Math.floor(instances.length / perRepo));
  const chosen = instances.filter((_, i) => i % step === offset % step).slice(0, perRepo);
  const snapshot = SnapshotRepository.create(gitDir);
  const terms = new TermCache();
  try {
    for (const instance of chosen) {
      const gold = goldFilesFromPatch(instance.patch).existing;
      if (gold.length === 0 || !resolveCommit(gitDir, instance.base_commit)) continue;
      snapshot.checkout(instance.base_commit);
      const text = instance.problem_statement;
      const index = await buildRepoIndex(snapshot.root, { queryTerms: [...queryTerms(text).keys()].slice(0, 400) });
      const history = mineCoChanges(snapshot.root, new Set(index.files.map((f) => f.path)));
      const graph = buildCodeGraph(index.files, { modules: index.modules });
      baseline.push(relevantRanks(bm25Ranking(snapshot.root, text, terms, true), gold));
      grid.forEach((weights, g) => {
        const ranking = rankFiles(graph, index.files, { changed: [], text }, { history, weights });
        ranks[g]!.push(
          relevantRanks(
            ranking.files.map((f) => f.path),
            gold,
          ),
        );
      });
      process.stderr.write(`${instance.instance_id} `);
    }
  } finally {
    snapshot.dispose();
  }
}
process.stderr.write('\n');
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
console.log(`instances: ${ranks[0]!.length}`);
console.log('config                                             hit@1  hit@5  hit@10');
console.log(
  `${'bm25 baseline'.padEnd(50)} ${mean(baseline.map((x) => hitAt(x, 1))).toFixed(3)}  ${mean(baseline.map((x) => hitAt(x, 5))).toFixed(3)}  ${mean(baseline.map((x) => hitAt(x, 10))).toFixed(3)}`,
);
grid.forEach((weights, g) => {
  const r = ranks[g]!;
  const name = JSON.stringify(weights).padEnd(50);
  console.log(
    `${name} ${mean(r.map((x) => hitAt(x, 1))).toFixed(3)}  ${mean(r.map((x) => hitAt(x, 5))).toFixed(3)}  ${mean(r.map((x) => hitAt(x, 10))).toFixed(3)}`,
  );
});
