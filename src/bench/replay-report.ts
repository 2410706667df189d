import { mean, replayScores, type ReplayScores } from './metrics.js';
import { formatScore, formatSeconds, markdownTable } from './table.js';
import type { ReplayRun } from './cochange-replay.js';

const REPLAY_METRICS: readonly (keyof ReplayScores)[] = ['recall@1', 'recall@5', 'recall@10', 'recall@20', 'mrr'];

/** Per method: the mean of each metric over the run's cases. */
export function summarizeReplay(run: ReplayRun, methods: readonly string[]): Map<string, Record<string, number>> {
  const summary = new Map<string, Record<string, number>>();
  for (const method of methods) {
    const scores = run.items.map((item) => replayScores(item.ranks[method]!));
    summary.set(method, Object.fromEntries(REPLAY_METRICS.map((m) => [m, mean(scores.map((s) => s[m]))])));
  }
  return summary;
}

/**
 * One row per repository and method, then the mean over repositories per
 * method (each repository weighs the same, however many cases it had).
 */
export function replayTable(runs: readonly ReplayRun[], methods: readonly string[]): string {
  const rows: string[][] = [];
  const perMethod = new Map<string, Record<string, number>[]>();
  for (const run of runs) {
    const summary = summarizeReplay(run, methods);
    for (const method of methods) {
      const scores = summary.get(method)!;
      const errors = run.items.filter((item) => item.errors[method] !== undefined).length;
      if (run.items.length > 0) perMethod.set(method, [...(perMethod.get(method) ?? []), scores]);
      rows.push([
        run.repository,
        String(run.items.length),
        method,
        ...REPLAY_METRICS.map((m) => formatScore(scores[m]!)),
        String(errors),
        formatSeconds(run.methodMs[method] ?? 0),
      ]);
    }
  }
  if (runs.length > 1) {
    for (const method of methods) {
      const repoScores = perMethod.get(method) ?? [];
      rows.push([
        `mean of ${repoScores.length} repositories`,
        String(runs.reduce((n, run) => n + run.items.length, 0)),
        method,
        ...REPLAY_METRICS.map((m) => formatScore(mean(repoScores.map((s) => s[m]!)))),
        String(runs.reduce((n, run) => n + run.items.filter((i) => i.errors[method] !== undefined).length, 0)),
        formatSeconds(runs.reduce((n, run) => n + (run.methodMs[method] ?? 0), 0)),
      ]);
    }
  }
  return markdownTable(['repository', 'cases', 'method', ...REPLAY_METRICS, 'errors', 'time'], rows);
}
