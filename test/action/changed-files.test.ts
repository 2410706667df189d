import { describe, expect, it } from 'vitest';
import { relativeToPrefix } from '../../src/action/changed-files.js';
import type { ChangedFile } from '../../src/context/seeds.js';

const before = { ranges: [{ start: 3, end: 3 }], shown: [[3, 'x = 1']] as [number, string][] };

describe('relativeToPrefix', () => {
  it('names files from the working directory and drops, and counts, those outside it', () => {
    const changed: ChangedFile[] = [
      { path: 'app/a.py', status: 'modified', ranges: [{ start: 1, end: 1 }], before },
      { path: 'docs/b.md', status: 'modified', ranges: [] },
    ];
    expect(relativeToPrefix(changed, 'app/')).toEqual({
      changed: [{ path: 'a.py', status: 'modified', ranges: [{ start: 1, end: 1 }], before }],
      outside: 1,
    });
    expect(relativeToPrefix(changed, '')).toEqual({ changed, outside: 0 });
  });

  it('keeps a move inside the working directory, and no old side for a file moved in from outside', () => {
    const changed: ChangedFile[] = [
      { path: 'app/b.py', status: 'renamed', previousPath: 'app/a.py', ranges: [], before },
      { path: 'app/c.py', status: 'renamed', previousPath: 'lib/c.py', ranges: [], before },
    ];
    expect(relativeToPrefix(changed, 'app/').changed).toEqual([
      { path: 'b.py', status: 'renamed', previousPath: 'a.py', ranges: [], before },
      // Its old path is not under the working directory: nothing there to blame, under either name.
      { path: 'c.py', status: 'renamed', ranges: [] },
    ]);
  });
});
