import { describe, expect, it } from 'vitest';
import { changedFilesFromPullFiles, LIST_FILES_LIMIT, changeFromPatch } from '../../src/github/pull-files.js';

describe('changeFromPatch', () => {
  it('reads new-side lines and the changed text from the hunks of a modified file', () => {
    const patch = [
      '@@ -3,3 +3,4 @@ def a():',
      '     x = 1',
      '-    y = 2',
      '+    y = 3',
      '+    z = 4',
      '     return x',
      '@@ -20,2 +21,1 @@ def b():',
      '-    old()',
      '     keep()',
    ].join('\n');
    expect(changeFromPatch(patch, 'modified')).toEqual({
      ranges: [
        { start: 4, end: 5 },
        { start: 21, end: 21 },
      ],
      addedText: '    y = 3\n    z = 4',
      removedText: '    y = 2\n    old()',
      // The old side, in the base's numbering: what line history blames at the merge base.
      before: {
        ranges: [
          { start: 4, end: 4 },
          { start: 20, end: 20 },
        ],
        // GitHub's patches name no blob: the lines they show are the check.
        shown: [
          [3, '    x = 1'],
          [4, '    y = 2'],
          [5, '    return x'],
          [20, '    old()'],
          [21, '    keep()'],
        ],
      },
    });
  });

  it('takes every line of an added file and none of a deleted one', () => {
    expect(changeFromPatch('@@ -0,0 +1,3 @@\n+a\n+b\n+c', 'added')).toEqual({
      ranges: [{ start: 1, end: 3 }],
      addedText: 'a\nb\nc',
    });
    expect(changeFromPatch('@@ -1,2 +0,0 @@\n-a\n-b', 'deleted')).toEqual({
      ranges: [],
      removedText: 'a\nb',
      before: {
        ranges: [{ start: 1, end: 2 }],
        shown: [
          [1, 'a'],
          [2, 'b'],
        ],
      },
    });
  });

  it('leaves out the "no newline at end of file" marker', () => {
    expect(changeFromPatch('@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b', 'modified')).toEqual({
      ranges: [{ start: 1, end: 1 }],
      addedText: 'b',
      removedText: 'a',
      before: { ranges: [{ start: 1, end: 1 }], shown: [[1, 'a']] },
    });
  });
});

describe('changedFilesFromPullFiles', () => {
  it('maps GitHub statuses, keeps renames, and counts files without a patch', () => {
    const result = changedFilesFromPullFiles([
      { filename: 'z.py', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' },
      { filename: 'new name.py', status: 'renamed', previous_filename: 'old name.py', patch: '@@ -2 +2 @@\n-a\n+b' },
      { filename: 'gone.py', status: 'removed' },
      { filename: 'image.png', status: 'added' },
      { filename: 'copy.py', status: 'copied', patch: '@@ -0,0 +1 @@\n+x' },
      { filename: 'mode.sh', status: 'unchanged' },
      { filename: 'changed.py', status: 'changed' },
    ]);
    expect(result).toEqual({
      changed: [
        { path: 'changed.py', status: 'modified', ranges: [] },
        { path: 'copy.py', status: 'added', ranges: [{ start: 1, end: 1 }], addedText: 'x' },
        { path: 'gone.py', status: 'deleted', ranges: [] },
        { path: 'image.png', status: 'added', ranges: [] },
        {
          path: 'new name.py',
          status: 'renamed',
          previousPath: 'old name.py',
          ranges: [{ start: 2, end: 2 }],
          addedText: 'b',
          removedText: 'a',
          before: { ranges: [{ start: 2, end: 2 }], shown: [[2, 'a']] },
        },
        {
          path: 'z.py',
          status: 'modified',
          ranges: [{ start: 1, end: 1 }],
          addedText: 'b',
          removedText: 'a',
          before: { ranges: [{ start: 1, end: 1 }], shown: [[1, 'a']] },
        },
      ],
      truncated: false,
      withoutPatch: 2,
    });
  });

  it("says when GitHub's 3000-file cap may have cut the list", () => {
    const files = Array.from({ length: LIST_FILES_LIMIT }, (_, i) => ({ filename: `f${i}.py`, status: 'added' }));
    expect(changedFilesFromPullFiles(files).truncated).toBe(true);
  });
});
