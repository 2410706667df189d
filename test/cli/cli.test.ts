import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureRepo, git, runCli, tempDir, writeFiles } from '../helpers/repo.js';

describe('revloop tags', () => {
  it('prints the JSON contract: files, skipped, tags', () => {
    const dir = fixtureRepo('shop');
    const result = runCli(['tags', '--repo', dir, '--json']);
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(Object.keys(out)).toEqual(['files', 'skipped', 'tags']);
    expect(out.files).toBe(8);
    expect(out.skipped).toEqual([
      { path: 'README.md', reason: 'unsupported-language' },
      { path: 'logo.png', reason: 'unsupported-language' },
      { path: 'vendor/lib.py', reason: 'vendored' },
    ]);
    const def = out.tags.find((t: { name: string; kind: string }) => t.name === 'apply_discount' && t.kind === 'def');
    expect(def).toEqual({
      path: 'shop/pricing.py',
      line: 6,
      kind: 'def',
      name: 'apply_discount',
      symbolKind: 'function',
      id: './shop/pricing.py::pricing.apply_discount',
    });
    const ref = out.tags.find((t: { name: string; kind: string }) => t.name === 'total_price' && t.kind === 'ref');
    expect(ref).toEqual({ path: 'shop/pricing.py', line: 7, kind: 'ref', name: 'total_price', symbolKind: 'call' });
  });
});

describe('revloop rank', () => {
  it('ranks every eligible file, best first, from --changed', () => {
    const dir = fixtureRepo('shop');
    const result = runCli(['rank', '--repo', dir, '--changed', 'shop/pricing.py', '--json']);
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(Object.keys(out)).toEqual(['files', 'symbols']);
    expect(out.files).toHaveLength(8);
    expect(out.files[0]).toEqual({
      path: 'shop/pricing.py',
      score: expect.any(Number),
      role: expect.stringMatching(/^(context|impact)$/),
      reasons: ['changed'],
    });
    expect(['shop/models.py', 'shop/cli.py', 'tests/test_pricing.py']).toContain(out.files[1].path);
    // The changed file leads; the others follow best first.
    for (let i = 2; i < out.files.length; i++)
      expect(out.files[i - 1].score).toBeGreaterThanOrEqual(out.files[i].score);
    expect(out.symbols[0]).toEqual({
      id: expect.stringMatching(/^\.\/shop\/pricing\.py::pricing\./),
      path: 'shop/pricing.py',
      name: expect.any(String),
      symbolKind: expect.any(String),
      line: expect.any(Number),
      score: expect.any(Number),
    });
  });

  it('takes changed lines from git diff --base and from --diff, identically', () => {
    const dir = fixtureRepo('shop');
    writeFiles(dir, { 'shop/utils.py': 'def format_money(cents: int) -> str:\n    return str(cents)\n' });
    const fromBase = runCli(['rank', '--repo', dir, '--base', 'HEAD', '--json', '--limit', '3']);
    expect(fromBase.status).toBe(0);
    const diffFile = join(tempDir(), 'change.diff');
    writeFileSync(diffFile, git(dir, 'diff', 'HEAD'));
    const fromDiff = runCli(['rank', '--repo', dir, '--diff', diffFile, '--json', '--limit', '3']);
    expect(fromDiff.stdout).toBe(fromBase.stdout);
    const out = JSON.parse(fromBase.stdout);
    expect(out.files).toHaveLength(3);
    expect(out.files[0].path).toBe('shop/utils.py');
    expect(out.files[0].reasons[0]).toMatch(/^changed at lines? /);
  });

  it('blames the lines a diff edits at its old side, and says when the diff is not of the checkout', () => {
    const dir = fixtureRepo('shop');
    // One commit wrote utils.py's line 2 together with web/money.js.
    writeFiles(dir, {
      'shop/utils.py': 'def format_money(cents: int) -> str:\n    return f"${cents / 100:.2f}"\n',
      'web/money.js': 'export function formatMoney(cents) {\n  return (cents / 100).toFixed(2);\n}\n',
    });
    git(dir, 'commit', '-qam', 'Money with two decimals');
    const wrote = git(dir, 'rev-parse', '--short=7', 'HEAD').trim();
    // Later commits changed utils.py elsewhere (`_slugify`) with web/cart.js: its co-change share goes there.
    for (const sep of ['_', '.', '+']) {
      writeFiles(dir, {
        'shop/utils.py': `def format_money(cents: int) -> str:\n    return f"\${cents / 100:.2f}"\n\n\ndef _slugify(text: str) -> str:\n    return "${sep}".join(text.split())\n`,
        'web/cart.js': `// ${sep}\n`,
      });
      git(dir, 'commit', '-qam', `Slugs with ${sep}`);
    }
    writeFiles(dir, {
      'shop/utils.py':
        'def format_money(cents: int) -> str:\n    return str(cents)\n\n\ndef _slugify(text: str) -> str:\n    return "+".join(text.split())\n',
    });
    const fromBase = runCli(['rank', '--repo', dir, '--base', 'HEAD', '--json']);
    expect(fromBase.status).toBe(0);
    const money = JSON.parse(fromBase.stdout).files.find((f: { path: string }) => f.path === 'web/money.js');
    expect(money.reasons).toContain(`changed in \`${wrote}\` with 1 line around the change in shop/utils.py`);
    const diffFile = join(tempDir(), 'change.diff');
    writeFileSync(diffFile, git(dir, 'diff', 'HEAD'));
    expect(runCli(['rank', '--repo', dir, '--diff', diffFile, '--json']).stdout).toBe(fromBase.stdout);
    // A diff without `index` lines is checked by the old lines it shows (context and removed) ...
    const bare = join(tempDir(), 'bare.diff');
    writeFileSync(bare, git(dir, 'diff', 'HEAD').replace(/^index .*\n/m, ''));
    expect(runCli(['rank', '--repo', dir, '--diff', bare, '--json']).stdout).toBe(fromBase.stdout);
    // ... and one that shows none (an insertion without context) could be of any revision: not blamed, and said so.
    const blind = join(tempDir(), 'blind.diff');
    writeFileSync(blind, '--- a/shop/utils.py\n+++ b/shop/utils.py\n@@ -2,0 +3 @@\n+# cents\n');
    const unchecked = runCli(['rank', '--repo', dir, '--diff', blind, '--json']);
    expect(unchecked.stderr).toContain(
      "line history: 1 changed file's diff has no index line nor old lines to check against HEAD",
    );
    expect(unchecked.stdout).not.toContain('around the change');
    // Once the change is committed, HEAD's utils.py is no longer the diff's old side: nothing is blamed.
    git(dir, 'commit', '-qam', 'Plain cents');
    const moved = runCli(['rank', '--repo', dir, '--diff', diffFile, '--json']);
    expect(moved.status).toBe(0);
    expect(moved.stderr).toContain("revloop: line history: 1 changed file's old side is not HEAD: not blamed");
    expect(moved.stdout).not.toContain('around the change');
    // The same without `index` lines: HEAD no longer has the lines the diff removed.
    const movedBare = runCli(['rank', '--repo', dir, '--diff', bare, '--json']);
    expect(movedBare.stderr).toContain("revloop: line history: 1 changed file's old side is not HEAD: not blamed");
    expect(movedBare.stdout).not.toContain('around the change');
  });

  it('finds the code a diff removed in other files, on one thread or in parse workers alike', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'app/billing.py': 'def charge(order):\n    return order.total\n',
      'app/refunds.py': 'def refund(order):\n    return legacy_gateway.send(order.total, retries=3)\n',
      'app/mail.py': 'def notify(user):\n    return user.email\n',
    });
    const diffFile = join(tempDir(), 'change.diff');
    writeFileSync(
      diffFile,
      [
        '--- a/app/billing.py',
        '+++ b/app/billing.py',
        '@@ -1,2 +1,2 @@',
        ' def charge(order):',
        '-    return legacy_gateway.send(order.total, retries=3)',
        '+    return order.total',
        '',
      ].join('\n'),
    );
    const args = ['rank', '--repo', dir, '--diff', diffFile, '--json', '--no-history'];
    const one = runCli([...args, '--jobs', '1']);
    const two = runCli([...args, '--jobs', '2']);
    expect(one.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const refunds = JSON.parse(one.stdout).files.find((f: { path: string }) => f.path === 'app/refunds.py');
    expect(refunds.reasons[0]).toBe(
      'still has 1 line the change removed; mentions `legacy_gateway`, `send`, `retries`, which the change no longer uses',
    );
  });

  it('seeds from an issue text', () => {
    const dir = fixtureRepo('shop');
    const issue = join(tempDir(), 'issue.md');
    writeFileSync(issue, 'Calling `format_money` with negative cents prints garbage.');
    const out = JSON.parse(runCli(['rank', '--repo', dir, '--issue-text', issue, '--json']).stdout);
    expect(out.files[0].path).toBe('shop/utils.py');
    expect(out.files[0].reasons).toContain('defines `format_money`, named in the text');
  });

  it('is byte-identical across runs and thread counts', () => {
    const dir = fixtureRepo('shop');
    const one = runCli(['rank', '--repo', dir, '--changed', 'shop/models.py', '--json', '--jobs', '1']);
    const two = runCli(['rank', '--repo', dir, '--changed', 'shop/models.py', '--json', '--jobs', '2']);
    const again = runCli(['rank', '--repo', dir, '--changed', 'shop/models.py', '--json', '--jobs', '2']);
    expect(one.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(again.stdout).toBe(one.stdout);
  });
});

describe('revloop map', () => {
  it('prints a map within the token budget', () => {
    const dir = fixtureRepo('shop');
    const result = runCli(['map', '--repo', dir, '--changed', 'shop/pricing.py', '--tokens', '60', '--json']);
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.tokens).toBeLessThanOrEqual(60);
    expect(out.map.startsWith('shop/pricing.py:\n')).toBe(true);
    const text = runCli(['map', '--repo', dir, '--changed', 'shop/pricing.py', '--tokens', '60']);
    expect(text.stdout).toBe(out.map);
  });
});

describe('revloop context', () => {
  it('prints the report without a key, makes no request and says the LLM step was skipped', () => {
    const dir = fixtureRepo('shop');
    writeFiles(dir, { 'shop/utils.py': 'def format_money(cents: int) -> str:\n    return str(cents)\n' });
    const result = runCli(['context', '--repo', dir, '--base', 'HEAD'], undefined, { OPENAI_API_KEY: '' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('shop/utils.py');
    expect(result.stdout + result.stderr).toMatch(/LLM steps? (was |were )?skipped because OPENAI_API_KEY is not set/);
  });
});

describe('bad arguments', () => {
  const dir = fixtureRepo('shop');
  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['rank', '--repo', '/nonexistent/revloop'], /--repo: \/nonexistent\/revloop is not a directory/],
    [['rank', '--repo', dir, '--limit', 'ten'], /--limit takes a whole number/],
    [['rank', '--repo', dir, '--bogus'], /Unknown option '--bogus'/],
    [['rank', '--repo', dir, '--base', 'HEAD', '--diff', 'x.diff'], /either --base or --diff/],
    [['rank', '--repo', dir, '--base', 'no-such-rev'], /--base: git diff no-such-rev failed/],
    [['rank', '--repo', dir, '--changed', '../outside.py'], /--changed: \.\.\/outside\.py is not a path inside/],
    [['rank', '--repo', dir, '--issue-text', '/nonexistent/issue.md'], /--issue-text: cannot read/],
    [['map', '--repo', dir, '--tokens', '0'], /--tokens takes a whole number/],
    [['rank', '--repo', dir, '--history', '5', '--no-history'], /either --history or --no-history/],
    [['rank', '--repo', dir, '--history', 'all'], /--history takes a whole number/],
  ])('%j exits 2 with one line naming the problem', (args, message) => {
    const result = runCli(args as string[]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message as RegExp);
  });

  it('refuses a --diff file that is not a diff, skips paths outside the repository and says when a diff is empty', () => {
    const files = tempDir();
    writeFiles(files, {
      'notes.txt': 'Fix the discount rounding.\n',
      'empty.diff': '',
      'outside.diff':
        '--- a/../../etc/passwd\n+++ b/../../etc/passwd\n@@ -1 +1 @@\n-a\n+b\n' +
        '--- a/shop/pricing.py\n+++ b/shop/pricing.py\n@@ -1 +1 @@\n-from .models import Order\n+from .models import Order, Product\n',
    });
    for (const command of ['rank', 'context']) {
      const notDiff = runCli([command, '--repo', dir, '--diff', join(files, 'notes.txt')], undefined, {
        OPENAI_API_KEY: '',
      });
      expect(notDiff.status).toBe(2);
      expect(notDiff.stderr.trim()).toMatch(
        /^revloop: --diff: .*notes\.txt has no changed file in it \(not a unified diff/,
      );
      const empty = runCli([command, '--repo', dir, '--diff', join(files, 'empty.diff')], undefined, {
        OPENAI_API_KEY: '',
      });
      expect(empty.status).toBe(0);
      expect(empty.stderr).toMatch(/the diff .*empty\.diff is empty; ranking without changed files/);
    }
    const outside = runCli(['rank', '--repo', dir, '--diff', join(files, 'outside.diff'), '--json']);
    expect(outside.status).toBe(0);
    expect(outside.stderr).toContain(
      'revloop: warning: --diff: skipped ../../etc/passwd: not a path inside the repository',
    );
    // The file inside is blamed at HEAD, whose first line it shows; nothing is asked of the one outside.
    expect(outside.stderr).not.toContain('old side');
    const ranked = JSON.parse(outside.stdout) as { files: { path: string; reasons: string[] }[] };
    expect(ranked.files.map((f) => f.path)).not.toContain('../../etc/passwd');
    expect(ranked.files.find((f) => f.path === 'shop/pricing.py')!.reasons[0]).toMatch(/^changed at line 1/);
  });

  it('prints usage and exits 2 without a command', () => {
    const result = runCli([]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: revloop');
  });
});
