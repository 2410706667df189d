import { countTokens } from 'gpt-tokenizer';
import { describe, expect, it } from 'vitest';
import { renderRepoMap } from '../../src/context/repo-map.js';
import { buildCodeGraph } from '../../src/graph/code-graph.js';
import { rankFiles } from '../../src/graph/rank.js';
import { buildRepoIndex } from '../../src/parse/repo-index.js';
import { expectGolden } from '../helpers/golden.js';
import { fixtureRepo } from '../helpers/repo.js';

async function shopRanking() {
  const index = await buildRepoIndex(fixtureRepo('shop'));
  const ranking = rankFiles(buildCodeGraph(index.files), index.files, {
    changed: [{ path: 'shop/pricing.py', status: 'modified', ranges: [{ start: 7, end: 7 }] }],
  });
  return { index, ranking };
}

describe('renderRepoMap', () => {
  it('renders ranked files with signature lines and elisions', async () => {
    const { index, ranking } = await shopRanking();
    const map = renderRepoMap(index.files, ranking, 1024);
    expectGolden('shop-map.txt', map.text);
    expect(map.tokens).toBe(countTokens(map.text));
  });

  it('never exceeds the budget, and fills more of it as it grows', async () => {
    const { index, ranking } = await shopRanking();
    let previous = -1;
    for (const budget of [1, 5, 20, 60, 120, 250, 4000]) {
      const map = renderRepoMap(index.files, ranking, budget);
      expect(countTokens(map.text)).toBeLessThanOrEqual(budget);
      expect(map.tokens).toBeGreaterThanOrEqual(previous);
      previous = map.tokens;
    }
    // The largest budget holds every definition and every file.
    const all = renderRepoMap(index.files, ranking, 4000);
    expect(all.files).toBe(index.files.length);
    expect(all.definitions).toBe(ranking.symbols.length);
  });

  it('puts the best-ranked definition first under a tight budget', async () => {
    const { index, ranking } = await shopRanking();
    const map = renderRepoMap(index.files, ranking, 30);
    expect(map.text.split('\n')[0]).toBe('shop/pricing.py:');
    expect(map.text).toContain('def apply_discount');
  });
});
