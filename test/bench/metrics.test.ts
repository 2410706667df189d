import { describe, expect, it } from 'vitest';
import {
  allAt,
  hitAt,
  issueScores,
  mean,
  recallAt,
  reciprocalRank,
  relevantRanks,
  replayScores,
} from '../../src/bench/metrics.js';

describe('relevantRanks', () => {
  it('gives the 1-based position of each relevant path, null when absent', () => {
    expect(relevantRanks(['a', 'b', 'c', 'd'], ['c', 'x', 'a'])).toEqual([3, null, 1]);
  });

  it('uses the first position of a path listed twice', () => {
    expect(relevantRanks(['a', 'b', 'a'], ['a'])).toEqual([1]);
  });
});

describe('cut-off metrics', () => {
  const ranks = [2, 7, null, 15];

  it('recall@k is the share of relevant paths within k', () => {
    expect(recallAt(ranks, 1)).toBe(0);
    expect(recallAt(ranks, 5)).toBe(0.25);
    expect(recallAt(ranks, 10)).toBe(0.5);
    expect(recallAt(ranks, 20)).toBe(0.75);
  });

  it('hit@k needs one, all@k needs every relevant path within k', () => {
    expect(hitAt(ranks, 1)).toBe(0);
    expect(hitAt(ranks, 2)).toBe(1);
    expect(allAt([1, 5], 5)).toBe(1);
    expect(allAt([1, 6], 5)).toBe(0);
    expect(allAt([1, null], 100)).toBe(0);
  });

  it('reciprocal rank is that of the best-ranked relevant path', () => {
    expect(reciprocalRank([4, 2, null])).toBe(0.5);
    expect(reciprocalRank([null, null])).toBe(0);
  });

  it('refuses an empty relevant set instead of inventing a score', () => {
    expect(() => recallAt([], 5)).toThrow(/empty/);
    expect(() => allAt([], 5)).toThrow(/empty/);
  });

  it('bundles the metrics of each protocol', () => {
    expect(replayScores([1, 8, null])).toEqual({
      'recall@1': 1 / 3,
      'recall@5': 1 / 3,
      'recall@10': 2 / 3,
      'recall@20': 2 / 3,
      mrr: 1,
    });
    expect(issueScores([6, 3])).toEqual({ 'hit@1': 0, 'hit@5': 1, 'hit@10': 1, 'all@5': 0 });
  });

  it('mean of nothing is NaN, not 0', () => {
    expect(mean([])).toBeNaN();
    expect(mean([1, 0, 0.5])).toBe(0.5);
  });
});
