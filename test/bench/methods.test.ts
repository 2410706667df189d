import { describe, expect, it } from 'vitest';
import { REVLOOP_VARIANTS, scoreMethod, validateMethods } from '../../src/bench/revloop-variants.js';

describe('scoreMethod', () => {
  it('ranks the relevant paths after removing the excluded seed', async () => {
    const scored = await scoreMethod(() => ['seed.py', 'a.py', 'b.py'], ['b.py', 'c.py'], 'seed.py');
    expect(scored.ranks).toEqual([2, null]);
    expect(scored.error).toBeUndefined();
    expect(scored.ms).toBeGreaterThanOrEqual(0);
  });

  it('turns a method that throws into an error that ranks nothing', async () => {
    const scored = await scoreMethod(async () => {
      throw new Error('grammar crashed');
    }, ['a.py']);
    expect(scored).toMatchObject({ ranks: [null], error: 'grammar crashed' });
  });
});

describe('REVLOOP_VARIANTS', () => {
  it("switches off the changed lines' words wherever it switches off the changed files' words", () => {
    for (const [name, options] of Object.entries(REVLOOP_VARIANTS)) {
      if (options.weights?.seedLexical === 0) expect([name, options.weights.changeLexical]).toEqual([name, 0]);
    }
  });
});

describe('validateMethods', () => {
  it('accepts every revloop variant and the baselines, and lists them when refusing', () => {
    expect(() => validateMethods([...Object.keys(REVLOOP_VARIANTS), 'bm25'], ['bm25'], 'issue → files')).not.toThrow();
    expect(() => validateMethods(['revloop', 'grep'], ['bm25'], 'issue → files')).toThrow(
      /unknown method "grep" for issue → files \(known: revloop, .*bm25\)/,
    );
  });
});
