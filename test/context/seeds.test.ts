import { describe, expect, it } from 'vitest';
import { changedFilesFromDiff, gitDiff, SHOWN_HUNKS, SHOWN_LINES_PER_HUNK, toRanges } from '../../src/context/seeds.js';
import { git, tempDir, writeFiles } from '../helpers/repo.js';

const DIFF = `diff --git a/shop/models.py b/shop/models.py
index 1111111..2222222 100644
--- a/shop/models.py
+++ b/shop/models.py
@@ -10,2 +10,3 @@ class Product:
-    def label(self) -> str:
+    def label(self, currency: str = "$") -> str:
+        # new comment
         return x
@@ -20 +20,0 @@ class Order:
-        self.items.append((product, quantity))
diff --git a/new.py b/new.py
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/new.py
@@ -0,0 +1,2 @@
+def fresh():
+    pass
diff --git a/old.py b/old.py
deleted file mode 100644
index 4444444..0000000
--- a/old.py
+++ /dev/null
@@ -1 +0,0 @@
-x = 1
diff --git a/a.py b/b.py
similarity index 90%
rename from a.py
rename to b.py
index 5555555..6666666 100644
--- a/a.py
+++ b/b.py
@@ -3 +3 @@
-y = 1
+y = 2
`;

describe('changedFilesFromDiff', () => {
  it('takes paths, statuses, new-side line ranges (anchoring deletions) and the changed lines', () => {
    expect(changedFilesFromDiff(DIFF)).toEqual([
      {
        path: 'b.py',
        status: 'renamed',
        previousPath: 'a.py',
        ranges: [{ start: 3, end: 3 }],
        addedText: 'y = 2',
        removedText: 'y = 1',
        before: { ranges: [{ start: 3, end: 3 }], blob: '5555555' },
      },
      { path: 'new.py', status: 'added', ranges: [{ start: 1, end: 2 }], addedText: 'def fresh():\n    pass' },
      {
        path: 'old.py',
        status: 'deleted',
        ranges: [],
        removedText: 'x = 1',
        before: { ranges: [{ start: 1, end: 1 }], blob: '4444444' },
      },
      {
        path: 'shop/models.py',
        status: 'modified',
        ranges: [
          { start: 10, end: 11 },
          { start: 20, end: 20 },
        ],
        addedText: '    def label(self, currency: str = "$") -> str:\n        # new comment',
        removedText: '    def label(self) -> str:\n        self.items.append((product, quantity))',
        // The old side's lines: the rewritten line 10 (the added comment is part of that rewrite) and line 20.
        before: {
          ranges: [
            { start: 10, end: 10 },
            { start: 20, end: 20 },
          ],
          blob: '1111111',
        },
      },
    ]);
  });

  it('joins the changed lines of a path the diff lists twice', () => {
    const twice = '--- a/x.py\n+++ b/x.py\n@@ -1 +1 @@\n-a\n+b\n--- a/x.py\n+++ b/x.py\n@@ -9 +9 @@\n-c\n+d\n';
    expect(changedFilesFromDiff(twice)).toEqual([
      {
        path: 'x.py',
        status: 'modified',
        ranges: [
          { start: 1, end: 1 },
          { start: 9, end: 9 },
        ],
        addedText: 'b\nd',
        removedText: 'a\nc',
      },
    ]);
  });

  it('anchors an insertion on the old side at the lines either side of it', () => {
    const inserted = [
      'diff --git a/x.py b/x.py',
      'index abcdef0..1234567 100644',
      '--- a/x.py',
      '+++ b/x.py',
      '@@ -0,0 +1 @@',
      '+import os',
      '@@ -5,0 +7,2 @@',
      '+a = 1',
      '+b = 2',
      '@@ -30,2 +33,3 @@',
      ' keep = 1',
      '+c = 3',
      ' also = 2',
      '',
    ].join('\n');
    expect(changedFilesFromDiff(inserted)[0]!.before).toEqual({
      ranges: [
        { start: 1, end: 1 },
        { start: 5, end: 6 },
        { start: 30, end: 31 },
      ],
      blob: 'abcdef0',
    });
  });

  it('keeps no old side for an added file, and the lines it shows instead of a blob without an index line', () => {
    const added = '--- /dev/null\n+++ b/n.py\n@@ -0,0 +1 @@\n+x = 1\n';
    expect(changedFilesFromDiff(added)[0]!.before).toBeUndefined();
    const once = '--- a/x.py\n+++ b/x.py\n@@ -1 +1 @@\n-a\n+b\n';
    expect(changedFilesFromDiff(once)[0]!.before).toEqual({ ranges: [{ start: 1, end: 1 }], shown: [[1, 'a']] });
    // Context and removed lines, by their old-side numbers; added lines are not the old side's.
    const context =
      '--- a/x.py\n+++ b/x.py\n@@ -4,3 +4,3 @@ def f():\n     x = 1\n-    y = 2\n+    y = 3\n     return y\n';
    expect(changedFilesFromDiff(context)[0]!.before!.shown).toEqual([
      [4, '    x = 1'],
      [5, '    y = 2'],
      [6, '    return y'],
    ]);
    // A few lines of every hunk, and the old side of the first SHOWN_HUNKS hunks only: the rest is unchecked.
    const hunks = Array.from({ length: SHOWN_HUNKS + 1 }, (_, i) => {
      const at = 20 * i + 1;
      const keep = Array.from({ length: 8 }, (_, k) => `     k${i}_${k}\n`).join('');
      return `@@ -${at},9 +${at},9 @@\n${keep}-    a${i}\n+    b${i}\n`;
    }).join('');
    const long = changedFilesFromDiff(`--- a/x.py\n+++ b/x.py\n${hunks}`)[0]!.before!;
    expect(long.shown).toHaveLength(SHOWN_HUNKS * SHOWN_LINES_PER_HUNK);
    expect(long.shown!.slice(0, 2)).toEqual([
      [1, '    k0_0'],
      [2, '    k0_1'],
    ]);
    expect(long.ranges).toHaveLength(SHOWN_HUNKS);
    expect(long.ranges.at(-1)).toEqual({ start: 20 * (SHOWN_HUNKS - 1) + 9, end: 20 * (SHOWN_HUNKS - 1) + 9 });
    // With an index line the blob is the check.
    const indexed = `diff --git a/x.py b/x.py\nindex 1111111..2222222 100644\n${once}`;
    expect(changedFilesFromDiff(indexed)[0]!.before).toEqual({ ranges: [{ start: 1, end: 1 }], blob: '1111111' });
  });

  it('takes a plain diff naming two paths (diff -u x.orig x) as one changed file, and only a declared move as a rename', () => {
    const hunk = '@@ -1,2 +1,2 @@\n keep\n-old\n+new\n';
    const orig = changedFilesFromDiff(
      `--- src/x.py.orig\t2026-01-01 10:00:00\n+++ src/x.py\t2026-01-02 10:00:00\n${hunk}`,
    );
    expect(orig).toEqual([
      {
        path: 'src/x.py',
        status: 'modified',
        ranges: [{ start: 2, end: 2 }],
        addedText: 'new',
        removedText: 'old',
        before: {
          ranges: [{ start: 2, end: 2 }],
          shown: [
            [1, 'keep'],
            [2, 'old'],
          ],
        },
      },
    ]);
    // The shorter base name whichever side it is on, as GNU patch chooses.
    expect(changedFilesFromDiff(`--- src/x.py\n+++ src/x.py.new\n${hunk}`)[0]).toMatchObject({
      path: 'src/x.py',
      status: 'modified',
    });
    expect(changedFilesFromDiff(`--- x.py\n+++ lib/x.py\n${hunk}`)[0]).toMatchObject({
      path: 'x.py',
      status: 'modified',
    });
    // git says when a file moved; a copy leaves its source as it was, so it is a new file.
    const renamed = `diff --git a/x.py b/lib/x.py\nsimilarity index 80%\nrename from x.py\nrename to lib/x.py\n--- a/x.py\n+++ b/lib/x.py\n${hunk}`;
    expect(changedFilesFromDiff(renamed)[0]).toMatchObject({
      path: 'lib/x.py',
      status: 'renamed',
      previousPath: 'x.py',
    });
    const copied = renamed.replace(/rename/g, 'copy');
    const copy = changedFilesFromDiff(copied)[0]!;
    expect(copy).toMatchObject({ path: 'lib/x.py', status: 'added' });
    expect(copy.previousPath).toBeUndefined();
    expect(copy.before).toBeUndefined();
    // The header's names, not parse-diff's: with --no-prefix it strips `c/` as if it were a prefix.
    const noPrefix = `diff --git c/x.py lib/x.py\nsimilarity index 80%\nrename from c/x.py\nrename to lib/x.py\n--- c/x.py\n+++ lib/x.py\n${hunk}`;
    expect(changedFilesFromDiff(noPrefix)[0]).toMatchObject({
      path: 'lib/x.py',
      status: 'renamed',
      previousPath: 'c/x.py',
    });
    // A pure rename (no hunks) as git prints it.
    const pure = 'diff --git a/a b/c\r\nsimilarity index 100%\r\nrename from a\r\nrename to c\r\n';
    expect(changedFilesFromDiff(pure)[0]).toMatchObject({ path: 'c', status: 'renamed', previousPath: 'a' });
  });

  it("reads git's diff of the work tree whatever the configuration says of prefixes and quoting", () => {
    const dir = tempDir();
    git(dir, 'init', '-q');
    writeFiles(dir, { 'c/x.py': 'x = 1\ny = 2\nz = 3\n', 'café.py': 'a = 1\n' });
    git(dir, 'add', '.');
    git(dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init');
    git(dir, 'config', 'diff.noprefix', 'true');
    git(dir, 'mv', 'c/x.py', 'lib.py');
    writeFiles(dir, { 'lib.py': 'x = 1\ny = 2\nz = 4\n', 'café.py': 'a = 2\n' });
    expect(
      changedFilesFromDiff(gitDiff(dir, 'HEAD')).map(({ path, status, previousPath }) => [path, status, previousPath]),
    ).toEqual([
      ['café.py', 'modified', undefined],
      ['lib.py', 'renamed', 'c/x.py'],
    ]);
  });

  it('returns nothing for an empty diff', () => {
    expect(changedFilesFromDiff('')).toEqual([]);
  });
});

describe('toRanges', () => {
  it('merges adjacent and duplicate lines', () => {
    expect(toRanges([5, 1, 2, 3, 3, 9])).toEqual([
      { start: 1, end: 3 },
      { start: 5, end: 5 },
      { start: 9, end: 9 },
    ]);
  });
});
