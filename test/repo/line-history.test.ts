import { describe, expect, it } from 'vitest';
import { changedFilesFromDiff, gitDiff } from '../../src/context/seeds.js';
import { analyzeRepository } from '../../src/pipeline/analyze.js';
import { blameChange, parseBlame, widen } from '../../src/repo/line-history.js';
import { git, tempDir, writeFiles } from '../helpers/repo.js';

const lines = (n: number, text: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => `${text(i + 1)}\n`).join('');

/**
 * core.py has 40 lines. After the root commit: `top` rewrote its lines 1–5
 * with a.py, `bottom` its lines 30–35 with b.py and c.py, `alone` its line
 * 20 and nothing else.
 */
function coreRepo(prefix = ''): { dir: string; top: string; bottom: string } {
  const repo = tempDir();
  git(repo, 'init', '-q', '-b', 'main');
  // `prefix`: the files one directory down, where the tool is run (`dir`), the repository above it.
  const dir = prefix ? `${repo}/${prefix}` : repo;
  const core = (i: number): string => `v${i} = ${i}`;
  writeFiles(dir, {
    'core.py': lines(40, core),
    'a.py': 'A = 0\n',
    'b.py': 'B = 0\n',
    'c.py': 'C = 0\n',
    'd.py': 'D = 0\n',
  });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'root');
  writeFiles(dir, { 'core.py': lines(40, (i) => (i <= 5 ? `top${i} = ${i}` : core(i))), 'a.py': 'A = 1\n' });
  git(dir, 'commit', '-qam', 'top');
  const top = git(dir, 'rev-parse', 'HEAD').trim();
  writeFiles(dir, {
    'core.py': lines(40, (i) => (i <= 5 ? `top${i} = ${i}` : i >= 30 && i <= 35 ? `bottom${i} = ${i}` : core(i))),
    'b.py': 'B = 1\n',
    'c.py': 'C = 1\n',
  });
  git(dir, 'commit', '-qam', 'bottom');
  const bottom = git(dir, 'rev-parse', 'HEAD').trim();
  writeFiles(dir, {
    'core.py': lines(40, (i) =>
      i <= 5 ? `top${i} = ${i}` : i >= 30 && i <= 35 ? `bottom${i} = ${i}` : i === 20 ? 'alone = 20' : core(i),
    ),
  });
  git(dir, 'commit', '-qam', 'alone');
  return { dir, top, bottom };
}

/** Edits core.py's line `at` (and a.py when asked) in the work tree; the change as `revloop rank --base HEAD` reads it. */
function edit(dir: string, at: number[], files: Record<string, string> = {}) {
  const text = git(dir, 'show', 'HEAD:./core.py').split('\n');
  for (const line of at) text[line - 1] = `edited${line} = 0`;
  writeFiles(dir, { 'core.py': text.join('\n'), ...files });
  return changedFilesFromDiff(gitDiff(dir, 'HEAD'));
}

/** Edits core.py's line `at`; the change as `git diff --relative HEAD`, run in `dir`, gives it. */
function gitDiffRelative(dir: string, at: number[]): string {
  edit(dir, at);
  return git(dir, 'diff', '--relative', 'HEAD');
}

const KNOWN = new Set(['core.py', 'a.py', 'b.py', 'c.py', 'd.py']);

describe('blameChange', () => {
  it('scores the files of the commits that wrote the edited lines and the lines around them', async () => {
    const { dir, top } = coreRepo();
    // Line 3 and the three around it (1–6): `top` wrote 1–5, the root commit 6 (a root commit imports, it couples nothing).
    const history = await blameChange(dir, edit(dir, [3]), 'HEAD', KNOWN);
    expect(history.note).toBeUndefined();
    expect(history.blamed).toBe(1);
    expect([...history.scores]).toEqual([['a.py', 1]]);
    expect(history.best.get('a.py')).toEqual({ seed: 'core.py', sha: top, lines: 5, files: 2 });
  });

  it('counts each commit alike and shares it among its files', async () => {
    const { dir, bottom } = coreRepo();
    const history = await blameChange(dir, edit(dir, [3, 32]), 'HEAD', KNOWN);
    // `top` and `bottom` count 1/2 each; `bottom` touched three files, so b.py and c.py get half of its share.
    expect(Object.fromEntries(history.scores)).toEqual({ 'a.py': 0.5, 'b.py': 0.25, 'c.py': 0.25 });
    expect(history.best.get('b.py')).toEqual({ seed: 'core.py', sha: bottom, lines: 6, files: 3 });
    // A commit of one file (`alone`, line 20) couples nothing; d.py never changed.
    expect((await blameChange(dir, edit(dir, [20]), 'HEAD', KNOWN)).scores.size).toBe(0);
  });

  it('leaves out the changed files themselves and files outside the index', async () => {
    const { dir } = coreRepo();
    const changed = edit(dir, [3, 32], { 'a.py': 'A = 2\n' });
    const history = await blameChange(dir, changed, 'HEAD', new Set(['core.py', 'a.py', 'b.py']));
    // a.py's own line was written by `top`, whose other file is core.py, changed too: the average
    // over the two changed files blamed halves core.py's 0.25 for b.py.
    expect(history.blamed).toBe(2);
    expect(Object.fromEntries(history.scores)).toEqual({ 'b.py': 0.125 });
  });

  it('scores a file moved since the blamed commit under its path now', async () => {
    const { dir, top } = coreRepo();
    git(dir, 'mv', 'a.py', 'z.py');
    git(dir, 'commit', '-qm', 'a to z');
    const known = new Set([...KNOWN].filter((path) => path !== 'a.py').concat('z.py'));
    const changed = edit(dir, [3]);
    // `top` touched a.py, which is z.py now: without the moves the checkout has no such file.
    expect((await blameChange(dir, changed, 'HEAD', known)).scores.size).toBe(0);
    const history = await blameChange(dir, changed, 'HEAD', known, { renamed: new Map([['a.py', 'z.py']]) });
    expect([...history.scores]).toEqual([['z.py', 1]]);
    expect(history.best.get('z.py')).toEqual({ seed: 'core.py', sha: top, lines: 5, files: 2 });
  });

  it('follows no further back than the history it is given', async () => {
    const { dir } = coreRepo();
    // Two commits back (`alone`, `bottom`): `top`'s lines are older, and count for nothing.
    const history = await blameChange(dir, edit(dir, [3, 32]), 'HEAD', KNOWN, { maxCommits: 2 });
    expect(Object.fromEntries(history.scores)).toEqual({ 'b.py': 0.5, 'c.py': 0.5 });
  });

  it('blames nothing when the diff is not of the revision, and says why', async () => {
    const { dir, top } = coreRepo();
    // The diff's old side is HEAD's core.py: at `top` the blob differs.
    const changed = edit(dir, [3]);
    const history = await blameChange(dir, changed, top, KNOWN);
    expect(history.scores.size).toBe(0);
    expect(history.note).toBe("line history: 1 changed file's old side is not " + top + ': not blamed');
    expect((await blameChange(dir, changed, 'no-such-rev', KNOWN)).note).toBe(
      'line history: no commit no-such-rev to blame the changed lines at',
    );
    await expect(blameChange(dir, changed, '--all', KNOWN)).rejects.toThrow(/not a revision/);
  });

  it('blames from a directory inside the repository, with paths relative to it', async () => {
    const { dir, top } = coreRepo('app');
    // As `git diff --relative` run in app/ (and the action's working-directory) name them.
    const changed = changedFilesFromDiff(gitDiffRelative(dir, [3]));
    expect(changed.map((file) => file.path)).toEqual(['core.py']);
    const history = await blameChange(dir, changed, 'HEAD', KNOWN);
    expect(history.note).toBeUndefined();
    expect([...history.scores]).toEqual([['a.py', 1]]);
    expect(history.best.get('a.py')!.sha).toBe(top);
  });

  it("blames the same lines whatever the user's blame configuration", async () => {
    const { dir } = coreRepo();
    // A configured ignore-revs file that does not exist makes a plain `git blame` fail.
    git(dir, 'config', 'blame.ignoreRevsFile', '.git-blame-ignore-revs');
    const history = await blameChange(dir, edit(dir, [3]), 'HEAD', KNOWN);
    expect(history.note).toBeUndefined();
    expect([...history.scores]).toEqual([['a.py', 1]]);
  });

  it('blames nothing it cannot check when the revision is a guess', async () => {
    const { dir } = coreRepo();
    // A diff without `index` lines (`diff -u`) names no blob.
    const changed = edit(dir, [3]).map((file) => ({ ...file, before: { ranges: file.before!.ranges } }));
    expect((await blameChange(dir, changed, 'HEAD', KNOWN)).scores.size).toBe(1);
    const guessed = await blameChange(dir, changed, 'HEAD', KNOWN, { requireBlob: true });
    expect(guessed.scores.size).toBe(0);
    expect(guessed.note).toBe(
      "line history: 1 changed file's diff has no index line nor old lines to check against HEAD: not blamed",
    );
  });

  it('checks a diff without blob ids by the old lines it shows', async () => {
    const { dir, top } = coreRepo();
    const noBlob = edit(dir, [3]).map((file) => ({ ...file, before: { ranges: file.before!.ranges } }));
    // core.py's line 3 at HEAD is `top3 = 3`, as a patch of HEAD would show it.
    const shows = (text: string) =>
      noBlob.map((file) => ({ ...file, before: { ...file.before, shown: [[3, text]] as [number, string][] } }));
    const checked = await blameChange(dir, shows('top3 = 3'), 'HEAD', KNOWN, { requireBlob: true });
    expect(checked.note).toBeUndefined();
    expect([...checked.scores]).toEqual([['a.py', 1]]);
    // At `top`'s parent line 3 was `v3 = 3`: that revision is not the old side, whatever the caller says.
    const stale = await blameChange(dir, shows('top3 = 3'), `${top}^`, KNOWN);
    expect(stale.scores.size).toBe(0);
    expect(stale.note).toBe(`line history: 1 changed file's old side is not ${top}^: not blamed`);
    expect((await blameChange(dir, shows('v3 = 3'), `${top}^`, KNOWN)).note).toBeUndefined();
    // Line endings aside: a diff saved with CRLF still checks.
    expect([...(await blameChange(dir, shows('top3 = 3\r'), 'HEAD', KNOWN, { requireBlob: true })).scores]).toEqual([
      ['a.py', 1],
    ]);
    // A guess is not settled by a blank line or a lone brace.
    const blank = await blameChange(dir, shows('   '), 'HEAD', KNOWN, { requireBlob: true });
    expect(blank.scores.size).toBe(0);
    expect(blank.note).toMatch(/no index line nor old lines to check against HEAD/);
  });

  it('credits no file for a path that named more than one, and never the changed file under its old path', async () => {
    const { dir } = coreRepo();
    const changed = edit(dir, [3]);
    // a.py named two files over the log: which one `top` touched is unknown, even though a.py exists.
    const unknown = await blameChange(dir, changed, 'HEAD', KNOWN, { renamed: new Map([['a.py', null]]) });
    expect(unknown.scores.size).toBe(0);
    // core.py, renamed to main.py by the change: a checkout of the base still has core.py, and a.py
    // is scored but core.py is not.
    const moved = changed.map((file) => ({
      ...file,
      path: 'main.py',
      status: 'renamed' as const,
      previousPath: 'core.py',
    }));
    const history = await blameChange(dir, moved, 'HEAD', KNOWN);
    expect([...history.scores]).toEqual([['a.py', 1]]);
  });

  it('skips a partial clone, where blaming would fetch every old blob', async () => {
    const { dir } = coreRepo();
    git(dir, 'config', 'remote.origin.promisor', 'true');
    const history = await blameChange(dir, edit(dir, [3]), 'HEAD', KNOWN);
    expect(history.scores.size).toBe(0);
    expect(history.note).toMatch(/partial clone/);
  });

  it('ranks the files through analyzeRepository, with the commit as the reason', async () => {
    const { dir, top } = coreRepo();
    const changed = edit(dir, [3]);
    const analysis = await analyzeRepository(dir, { changed, base: 'HEAD' });
    const a = analysis.ranking.files.find((file) => file.path === 'a.py')!;
    expect(a.role).toBe('impact');
    expect(a.reasons).toContain(`changed in \`${top.slice(0, 7)}\` with 5 lines around the change in core.py`);
    // Without a base there is no line history.
    const without = await analyzeRepository(dir, { changed });
    expect(without.lineHistory).toBeUndefined();
    expect(without.ranking.files.find((file) => file.path === 'a.py')!.score).toBeLessThan(a.score);
  });
});

describe('line history through analyzeRepository', () => {
  it('finds a file moved since the blamed commit through the moves the mined history saw', async () => {
    const { dir, top } = coreRepo();
    git(dir, 'mv', 'a.py', 'z.py');
    git(dir, 'commit', '-qm', 'a to z');
    const analysis = await analyzeRepository(dir, { changed: edit(dir, [3]), base: 'HEAD' });
    expect(analysis.lineHistory!.scores.get('z.py')).toBe(1);
    expect(analysis.ranking.files.find((file) => file.path === 'z.py')!.reasons).toContain(
      `changed in \`${top.slice(0, 7)}\` with 5 lines around the change in core.py`,
    );
  });
});

describe('widen', () => {
  it('adds three lines each way, clipped to the file, and merges what touches', () => {
    expect(
      widen(
        [
          { start: 2, end: 2 },
          { start: 9, end: 10 },
          { start: 30, end: 31 },
        ],
        32,
      ),
    ).toEqual([
      { start: 1, end: 13 },
      { start: 27, end: 32 },
    ]);
    // A range past the end of the file (an insertion after its last line) keeps what the file has.
    expect(widen([{ start: 41, end: 42 }], 40)).toEqual([{ start: 38, end: 40 }]);
    expect(widen([{ start: 50, end: 50 }], 40)).toEqual([]);
  });
});

describe('parseBlame', () => {
  it('counts lines per commit and drops boundary commits', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    const porcelain = [
      `${a} 1 1 2`,
      'author X',
      'boundary',
      'filename core.py',
      '\tline one',
      `${a} 2 2`,
      '\tline two',
      `${b} 7 3 1`,
      'author Y',
      'filename core.py',
      '\tline three',
      '',
    ].join('\n');
    expect([...parseBlame(porcelain)]).toEqual([[b, 1]]);
  });
});
