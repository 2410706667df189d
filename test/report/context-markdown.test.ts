import { describe, expect, it } from 'vitest';
import { renderContextMarkdown } from '../../src/report/context-markdown.js';
import { buildContextReport } from '../../src/report/context-report.js';
import { GITHUB_COMMENT_LIMIT } from '../../src/report/trim.js';
import { analyzeRepository } from '../../src/pipeline/analyze.js';
import { expectGolden } from '../helpers/golden.js';
import { fixtureRepo } from '../helpers/repo.js';
import { sampleReport } from './sample-report.js';

describe('renderContextMarkdown', () => {
  it('renders every section of a pull request report (golden)', () => {
    expectGolden('report/context-pull-request.md', renderContextMarkdown(sampleReport(), GITHUB_COMMENT_LIMIT));
  });

  it('renders an issue report: no changed files, a command request, one list without seeds (golden)', () => {
    const report = sampleReport({
      title: 'Context requested on issue #12',
      request: { author: 'octo`cat', text: '/context `Order` <why?>', url: 'https://github.com/acme/shop/issues/12#c' },
      commits: [],
      changed: [],
      seededBy: 'none',
      diagram: undefined,
      skipped: [],
      excludedByInputs: 0,
      map: { text: '', tokens: 0, budget: 16, files: 0, definitions: 0 },
    });
    delete report.changeSource;
    delete report.runUrl;
    expectGolden('report/context-issue-command.md', renderContextMarkdown(report, GITHUB_COMMENT_LIMIT));
  });

  it('is byte-identical for the same report', () => {
    expect(renderContextMarkdown(sampleReport(), 10_000)).toBe(renderContextMarkdown(sampleReport(), 10_000));
  });
});

describe('buildContextReport from an analysis of the shop fixture', () => {
  it('lists changed files, ranked neighbours with reasons, a diagram around the changed file, and skips', async () => {
    const dir = fixtureRepo('shop');
    const seeds = {
      changed: [
        { path: 'shop/models.py', status: 'modified' as const, ranges: [{ start: 23, end: 23 }] },
        { path: 'shop/new.py', status: 'added' as const, ranges: [{ start: 1, end: 1 }] },
      ],
    };
    const analysis = await analyzeRepository(dir, seeds, { history: false });
    const report = buildContextReport({
      title: 'Context for pull request #1',
      commits: [],
      seeds,
      index: analysis.index,
      graph: analysis.graph,
      ranking: analysis.ranking,
      mapTokens: 512,
      maxFiles: 3,
      excludedByInputs: 0,
      notes: [],
      command: '/context',
    });
    expect(report.changed.map((c) => [c.path, c.absent])).toEqual([
      ['shop/models.py', undefined],
      ['shop/new.py', 'not in the checkout or left out by include/exclude'],
    ]);
    expect(report.seededBy).toBe('change');
    expect(report.ranked.length).toBeGreaterThan(0);
    expect(report.ranked.length).toBeLessThanOrEqual(3);
    expect(report.ranked.map((f) => f.path)).not.toContain('shop/models.py');
    for (const file of report.ranked) expect(file.reasons.length).toBeGreaterThan(0);
    expect(report.diagram?.focus).toBe('changed');
    expect(report.diagram?.mermaid).toContain('n0["shop/models.py"]:::focus');
    expect(report.diagram?.mermaid).toMatch(/n\d+\["shop\/pricing\.py"\]/);
    expect(report.map.tokens).toBeLessThanOrEqual(512);
    expect(report.map.text).toContain('shop/models.py:');
    expect(report.skipped).toEqual([
      { reason: 'unsupported-language', paths: ['README.md', 'logo.png'] },
      { reason: 'vendored', paths: ['vendor/lib.py'] },
    ]);
    const markdown = renderContextMarkdown(report, GITHUB_COMMENT_LIMIT);
    expect(markdown).toContain('#### Changed files (2)');
    expect(markdown).toContain(
      '- `shop/new.py` — added, line 1 _(not in the checkout or left out by include/exclude)_',
    );
  });

  it('says when nothing seeded the ranking', async () => {
    const dir = fixtureRepo('shop');
    const seeds = { changed: [], text: 'nothing here names a file or a definition' };
    const analysis = await analyzeRepository(dir, seeds, { history: false });
    const report = buildContextReport({
      title: 'Context for issue #2',
      commits: [],
      seeds,
      index: analysis.index,
      graph: analysis.graph,
      ranking: analysis.ranking,
      mapTokens: 256,
      maxFiles: 5,
      excludedByInputs: 0,
      notes: [],
      command: '/context',
    });
    expect(report.seededBy).toBe('none');
    expect(report.ranked).toHaveLength(5);
    expect(report.notes.at(-1)).toContain('ranked by overall importance (plain PageRank)');
    expect(report.diagram?.focus).toBe('top');
  });
});
