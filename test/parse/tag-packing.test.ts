import { describe, expect, it } from 'vitest';
import { packResult, stringSharer, unpackResult } from '../../src/parse/tag-packing.js';
import { tagSource } from '../../src/parse/tag-file.js';

describe('tag packing', () => {
  it('round-trips a tagged file through the wire form', async () => {
    const source = 'class A:\n    def f(self):\n        return g(A)\n\nX = 1\n';
    const result = await tagSource('pkg/a.py', source, 'python');
    const packed = packResult(result);
    expect(packed.ok && packed.file.data).toBeInstanceOf(Int32Array);
    const share = stringSharer();
    const back = unpackResult(structuredClone(packed), share);
    expect(back).toEqual(result);
  });

  it("carries the file's terms and removed-code hits across", async () => {
    const result = await tagSource('a.py', 'X = legacy()\n', 'python');
    if (!result.ok) throw new Error('tagging failed');
    result.file.terms = { length: 2, counts: [['legacy', 1]] };
    result.file.removedCode = { lines: [0], names: [0, 2] };
    expect(unpackResult(structuredClone(packResult(result)), stringSharer())).toEqual(result);
  });

  it('shares one string object per distinct name across files', async () => {
    const share = stringSharer();
    const a = unpackResult(packResult(await tagSource('a.py', 'def run():\n    pass\n', 'python')), share);
    const b = unpackResult(packResult(await tagSource('b.py', 'run()\n', 'python')), share);
    const nameA = a.ok ? a.file.tags[0]!.name : '';
    const nameB = b.ok ? b.file.tags[0]!.name : 'x';
    expect(nameA).toBe('run');
    expect(nameB).toBe(nameA);
  });

  it('passes skips through unchanged', () => {
    const skip = { ok: false as const, path: 'x.py', reason: 'binary' as const };
    expect(unpackResult(packResult(skip), stringSharer())).toEqual(skip);
  });
});
