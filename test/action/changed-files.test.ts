import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasCommit, relativeToPrefix } from '../../src/action/changed-files.js';
import type { ChangedFile } from '../../src/context/seeds.js';
import { git, tempDir, writeFiles } from '../helpers/repo.js';

const before = { ranges: [{ start: 3, end: 3 }], shown: [[3, 'x = 1']] as [number, string][] };

describe('relativeToPrefix', () => {
  it('names files from the working directory and drops, and counts, those outside it', () => {
    const changed: ChangedFile[] = [
      { path: 'app/a.py', status: 'modified', ranges: [{ start: 1, end: 1 }], before },
      { path: 'docs/b.md', status: 'modified', ranges: [] },
    ];
    expect(relativeToPrefix(changed, 'app/')).toEqual({
      changed: [{ path: 'a.py', status: 'modified', ranges: [{ start: 1, end: 1 }], before }],
      outside: 1,
    });
    expect(relativeToPrefix(changed, '')).toEqual({ changed, outside: 0 });
  });

  it('keeps a move inside the working directory, and no old side for a file moved in from outside', () => {
    const changed: ChangedFile[] = [
      { path: 'app/b.py', status: 'renamed', previousPath: 'app/a.py', ranges: [], before },
      { path: 'app/c.py', status: 'renamed', previousPath: 'lib/c.py', ranges: [], before },
    ];
    expect(relativeToPrefix(changed, 'app/').changed).toEqual([
      { path: 'b.py', status: 'renamed', previousPath: 'a.py', ranges: [], before },
      // Its old path is not under the working directory: nothing there to blame, under either name.
      { path: 'c.py', status: 'renamed', ranges: [] },
    ]);
  });
});

describe('hasCommit', () => {
  it('never fetches a commit a partial clone lacks to answer (a fork head is not downloaded)', () => {
    const origin = tempDir();
    git(origin, 'init', '-q', '-b', 'main');
    git(origin, 'config', 'uploadpack.allowFilter', 'true');
    git(origin, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
    writeFiles(origin, { 'a.py': 'A = 1\n' });
    git(origin, 'add', '-A');
    git(origin, 'commit', '-qm', 'main');
    const main = git(origin, 'rev-parse', 'HEAD').trim();
    // The fork's commit, only under a pull request ref of the origin.
    git(origin, 'checkout', '-q', '-b', 'fork');
    writeFiles(origin, { 'a.py': 'A = 2\n' });
    git(origin, 'commit', '-qam', 'fork');
    const head = git(origin, 'rev-parse', 'HEAD').trim();
    git(origin, 'update-ref', 'refs/pull/1/head', head);
    git(origin, 'checkout', '-q', 'main');
    git(origin, 'branch', '-q', '-D', 'fork');
    const clone = join(tempDir(), 'clone');
    git(origin, 'clone', '-q', '--filter=blob:none', '--single-branch', '--branch', 'main', `file://${origin}`, clone);
    expect(hasCommit(clone, main)).toBe(true);
    expect(hasCommit(clone, head)).toBe(false);
    // Asking did not fetch it; a plain question would have.
    const ask = (env: NodeJS.ProcessEnv) => () =>
      execFileSync('git', ['-C', clone, 'cat-file', '-e', `${head}^{commit}`], { env, stdio: 'ignore' });
    expect(ask({ ...process.env, GIT_NO_LAZY_FETCH: '1' })).toThrow();
    expect(ask(process.env)).not.toThrow();
  });
});
