import { describe, expect, it } from 'vitest';
import { sameDirectoryRanking } from '../../src/bench/same-directory.js';

describe('sameDirectoryRanking', () => {
  it("ranks the seed's directory, then its subdirectories, then each parent's subtree", () => {
    const candidates = [
      'README.py',
      'pkg/core/a.py',
      'pkg/core/sub/deep.py',
      'pkg/core/z.py',
      'pkg/other/b.py',
      'pkg/top.py',
      'tests/test_a.py',
    ];
    expect(sameDirectoryRanking('pkg/core/seed.py', ['pkg/core/seed.py', ...candidates])).toEqual([
      'pkg/core/a.py',
      'pkg/core/z.py',
      'pkg/core/sub/deep.py',
      'pkg/top.py',
      'pkg/other/b.py',
      'README.py',
      'tests/test_a.py',
    ]);
  });

  it('for a seed at the root, ranks root files first', () => {
    expect(sameDirectoryRanking('main.go', ['x/y.go', 'b.go', 'a.go'])).toEqual(['a.go', 'b.go', 'x/y.go']);
  });
});
