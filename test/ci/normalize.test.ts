import { describe, expect, it } from 'vitest';
import { GAP_MARKER, cleanLine, normalizeLog } from '../../src/ci/normalize.js';
import { failureToJson, parseLog } from '../../src/ci/parse-log.js';
import { labelledLogs, readText } from './corpus.js';

describe('normalizeLog', () => {
  it('strips timestamps, colours and markers and keeps original line numbers', () => {
    const log = [
      '2026-01-02T03:04:05.6789012Z ##[group]Run npm test',
      '2026-01-02T03:04:05.6789012Z npm test',
      '2026-01-02T03:04:05.6789012Z ##[endgroup]',
      '2026-01-02T03:04:05.6789012Z \u001b[31mred\u001b[39m and \u001b]8;;https://x.test\u0007link\u001b]8;;\u0007',
      '2026-01-02T03:04:05.6789012Z ##[error]Process completed with exit code 1.',
      '',
    ].join('\n');
    const normal = normalizeLog(log);
    expect(normal.lines).toEqual(['npm test', 'red and link', 'Process completed with exit code 1.']);
    expect(normal.origin).toEqual([2, 4, 5]);
    expect(normal.errorLines).toEqual([2]);
    expect(normal.stepOf(0)).toBe('Run npm test');
    expect(normal.totalLines).toBe(5);
  });

  it('keeps what a terminal showed after a carriage return, and handles CRLF', () => {
    expect(cleanLine('progress 10%\rprogress 100%\r')).toBe('progress 100%');
    expect(normalizeLog('a\r\nb\r\n').lines).toEqual(['a', 'b']);
  });

  it('names steps by their Run group, not by groups printed inside a step', () => {
    const log = '##[group]Run make\nmake\n##[endgroup]\n##[group]Compiling\ncc a.c\n##[endgroup]\nerror\n';
    const normal = normalizeLog(log);
    expect(normal.lines).toEqual(['make', 'cc a.c', 'error']);
    expect(normal.lines.map((_, i) => normal.stepOf(i))).toEqual(['Run make', 'Run make', 'Run make']);
  });
});

/**
 * A log of `lines` lines of ordinary build output with one failure report
 * placed at `at` (a fraction of the log): the seed is a real pytest report.
 */
function hugeLog(lines: number, at: number, noise = 'compiling'): { text: string; failureLine: number } {
  const seed = readText(labelledLogs().find((e) => e.name === 'python/pytest-short')!.logPath).split('\n');
  const out: string[] = [];
  const insertAt = Math.floor(lines * at);
  let failureLine = 0;
  for (let i = 0; i < lines; i++) {
    if (i === insertAt) {
      failureLine = out.length + 1;
      out.push(...seed);
    }
    out.push(
      noise === 'compiling'
        ? `2026-01-02T03:04:05.1234567Z [${i}] compiling module_${i % 977}.c with -O2 -Wall -Wextra -DNDEBUG -Iinclude`
        : `2026-01-02T03:04:05.1234567Z [${i}] WARN retrying request: Error: connect ECONNREFUSED 127.0.0.1:5432`,
    );
  }
  return { text: `${out.join('\n')}\n`, failureLine };
}

describe('huge logs', () => {
  it('parse a bounded part of a tens-of-MB log and still find the failure', () => {
    const { text, failureLine } = hugeLog(400_000, 0.35);
    expect(text.length).toBeGreaterThan(30 * 1024 * 1024);
    const parsed = parseLog(text);
    expect(parsed.omittedLines).toBeGreaterThan(200_000);
    expect(parsed.totalLines).toBe(text.split('\n').length - 1);
    const expected = JSON.parse(readText(labelledLogs().find((e) => e.name === 'python/pytest-short')!.expectedPath));
    expect({ failures: parsed.failures.map(failureToJson) }).toEqual(expected);
    // Line numbers still point into the original log.
    expect(parsed.failures[0]!.logLine).toBeGreaterThan(failureLine);
    expect(text.split('\n')[parsed.failures[0]!.logLine - 1]).toMatch(/_ test_divide _/);
  });

  it('keeps a failure report even when every other line mentions an error', () => {
    const { text } = hugeLog(300_000, 0.2, 'errors');
    const parsed = parseLog(text);
    expect(parsed.omittedLines).toBeGreaterThan(100_000);
    expect(parsed.failures.map((f) => f.test)).toEqual([
      'tests/test_calc.py::test_divide',
      'tests/test_calc.py::test_load',
      'tests/test_calc.py::test_handle',
      'tests/test_calc.py::TestGroup::test_method',
    ]);
  });

  it('never joins lines across an omitted gap', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `noise ${i}`);
    lines[10] = 'Traceback (most recent call last):';
    lines[11] = '  File "a.py", line 1, in <module>';
    lines[40] = 'ValueError: far away';
    const normal = normalizeLog(lines.join('\n'), { maxLines: 20 });
    expect(normal.lines.length).toBeLessThanOrEqual(20 + 5);
    expect(normal.lines).toContain(GAP_MARKER);
    expect(normal.omittedLines).toBeGreaterThan(0);
  });
});
