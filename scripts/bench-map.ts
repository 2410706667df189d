// Speed and memory of a full `revloop rank` (list → parse → graph → rank → JSON).
//
//   npm run build && npm run bench:map -- DIR [--runs 5] [--command rank|map|tags] [--jobs N] [--history-cost]
//
// Runs the bundled CLI (dist/cli.js) several times on DIR and prints the
// median of each phase, the wall time and the peak RSS. As a baseline on the
// same machine in the same run, it also times universal-ctags over the same
// tree when `ctags` is installed, and prints the ratio: shared machines are
// noisy, ratios less so. With --history-cost, each run is paired with one
// under --no-history (the order alternates), and the wall-time ratio of the
// two medians is printed: what mining git history costs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '5' },
    command: { type: 'string', default: 'rank' },
    jobs: { type: 'string' },
    'history-cost': { type: 'boolean', default: false },
  },
});
const dir = positionals[0];
if (!dir) {
  console.error('usage: npm run bench:map -- DIR [--runs N] [--command rank|map|tags] [--jobs N] [--history-cost]');
  process.exit(2);
}
const root = resolve(dir);
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` first');
  process.exit(2);
}
const runs = Number(values.runs);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const samples: Record<string, number>[] = [];
const withoutHistory: Record<string, number>[] = [];
const ctagsMs: number[] = [];
const hasCtags = spawnSync('ctags', ['--version'], { stdio: 'ignore' }).status === 0;

/** One run of the CLI; its `revloop-stats` line. */
function runCli(extra: string[]): Record<string, number> {
  const args = [
    cli,
    values.command!,
    '--repo',
    root,
    '--json',
    '--stats',
    ...(values.jobs ? ['--jobs', values.jobs] : []),
    ...extra,
  ];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) {
    console.error(run.stderr);
    process.exit(1);
  }
  const line = run.stderr.split('\n').find((l) => l.startsWith('revloop-stats '));
  if (!line) throw new Error('no revloop-stats line on stderr');
  return JSON.parse(line.slice('revloop-stats '.length)) as Record<string, number>;
}

for (let i = 0; i < runs; i++) {
  if (values['history-cost']) {
    // Alternate which goes first, so a warming cache or a busy neighbour favours neither.
    if (i % 2 === 0) withoutHistory.push(runCli(['--no-history']));
    samples.push(runCli([]));
    if (i % 2 === 1) withoutHistory.push(runCli(['--no-history']));
  } else {
    samples.push(runCli([]));
  }
  if (hasCtags) {
    const t = performance.now();
    spawnSync('ctags', ['-R', '-f', '/dev/null', '.'], { cwd: root, stdio: 'ignore' });
    ctagsMs.push(performance.now() - t);
  }
}

const fields = Object.keys(samples[0]!).filter((k) => typeof samples[0]![k] === 'number');
console.log(`revloop ${values.command} on ${root}: median of ${runs} runs`);
for (const field of fields) {
  const value = median(samples.map((s) => s[field]!));
  const unit = field.endsWith('Ms') ? ' ms' : field.endsWith('Mb') ? ' MB' : '';
  console.log(`  ${field.padEnd(12)} ${String(value).padStart(10)}${unit}`);
}
console.log('  (readMs, parseMs and queryMs are summed over parse threads; tagMs is their wall time)');
if (hasCtags) {
  const c = median(ctagsMs);
  const w = median(samples.map((s) => s.wallMs!));
  console.log(
    `baseline: universal-ctags -R on the same tree: ${Math.round(c)} ms; revloop/ctags = ${(w / c).toFixed(2)}×`,
  );
}
if (values['history-cost']) {
  const w = median(samples.map((s) => s.wallMs!));
  const b = median(withoutHistory.map((s) => s.wallMs!));
  const h = median(samples.map((s) => s.historyMs ?? 0));
  console.log(
    `history: median wall ${Math.round(w)} ms with history (mining ${Math.round(h)} ms), ${Math.round(b)} ms with --no-history; ratio ${(w / b).toFixed(2)}×`,
  );
}
