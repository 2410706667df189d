import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workTreePrefix } from '../../src/edits/git-apply.js';
import { normalizeModelPath } from '../../src/edits/paths.js';
import {
  countRejections,
  editTargetFromRoot,
  validateEdits,
  type EditTarget,
  type ProposedEdit,
} from '../../src/edits/validate.js';
import { git, tempDir, writeFiles } from '../helpers/repo.js';

const PRICING = `from .models import Order

DISCOUNT_RATE = 10


def apply_discount(order: Order, percent: int = DISCOUNT_RATE) -> int:
    total = order.total_price()
    return total - total * percent // 100


def free_shipping(order: Order) -> bool:
    total = order.total_price()
    return total >= 5000
`;

function repo(files: Record<string, string>, options: { git?: boolean } = {}): string {
  const dir = tempDir();
  writeFiles(dir, files);
  if (options.git !== false) {
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'initial');
  }
  return dir;
}

const edit = (search: string, replace: string, path = 'shop/pricing.py'): ProposedEdit => ({
  path,
  search,
  replace,
  explanation: 'because',
});

/** Applies the diff for real (not just --check) and returns the file afterwards. */
function applied(root: string, diff: string, path: string): string {
  const prefix = workTreePrefix(root).replace(/\/$/, '');
  execFileSync('git', ['apply', ...(prefix ? [`--directory=${prefix}`] : []), '-'], { cwd: root, input: diff });
  return readFileSync(join(root, path), 'utf8');
}

describe('validateEdits', () => {
  it('accepts an edit whose search text occurs once, with a diff git applies to exactly the replacement', () => {
    const root = repo({ 'shop/pricing.py': PRICING });
    const { valid, rejected } = validateEdits(
      [edit('    return total - total * percent // 100\n', '    return max(0, total - total * percent // 100)\n')],
      editTargetFromRoot(root),
    );
    expect(rejected).toEqual([]);
    expect(valid).toHaveLength(1);
    const [ok] = valid;
    expect(ok).toMatchObject({
      path: 'shop/pricing.py',
      startLine: 8,
      endLine: 8,
      oldLines: ['    return total - total * percent // 100'],
      newLines: ['    return max(0, total - total * percent // 100)'],
      explanation: 'because',
    });
    expect(ok!.diff).toBe(
      [
        'diff --git a/shop/pricing.py b/shop/pricing.py',
        '--- a/shop/pricing.py',
        '+++ b/shop/pricing.py',
        '@@ -5,7 +5,7 @@',
        ' ',
        ' def apply_discount(order: Order, percent: int = DISCOUNT_RATE) -> int:',
        '     total = order.total_price()',
        '-    return total - total * percent // 100',
        '+    return max(0, total - total * percent // 100)',
        ' ',
        ' ',
        ' def free_shipping(order: Order) -> bool:',
        '',
      ].join('\n'),
    );
    expect(applied(root, ok!.diff, 'shop/pricing.py')).toBe(
      PRICING.replace('return total - total * percent // 100', 'return max(0, total - total * percent // 100)'),
    );
  });

  it('expands a search inside a line to whole lines', () => {
    const root = repo({ 'shop/pricing.py': PRICING });
    const { valid } = validateEdits([edit('total >= 5000', 'total >= 10000')], editTargetFromRoot(root));
    expect(valid[0]).toMatchObject({ startLine: 13, endLine: 13, newLines: ['    return total >= 10000'] });
  });

  it('rejects a search text that matches twice, or nothing, or is empty', () => {
    const root = repo({ 'shop/pricing.py': PRICING });
    const { valid, rejected } = validateEdits(
      [
        edit('    total = order.total_price()\n', '    total = order.total()\n'),
        edit('return total * 2', 'return total'),
        edit('', 'x'),
      ],
      editTargetFromRoot(root),
    );
    expect(valid).toEqual([]);
    expect(rejected.map((r) => r.reason)).toEqual(['search-ambiguous', 'search-not-found', 'empty-search']);
  });

  it('rejects paths outside the repository and files it does not have', () => {
    const root = repo({ 'shop/pricing.py': PRICING, 'vendor/lib.py': 'x = 1\n' });
    const listed = new Set(['shop/pricing.py']);
    const target = editTargetFromRoot(root, (path) => listed.has(path));
    const { rejected } = validateEdits(
      [
        edit('x', 'y', '../outside.py'),
        edit('x', 'y', '/etc/passwd'),
        edit('x', 'y', 'C:\\Windows\\win.ini'),
        edit('x = 1', 'x = 2', 'vendor/lib.py'),
        edit('x', 'y', 'shop/missing.py'),
      ],
      target,
    );
    expect(rejected.map((r) => r.reason)).toEqual([
      'unsafe-path',
      'unsafe-path',
      'unsafe-path',
      'not-in-repository',
      'not-in-repository',
    ]);
  });

  it('rejects an edit that changes nothing, and a second edit overlapping the first', () => {
    const root = repo({ 'shop/pricing.py': PRICING });
    const { valid, rejected } = validateEdits(
      [
        edit('DISCOUNT_RATE = 10', 'DISCOUNT_RATE = 10'),
        edit(
          'def free_shipping(order: Order) -> bool:\n    total',
          'def free_shipping(order: Order) -> bool:\n    sum_',
        ),
        edit('    return total >= 5000', '    return total > 5000'),
        edit('total = order.total_price()\n    return total >= 5000', 'return order.total_price() >= 5000'),
      ],
      editTargetFromRoot(root),
    );
    expect(valid.map((v) => v.startLine)).toEqual([12, 13]);
    expect(countRejections(rejected)).toEqual([
      { reason: 'no-change', count: 1 },
      { reason: 'overlapping', count: 1 },
    ]);
  });

  it('rejects an edit git cannot apply because the checkout differs from what the model saw', () => {
    const root = repo({ 'shop/pricing.py': PRICING });
    const stale: EditTarget = {
      root,
      isEditable: () => true,
      // The text the prompt was built from; the checkout has moved on since.
      read: () => PRICING.replace('DISCOUNT_RATE = 10', 'DISCOUNT_RATE = 15'),
    };
    const { valid, rejected } = validateEdits([edit('DISCOUNT_RATE = 15', 'DISCOUNT_RATE = 20')], stale);
    expect(valid).toEqual([]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBe('git-apply-failed');
    expect(rejected[0]!.detail).toBe('shop/pricing.py: error: patch failed: shop/pricing.py:1');
  });

  it('handles a last line without a newline, CRLF files, insertions, deletions and odd file names', () => {
    const files = {
      'no-eol.txt': 'one\ntwo\nthree',
      'dos.txt': 'alpha\r\nbeta\r\ngamma\r\n',
      'list.txt': 'a\nb\nc\nd\n',
      'dir with space/"quoted" é.txt': 'first\nsecond\n',
    };
    const root = repo(files);
    const target = editTargetFromRoot(root);
    const cases: [ProposedEdit, string][] = [
      [edit('three', 'THREE\nfour', 'no-eol.txt'), 'one\ntwo\nTHREE\nfour'],
      [edit('two\nthree', 'two\nthree\n', 'no-eol.txt'), 'one\ntwo\nthree\n'],
      [edit('beta', 'BETA', 'dos.txt'), 'alpha\r\nBETA\r\ngamma\r\n'],
      [edit('b\n', 'b\nb2\n', 'list.txt'), 'a\nb\nb2\nc\nd\n'],
      [edit('b\nc\n', '', 'list.txt'), 'a\nd\n'],
      [edit('second', 'SECOND', 'dir with space/"quoted" é.txt'), 'first\nSECOND\n'],
    ];
    for (const [proposed, expected] of cases) {
      const { valid, rejected } = validateEdits([proposed], target);
      expect(rejected, proposed.search).toEqual([]);
      const copy = repo(files);
      expect(applied(copy, valid[0]!.diff, proposed.path), proposed.search).toBe(expected);
    }
    const insertion = validateEdits([edit('b\n', 'b\nb2\n', 'list.txt')], target).valid[0]!;
    expect(insertion).toMatchObject({ startLine: 3, endLine: 2, oldLines: [], newLines: ['b2'] });
    const deletion = validateEdits([edit('b\nc\n', '', 'list.txt')], target).valid[0]!;
    expect(deletion).toMatchObject({ startLine: 2, endLine: 3, oldLines: ['b', 'c'], newLines: [] });
  });

  it('works in a directory that is not a git repository', () => {
    const root = repo({ 'shop/pricing.py': PRICING }, { git: false });
    const { valid } = validateEdits([edit('DISCOUNT_RATE = 10', 'DISCOUNT_RATE = 12')], editTargetFromRoot(root));
    expect(valid).toHaveLength(1);
  });

  it('works in a subdirectory of a repository, with paths relative to it', () => {
    const root = repo({ 'pkg/shop/pricing.py': PRICING, 'shop/pricing.py': 'other\n' });
    const { valid } = validateEdits(
      [edit('DISCOUNT_RATE = 10', 'DISCOUNT_RATE = 12')],
      editTargetFromRoot(join(root, 'pkg')),
    );
    expect(valid).toHaveLength(1);
    expect(applied(join(root, 'pkg'), valid[0]!.diff, 'shop/pricing.py')).toContain('DISCOUNT_RATE = 12');
    expect(readFileSync(join(root, 'shop/pricing.py'), 'utf8')).toBe('other\n');
  });
});

describe('normalizeModelPath', () => {
  it('keeps repository-relative paths and refuses everything that could leave the repository', () => {
    expect(normalizeModelPath(' `./shop/models.py` ')).toBe('shop/models.py');
    expect(normalizeModelPath('shop//models.py')).toBe('shop/models.py');
    expect(normalizeModelPath('shop/../shop/models.py')).toBe('shop/models.py');
    for (const bad of ['', '.', '..', '../x', 'shop/../../x', '/etc/passwd', 'C:/x', 'a\\b', 'a\0b', 'shop/'])
      expect(normalizeModelPath(bad), bad).toBeUndefined();
  });
});
