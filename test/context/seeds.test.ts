import { describe, expect, it } from 'vitest';
import { changedFilesFromDiff, toRanges } from '../../src/context/seeds.js';

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
      },
      { path: 'new.py', status: 'added', ranges: [{ start: 1, end: 2 }], addedText: 'def fresh():\n    pass' },
      { path: 'old.py', status: 'deleted', ranges: [], removedText: 'x = 1' },
      {
        path: 'shop/models.py',
        status: 'modified',
        ranges: [
          { start: 10, end: 11 },
          { start: 20, end: 20 },
        ],
        addedText: '    def label(self, currency: str = "$") -> str:\n        # new comment',
        removedText: '    def label(self) -> str:\n        self.items.append((product, quantity))',
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
