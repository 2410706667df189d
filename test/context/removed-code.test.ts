import { describe, expect, it } from 'vitest';
import {
  describeRemovedCode,
  normalizeCodeLine,
  removedCode,
  removedCodeScores,
  RemovedCodeMatcher,
} from '../../src/context/removed-code.js';
import { analyzeRepository } from '../../src/pipeline/analyze.js';
import { changedFilesFromDiff } from '../../src/context/seeds.js';
import { tempDir, writeFiles } from '../helpers/repo.js';

describe('removedCode', () => {
  it('takes the removed lines that were not added back, and the names no added line uses', () => {
    const code = removedCode([
      {
        path: 'a.py',
        status: 'modified',
        ranges: [],
        removedText: [
          '    total = legacy_round(price * rate)',
          '        return   compute_total(items)',
          'x = 1',
          '    # -------------',
          '    total = legacy_round(price * rate)',
        ].join('\n'),
        addedText: ['    total = round(price * rate)', 'return compute_total(items)'].join('\n'),
      },
    ]);
    // Short lines, lines without a letter and lines added back (white space aside) are left out; each line once.
    expect(code.lines).toEqual(['total = legacy_round(price * rate)']);
    // `total`, `price`, `rate`, `compute_total`, `items` and `return` are still used; `x` is too short.
    expect(code.names).toEqual(['legacy_round']);
  });

  it('does not count code moved from one changed file to another as removed', () => {
    const line = 'def parse_header(value, strict=True):';
    const code = removedCode([
      { path: 'old.py', status: 'modified', ranges: [], removedText: line },
      { path: 'new.py', status: 'modified', ranges: [], addedText: `    ${line}` },
    ]);
    expect(code).toEqual({ lines: [], names: [] });
  });

  it('is empty without a diff', () => {
    expect(removedCode([{ path: 'a.py', status: 'modified', ranges: [] }])).toEqual({ lines: [], names: [] });
  });

  it('keeps a huge diff bounded', () => {
    const removed = Array.from({ length: 5000 }, (_, i) => `value_${i} = compute_value_${i}(seed)`).join('\n');
    const code = removedCode([{ path: 'a.py', status: 'modified', ranges: [], removedText: removed }]);
    expect(code.lines).toHaveLength(2000);
    expect(code.names).toHaveLength(1000);
    expect(code.lines[0]).toBe('value_0 = compute_value_0(seed)');
  });
});

describe('RemovedCodeMatcher', () => {
  it('finds removed lines whatever their indentation, and removed names as whole identifiers', () => {
    const matcher = new RemovedCodeMatcher({
      lines: ['total = legacy_round(price * rate)', 'if legacy_mode: return None'],
      names: ['legacy_round', 'legacy_mode'],
    });
    const text = [
      'def f(price, rate):',
      '\t\ttotal  =  legacy_round(price * rate)',
      '    my_legacy_round_helper = 1',
      '    return total',
    ].join('\n');
    expect(matcher.find(text)).toEqual({ lines: [0], names: [0] });
    expect(matcher.find('nothing_here = 1\n')).toBeUndefined();
    expect(matcher.find('x\r\nif legacy_mode:\treturn None\r\n')).toEqual({ lines: [1], names: [1] });
    expect(normalizeCodeLine('  a \t =  b  ')).toBe('a = b');
  });
});

describe('removedCodeScores', () => {
  it('weighs rare lines and names more, leaves the changed files out, and sums each part to one', () => {
    const code = { lines: ['rare_line = only_here(1)', 'common_line = everywhere(1)'], names: ['rare_name', 'common'] };
    const files = [
      { path: 'changed.py', removedCode: { lines: [0, 1], names: [0, 1] } },
      { path: 'a.py', removedCode: { lines: [0, 1], names: [0, 1] } },
      { path: 'b.py', removedCode: { lines: [1], names: [1] } },
      { path: 'c.py', removedCode: { lines: [1], names: [1] } },
      { path: 'd.py' },
      ...Array.from({ length: 16 }, (_, i) => ({ path: `z${i}.py` })),
    ];
    const scores = removedCodeScores(code, files, new Set(['changed.py']));
    expect(scores.lines.has('changed.py')).toBe(false);
    expect(scores.lines.get('a.py')!).toBeGreaterThan(scores.lines.get('b.py')!);
    expect(scores.names.get('a.py')!).toBeGreaterThan(2 * scores.names.get('b.py')!);
    expect(scores.lines.get('b.py')).toBe(scores.lines.get('c.py'));
    const sum = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
    expect(sum(scores.lines)).toBeCloseTo(1, 12);
    expect(sum(scores.names)).toBeCloseTo(1, 12);
    expect(scores.found.get('a.py')).toEqual({ lines: 2, names: ['rare_name', 'common'] });
    expect(describeRemovedCode(scores.found.get('a.py')!)).toBe(
      'still has 2 lines the change removed; mentions `rare_name`, `common`, which the change no longer uses',
    );
    expect(describeRemovedCode({ lines: 1, names: [] })).toBe('still has 1 line the change removed');
  });

  it('gives nothing for a line or name that every other file has', () => {
    const code = { lines: ['import everything_everywhere'], names: ['everything_everywhere'] };
    const files = ['a.py', 'b.py', 'c.py'].map((path) => ({ path, removedCode: { lines: [0], names: [0] } }));
    const scores = removedCodeScores(code, files, new Set());
    expect(scores.lines.size).toBe(0);
    expect(scores.names.size).toBe(0);
    expect(scores.found.size).toBe(0);
  });
});

describe('removed code in the ranking', () => {
  const repo = (): string => {
    const dir = tempDir();
    writeFiles(dir, {
      'pricing.py': 'def price_total(items):\n    return sum(i.price for i in items)\n',
      'checkout.py': 'from pricing import price_total\n\ndef checkout(cart):\n    return price_total(cart.items)\n',
      'report.py': 'def weekly(orders):\n    return [o.id for o in orders]\n',
      'legacy.py': 'def export(rows):\n    return old_tax_table.lookup(rows, region=DEFAULT_REGION)\n',
      'tax.py': 'old_tax_table = {}\nDEFAULT_REGION = "eu"\n',
      'notes.py': 'def note(text):\n    return text.strip()\n',
    });
    return dir;
  };
  // pricing.py stops using old_tax_table: legacy.py has the same line and tax.py defines the name.
  const diff = [
    '--- a/pricing.py',
    '+++ b/pricing.py',
    '@@ -1,3 +1,2 @@',
    ' def price_total(items):',
    '-    return old_tax_table.lookup(rows, region=DEFAULT_REGION)',
    '+    return sum(i.price for i in items)',
    '',
  ].join('\n');

  it('ranks the files that still have what the diff removed, and says so', async () => {
    const dir = repo();
    const changed = changedFilesFromDiff(diff);
    const withDiff = await analyzeRepository(dir, { changed }, { history: false });
    const paths = withDiff.ranking.files.map((f) => f.path);
    expect(paths.indexOf('legacy.py')).toBeLessThan(paths.indexOf('report.py'));
    expect(paths.indexOf('tax.py')).toBeLessThan(paths.indexOf('report.py'));
    const legacy = withDiff.ranking.files.find((f) => f.path === 'legacy.py')!;
    expect(legacy.role).toBe('impact');
    // The line first (the reason the file is listed), then the rarest of the names it still uses.
    expect(legacy.reasons[0]).toBe(
      'still has 1 line the change removed; mentions `lookup`, `rows`, `region`, which the change no longer uses',
    );
    expect(withDiff.ranking.files.find((f) => f.path === 'tax.py')!.reasons[0]).toBe(
      'mentions `old_tax_table`, `DEFAULT_REGION`, which the change no longer uses',
    );
    const off = await analyzeRepository(
      dir,
      { changed },
      { history: false, weights: { removedLines: 0, removedNames: 0, changeLexical: 0, seedLexical: 0 } },
    );
    expect(off.ranking.files.find((f) => f.path === 'legacy.py')!.score).toBe(0);
    // A changed file without its diff removed nothing that can be looked for.
    const fileOnly = await analyzeRepository(
      dir,
      { changed: [{ path: 'pricing.py', status: 'modified', ranges: [] }] },
      { history: false },
    );
    expect(fileOnly.index.files.every((f) => f.removedCode === undefined)).toBe(true);
  });
});
