import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCodeGraph } from '../../src/graph/code-graph.js';
import { coChangeScores, rankFiles, rankSignals } from '../../src/graph/rank.js';
import { addCoChangeEdges } from '../../src/pipeline/analyze.js';
import type { Seeds } from '../../src/context/seeds.js';
import { buildRepoIndex } from '../../src/parse/repo-index.js';
import { mineCoChanges, readHistoryLog, RECENCY_DECAY } from '../../src/repo/history.js';
import { fixtureRepo, git, tempDir, writeFiles } from '../helpers/repo.js';

/** The shop fixture plus history: pricing.py and web/money.js changed together three times. */
function shopWithHistory(): string {
  const dir = fixtureRepo('shop');
  for (let i = 1; i <= 3; i++) {
    writeFiles(dir, {
      'shop/pricing.py': `${'# tweak\n'.repeat(i)}from .models import Order\n\nDISCOUNT_RATE = ${10 + i}\n`,
      'web/money.js': `export function formatMoney(cents) {\n  return ${i};\n}\n`,
    });
    git(dir, 'commit', '-qam', `change ${i}`);
  }
  writeFiles(dir, { 'shop/pricing.py': 'DISCOUNT_RATE = 99\n' });
  git(dir, 'commit', '-qam', 'pricing alone');
  return dir;
}

describe('mineCoChanges', () => {
  it('counts first-parent commits per file and per pair, skipping the root commit', () => {
    const dir = shopWithHistory();
    const history = mineCoChanges(dir, new Set(['shop/pricing.py', 'web/money.js', 'shop/models.py']));
    expect(history.available).toBe(true);
    expect(history.commits).toBe(5);
    expect(history.skippedLarge).toBe(1);
    expect(history.touches.get('shop/pricing.py')).toBe(4);
    expect(history.touches.get('web/money.js')).toBe(3);
    expect(history.pairs.get('shop/pricing.py')?.get('web/money.js')).toBe(3);
    expect(history.pairs.get('web/money.js')?.get('shop/pricing.py')).toBe(3);
    expect(history.touches.has('shop/models.py')).toBe(false);
  });

  it('weighs each file’s older commits less, from that file’s point of view', () => {
    const dir = shopWithHistory();
    const history = mineCoChanges(dir, new Set(['shop/pricing.py', 'web/money.js']));
    const d = RECENCY_DECAY;
    // pricing.py, newest first: alone (1), then with money.js (d, d², d³).
    expect(history.recentTouches.get('shop/pricing.py')).toBeCloseTo(1 + d + d ** 2 + d ** 3, 12);
    expect(history.recentPairs.get('shop/pricing.py')?.get('web/money.js')).toBeCloseTo(d + d ** 2 + d ** 3, 12);
    // money.js's three commits are its three most recent: 1, d, d².
    expect(history.recentTouches.get('web/money.js')).toBeCloseTo(1 + d + d ** 2, 12);
    expect(history.recentPairs.get('web/money.js')?.get('shop/pricing.py')).toBeCloseTo(1 + d + d ** 2, 12);
  });

  it('shares a commit’s weight among the files it touched', () => {
    const dir = shopWithHistory();
    // A third commit couples pricing.py with two more files, one of them not indexed: each pair gets 1/2.
    writeFiles(dir, {
      'shop/pricing.py': 'DISCOUNT_RATE = 98\n',
      'shop/models.py': 'class Order:\n    total = 0\n',
      'NOTES.txt': 'pricing and orders\n',
    });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'pricing, orders and notes');
    const known = new Set(['shop/pricing.py', 'web/money.js', 'shop/models.py']);
    const d = RECENCY_DECAY;
    const spread = mineCoChanges(dir, known);
    expect(spread.recentPairs.get('shop/pricing.py')?.get('shop/models.py')).toBeCloseTo(1 / 2, 12);
    expect(spread.recentPairs.get('shop/pricing.py')?.get('web/money.js')).toBeCloseTo(d ** 2 + d ** 3 + d ** 4, 12);
    expect(spread.recentTouches.get('shop/pricing.py')).toBeCloseTo(1 + d + d ** 2 + d ** 3 + d ** 4, 12);
    // The counts are commits, whatever their size.
    expect(spread.pairs.get('shop/pricing.py')?.get('shop/models.py')).toBe(1);
    const whole = mineCoChanges(dir, known, { spreadOverCommit: false });
    expect(whole.recentPairs.get('shop/pricing.py')?.get('shop/models.py')).toBeCloseTo(1, 12);
  });

  it('reads history as of a given revision only', () => {
    const dir = shopWithHistory();
    const history = mineCoChanges(dir, new Set(['shop/pricing.py', 'web/money.js']), { rev: 'HEAD~3' });
    expect(history.commits).toBe(2);
    expect(history.touches.get('shop/pricing.py')).toBe(1);
  });

  it('skips commits that touch more files than the limit', () => {
    const dir = shopWithHistory();
    const history = mineCoChanges(dir, new Set(['shop/pricing.py', 'web/money.js']), { maxFilesPerCommit: 1 });
    expect(history.pairs.size).toBe(0);
    expect(history.skippedLarge).toBe(4);
  });

  it('says so when there is no history or only a shallow one', () => {
    const plain = tempDir();
    expect(mineCoChanges(plain, new Set())).toMatchObject({
      available: false,
      note: expect.stringMatching(/no git history/),
    });
    const dir = shopWithHistory();
    const shallow = tempDir();
    execFileSync('git', ['clone', '-q', '--depth', '2', `file://${dir}`, shallow]);
    const history = mineCoChanges(shallow, new Set(['shop/pricing.py']));
    expect(history.shallow).toBe(true);
    expect(history.note).toMatch(/shallow clone/);
  });
});

/** pricing.py and money.js change together twice, then pricing.py moves (a one-line edit with the move when `edit`). */
function shopWithMove(edit: boolean): string {
  const dir = shopWithHistory();
  git(dir, 'mv', 'shop/pricing.py', 'shop/prices.py');
  if (edit) writeFiles(dir, { 'shop/prices.py': 'DISCOUNT_RATE = 99\nVAT = 20\n' });
  git(dir, 'commit', '-qam', 'rename pricing');
  writeFiles(dir, {
    'shop/prices.py': `DISCOUNT_RATE = 7\n${edit ? 'VAT = 20\n' : ''}`,
    'web/money.js': 'export const x = 1;\n',
  });
  git(dir, 'commit', '-qam', 'prices with money');
  return dir;
}

describe('mineCoChanges across renames', () => {
  const known = new Set(['shop/prices.py', 'web/money.js']);

  it('counts a moved file’s commits from before the move as its own', () => {
    for (const edit of [false, true]) {
      const history = mineCoChanges(shopWithMove(edit), known);
      expect(history.touches.get('shop/prices.py')).toBe(6);
      expect(history.pairs.get('shop/prices.py')?.get('web/money.js')).toBe(4);
      expect(history.touches.has('shop/pricing.py')).toBe(false);
    }
  });

  it('names every path a file was moved from by its path now, for those who read older commits', () => {
    const dir = shopWithMove(false);
    git(dir, 'mv', 'shop/prices.py', 'shop/rates.py');
    git(dir, 'commit', '-qm', 'prices to rates');
    const log = readHistoryLog(dir);
    expect(log.ok && Object.fromEntries(log.renamed)).toEqual({
      'shop/pricing.py': 'shop/rates.py',
      'shop/prices.py': 'shop/rates.py',
    });
    // A path moved from again after a new file took it named two files: no one answer.
    writeFiles(dir, { 'shop/pricing.py': 'NEW = 1\n' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'a new pricing');
    git(dir, 'mv', 'shop/pricing.py', 'shop/pricing_v2.py');
    git(dir, 'commit', '-qm', 'pricing to pricing_v2');
    const reused = readHistoryLog(dir);
    expect(reused.ok && Object.fromEntries(reused.renamed)).toEqual({
      'shop/pricing.py': null,
      'shop/prices.py': 'shop/rates.py',
    });
    const unfollowed = readHistoryLog(dir, { followRenames: false });
    expect(unfollowed.ok && unfollowed.renamed.size).toBe(0);
  });

  it('keeps one answer for a move taken back, and none for a path two files had', () => {
    const dir = tempDir();
    git(dir, 'init', '-q', '-b', 'main');
    const commit = (message: string, files: Record<string, string> = {}, ...commands: string[][]) => {
      writeFiles(dir, files);
      for (const command of commands) git(dir, ...command);
      git(dir, 'add', '-A');
      git(dir, 'commit', '-qm', message);
    };
    commit('root', { 'a.py': 'A = 1\n', 'old.py': 'OLD = 1\n', 'p.py': 'P = 1\n' });
    // a.py moves to b.py and back: one file all along.
    commit('a to b', {}, ['mv', 'a.py', 'b.py']);
    commit('b back to a', {}, ['mv', 'b.py', 'a.py']);
    // old.py changes with p.py, is deleted, a new old.py comes and moves to new.py: two files had old.py.
    commit('old with p', { 'old.py': 'OLD = 2\n', 'p.py': 'P = 2\n' });
    commit('drop old', {}, ['rm', '-q', 'old.py']);
    commit('another old', { 'old.py': 'ANOTHER = 1\n' });
    commit('old to new', {}, ['mv', 'old.py', 'new.py']);
    const log = readHistoryLog(dir);
    expect(log.ok && Object.fromEntries(log.renamed)).toEqual({ 'b.py': 'a.py', 'old.py': null });
  });

  it('reads history path by path when told not to follow renames', () => {
    const history = mineCoChanges(shopWithMove(false), known, { followRenames: false });
    expect(history.touches.get('shop/prices.py')).toBe(2);
    expect(history.pairs.get('shop/prices.py')?.get('web/money.js')).toBe(1);
  });

  it('keeps a file added at a path apart from the older file that had the path', () => {
    const dir = shopWithHistory();
    git(dir, 'rm', '-q', 'web/money.js');
    git(dir, 'commit', '-qm', 'drop money');
    writeFiles(dir, { 'web/money.js': 'export const cents = 100;\n', 'shop/pricing.py': 'DISCOUNT_RATE = 1\n' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'new money with pricing');
    const history = mineCoChanges(dir, new Set(['shop/pricing.py', 'web/money.js']));
    expect(history.touches.get('web/money.js')).toBe(1);
    expect(history.pairs.get('shop/pricing.py')?.get('web/money.js')).toBe(1);
  });

  it('follows renames of unchanged files only in a partial clone, where reading blobs fetches them', () => {
    const edited = shopWithMove(true);
    git(edited, 'config', 'remote.origin.promisor', 'true');
    expect(mineCoChanges(edited, known).touches.get('shop/prices.py')).toBe(2);
    const moved = shopWithMove(false);
    git(moved, 'config', 'remote.origin.promisor', 'true');
    expect(mineCoChanges(moved, known).touches.get('shop/prices.py')).toBe(6);
  });

  it('falls back to renames of unchanged files when a blob is missing', () => {
    const dir = shopWithMove(false);
    // An edit with a move needs the deleted file's blob to be matched; remove the added one's instead.
    writeFiles(dir, { 'web/cash.js': 'export const cash = 1;\n'.repeat(20) });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'add cash');
    git(dir, 'mv', 'web/cash.js', 'web/coins.js');
    writeFiles(dir, { 'web/coins.js': `${'export const cash = 1;\n'.repeat(20)}export const more = 2;\n` });
    git(dir, 'commit', '-qam', 'cash to coins');
    const blob = git(dir, 'rev-parse', 'HEAD:web/coins.js').trim();
    rmSync(join(dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const history = mineCoChanges(dir, new Set([...known, 'web/coins.js']));
    expect(history.available).toBe(true);
    expect(history.touches.get('shop/prices.py')).toBe(6);
    expect(history.touches.get('web/coins.js')).toBe(1);
  });

  it('reads paths with spaces, quotes and non-ASCII letters as they are', () => {
    const dir = shopWithHistory();
    const odd = 'shop/prix "spécial" \\ v2.py';
    for (let i = 0; i < 2; i++) {
      writeFiles(dir, { [odd]: `X = ${i}\n`, 'shop/pricing.py': `DISCOUNT_RATE = ${i}\n` });
      git(dir, 'add', '-A');
      git(dir, 'commit', '-qm', `odd ${i}`);
    }
    const history = mineCoChanges(dir, new Set(['shop/pricing.py', odd]));
    expect(history.pairs.get(odd)?.get('shop/pricing.py')).toBe(2);
  });
});

describe('ranking with history', () => {
  it('ranks files that change with the seed and says why', async () => {
    const dir = shopWithHistory();
    const index = await buildRepoIndex(dir);
    const history = mineCoChanges(dir, new Set(index.files.map((f) => f.path)));
    const graph = buildCodeGraph(index.files);
    const seeds = { changed: [{ path: 'shop/pricing.py', status: 'modified' as const, ranges: [] }] };
    const withHistory = rankFiles(graph, index.files, seeds, { history });
    const money = withHistory.files.find((f) => f.path === 'web/money.js')!;
    expect(money.role).toBe('impact');
    expect(money.reasons).toContain('changed together with shop/pricing.py in 3 of the 4 recent commits touching it');
    const without = rankFiles(graph, index.files, seeds);
    const position = (r: typeof without) => r.files.findIndex((f) => f.path === 'web/money.js');
    expect(position(withHistory)).toBeLessThan(position(without));
    expect(position(withHistory)).toBe(1);
  });

  it('couples a changed file after one shared commit, a file the text only mentions after two', async () => {
    const dir = shopWithHistory();
    writeFiles(dir, { 'shop/pricing.py': 'DISCOUNT_RATE = 98\n', 'shop/utils.py': 'def once():\n    return 1\n' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'pricing with utils, once');
    const index = await buildRepoIndex(dir);
    const history = mineCoChanges(dir, new Set(index.files.map((f) => f.path)));
    expect(history.pairs.get('shop/pricing.py')?.get('shop/utils.py')).toBe(1);
    const graph = buildCodeGraph(index.files);
    const reasonsFor = (seeds: Seeds) => {
      const ranked = rankFiles(graph, index.files, seeds, { history }).files;
      return (path: string) => ranked.find((f) => f.path === path)!.reasons.join('\n');
    };
    const changed = reasonsFor({ changed: [{ path: 'shop/pricing.py', status: 'modified', ranges: [] }] });
    expect(changed('shop/utils.py')).toMatch(/changed together with shop\/pricing.py in 1 of the 5/);
    expect(changed('web/money.js')).toMatch(/changed together with shop\/pricing.py in 3 of the 5/);
    const mentioned = reasonsFor({ changed: [], text: 'The discount in shop/pricing.py is wrong' });
    expect(mentioned('shop/utils.py')).not.toMatch(/changed together/);
    expect(mentioned('web/money.js')).toMatch(/changed together with shop\/pricing.py in 3 of the 5/);
    const share = (seeds: string[], changedPaths: string[]) =>
      coChangeScores(history, seeds, new Set(changedPaths)).get('shop/utils.py') ?? 0;
    expect(share(['shop/pricing.py'], ['shop/pricing.py'])).toBeGreaterThan(0);
    expect(share(['shop/pricing.py'], [])).toBe(0);
  });

  it('feeds back what changes with the best-ranked files when files changed, and says through which', async () => {
    const dir = shopWithHistory();
    // ledger.js never changed with pricing.py, and nothing links them: only money.js, pricing.py's partner, leads there.
    for (let i = 1; i <= 2; i++) {
      writeFiles(dir, {
        'web/money.js': `export function formatMoney(cents) {\n  return ${10 + i};\n}\n`,
        'web/ledger.js': `export const ENTRIES = [${i}];\n`,
      });
      git(dir, 'add', '-A');
      git(dir, 'commit', '-qm', `money and ledger ${i}`);
    }
    const index = await buildRepoIndex(dir);
    const history = mineCoChanges(dir, new Set(index.files.map((f) => f.path)));
    const graph = buildCodeGraph(index.files);
    const changed: Seeds = { changed: [{ path: 'shop/pricing.py', status: 'modified', ranges: [] }] };
    const ledger = (seeds: Seeds, feedback?: number) => {
      const ranked = rankFiles(graph, index.files, seeds, {
        history,
        weights: feedback === undefined ? {} : { feedback },
      }).files;
      const file = ranked.find((f) => f.path === 'web/ledger.js')!;
      return { ...file, position: ranked.indexOf(file), money: ranked.find((f) => f.path === 'web/money.js')! };
    };
    const fed = ledger(changed);
    expect(fed.money.reasons).not.toContainEqual(expect.stringMatching(/with web\/money.js/));
    expect(fed.reasons).toContain('changed together with web/money.js in 2 of the 5 recent commits touching it');
    expect(fed.role).toBe('impact');
    const unfed = ledger(changed, 0);
    expect(unfed.score).toBe(0);
    expect(unfed.reasons.join('\n')).not.toMatch(/changed together/);
    expect(fed.score).toBeGreaterThan(0);
    expect(fed.position).toBeLessThan(unfed.position);
    // A text alone is a guess: its best matches feed nothing back.
    const mentioned = ledger({ changed: [], text: 'The discount in shop/pricing.py is wrong' });
    expect(mentioned.reasons.join('\n')).not.toMatch(/changed together/);
  });

  it('walks the cochanged edges only when asked to', async () => {
    const dir = shopWithHistory();
    const index = await buildRepoIndex(dir);
    const history = mineCoChanges(dir, new Set(index.files.map((f) => f.path)));
    const graph = buildCodeGraph(index.files);
    const before = graph.toSparse('forward').targets.length;
    addCoChangeEdges(graph, history);
    expect(graph.toSparse('forward').targets.length).toBe(before);
    expect(graph.toSparse('forward', 1).targets.length).toBeGreaterThan(before);
    const seeds: Seeds = { changed: [{ path: 'shop/pricing.py', status: 'modified', ranges: [] }] };
    const context = (cochangeEdges: number) =>
      rankSignals(graph, index.files, seeds, { history, weights: { cochangeEdges } }).context.get('web/money.js') ?? 0;
    // pricing.py neither calls nor imports money.js: only the walked history reaches it.
    expect(context(0)).toBe(0);
    expect(context(5)).toBeGreaterThan(context(1));
    expect(context(1)).toBeGreaterThan(0);
  });
});
