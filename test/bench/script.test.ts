import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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

  it('removes its scratch checkout when Ctrl-C interrupts `npm run bench:quality`', async () => {
    const dir = tempDir();
    git(dir, 'init', '-q', '-b', 'main');
    // Enough files that each case keeps the process busy (checkout, parse, graph) for a good while.
    const modules: Record<string, string> = { 'a.py': 'A = 0\n', 'b.py': 'from a import A\n' };
    for (let n = 0; n < 1500; n++) {
      const body = Array.from(
        { length: 10 },
        (_, k) => `def f${k}_${n}(x):\n    return f${k + 1}_${(n * 7) % 1500}(A + x)\n`,
      );
      modules[`pkg/m${n}.py`] = `from a import A\n\n${body.join('\n')}`;
    }
    writeFiles(dir, modules);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'start');
    for (let n = 1; n <= 40; n++) {
      writeFiles(dir, { 'a.py': `A = ${n}\n`, 'b.py': `from a import A\n\nB = A + ${n}\n` });
      git(dir, 'commit', '-q', '-am', `step ${n}`);
    }
    const work = tempDir();
    // The npm script as a terminal runs it, in its own process group, so the group gets the signal as on Ctrl-C.
    const child = spawn(
      'npm',
      ['run', '--silent', 'bench:quality', '--', 'cochange', dir, '--commits', '40', '--work-dir', work],
      {
        cwd: join(import.meta.dirname, '..', '..'),
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('[1/40]')) resolve();
      });
      child.on('exit', () => reject(new Error(`the run ended before it was interrupted:\n${stderr}`)));
    });
    expect(readdirSync(work).some((name) => name.startsWith('revloop-bench-'))).toBe(true);
    process.kill(-child.pid!, 'SIGINT');
    await exited;
    expect(readdirSync(work)).toEqual([]);
  }, 60_000);
});
