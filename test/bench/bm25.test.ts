import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/bench/bm25.js';
import { termCounts } from '../../src/context/tokens.js';

const bag = (...terms: string[]): Map<string, number> => termCounts(terms);

describe('Bm25Index', () => {
  it('computes Okapi BM25 with k1 = 1.2 and b = 0.75 exactly', () => {
    const index = new Bm25Index();
    index.add('a.py', bag('parse', 'config', 'parse'));
    index.add('b.py', bag('render', 'template'));
    index.add('c.py', bag('config'));
    // N = 3, average length 2. idf(parse) = ln(1 + (3 - 1 + 0.5) / (1 + 0.5)).
    const idfParse = Math.log(1 + 2.5 / 1.5);
    const idfConfig = Math.log(1 + 1.5 / 2.5);
    expect(index.idf('parse')).toBeCloseTo(idfParse, 12);
    const normA = 1.2 * (1 - 0.75 + (0.75 * 3) / 2);
    const normC = 1.2 * (1 - 0.75 + (0.75 * 1) / 2);
    const expectedA = (idfParse * 2 * 2.2) / (2 + normA) + (idfConfig * 1 * 2.2) / (1 + normA);
    const expectedC = (idfConfig * 1 * 2.2) / (1 + normC);
    const hits = index.search(bag('parse', 'config'));
    expect(hits.map((h) => h.id)).toEqual(['a.py', 'c.py']);
    expect(hits[0]!.score).toBeCloseTo(expectedA, 12);
    expect(hits[1]!.score).toBeCloseTo(expectedC, 12);
  });

  it('counts a repeated query term that many times', () => {
    const index = new Bm25Index();
    index.add('a', bag('x1'));
    index.add('b', bag('y1'));
    const once = index.search(bag('x1'))[0]!.score;
    const twice = index.search(bag('x1', 'x1'))[0]!.score;
    expect(twice).toBeCloseTo(2 * once, 12);
  });

  it('leaves out documents that share no term, and breaks ties by id', () => {
    const index = new Bm25Index();
    index.add('z.py', bag('alpha'));
    index.add('m.py', bag('beta'));
    index.add('a.py', bag('alpha'));
    expect(index.search(bag('alpha', 'unknown')).map((h) => h.id)).toEqual(['a.py', 'z.py']);
    expect(index.search(bag('unknown'))).toEqual([]);
  });

  it('honours b = 0: document length no longer matters', () => {
    const index = new Bm25Index({ k1: 1.2, b: 0 });
    index.add('short', bag('term'));
    index.add('long', bag('term', 'filler', 'filler', 'filler', 'filler'));
    const [first, second] = index.search(bag('term'));
    expect(first!.score).toBeCloseTo(second!.score, 12);
  });
});
