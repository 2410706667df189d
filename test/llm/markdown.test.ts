import { describe, expect, it } from 'vitest';
import { placeEdits, suggestionLines } from '../../src/action/suggestions.js';
import type { ValidatedEdit } from '../../src/edits/validate.js';
import { shortLine, wrapText } from '../../src/llm/steps/describe.js';
import { authorPart, DESCRIBE_END, DESCRIBE_START, mergeIntoBody } from '../../src/report/describe-markdown.js';
import { renderContextMarkdown } from '../../src/report/context-markdown.js';
import type { LlmSection } from '../../src/report/llm-section.js';
import { modelText } from '../../src/report/markdown-text.js';
import { sampleReport } from '../report/sample-report.js';

describe('modelText', () => {
  it('keeps code spans, escapes the rest, and defuses mentions, links and HTML', () => {
    expect(modelText('`total_price` in <b>models</b>, ask @octocat or @acme/reviewers at https://evil.example/x')).toBe(
      '`total_price` in &lt;b&gt;models&lt;/b&gt;, ask `@octocat` or `@acme/reviewers` at `https://evil.example/x`',
    );
    // The link's brackets are escaped and its address is code: nothing is clickable.
    expect(modelText('[click](https://x.y) *bold* a_b')).toBe('\\[click\\](`https://x.y)` \\*bold\\* a\\_b');
    expect(modelText('first\nline\n\n\nsecond')).toBe('first line\n\nsecond');
    expect(modelText('mail me: a@b.example')).toBe('mail me: a@b.example');
  });
});

describe('pull request body markers', () => {
  it('appends revloop’s section after the author’s text and replaces only it later', () => {
    const first = mergeIntoBody('Author text.\n', 'one');
    expect(first).toBe(`Author text.\n\n${DESCRIBE_START}\none\n${DESCRIBE_END}`);
    const edited = first.replace('Author text.', 'Author text, edited.') + '\n\nA footnote the author added.';
    expect(mergeIntoBody(edited, 'two')).toBe(
      `Author text, edited.\n\n${DESCRIBE_START}\ntwo\n${DESCRIBE_END}\n\nA footnote the author added.`,
    );
    expect(mergeIntoBody(null, 'x')).toBe(`${DESCRIBE_START}\nx\n${DESCRIBE_END}`);
    expect(authorPart(edited)).toBe('Author text, edited.\n\n\n\nA footnote the author added.');
  });

  it('leaves a lone start marker the author wrote alone and appends a whole section', () => {
    const body = `See ${DESCRIBE_START} above`;
    expect(mergeIntoBody(body, 'x')).toBe(`${body}\n\n${DESCRIBE_START}\nx\n${DESCRIBE_END}`);
    expect(authorPart(body)).toBe(body);
  });
});

describe('titles and commit bodies', () => {
  it('cuts a long line at a word boundary within 72 characters', () => {
    const long = 'Make the order total ignore negative quantities, and document why refunds are separate entries';
    const short = shortLine(long);
    expect(short.length).toBeLessThanOrEqual(72);
    expect(short).toBe('Make the order total ignore negative quantities, and document why…');
    expect(shortLine('  Fix\nthe   bug ')).toBe('Fix the bug');
  });

  it('wraps paragraphs at 72 columns', () => {
    const text = wrapText(`${'word '.repeat(40)}\n\nsecond paragraph`);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(72);
    expect(text.endsWith('\n\nsecond paragraph')).toBe(true);
  });
});

const edit = (overrides: Partial<ValidatedEdit>): ValidatedEdit => ({
  path: 'a.py',
  explanation: 'why',
  startLine: 5,
  endLine: 6,
  oldLines: ['x', 'y'],
  newLines: ['X', 'Y', 'Z'],
  diff: '',
  ...overrides,
});

describe('placeEdits', () => {
  const file = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
  const options = { prefix: 'pkg/', matchesHead: (path: string) => path !== 'stale.py', read: () => file };
  const hunks = new Map([
    [
      'a.py',
      [
        { start: 3, end: 8 },
        { start: 12, end: 14 },
      ],
    ],
    ['stale.py', [{ start: 1, end: 20 }]],
  ]);

  it('suggests edits inside one hunk, with repository paths; the rest stay for the report', () => {
    const inside = edit({});
    const acrossHunks = edit({ startLine: 8, endLine: 12, oldLines: ['a', 'b', 'c', 'd', 'e'] });
    const stale = edit({ path: 'stale.py' });
    const noHunk = edit({ path: 'b.py' });
    const placed = placeEdits([inside, acrossHunks, stale, noHunk], hunks, options);
    expect(placed.suggestions.map((s) => [s.path, s.startLine, s.line])).toEqual([['pkg/a.py', 5, 6]]);
    expect(placed.suggestions[0]!.body).toBe('why\n\n```suggestion\nX\nY\nZ\n```\n\n<!-- revloop:suggestion -->');
    expect(placed.elsewhere).toEqual([acrossHunks, stale, noHunk]);
  });

  it('takes the line before a pure insertion along, or the first line at the top of a file', () => {
    const lineAt = (n: number) => `line ${n}`;
    expect(suggestionLines(edit({ startLine: 13, endLine: 12, oldLines: [], newLines: ['new'] }), lineAt)).toEqual({
      start: 12,
      end: 12,
      lines: ['line 12', 'new'],
    });
    expect(suggestionLines(edit({ startLine: 1, endLine: 0, oldLines: [], newLines: ['new'] }), lineAt)).toEqual({
      start: 1,
      end: 1,
      lines: ['new', 'line 1'],
    });
  });

  it('uses a longer fence when the new lines hold one', () => {
    const placed = placeEdits([edit({ newLines: ['```js', 'x', '```'] })], hunks, options);
    expect(placed.suggestions[0]!.body).toContain('````suggestion\n```js\nx\n```\n````');
  });
});

describe('the LLM sections under the comment limit', () => {
  it('cut edits from the tail and the record of what was sent first, saying what was left out', () => {
    const edits = Array.from({ length: 60 }, (_, i) =>
      edit({ path: `src/file_${i}.py`, diff: `${'-old line\n+new line\n'.repeat(40)}` }),
    );
    const llm: LlmSection = {
      model: 'm',
      endpoint: 'api.example.com',
      localized: { files: [], rejected: [], agreeing: 0 },
      edits: { shown: edits, proposed: 60, valid: 60, rejected: [] },
      failures: [],
      calls: Array.from({ length: 2 }, (_, i) => ({
        step: i === 0 ? 'localize' : 'edits',
        budget: 16000,
        tokens: 15000,
        instructionTokens: 300,
        blocks: Array.from({ length: 80 }, (_, b) => ({ kind: 'file', label: `src/f${b}.py`, tokens: 100, files: [] })),
        omitted: [],
      })),
      totals: { calls: 2, inputTokens: 30000, outputTokens: 900, costUsd: undefined },
      priceNote: 'cost unknown',
    };
    const markdown = renderContextMarkdown(sampleReport({ llm }), 20_000);
    expect(markdown.length).toBeLessThanOrEqual(20_000);
    expect(markdown).toMatch(/> Trimmed to fit .*suggested edits \(\d+ of 60\)/);
    expect(markdown).toMatch(/_… and \d+ more edits\._/);
    expect(markdown).toContain(
      '#### Files the model expects to change (`m`)\n_The model expects no file to need changes._',
    );
  });
});
