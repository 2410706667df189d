import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakePullFile } from '../github/fake-github.js';
import { fixtureRepo, git, writeFiles } from '../helpers/repo.js';

// One pull request on the shop fixture and the model answers about it, shared
// by the CLI tests and the Action's end-to-end tests: the model is right about
// some things, invents others, and proposes edits of every kind.

export const OPENAI_KEY = 'sk-revloop-e2e-key-0123456789abcdefXYZ';

/** Strings only rejected model output carries: the report must never show them. */
export const REJECTED_MARKERS = ['HALLUCINATED-REASON-7f3a', 'REJECTED-EDIT-9c1e', 'OUTSIDE-REASON-2b8d'];

const MODELS_LINE_23 = '        return sum(p.price_cents * max(q, 0) for p, q in self.items)';

/** The shop fixture on `main` and a pull request branch checked out: quantities are clamped at zero, and a test. */
export function shopPullRequest(): { dir: string; base: string; head: string } {
  const dir = fixtureRepo('shop');
  const base = git(dir, 'rev-parse', 'HEAD').trim();
  git(dir, 'checkout', '-q', '-b', 'order-quantities');
  const models = readFileSync(join(dir, 'shop/models.py'), 'utf8').replace(
    '        return sum(p.price_cents * q for p, q in self.items)',
    MODELS_LINE_23,
  );
  const tests = `${readFileSync(join(dir, 'tests/test_pricing.py'), 'utf8')}\n\ndef test_negative_quantity():\n    assert Order().total_price() == 0\n`;
  writeFiles(dir, { 'shop/models.py': models, 'tests/test_pricing.py': tests });
  git(dir, 'commit', '-q', '-am', 'Order totals ignore negative quantities');
  return { dir, base, head: git(dir, 'rev-parse', 'HEAD').trim() };
}

/** The pull request's files as `pulls.listFiles` gives them: patches with GitHub's three lines of context. */
export function pullFiles(dir: string, base: string, head: string): FakePullFile[] {
  const names = git(dir, 'diff', '--name-only', `${base}...${head}`).trim().split('\n');
  return names.map((filename) => {
    const diff = git(dir, 'diff', '-U3', `${base}...${head}`, '--', filename);
    return { filename, status: 'modified', patch: diff.slice(diff.indexOf('@@')).replace(/\n$/, '') };
  });
}

/** Localize: two right files, one invented, one outside the repository. */
export const LOCALIZE_ANSWER = {
  files: [
    { path: 'shop/models.py', reason: '`Order.total_price` is where quantities are summed.', confidence: 'high' },
    { path: 'shop/pricing.py', reason: '`apply_discount` calls `total_price`; ask @octocat.', confidence: 'medium' },
    { path: 'shop/invoice.py', reason: REJECTED_MARKERS[0], confidence: 'low' },
    { path: '../../etc/passwd', reason: REJECTED_MARKERS[2], confidence: 'low' },
  ],
};

/** The new test the multi-line suggestion puts in place of the one the pull request adds. */
export const BETTER_TEST = [
  'def test_negative_quantity_counts_as_zero():',
  '    order = Order()',
  '    order.add(Product("pen", 1000), -2)',
  '    assert order.total_price() == 0',
];

/**
 * Edits: two on lines the pull request changes (one line, and two lines
 * replaced by four), one valid edit outside the diff, and four the
 * validation rejects.
 */
export const EDITS_ANSWER = {
  edits: [
    {
      path: 'shop/models.py',
      search: 'max(q, 0) for p, q in self.items)',
      replace: 'q for p, q in self.items if q > 0)',
      explanation: 'Skipping negative quantities says what is meant; see https://example.com/why.',
    },
    {
      path: 'tests/test_pricing.py',
      search: 'def test_negative_quantity():\n    assert Order().total_price() == 0',
      replace: BETTER_TEST.join('\n'),
      explanation: 'The new test never adds an item, so it passes whatever total_price does.',
    },
    {
      path: 'shop/cli.py',
      search: '        order.add(Product(arg, 100))',
      replace: '        order.add(Product(arg, 100), 1)',
      explanation: 'Pass the quantity explicitly now that it matters.',
    },
    { path: 'shop/pricing.py', search: 'return total * 2', replace: 'return total', explanation: REJECTED_MARKERS[1] },
    { path: 'tests/test_pricing.py', search: 'Order()', replace: 'Order([])', explanation: REJECTED_MARKERS[1] },
    { path: 'shop/invoice.py', search: 'x', replace: 'y', explanation: REJECTED_MARKERS[1] },
    { path: '/etc/passwd', search: 'root', replace: 'toor', explanation: REJECTED_MARKERS[1] },
  ],
};

/** Describe: right about the two changed files, plus a walkthrough entry for a file the pull request does not change. */
export const DESCRIBE_ANSWER = {
  title: 'Ignore negative quantities in order totals',
  type: 'fix',
  summary:
    'Order.total_price clamps each quantity at zero, so a negative quantity no longer lowers the total.\n\nA test covers an empty order. Thanks @octocat.',
  walkthrough: [
    { path: 'tests/test_pricing.py', change: 'Adds test_negative_quantity.' },
    { path: 'shop/models.py', change: 'total_price clamps quantities at zero.' },
    { path: 'shop/receipt.py', change: REJECTED_MARKERS[0] },
  ],
};

export { MODELS_LINE_23 };
