import { describe, expect, it } from 'vitest';
import { markerFor, withMarker } from '../../src/github/sticky-comment.js';
import { renderContextMarkdown } from '../../src/report/context-markdown.js';
import { fitList, fitToLimit, GITHUB_COMMENT_LIMIT, largestFitting, type Section } from '../../src/report/trim.js';
import { sampleReport } from './sample-report.js';

const fence = (text: string): number => (text.match(/^`{3,}/gm) ?? []).length;

/** A report far over the limit: a map of 6,000 lines, 400 skipped reasons, long ranked reasons. */
function hugeReport(rankedReasonLength = 40): ReturnType<typeof sampleReport> {
  const mapLines = Array.from({ length: 6000 }, (_, i) => `│    def function_number_${i}(self, argument) -> int:`);
  return sampleReport({
    map: { text: `${mapLines.join('\n')}\n`, tokens: 90_000, budget: 100_000, files: 300, definitions: 6000 },
    skipped: Array.from({ length: 400 }, (_, i) => ({
      reason: `reason-${String(i).padStart(3, '0')}`,
      paths: [`path/to/some/skipped/file-${i}.bin`],
    })),
    ranked: Array.from({ length: 500 }, (_, i) => ({
      path: `src/module_${String(i).padStart(3, '0')}.py`,
      score: 1 / (i + 1),
      role: i % 2 === 0 ? ('impact' as const) : ('context' as const),
      reasons: [`\`caller_${i}\` calls \`target_${i}\` ${'x'.repeat(rankedReasonLength)}`],
    })),
  });
}

describe('fitToLimit', () => {
  const fixed = (text: string): Section => ({ priority: 'fixed', text, fit: () => ({ text }) });

  it('joins sections untouched when they fit', () => {
    expect(fitToLimit([fixed('a'), fixed('b')], 10)).toBe('a\n\nb');
  });

  it('cuts the least important section first and only as much as needed', () => {
    const list = (priority: number, name: string, n: number): Section => {
      const items = Array.from({ length: n }, (_, i) => `- ${name} ${i}`);
      return {
        priority,
        text: [`# ${name}`, ...items].join('\n'),
        fit: (budget) =>
          fitList(`# ${name}`, items, budget, (shown, total) => `${name} (${total - shown} of ${total})`),
      };
    };
    const sections = [fixed('head'), list(50, 'important', 50), list(10, 'minor', 200)];
    const full = fitToLimit(sections, 1_000_000);
    const body = fitToLimit(sections, full.length - 100);
    expect(body.length).toBeLessThanOrEqual(full.length - 100);
    expect(body.length).toBeGreaterThan(full.length - 800); // only what the limit and the note need
    expect(body).toContain('- important 49');
    expect(body).toMatch(/- minor 1\d\d\n- … and \d+ more/);
    expect(body).toMatch(
      /^head\n\n> \[!NOTE\]\n> Trimmed to fit the [\d,]+-character limit: minor \(\d+ of 200\) left out\.\n\n# important/,
    );
  });

  it('never rejects a body: fixed parts too long are cut at a line boundary', () => {
    const long = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    const body = fitToLimit([fixed(long)], 700);
    expect(body.length).toBeLessThanOrEqual(700);
    expect(body).toMatch(/^line 0\n/);
    expect(body).toContain('Trimmed to fit the 700-character limit: the report left out.');
  });
});

describe('renderContextMarkdown over the limit', () => {
  it('fits 65,536 characters with the marker, cutting skipped files and the map first', () => {
    const purpose = 'context';
    const report = hugeReport();
    const full = renderContextMarkdown(report, Number.MAX_SAFE_INTEGER);
    expect(full.length).toBeGreaterThan(300_000);

    const body = withMarker(
      purpose,
      renderContextMarkdown(report, GITHUB_COMMENT_LIMIT - markerFor(purpose).length - 1, {
        limitName: "GitHub's 65,536-character comment limit",
        whereIsTheRest: 'The job summary of this run has more.',
      }),
    );
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(body.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT - 1000); // cut only as much as needed
    // Least important first: the skipped list goes, the map is shortened, the rest stays whole.
    expect(body).not.toContain('Not in the map');
    expect(body).toMatch(/\(first [\d,]+ of 6,000 lines\)<\/summary>/);
    expect(body).toContain('```mermaid');
    expect(body).toContain('src/module_499.py');
    expect(body).toContain('#### Changed files (4)');
    expect(fence(body) % 2).toBe(0);
    expect(body.match(/<details>/g)?.length).toBe(body.match(/<\/details>/g)?.length);
    expect(body).toMatch(
      /^<!-- revloop:context -->\n### revloop · Context for pull request #7\n\n.*\n\n> \[!NOTE\]\n> Trimmed to fit GitHub's 65,536-character comment limit: the repository map \([\d,]+ of 6,000 lines\); the list of skipped files left out\. The job summary of this run has more\.\n\n#### Changed files/,
    );
  });

  it('then drops the map and the diagram and shortens the ranked lists, keeping the heading, changes and notes', () => {
    const body = renderContextMarkdown(hugeReport(400), GITHUB_COMMENT_LIMIT);
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(body).not.toContain('Repository map');
    expect(body).not.toContain('```mermaid');
    expect(body).toMatch(/\n- … and \d+ more\n/);
    expect(body.startsWith('### revloop · Context for pull request #7')).toBe(true);
    expect(body).toContain('#### Changed files (4)');
    expect(body).toContain('#### Notes');
    expect(body).toMatch(
      /: impact files \(\d+ of 250\); context files \(\d+ of 250\); the Mermaid diagram; the repository map; the list of skipped files left out/,
    );
  });

  it('leaves a report under the limit exactly as rendered without one', () => {
    expect(renderContextMarkdown(sampleReport(), GITHUB_COMMENT_LIMIT)).toBe(
      renderContextMarkdown(sampleReport(), Number.MAX_SAFE_INTEGER),
    );
  });
});

describe('largestFitting', () => {
  it('finds the largest n that fits, or low - 1 when none does', () => {
    const calls: number[] = [];
    const fits = (n: number) => {
      calls.push(n);
      return n * n <= 50;
    };
    expect(largestFitting(0, 100, fits)).toBe(7);
    expect(calls.length).toBeLessThanOrEqual(8); // a binary search, not a scan
    expect(largestFitting(1, 10, () => false)).toBe(0);
    expect(largestFitting(0, 10, () => false)).toBe(-1);
    expect(largestFitting(3, 9, () => true)).toBe(9);
  });
});
