import { describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  coChangeRanking,
  countChangedLines,
  evenlySpaced,
  parseLog,
  readFirstParentLog,
  replayCase,
  selectReplayCases,
  type MinedCommit,
} from '../../src/bench/commit-mining.js';
import { git, tempDir, writeFiles } from '../helpers/repo.js';

const isSource = (path: string): boolean => path.endsWith('.py');
const criteria = { minFiles: 2, maxFiles: 8, isSource };

function commitAll(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD').trim();
}

/** A history with one commit of each kind the miner must tell apart, newest last. */
function historyRepo(): { dir: string; sha: Record<string, string> } {
  const dir = tempDir();
  git(dir, 'init', '-q', '-b', 'main');
  const many = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`many/m${i}.py`, `x = ${i}\n`]));
  writeFiles(dir, {
    'a.py': 'def a():\n    return 1\n',
    'b.py': 'def b():\n    return 2\n',
    'c.py': 'def c():\n    return 3\n',
    'old.py': 'OLD = 1\n',
    'lib/sp ace.py': 'SPACE = 1\n',
    'docs.md': '# docs\n',
    'tests/test_a.py': 'def test_a():\n    pass\n',
    ...many,
  });
  const sha: Record<string, string> = {};
  sha.root = commitAll(dir, 'root');
  writeFiles(dir, {
    'a.py': 'def a():\n    return 10\n\n\ndef a2():\n    return 11\n',
    'b.py': 'def b():\n    return 20\n',
    'lib/sp ace.py': 'SPACE = 2\n',
  });
  sha.pair = commitAll(dir, 'a, b and a path with a space');
  writeFiles(dir, { 'a.py': 'def a():\n    return 100\n', 'docs.md': '# more docs\n' });
  sha.single = commitAll(dir, 'one source file and docs');
  writeFiles(dir, { 'new.py': 'NEW = 1\n', 'a.py': 'def a():\n    return 1000\n' });
  sha.added = commitAll(dir, 'adds a file');
  git(dir, 'mv', 'c.py', 'd.py');
  writeFiles(dir, { 'b.py': 'def b():\n    return 200\n' });
  sha.renamed = commitAll(dir, 'renames c.py');
  git(dir, 'rm', '-q', 'old.py');
  writeFiles(dir, { 'b.py': 'def b():\n    return 2000\n' });
  sha.deleted = commitAll(dir, 'deletes old.py');
  writeFiles(dir, Object.fromEntries(Object.keys(many).map((p) => [p, 'x = -1\n'])));
  sha.mass = commitAll(dir, 'touches nine files');
  git(dir, 'checkout', '-q', '-b', 'feature');
  writeFiles(dir, { 'b.py': 'def b():\n    return 3\n' });
  commitAll(dir, 'feature: b');
  writeFiles(dir, { 'tests/test_a.py': 'def test_a():\n    assert True\n    assert 1\n    assert 2\n' });
  commitAll(dir, 'feature: test');
  git(dir, 'checkout', '-q', 'main');
  git(dir, 'merge', '-q', '--no-ff', '-m', 'merge feature', 'feature');
  sha.merge = git(dir, 'rev-parse', 'HEAD').trim();
  return { dir, sha };
}

describe('readFirstParentLog', () => {
  const { dir, sha } = historyRepo();
  const log = readFirstParentLog(`${dir}/.git`, 'HEAD', 100);

  it('follows first parents only, newest first, and shows a merge as its whole branch', () => {
    expect(log.map((c) => c.sha)).toEqual([
      sha.merge,
      sha.mass,
      sha.deleted,
      sha.renamed,
      sha.added,
      sha.single,
      sha.pair,
      sha.root,
    ]);
    expect(log[0]!.parents).toHaveLength(2);
    expect(log[0]!.files.map((f) => [f.path, f.status])).toEqual([
      ['b.py', 'M'],
      ['tests/test_a.py', 'M'],
    ]);
  });

  it('reads statuses and paths with spaces; a rename is a delete and an add', () => {
    const byCommit = new Map(log.map((c) => [c.sha, c]));
    const files = (s: string): [string, string][] => byCommit.get(s)!.files.map((f) => [f.path, f.status]);
    expect(files(sha.pair!)).toEqual([
      ['a.py', 'M'],
      ['b.py', 'M'],
      ['lib/sp ace.py', 'M'],
    ]);
    expect(files(sha.renamed!)).toEqual([
      ['b.py', 'M'],
      ['c.py', 'D'],
      ['d.py', 'A'],
    ]);
    expect(byCommit.get(sha.root!)!.parents).toEqual([]);
  });

  it('counts changed lines of chosen files, literal paths included', () => {
    const pair = structuredClone(log.find((c) => c.sha === sha.pair)!);
    expect(countChangedLines(`${dir}/.git`, pair, pair.files)).toBe(true);
    expect(pair.files.map((f) => [f.path, f.changedLines])).toEqual([
      ['a.py', 6],
      ['b.py', 2],
      ['lib/sp ace.py', 2],
    ]);
  });

  it('stops at maxCommits', () => {
    expect(readFirstParentLog(`${dir}/.git`, 'HEAD', 3)).toHaveLength(3);
  });

  it('qualifies commits of 2–8 source files that all existed in the parent, seeded with the most-changed file', () => {
    const selection = selectReplayCases(structuredClone(log), 100, 100, {
      ...criteria,
      countLines: (commit, files) => countChangedLines(`${dir}/.git`, commit, files),
    });
    expect(selection.examined).toBe(8);
    expect(selection.qualifying).toBe(3);
    expect(selection.disqualified).toEqual({
      root: 1,
      'too-few-files': 1,
      'too-many-files': 1,
      'file-not-in-parent': 2,
      unreadable: 0,
    });
    expect(selection.cases.map((c) => [c.sha, c.parent, c.seed, c.targets, c.logIndex])).toEqual([
      [sha.merge, sha.mass, 'tests/test_a.py', ['b.py'], 0],
      [sha.deleted, sha.renamed, 'b.py', ['old.py'], 2],
      [sha.pair, sha.root, 'a.py', ['b.py', 'lib/sp ace.py'], 6],
    ]);
  });

  it('counts co-changes with the seed in the history before the commit only', () => {
    const candidates = new Set(['a.py', 'b.py', 'lib/sp ace.py', 'tests/test_a.py', 'old.py']);
    // Before the merge (index 0): b.py changed with a.py? never with tests/test_a.py.
    expect(coChangeRanking(log, 0, 'tests/test_a.py', candidates)).toEqual([]);
    // b.py changed in pair, renamed and deleted; with a.py once (pair), with old.py once (deleted).
    expect(coChangeRanking(log, 0, 'b.py', candidates)).toEqual(['a.py', 'lib/sp ace.py', 'old.py']);
    // Seen from the deletion commit itself (index 2), its own co-change is in the future.
    expect(coChangeRanking(log, 2, 'b.py', candidates)).toEqual(['a.py', 'lib/sp ace.py']);
    // Commits over maxFilesPerCommit (mass edits) are skipped: nine files pass the default 30, not a bound of 8.
    expect(coChangeRanking(log, 0, 'many/m0.py', new Set(['many/m1.py']))).toEqual(['many/m1.py']);
    expect(
      coChangeRanking(log, 0, 'many/m0.py', new Set(['many/m1.py']), { depth: 100, maxFilesPerCommit: 8 }),
    ).toEqual([]);
    // Only `depth` older commits are read: the pair commit is 4 commits before the deletion.
    expect(coChangeRanking(log, 2, 'b.py', candidates, { depth: 3, maxFilesPerCommit: 30 })).toEqual([]);
    expect(coChangeRanking(log, 2, 'b.py', candidates, { depth: 4, maxFilesPerCommit: 30 })).toEqual([
      'a.py',
      'lib/sp ace.py',
    ]);
  });
});

describe('a mirror that lacks some blobs', () => {
  it('still reads the log, and leaves out a commit whose source files cannot be read', () => {
    const { dir, sha } = historyRepo();
    const blob = git(dir, 'rev-parse', `${sha.pair}:lib/sp ace.py`).trim();
    rmSync(join(dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const log = readFirstParentLog(`${dir}/.git`, 'HEAD', 100);
    expect(log).toHaveLength(8);
    const selection = selectReplayCases(log, 100, 100, {
      ...criteria,
      countLines: (commit, files) => countChangedLines(`${dir}/.git`, commit, files),
    });
    expect(selection.disqualified.unreadable).toBe(1);
    expect(selection.cases.map((c) => c.sha)).toEqual([sha.merge, sha.deleted]);
  });
});

describe('parseLog', () => {
  it('takes the token after a raw line as its path even when it looks like a numstat line', () => {
    const out = '\x01abc def\0\n:100644 100644 111 222 M\0' + '1\t2\tx.py\0' + '1\t2\t1\t2\tx.py\0';
    expect(parseLog(out)).toEqual([
      { sha: 'abc', parents: ['def'], files: [{ path: '1\t2\tx.py', status: 'M', changedLines: 3 }] },
    ]);
  });
});

describe('replayCase', () => {
  const commit = (files: [string, string, number][]): MinedCommit => ({
    sha: 's',
    parents: ['p'],
    files: files.map(([path, status, changedLines]) => ({ path, status, changedLines })),
  });

  it('breaks a tie on changed lines by path, and never seeds with a deleted file', () => {
    const result = replayCase(
      commit([
        ['z.py', 'M', 5],
        ['b.py', 'M', 5],
        ['gone.py', 'D', 50],
      ]),
      3,
      criteria,
    );
    expect(result).toEqual({ sha: 's', parent: 'p', seed: 'b.py', targets: ['gone.py', 'z.py'], logIndex: 3 });
  });

  it('ignores files that are not source', () => {
    expect(
      replayCase(
        commit([
          ['a.py', 'M', 1],
          ['README.md', 'M', 1],
        ]),
        0,
        criteria,
      ),
    ).toBe('too-few-files');
  });
});

describe('evenlySpaced', () => {
  it('keeps the first and last and spreads the rest', () => {
    expect(evenlySpaced([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4)).toEqual([0, 3, 6, 9]);
    expect(evenlySpaced([1, 2], 5)).toEqual([1, 2]);
    expect(evenlySpaced([1, 2, 3], 1)).toEqual([1]);
    expect(evenlySpaced([1, 2, 3], 0)).toEqual([]);
  });
});
