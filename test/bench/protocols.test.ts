import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryLabel, replayRepository, seedChange } from '../../src/bench/cochange-replay.js';
import { resolveGitDir } from '../../src/bench/git.js';
import { runIssueFiles } from '../../src/bench/issue-files.js';
import { issueTable } from '../../src/bench/issue-report.js';
import { replayTable } from '../../src/bench/replay-report.js';
import { loadSwebench } from '../../src/bench/swebench.js';
import { git, tempDir, writeFiles } from '../helpers/repo.js';

function commit(dir: string, files: Record<string, string>, message: string): string {
  writeFiles(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD').trim();
}

const MODELS = (n: number): string =>
  `class Order:\n    def total_price(self):\n        return ${n}\n\n\ndef make_order():\n    return Order()\n`;
const SERIALIZERS = (n: number): string =>
  `from models import Order\n\n\ndef serialize(order: Order):\n    return {"total": order.total_price(), "v": ${n}}\n`;
const VIEWS = (n: number): string =>
  `from models import make_order\n\n\ndef show_order():\n    order = make_order()\n    return order.total_price() + ${n}\n`;

/**
 * serializers.py changed with models.py twice before the last commit;
 * views.py changes with models.py only in the last commit, the one replayed.
 */
function replayRepo(): { dir: string; last: string; parent: string } {
  const dir = tempDir();
  git(dir, 'init', '-q', '-b', 'main');
  commit(
    dir,
    {
      'models.py': MODELS(1),
      'serializers.py': SERIALIZERS(1),
      'views.py': VIEWS(1),
      'app/settings.py': 'DEBUG = True\n',
      'README.md': 'shop\n',
    },
    'start',
  );
  commit(dir, { 'models.py': MODELS(2), 'serializers.py': SERIALIZERS(2) }, 'price 2');
  commit(dir, { 'models.py': MODELS(3), 'serializers.py': SERIALIZERS(3) }, 'price 3');
  const parent = commit(dir, { 'README.md': 'shop, documented\n' }, 'docs');
  const last = commit(
    dir,
    {
      'models.py': `${MODELS(4)}\n\ndef discount(order):\n    return order.total_price() // 2\n`,
      'views.py': VIEWS(4),
    },
    'discounts',
  );
  return { dir, last, parent };
}

describe('co-change replay', () => {
  it('replays a commit on its parent tree, scores every method, and never lets the commit leak into history', async () => {
    const { dir, last, parent } = replayRepo();
    const messages: string[] = [];
    const run = await replayRepository(dir, {
      commits: 10,
      span: 100,
      head: 'HEAD',
      methods: ['revloop', 'same-dir', 'history', 'lexical'],
      workDir: tempDir(),
      log: (m) => messages.push(m),
    });
    // The newest case first; the two "price" commits qualify too (checked below).
    expect(run.items.map((item) => [item.sha, item.parent, item.seed, item.targets])).toEqual([
      [last, parent, 'models.py', ['views.py']],
      expect.anything(),
      expect.anything(),
    ]);
    const [replayed] = run.items;
    // History before the commit never saw views.py change with models.py.
    expect(replayed!.ranks.history).toEqual([null]);
    // Same directory: root files by path after the seed is removed: serializers.py, views.py.
    expect(replayed!.ranks['same-dir']).toEqual([2]);
    // views.py shares `make_order`, `order`, `total_price` with the seed; settings.py shares nothing.
    expect(replayed!.ranks.lexical).toEqual([1]);
    // revloop ranked the parent tree (views.py calls into models.py), without failing.
    expect(replayed!.errors).toEqual({});
    expect(replayed!.ranks.revloop![0]).toEqual(expect.any(Number));
    // The older co-change commits are cases too, and each sees only its own past.
    expect(run.items[2]!.ranks.history).toEqual([null]);
    expect(run.items[1]!.ranks.history).toEqual([1]);
    expect(run.selection).toEqual({
      examined: 5,
      qualifying: 3,
      disqualified: { root: 1, 'too-few-files': 1, 'too-many-files': 0, 'file-not-in-parent': 0, unreadable: 0 },
    });
    expect(messages[0]).toContain('3 cases from 3 qualifying of 5 commits');
    const table = replayTable([run], ['revloop', 'history']);
    expect(table.split('\n')[0]).toMatch(/^\| repository +\| cases \| method +\| recall@1 \| recall@5 \|/);
    expect(table).toMatch(/\| history +\| +0\.333 \| +0\.333 \| +0\.333 \| +0\.333 \| 0\.333 \| +0 \|/);
  });

  it("seeds +diff variants with the seed's change in the parent's lines, and scores lexical-diff", async () => {
    const { dir, last, parent } = replayRepo();
    const testCase = { sha: last, parent, seed: 'models.py', targets: ['views.py'], logIndex: 0 };
    // The parent's models.py: line 3 `return 3` became `return 4`; `discount` was added after line 7.
    expect(seedChange(resolveGitDir(dir), testCase)).toEqual({
      path: 'models.py',
      status: 'modified',
      ranges: [
        { start: 3, end: 3 },
        { start: 7, end: 7 },
      ],
      // The diff runs from the commit back to the parent: what it adds, the commit removed.
      addedText: '        return 4\n\n\ndef discount(order):\n    return order.total_price() // 2',
      removedText: '        return 3',
      // Line history blames the parent's lines the commit's own diff rewrote: line 3, and the two
      // either side of the insertion after line 7; the diff names the parent's blob.
      before: {
        ranges: [
          { start: 3, end: 3 },
          { start: 7, end: 8 },
        ],
        blob: git(dir, 'rev-parse', '--short=7', `${parent}:models.py`).trim(),
      },
    });
    const run = await replayRepository(dir, {
      commits: 1,
      span: 100,
      head: 'HEAD',
      methods: ['revloop+diff', 'revloop-no-history+diff', 'lexical-diff'],
      workDir: tempDir(),
    });
    const [replayed] = run.items;
    expect(replayed!.errors).toEqual({});
    // views.py shares `order` and `total_price` with the added lines; nothing else but serializers.py does.
    expect(replayed!.ranks['lexical-diff']![0]).toBeLessThanOrEqual(2);
    expect(replayed!.ranks['revloop+diff']![0]).toEqual(expect.any(Number));
    expect(replayed!.ranks['revloop-no-history+diff']![0]).toEqual(expect.any(Number));
  });

  it('refuses an unknown method or head before doing any work', async () => {
    const { dir } = replayRepo();
    for (const method of ['magic+diff', 'history+diff'])
      await expect(
        replayRepository(dir, { commits: 1, span: 10, head: 'HEAD', methods: [method], workDir: tempDir() }),
      ).rejects.toThrow(method === 'history+diff' ? /only revloop variants take \+diff/ : /unknown method "magic"/);
    await expect(
      replayRepository(dir, { commits: 1, span: 10, head: 'HEAD', methods: ['magic'], workDir: tempDir() }),
    ).rejects.toThrow(/unknown method "magic"/);
    await expect(
      replayRepository(dir, { commits: 1, span: 10, head: 'nope', methods: ['history'], workDir: tempDir() }),
    ).rejects.toThrow(/no commit "nope"/);
  });

  it('labels repositories by directory, and mirrors as owner/name', () => {
    expect(repositoryLabel('/work/.mirror/gin-gonic+gin/repo')).toBe('gin-gonic/gin');
    expect(repositoryLabel('/src/flask/')).toBe('flask');
    expect(repositoryLabel('/src/flask/.git')).toBe('flask');
    expect(repositoryLabel('/srv/git/requests.git')).toBe('requests');
  });
});

describe('issue → files', () => {
  it('ranks base_commit from the problem statement, scores the gold files, and sees nothing later', async () => {
    const repoDir = tempDir();
    const dir = join(repoDir, 'acme__widgets');
    git(repoDir, 'init', '-q', '-b', 'main', 'acme__widgets');
    const base = commit(
      dir,
      {
        'pkg/parser.py': 'def parse_header(line):\n    name, value = line.split(":", 1)\n    return name, value\n',
        'pkg/render.py': 'def render_page(title):\n    return "<h1>" + title + "</h1>"\n',
        'pkg/tests/test_parser.py':
          'from pkg.parser import parse_header\n\n\ndef test_parse_header():\n    assert parse_header("a: b") == ("a", " b")\n' +
          '    parse_header("header parse header parse")\n',
        'docs/index.md': 'parse header\n',
      },
      'base',
    );
    // Later history: a file that would beat parser.py if it leaked into the base tree.
    commit(dir, { 'pkg/headers.py': 'parse_header = "parse header parse header header header"\n' }, 'later');
    const patch = [
      'diff --git a/pkg/parser.py b/pkg/parser.py',
      '--- a/pkg/parser.py',
      '+++ b/pkg/parser.py',
      '@@ -1,3 +1,3 @@',
      ' def parse_header(line):',
      '-    name, value = line.split(":", 1)',
      '+    name, value = line.split(":", 1) if ":" in line else (line, "")',
      '     return name, value',
      '',
    ].join('\n');
    const data = join(tempDir(), 'data.jsonl');
    writeFileSync(
      data,
      `${JSON.stringify({
        repo: 'acme/widgets',
        instance_id: 'acme__widgets-1',
        base_commit: base,
        problem_statement: 'parse_header raises ValueError when a header has no colon',
        patch,
      })}\n`,
    );
    const run = await runIssueFiles(loadSwebench(data), {
      repoDir,
      methods: ['revloop', 'bm25', 'bm25-tf'],
      workDir: tempDir(),
    });
    expect(run.skipped).toEqual([]);
    const [item] = run.items;
    expect(item!.gold).toEqual(['pkg/parser.py']);
    expect(item!.ranks.bm25).toEqual([1]);
    expect(item!.ranks['bm25-tf']).toEqual([1]);
    expect(item!.errors).toEqual({});
    expect(item!.ranks.revloop![0]).toEqual(expect.any(Number));
    const table = issueTable(run, ['bm25']);
    expect(table).toMatch(/\| acme\/widgets \| +1 \| bm25 +\| 1\.000 \| 1\.000 \| +1\.000 \| 1\.000 \| +0 \|/);
  });

  it('skips an instance whose patch only creates files, and fails fast on a missing repository', async () => {
    const repoDir = tempDir();
    git(repoDir, 'init', '-q', '-b', 'main', 'acme__widgets');
    const base = commit(join(repoDir, 'acme__widgets'), { 'a.py': 'A = 1\n' }, 'base');
    const created =
      'diff --git a/b.py b/b.py\nnew file mode 100644\n--- /dev/null\n+++ b/b.py\n@@ -0,0 +1 @@\n+B = 1\n';
    const instance = {
      repo: 'acme/widgets',
      instance_id: 'x-1',
      base_commit: base,
      problem_statement: 'b',
      patch: created,
    };
    const run = await runIssueFiles([instance], { repoDir, methods: ['bm25'], workDir: tempDir() });
    expect(run.items).toEqual([]);
    expect(run.skipped).toEqual([{ instanceId: 'x-1', reason: 'the patch only creates files' }]);
    await expect(
      runIssueFiles([{ ...instance, repo: 'acme/absent' }], { repoDir, methods: ['bm25'], workDir: tempDir() }),
    ).rejects.toThrow(/no checkout of acme\/absent/);
  });
});
