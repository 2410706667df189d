import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { failureToJson, parseLog } from '../../src/ci/parse-log.js';
import { labelledLogs, readText } from './corpus.js';

/**
 * Wraps a plain log the way a GitHub Actions job log frames it: a timestamp
 * on every line, the step in a group, colours on some lines, the runner's
 * closing annotation.
 */
export function asActionsJob(log: string): string {
  const body = log.replace(/\n$/, '').split('\n');
  const lines = [
    '##[group]Run actions/checkout@v4',
    'with:',
    '  repository: acme/shop',
    '##[endgroup]',
    '##[group]Run make test',
    'make test',
    'shell: /usr/bin/bash -e {0}',
    '##[endgroup]',
    ...body.map((line, i) => (i % 7 === 3 && line !== '' ? `\u001b[2m${line}\u001b[22m` : line)),
    '##[error]Process completed with exit code 2.',
    'Post job cleanup.',
  ];
  const start = Date.UTC(2026, 0, 2, 3, 4, 5);
  return lines.map((line, i) => `${new Date(start + i * 11).toISOString().replace('Z', '6789Z')} ${line}\n`).join('');
}

const corpus = labelledLogs();

describe('fixture corpus', () => {
  it('has a labelled expectation for every log, and logs for every format', () => {
    for (const entry of corpus) expect(existsSync(entry.expectedPath), entry.expectedPath).toBe(true);
    const dirs = new Set(corpus.map((entry) => entry.name.split('/')[0]));
    expect([...dirs].sort()).toEqual([
      'actions',
      'dart',
      'elixir',
      'empty',
      'generic',
      'go',
      'java',
      'lua',
      'native',
      'node',
      'python',
      'ruby',
      'rust',
    ]);
  });

  for (const entry of corpus) {
    it(`${entry.name}: exactly the expected failures and frames`, () => {
      const expected = JSON.parse(readText(entry.expectedPath));
      const parsed = parseLog(readText(entry.logPath));
      expect({ failures: parsed.failures.map(failureToJson) }).toEqual(expected);
    });

    if (!entry.name.startsWith('actions/'))
      it(`${entry.name}: the same failures inside GitHub Actions framing`, () => {
        const expected = JSON.parse(readText(entry.expectedPath));
        const parsed = parseLog(asActionsJob(readText(entry.logPath)));
        expect({ failures: parsed.failures.map(failureToJson) }).toEqual(expected);
        for (const failure of parsed.failures) expect(failure.step).toBe('Run make test');
      });
  }
});

describe('failure locations', () => {
  it('point at lines of the original log, framing lines included', () => {
    const log = readText(corpus.find((e) => e.name === 'actions/pytest-job')!.logPath);
    const parsed = parseLog(log);
    const original = log.split('\n');
    const first = parsed.failures[0]!;
    expect(original[first.logLine - 1]).toMatch(/_ test_divide _/);
    expect(first.step).toBe('Run python -m pytest');
    const last = parsed.failures[parsed.failures.length - 1]!;
    expect(original[last.logLine - 1]).toMatch(/TestGroup\.test_method/);
  });
});
