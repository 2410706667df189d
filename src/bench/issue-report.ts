import { issueScores, mean, type IssueScores } from './metrics.js';
import { formatScore, formatSeconds, markdownTable } from './table.js';
import type { IssueItem, IssueRun } from './issue-files.js';

const ISSUE_METRICS: readonly (keyof IssueScores)[] = ['hit@1', 'hit@5', 'hit@10', 'all@5'];

function meanIssueScores(items: readonly IssueItem[], method: string): Record<string, number> {
  const scores = items.map((item) => issueScores(item.ranks[method]!));
  return Object.fromEntries(ISSUE_METRICS.map((m) => [m, mean(scores.map((s) => s[m]))]));
}

/**
 * One row per repository and method, then all instances together per
 * method (each instance weighs the same, as in SWE-bench's own numbers).
 */
export function issueTable(run: IssueRun, methods: readonly string[]): string {
  const rows: string[][] = [];
  const repos = [...new Set(run.items.map((item) => item.repo))].sort();
  const row = (label: string, items: readonly IssueItem[], method: string, ms: number): string[] => {
    const scores = meanIssueScores(items, method);
    const errors = items.filter((item) => item.errors[method] !== undefined).length;
    return [
      label,
      String(items.length),
      method,
      ...ISSUE_METRICS.map((m) => formatScore(scores[m]!)),
      String(errors),
      formatSeconds(ms),
    ];
  };
  for (const repo of repos) {
    const items = run.items.filter((item) => item.repo === repo);
    for (const method of methods) rows.push(row(repo, items, method, run.methodMs[repo]?.[method] ?? 0));
  }
  if (repos.length > 1) {
    for (const method of methods) {
      const ms = Object.values(run.methodMs).reduce((n, spent) => n + (spent[method] ?? 0), 0);
      rows.push(row('all instances', run.items, method, ms));
    }
  }
  return markdownTable(['repository', 'instances', 'method', ...ISSUE_METRICS, 'errors', 'time'], rows);
}
