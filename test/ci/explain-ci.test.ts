import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainCi } from '../../src/cli/explain-ci.js';
import { isUsageError } from '../../src/cli/errors.js';
import { tempDir } from '../helpers/repo.js';
import { CI_FIXTURES, readText } from './corpus.js';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await explainCi(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: CI_FIXTURES,
  });
  return { code, stdout, stderr };
}

async function usageError(args: string[]): Promise<string> {
  try {
    await run(args);
  } catch (error) {
    if (isUsageError(error)) return error.message;
    throw error;
  }
  throw new Error('expected a usage error');
}

describe('revloop explain-ci', () => {
  it('prints exactly one JSON document with the failures contract', async () => {
    const result = await run(['--log', 'actions/go-test-job.log', '--json']);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(Object.keys(out)).toEqual(['failures']);
    expect(out).toEqual(JSON.parse(readText(join(CI_FIXTURES, 'actions', 'go-test-job.expected.json'))));
    for (const failure of out.failures) {
      expect(Object.keys(failure).slice(0, 4)).toEqual(['kind', 'message', 'test', 'frames']);
      for (const frame of failure.frames)
        expect(Object.keys(frame)).toEqual(['path', 'line', 'column', 'function', 'external']);
    }
    expect(result.stderr).toBe('revloop: 3 failures in 69 log lines\n');
  });

  it('puts sanitizer allocation and free stacks in their own field', async () => {
    const out = JSON.parse((await run(['--log', 'native/asan-use-after-free.log', '--json'])).stdout);
    expect(out.failures[0].relatedStacks.map((s: { label: string }) => s.label)).toEqual([
      'freed by thread T0 here',
      'previously allocated by thread T0 here',
    ]);
    expect(out.failures[0].frames[0]).toEqual({
      path: 'src/buf.c',
      line: 11,
      column: null,
      function: 'read_after_free',
      external: false,
    });
  });

  it('prints failures and project frames as text', async () => {
    const result = await run(['--log', 'python/traceback-chained.log']);
    expect(result.stdout).toBe(
      [
        '1 failure in 27 log lines',
        '',
        '1. exception',
        '   RuntimeError: config is broken',
        '   log line 2',
        '   pkg/calc.py:10  in load',
        '   pkg/calc.py:5  in parse_config',
        '   main.py:3  in <module>',
        '   pkg/calc.py:12  in load',
        '   (3 external frames not shown)',
        '',
      ].join('\n'),
    );
  });

  it('maps frames into a repository with --repo: symbols and code', async () => {
    const repo = tempDir();
    cpSync(join(CI_FIXTURES, 'repos', 'python'), repo, { recursive: true });
    const text = await run(['--log', 'python/unittest.log', '--repo', repo]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      [
        '2. test-failure  test_divide (tests.test_unit.CalcTest.test_divide)',
        '   AssertionError: 2.0 != 3',
        '   log line 27',
        '   tests/test_unit.py:7  method ./tests/test_unit.py::test_unit.CalcTest.test_divide',
        '       5 | class CalcTest(unittest.TestCase):',
        '       6 |     def test_divide(self):',
        '     > 7 |         self.assertEqual(divide(4, 2), 3)',
        '       8 | ',
        '       9 |     def test_handle(self):',
      ].join('\n'),
    );
    expect(text.stderr).toBe('revloop: tagging 5 files\n');
    const json = JSON.parse((await run(['--log', 'python/unittest.log', '--repo', repo, '--json'])).stdout);
    expect(json.failures[0].frames.map((f: { path: string; external: boolean }) => `${f.path} ${f.external}`)).toEqual([
      'pkg/calc.py false',
      'pkg/calc.py false',
      'tests/test_unit.py false',
      'pkg/calc.py false',
    ]);
    expect(json.failures[1].context[0]).toMatchObject({
      path: 'tests/test_unit.py',
      line: 7,
      symbol: { name: 'test_divide' },
    });
  });

  it('masks secrets, built-in and given, in everything it prints', async () => {
    const dir = tempDir();
    const log = join(dir, 'job.log');
    writeFileSync(
      log,
      [
        'Traceback (most recent call last):',
        '  File "/app/deploy.py", line 3, in <module>',
        '    push(token)',
        `RuntimeError: push to https://x-access-token:ghs_${'q'.repeat(36)}@github.com/acme/shop failed for hunter2-deploy`,
        '',
      ].join('\n'),
    );
    const out = JSON.parse((await run(['--log', log, '--json', '--mask', 'hunter2-deploy'])).stdout);
    expect(out.failures[0].message).toBe(
      'RuntimeError: push to https://x-access-token:***@github.com/acme/shop failed for ***',
    );
  });

  it('reports a log with nothing to find as no failures', async () => {
    const result = await run(['--log', 'empty/pytest-passed-job.log', '--json']);
    expect(JSON.parse(result.stdout)).toEqual({ failures: [] });
    expect((await run(['--log', 'empty/pytest-passed-job.log'])).stdout).toBe('no failures found in 50 log lines\n');
  });

  it('rejects bad arguments with one line', async () => {
    expect(await usageError([])).toBe('explain-ci needs --log FILE');
    expect(await usageError(['--log', 'missing.log'])).toBe('--log: cannot read missing.log');
    expect(await usageError(['--log', 'python'])).toBe('--log: python is not a file');
    expect(await usageError(['--log', 'python/unittest.log', '--repo', 'nowhere'])).toBe(
      '--repo: nowhere is not a directory',
    );
    expect(await usageError(['--log', 'x', '--bogus'])).toMatch(/^Unknown option '--bogus'/);
  });
});
