import type { ContextReport } from '../../src/report/context-report.js';

/**
 * A hand-built report with every section and the awkward text real
 * repositories contain (backticks, angle brackets, pipes), independent of
 * how the ranking scores files.
 */
export function sampleReport(overrides: Partial<ContextReport> = {}): ContextReport {
  return {
    title: 'Context for pull request #7',
    commits: [
      {
        label: 'head',
        sha: '3e33b299619548b82b9b5a7d625c53e1b6e0b01e',
        url: 'https://github.com/acme/shop/commit/3e33b299619548b82b9b5a7d625c53e1b6e0b01e',
      },
      {
        label: 'base',
        sha: '81f4965551de6b8850d4b491020b813cd2cd85f1',
        url: 'https://github.com/acme/shop/commit/81f4965551de6b8850d4b491020b813cd2cd85f1',
      },
    ],
    changeSource: 'changed lines from the local checkout (git diff base...head)',
    changed: [
      { path: 'shop/models.py', status: 'modified', ranges: [{ start: 23, end: 23 }] },
      {
        path: 'shop/pricing.py',
        status: 'renamed',
        previousPath: 'shop/price.py',
        ranges: [
          { start: 1, end: 2 },
          { start: 9, end: 9 },
          { start: 14, end: 20 },
          { start: 30, end: 31 },
          { start: 40, end: 40 },
        ],
      },
      { path: 'docs/old `notes`.md', status: 'deleted', ranges: [], absent: 'deleted' },
      {
        path: 'shop/receipt.py',
        status: 'added',
        ranges: [{ start: 1, end: 2 }],
        absent: 'not in the checkout or left out by include/exclude',
      },
    ],
    ranked: [
      {
        path: 'tests/test_pricing.py',
        score: 0.21,
        role: 'impact',
        reasons: [
          'changed together with shop/models.py in 3 of the 4 recent commits touching it',
          '`test_discount` calls `apply_discount` (shop/pricing.py)',
        ],
      },
      {
        path: 'shop/cli.py',
        score: 0.12,
        role: 'impact',
        reasons: ['`main` calls `apply_discount` (shop/pricing.py)'],
      },
      {
        path: 'shop/utils.py',
        score: 0.08,
        role: 'context',
        reasons: ['`label` in shop/models.py calls `format_money`', 'a <b>|c</b> reason * with _markdown_'],
      },
    ],
    seededBy: 'change',
    rankedTotal: 8,
    diagram: {
      mermaid: [
        'flowchart LR',
        '  n0["shop/models.py"]:::focus',
        '  n1["tests/test_pricing.py"]',
        '  n1 -->|calls| n0',
        '  classDef focus fill:#fff5b1,stroke:#9a6700,stroke-width:2px',
      ].join('\n'),
      focus: 'changed',
      files: 2,
    },
    map: {
      text: 'shop/models.py:\n⋮\n│class Order:\n⋮\n│    def total_price(self) -> int:\n⋮\nweird.md:\n│```not a fence```\n',
      tokens: 38,
      budget: 1024,
      files: 2,
      definitions: 2,
    },
    skipped: [
      { reason: 'unsupported-language', paths: ['README.md', 'a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt', 'f.txt'] },
      { reason: 'vendored', paths: ['vendor/lib.py'] },
    ],
    excludedByInputs: 2,
    notes: ['history: 12 commits read', 'LLM steps skipped: no `openai-api-key` input is set.'],
    runUrl: 'https://github.com/acme/shop/actions/runs/4242',
    command: '/context',
    ...overrides,
  };
}
