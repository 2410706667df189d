import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isBenchInputError } from '../../src/bench/errors.js';
import {
  disposeAllSnapshots,
  removeAbandonedSnapshots,
  resolveCommit,
  resolveGitDir,
  runGit,
  SnapshotRepository,
  treeBlobs,
} from '../../src/bench/git.js';
import { headBlobs } from '../../src/bench/term-cache.js';
import { git, tempDir, writeFiles } from '../helpers/repo.js';

function threeCommits(): { dir: string; shas: string[] } {
  const dir = tempDir();
  git(dir, 'init', '-q', '-b', 'main');
  const shas: string[] = [];
  const contents: Record<string, string>[] = [
    { 'a.py': 'A = 1\n', 'data.bin': 'payload one\n' },
    { 'a.py': 'A = 2\n', 'b.py': 'B = 2\n' },
    { 'a.py': 'A = 3\n', 'c.py': 'C = 3\n' },
  ];
  for (const [i, files] of contents.entries()) {
    writeFiles(dir, files);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', `commit ${i}`);
    shas.push(git(dir, 'rev-parse', 'HEAD').trim());
  }
  return { dir, shas };
}

const snapshots: SnapshotRepository[] = [];
afterAll(() => {
  for (const snapshot of snapshots.splice(0)) snapshot.dispose();
});

describe('SnapshotRepository', () => {
  it('checks out a commit whose later history cannot be reached, even after visiting it', () => {
    const { dir, shas } = threeCommits();
    const snapshot = SnapshotRepository.create(resolveGitDir(dir), tempDir());
    snapshots.push(snapshot);
    snapshot.checkout(shas[2]!);
    snapshot.checkout(shas[1]!);
    expect(readFileSync(join(snapshot.root, 'a.py'), 'utf8')).toBe('A = 2\n');
    expect(existsSync(join(snapshot.root, 'b.py'))).toBe(true);
    expect(existsSync(join(snapshot.root, 'c.py'))).toBe(false);
    expect(runGit(['-C', snapshot.root, 'rev-list', '--all', '--reflog']).trim().split('\n')).toEqual([
      shas[1],
      shas[0],
    ]);
    expect(runGit(['-C', snapshot.root, 'log', '--format=%H']).trim().split('\n')).toEqual([shas[1], shas[0]]);
    // The objects are borrowed, not copied.
    expect(runGit(['-C', snapshot.root, 'count-objects']).trim()).toMatch(/^0 objects/);
    expect(snapshot.missingFiles).toEqual([]);
  });

  it('leaves out files whose blobs the source repository lacks, and says which', () => {
    const { dir, shas } = threeCommits();
    const blob = git(dir, 'rev-parse', `${shas[0]}:data.bin`).trim();
    rmSync(join(dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const snapshot = SnapshotRepository.create(resolveGitDir(dir), tempDir());
    snapshots.push(snapshot);
    snapshot.checkout(shas[2]!);
    expect(snapshot.missingFiles).toEqual(['data.bin']);
    expect(existsSync(join(snapshot.root, 'data.bin'))).toBe(false);
    expect(readFileSync(join(snapshot.root, 'c.py'), 'utf8')).toBe('C = 3\n');
    snapshot.checkout(shas[0]!);
    expect(readFileSync(join(snapshot.root, 'a.py'), 'utf8')).toBe('A = 1\n');
  });

  it('removes every scratch repository left when a run is interrupted', () => {
    const { dir } = threeCommits();
    const roots = [1, 2].map(() => SnapshotRepository.create(resolveGitDir(dir), tempDir()).root);
    expect(roots.every((root) => existsSync(root))).toBe(true);
    disposeAllSnapshots();
    expect(roots.some((root) => existsSync(root))).toBe(false);
  });

  it('removes the scratch repositories of a run killed with SIGKILL when the next run starts, and only those', async () => {
    const { dir } = threeCommits();
    const gitDir = resolveGitDir(dir);
    const parent = tempDir();
    // This run's own scratch repository, made before the other run's: a live owner keeps it.
    const live = SnapshotRepository.create(gitDir, parent);
    snapshots.push(live);
    const module = pathToFileURL(join(import.meta.dirname, '..', '..', 'src', 'bench', 'git.ts')).href;
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const { SnapshotRepository } = await import(${JSON.stringify(module)});
         SnapshotRepository.create(${JSON.stringify(gitDir)}, ${JSON.stringify(parent)});
         console.log('ready');
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (data: Buffer) => {
        if (data.toString().includes('ready')) resolve();
      });
      child.on('exit', () => reject(new Error('the child exited before creating its scratch repository')));
    });
    const killed = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await killed;
    const [left, ...others] = readdirSync(parent).filter((name) => name !== basename(live.root));
    expect(others).toEqual([]);
    expect(left).toMatch(/^revloop-bench-/);
    // Not a scratch repository of ours: no owner file.
    const foreign = join(parent, 'revloop-bench-foreign');
    mkdirSync(foreign);
    const messages: string[] = [];
    const next = SnapshotRepository.create(gitDir, parent, (message) => messages.push(message));
    snapshots.push(next);
    expect(existsSync(join(parent, left!))).toBe(false);
    expect(messages).toEqual([`removed 1 scratch checkout(s) left by runs that were killed: ${join(parent, left!)}`]);
    expect(readdirSync(parent).sort()).toEqual(
      [basename(live.root), basename(next.root), 'revloop-bench-foreign'].sort(),
    );
    expect(removeAbandonedSnapshots(parent)).toEqual([]);
  });

  it('lists the blobs of a tree; the BM25 documents leave symbolic links out', () => {
    const { dir, shas } = threeCommits();
    symlinkSync('a.py', join(dir, 'link.py'));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'link');
    expect(treeBlobs(dir, 'HEAD').map((b) => [b.path, b.mode])).toEqual([
      ['a.py', '100644'],
      ['b.py', '100644'],
      ['c.py', '100644'],
      ['data.bin', '100644'],
      ['link.py', '120000'],
    ]);
    expect([...headBlobs(dir).keys()]).toEqual(['a.py', 'b.py', 'c.py', 'data.bin']);
    expect(treeBlobs(dir, shas[0]!).map((b) => b.path)).toEqual(['a.py', 'data.bin']);
  });

  it('names a path that is not a repository, and resolves commits', () => {
    const { dir, shas } = threeCommits();
    const notRepo = tempDir();
    let caught: unknown;
    try {
      resolveGitDir(notRepo);
    } catch (error) {
      caught = error;
    }
    expect(isBenchInputError(caught)).toBe(true);
    expect((caught as Error).message).toContain(notRepo);
    const gitDir = resolveGitDir(dir);
    expect(resolveCommit(gitDir, 'HEAD~1')).toBe(shas[1]);
    expect(resolveCommit(gitDir, 'no-such-branch')).toBeUndefined();
    expect(resolveCommit(gitDir, '--all')).toBeUndefined();
  });
});
