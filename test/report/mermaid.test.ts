import { describe, expect, it } from 'vitest';
import { buildCodeGraph } from '../../src/graph/code-graph.js';
import { buildRepoIndex } from '../../src/parse/repo-index.js';
import { fileLinks, strongestNeighbourhood, type FileLink } from '../../src/report/file-links.js';
import { renderFileDiagram } from '../../src/report/mermaid.js';
import { codeBlock, codeSpan, escapeText, reasonText } from '../../src/report/markdown-text.js';
import { fixtureRepo } from '../helpers/repo.js';

describe('fileLinks', () => {
  it('sums references between files that touch the focus, strongest first, with the dominant kind', async () => {
    const index = await buildRepoIndex(fixtureRepo('shop'));
    const graph = buildCodeGraph(index.files);
    const links = fileLinks(graph, new Set(['shop/models.py']));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.from === 'shop/models.py' || link.to === 'shop/models.py').toBe(true);
      expect(link.from).not.toBe(link.to);
    }
    for (let i = 1; i < links.length; i++) expect(links[i - 1]!.weight).toBeGreaterThanOrEqual(links[i]!.weight);
    expect(links).toContainEqual(
      expect.objectContaining({ from: 'shop/pricing.py', to: 'shop/models.py', kind: 'dependency' }),
    );
    expect(links).toContainEqual(
      expect.objectContaining({ from: 'shop/models.py', to: 'shop/utils.py', kind: 'dependency' }),
    );
    expect(links).toContainEqual(
      expect.objectContaining({
        from: 'tests/test_pricing.py',
        to: 'shop/models.py',
        kind: 'dependency',
        refKind: 'call',
      }),
    );
    expect(fileLinks(graph, new Set(['shop/models.py']))).toEqual(links);
  });
});

describe('strongestNeighbourhood', () => {
  const link = (from: string, to: string, weight: number, kind: FileLink['kind'] = 'dependency'): FileLink => ({
    from,
    to,
    weight,
    kind,
    ...(kind === 'dependency' ? { refKind: 'call' } : {}),
  });

  it('keeps each focus file and its strongest neighbours, ties by path, and the links touching focus', () => {
    const links = [
      link('b.py', 'a.py', 3),
      link('a.py', 'c.py', 2),
      link('a.py', 'e.py', 1),
      link('a.py', 'd.py', 1),
      link('b.py', 'c.py', 5),
      link('a.py', 'f.py', 0.5, 'cochange'),
    ];
    expect(strongestNeighbourhood(links, ['a.py'], { maxFocus: 5, perFile: 3 })).toEqual({
      files: ['a.py', 'b.py', 'c.py', 'd.py'],
      links: [links[0], links[1], links[3]],
    });
  });
});

describe('renderFileDiagram', () => {
  it('draws focus files highlighted, uses as arrows, co-changes as dotted lines, labels escaped', () => {
    const diagram = renderFileDiagram(
      ['src/a "quoted" <x>.ts', 'src/#b.ts', 'c.ts'],
      new Set(['src/a "quoted" <x>.ts']),
      [
        { from: 'src/#b.ts', to: 'src/a "quoted" <x>.ts', weight: 2, kind: 'dependency', refKind: 'import' },
        { from: 'c.ts', to: 'src/a "quoted" <x>.ts', weight: 1, kind: 'dependency', refKind: 'inherit' },
        { from: 'c.ts', to: 'src/a "quoted" <x>.ts', weight: 0.5, kind: 'cochange' },
      ],
    );
    expect(diagram).toBe(
      [
        'flowchart LR',
        '  n0["src/a #quot;quoted#quot; #lt;x#gt;.ts"]:::focus',
        '  n1["src/#35;b.ts"]',
        '  n2["c.ts"]',
        '  n1 -->|imports| n0',
        '  n2 -->|inherits| n0',
        '  n2 -.-|changes with| n0',
        '  classDef focus fill:#fff5b1,stroke:#9a6700,stroke-width:2px',
      ].join('\n'),
    );
  });
});

describe('markdown text', () => {
  it('keeps repository text literal in code spans and blocks', () => {
    expect(codeSpan('a.py')).toBe('`a.py`');
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`edge`')).toBe('`` `edge` ``');
    expect(codeBlock('x ``` y', 'text')).toBe('````text\nx ``` y\n````');
    expect(codeBlock('plain\n')).toBe('```\nplain\n```');
  });

  it('escapes HTML and emphasis outside code, and leaves the code parts of reasons alone', () => {
    expect(escapeText('<img src=x> & *b* _i_ [l](u) a|b')).toBe(
      '&lt;img src=x&gt; &amp; \\*b\\* \\_i\\_ \\[l\\](u) a\\|b',
    );
    expect(reasonText('`<T>` in <script>.py calls `a_b`')).toBe('`<T>` in &lt;script&gt;.py calls `a_b`');
  });
});
