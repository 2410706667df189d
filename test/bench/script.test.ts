import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, tempDir, writeFiles } from '../helpers/repo.js';

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'bench-quality.ts');

function bench(args: string[]): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { encoding: 'utf8' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run bench:quality', () => {
  it.each([
    [[], /no protocol: cochange or swebench/],
    [['replay'], /unknown protocol "replay"/],
    [['cochange'], /cochange needs at least one repository path/],
    [['cochange', '.', '--commits', '0'], /--commits must be a positive integer, not "0"/],
    [['cochange', '.', '--methods', 'revloop,grep'], /unknown method "grep"/],
    [['cochange', '--bogus'], /Unknown option '--bogus'/],
    [['swebench'], /swebench needs --repo-dir DIR/],
    [['swebench', '--repo-dir', '/nonexistent', '--data', '/nonexistent.jsonl'], /cannot read the SWE-bench data file/],
  ])('exits 2 with one line for bad input %j', (args, message) => {
    const result = bench(args);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('prints the replay table and writes every case as JSON', () => {
    const dir = tempDir();
    git(dir, 'init', '-q', '-b', 'main');
    writeFiles(dir, { 'a.go': 'package a\n', 'b.go': 'package a\n' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'start');
    writeFiles(dir, { 'a.go': 'package a\n\nfunc A() {}\n', 'b.go': 'package a\n\nfunc B() { A() }\n' });
    git(dir, 'commit', '-q', '-am', 'both');
    const json = join(tempDir(), 'out.json');
    const result = bench(['cochange', dir, '--methods', 'same-dir,history', '--json', json, '--work-dir', tempDir()]);
    expect(result.stderr).toContain('1 cases from 1 qualifying of 2 commits');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^revloop [0-9a-f]{12}/);
    expect(result.stdout).toMatch(/\| same-dir +\| +1\.000 \| +1\.000 \|/);
    expect(result.stdout).toMatch(/\| history +\| +0\.000 \| +0\.000 \|/);
    const written = JSON.parse(readFileSync(json, 'utf8')) as { runs: { items: { ranks: object }[] }[] };
    expect(written.runs[0]!.items[0]!.ranks).toEqual({ 'same-dir': [1], history: [null] });
  });
});
