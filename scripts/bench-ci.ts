// Scores the CI log parsers on a directory of labelled logs and times them.
//
//   npx tsx scripts/bench-ci.ts [DIR] [--huge-mb N] [--json]
//
// DIR (default: test/fixtures/ci) holds `NAME.log` files, each beside a
// `NAME.expected.json` with the `{"failures": [...]}` that
// `revloop explain-ci --json` should print, in any subdirectory. Printed per
// subdirectory and overall:
//   - project frames: precision and recall of (path, line) pairs of frames
//     that are not external, as multisets per log (a frame found with the
//     wrong path or line counts as both invented and missed);
//   - failures: expected failures found, invented ones, and the exact-match
//     rates of kind, message and test over the expected failures;
//   - time: total parse time and the slowest log.
// With --huge-mb N (default 40) it also times one synthetic log of about N
// MB (every labelled log's text repeated between lines of build noise) and
// reports the wall time, the peak RSS and whether the last failure was found.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { failureToJson, parseLog } from '../src/ci/parse-log.js';
import type { Failure } from '../src/ci/types.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'huge-mb': { type: 'string', default: '40' }, json: { type: 'boolean' } },
});
const root = resolve(positionals[0] ?? join(import.meta.dirname, '..', 'test', 'fixtures', 'ci'));

interface Labelled {
  group: string;
  name: string;
  log: string;
  expected: Failure[];
}

function collect(dir: string, out: Labelled[]): void {
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry !== 'repos') collect(full, out);
      continue;
    }
    if (!entry.endsWith('.log')) continue;
    const expectedPath = full.replace(/\.log$/, '.expected.json');
    let expected: Failure[];
    try {
      expected = (JSON.parse(readFileSync(expectedPath, 'utf8')) as { failures: Failure[] }).failures;
    } catch {
      console.error(`skipped ${relative(root, full)}: no readable ${relative(root, expectedPath)}`);
      continue;
    }
    const rel = relative(root, full);
    out.push({
      group: rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : '.',
      name: rel,
      log: readFileSync(full, 'utf8'),
      expected,
    });
  }
}

interface Score {
  logs: number;
  framesExpected: number;
  framesFound: number;
  framesRight: number;
  failuresExpected: number;
  failuresMatched: number;
  failuresInvented: number;
  kind: number;
  message: number;
  test: number;
  ms: number;
  slowest: { name: string; ms: number };
}

const emptyScore = (): Score => ({
  logs: 0,
  framesExpected: 0,
  framesFound: 0,
  framesRight: 0,
  failuresExpected: 0,
  failuresMatched: 0,
  failuresInvented: 0,
  kind: 0,
  message: 0,
  test: 0,
  ms: 0,
  slowest: { name: '', ms: 0 },
});

function projectFrames(failures: Failure[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const failure of failures)
    for (const frame of failure.frames) {
      if (frame.external || frame.path === null) continue;
      const key = `${frame.path}:${frame.line}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  return counts;
}

/**
 * Pairs each expected failure with a found one: the same test name, else the
 * same message, else the same kind and first project frame; each found
 * failure is used once.
 */
function pair(expected: Failure[], found: Failure[]): [Failure, Failure | undefined][] {
  const used = new Set<number>();
  const firstFrame = (f: Failure): string => {
    const frame = f.frames.find((x) => !x.external);
    return frame ? `${frame.path}:${frame.line}` : '';
  };
  const rules: ((e: Failure, f: Failure) => boolean)[] = [
    (e, f) => e.test !== null && e.test === f.test && e.message === f.message,
    (e, f) => e.test !== null && e.test === f.test,
    (e, f) => e.message === f.message && e.kind === f.kind,
    (e, f) => e.kind === f.kind && firstFrame(e) !== '' && firstFrame(e) === firstFrame(f),
  ];
  const pairs = new Map<number, number>();
  for (const rule of rules)
    expected.forEach((e, i) => {
      if (pairs.has(i)) return;
      const j = found.findIndex((f, k) => !used.has(k) && rule(e, f));
      if (j !== -1) {
        used.add(j);
        pairs.set(i, j);
      }
    });
  return expected.map((e, i) => [e, pairs.has(i) ? found[pairs.get(i)!] : undefined]);
}

function score(item: Labelled, into: Score): void {
  const t0 = performance.now();
  const found = parseLog(item.log).failures.map(failureToJson);
  const ms = performance.now() - t0;
  into.logs++;
  into.ms += ms;
  if (ms > into.slowest.ms) into.slowest = { name: item.name, ms };
  const want = projectFrames(item.expected);
  const got = projectFrames(found);
  for (const n of want.values()) into.framesExpected += n;
  for (const [key, n] of got) {
    into.framesFound += n;
    into.framesRight += Math.min(n, want.get(key) ?? 0);
  }
  const pairs = pair(item.expected, found);
  into.failuresExpected += item.expected.length;
  for (const [e, f] of pairs) {
    if (!f) continue;
    into.failuresMatched++;
    if (e.kind === f.kind) into.kind++;
    if (e.message === f.message) into.message++;
    if (e.test === f.test) into.test++;
  }
  into.failuresInvented += found.length - pairs.filter(([, f]) => f).length;
}

function merge(total: Score, part: Score): void {
  for (const key of Object.keys(part) as (keyof Score)[]) {
    if (key === 'slowest') {
      if (part.slowest.ms > total.slowest.ms) total.slowest = part.slowest;
    } else total[key] += part[key];
  }
}

const pct = (a: number, b: number): string => (b === 0 ? '   –  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);

function row(name: string, s: Score): string {
  return [
    name.padEnd(10),
    String(s.logs).padStart(4),
    `${pct(s.framesRight, s.framesFound)} ${pct(s.framesRight, s.framesExpected)}`,
    `${String(s.failuresMatched).padStart(4)}/${String(s.failuresExpected).padEnd(4)} ${String(s.failuresInvented).padStart(3)}`,
    `${pct(s.kind, s.failuresExpected)} ${pct(s.message, s.failuresExpected)} ${pct(s.test, s.failuresExpected)}`,
    `${s.ms.toFixed(1).padStart(7)}`,
  ].join('  ');
}

function hugeRun(items: Labelled[], megabytes: number): Record<string, number | boolean> {
  const seeds = items.filter((item) => item.expected.length > 0);
  const last = seeds[seeds.length - 1]!;
  const noise = (i: number): string =>
    `2026-01-02T03:04:05.1234567Z [${i}] WARN retrying request: Error: connect ECONNREFUSED 127.0.0.1:5432`;
  const parts: string[] = [];
  let size = 0;
  let i = 0;
  let seed = 0;
  while (size < megabytes * 1024 * 1024) {
    const line = noise(i++);
    parts.push(line);
    size += line.length + 1;
    if (i % 50_000 === 0) {
      const log = seeds[seed++ % seeds.length]!.log;
      parts.push(log.replace(/\n$/, ''));
      size += log.length;
    }
  }
  parts.push(last.log.replace(/\n$/, ''));
  parts.push(...Array.from({ length: 1000 }, (_, k) => noise(i + k)));
  const text = `${parts.join('\n')}\n`;
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const parsed = parseLog(text);
  const ms = performance.now() - t0;
  const lastExpected = JSON.stringify(last.expected[last.expected.length - 1]);
  const found = parsed.failures.map(failureToJson).some((f) => JSON.stringify(f) === lastExpected);
  return {
    megabytes: Math.round(text.length / 1024 / 1024),
    lines: parsed.totalLines,
    omittedLines: parsed.omittedLines,
    failures: parsed.failures.length,
    ms: Math.round(ms),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    rssBeforeMb: Math.round(rssBefore / 1024 / 1024),
    lastFailureFound: found,
  };
}

const items: Labelled[] = [];
collect(root, items);
if (items.length === 0) {
  console.error(`no labelled logs (NAME.log + NAME.expected.json) under ${root}`);
  process.exit(2);
}
const groups = new Map<string, Score>();
for (const item of items) {
  const score_ = groups.get(item.group) ?? emptyScore();
  score(item, score_);
  groups.set(item.group, score_);
}
const total = emptyScore();
for (const s of groups.values()) merge(total, s);
const huge = Number(values['huge-mb']) > 0 ? hugeRun(items, Number(values['huge-mb'])) : null;

if (values.json) {
  console.log(JSON.stringify({ root, groups: Object.fromEntries(groups), total, huge }, null, 2));
} else {
  console.log(`labelled logs under ${relative(process.cwd(), root) || '.'}`);
  console.log('group       logs  frames: prec  recall  failures: found invented  exact: kind  message  test     ms');
  for (const [name, s] of groups) console.log(row(name, s));
  console.log(row('all', total));
  console.log(`slowest: ${total.slowest.name} ${total.slowest.ms.toFixed(1)} ms`);
  if (huge) console.log(`huge log: ${JSON.stringify(huge)}`);
}
