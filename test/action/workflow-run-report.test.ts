import { describe, expect, it } from 'vitest';
import {
  renderCiMarkdown,
  type CiFailureEntry,
  type CiFrameEntry,
  type CiJobEntry,
  type CiReport,
} from '../../src/report/ci-report.js';
import { GITHUB_COMMENT_LIMIT } from '../../src/report/trim.js';

// The CI report's markdown: bounded by GitHub's comment limit with the
// shared trimming helpers, cut in the documented order, and literal about
// whatever text the log brought.

const SHA = '18bdbca93261c0bece83fb4322efecbe16be36c4';

function frame(path: string, line: number, width = 60): CiFrameEntry {
  return {
    path,
    line,
    function: 'handler',
    symbol: { name: 'handler', symbolKind: 'function' },
    url: `https://github.com/acme/shop/blob/${SHA}/${path}#L${line}`,
    snippet: Array.from({ length: 7 }, (_, i) => ({ line: line - 3 + i, text: `    x${i} = ${'y'.repeat(width)}` })),
    language: 'python',
  };
}

function failure(n: number, frames: number): CiFailureEntry {
  return {
    kind: 'test-failure',
    message: `AssertionError: case ${n} failed`,
    test: `tests/test_cases.py::test_case_${n}`,
    step: 'Run pytest',
    logLine: 100 + n,
    frames: Array.from({ length: frames }, (_, i) => frame(`pkg/module_${i}.py`, 10 + i)),
    hiddenProjectFrames: 0,
    externalFrames: 2,
  };
}

function job(name: string, failures: number, frames = 6): CiJobEntry {
  return {
    name,
    url: `https://github.com/acme/shop/actions/runs/1/job/${name.length}`,
    failures: Array.from({ length: failures }, (_, i) => failure(i + 1, frames)),
    moreFailures: 0,
    notes: [],
  };
}

function report(overrides: Partial<CiReport> = {}): CiReport {
  return {
    workflow: 'CI',
    run: { number: 57, attempt: 1, url: 'https://github.com/acme/shop/actions/runs/1' },
    commit: { sha: SHA, url: `https://github.com/acme/shop/commit/${SHA}` },
    branch: 'feature',
    jobs: [job('test', 2)],
    failedJobs: 1,
    totalJobs: 3,
    ranked: [
      { path: 'pkg/a.py', reasons: ['`f` in pkg/b.py calls `g`'] },
      { path: 'pkg/c.py', reasons: [] },
    ],
    rankedNote: 'unused',
    explanation: { skipped: 'Explanation skipped: no `openai-api-key` input is set.' },
    notes: ['a note'],
    revloopRunUrl: 'https://github.com/acme/shop/actions/runs/4242',
    ...overrides,
  };
}

describe('renderCiMarkdown', () => {
  it('renders everything when it fits, the same way every time', () => {
    const text = renderCiMarkdown(report(), GITHUB_COMMENT_LIMIT);
    expect(text).toBe(renderCiMarkdown(report(), GITHUB_COMMENT_LIMIT));
    expect(text).not.toContain('Trimmed');
    expect(text.split('\n').slice(0, 3)).toEqual([
      '### revloop · CI failed',
      '',
      `[run #57](https://github.com/acme/shop/actions/runs/1) of \`CI\` failed at [\`18bdbca\`](https://github.com/acme/shop/commit/${SHA}) on \`feature\` · 1 of 3 jobs failed`,
    ]);
    expect(text).toContain('- _… 2 external frames not shown_');
    expect(text).toContain(
      '#### Ranked context: code around the failures (2)\n\n- `pkg/a.py` — `f` in pkg/b.py calls `g`\n- `pkg/c.py`',
    );
    expect(text.match(/```python/g)).toHaveLength(12);
    expect(text.endsWith('marked resolved when it passes</sub>')).toBe(true);
  });

  it('fits 65,536 characters: the ranked list first, then the code, then failures from the end', () => {
    const big = report({
      jobs: [job('unit', 20), job('integration', 20), job('e2e', 20)],
      ranked: Array.from({ length: 200 }, (_, i) => ({ path: `src/file_${i}.py`, reasons: ['x'.repeat(200)] })),
      notes: Array.from({ length: 30 }, (_, i) => `note ${i} ${'n'.repeat(100)}`),
    });
    const full = renderCiMarkdown(big, 10_000_000);
    expect(full.length).toBeGreaterThan(3 * GITHUB_COMMENT_LIMIT);
    const limit = GITHUB_COMMENT_LIMIT - 200;
    const text = renderCiMarkdown(big, limit, {
      limitName: "GitHub's 65,536-character comment limit",
      whereIsTheRest: 'The job summary of this run has more.',
    });
    expect(text.length).toBeLessThanOrEqual(limit);
    // Trimmed only as much as needed: within one failure's code (about 3,000 characters here) of the limit.
    expect(text.length).toBeGreaterThan(limit - 4_000);
    expect(text).toMatch(
      /^> \[!NOTE\]\n> Trimmed to fit GitHub's 65,536-character comment limit: .* left out\. The job summary of this run has more\.$/m,
    );
    const note = /^> Trimmed to fit .*$/m.exec(text)![0];
    expect(note).toContain('the ranked context');
    expect(note).toMatch(/the code of \d+ of 20 failures of job e2e/);
    // The heading, every job's heading, the explanation and the footer stay.
    expect(text.startsWith('### revloop · CI failed')).toBe(true);
    for (const name of ['unit', 'integration', 'e2e']) expect(text).toContain(`#### Job [\`${name}\`]`);
    expect(text).toContain('#### Explanation');
    expect(text).toContain('marked resolved when it passes</sub>');
    // Every code fence that opens also closes.
    expect((text.match(/^\s*```/gm) ?? []).length % 2).toBe(0);
  });

  it('cuts failures from the end of a job when even without code it does not fit', () => {
    const text = renderCiMarkdown(report({ jobs: [job('huge', 400, 6)], ranked: [] }), 30_000);
    expect(text.length).toBeLessThanOrEqual(30_000);
    expect(text).toMatch(/_… \d+ more failures left out here; the job log has them\._/);
    expect(text).toMatch(/failures of job huge \(\d+ of 400\)/);
    expect(text).not.toContain('```python');
  });

  it('keeps text from the log literal: code spans longer than any backtick run, no HTML, no links', () => {
    const hostile: CiFailureEntry = {
      ...failure(1, 1),
      message: '`</details><img src=x onerror=alert(1)> @octocat [click](https://evil.example) ``` ',
      test: 'test_`weird`_name',
      step: '</sub>Run it',
    };
    const text = renderCiMarkdown(
      report({
        jobs: [{ ...job('x', 0), name: 'job](https://evil.example)', failures: [hostile] }],
        workflow: 'CI <b>bold</b>',
      }),
      GITHUB_COMMENT_LIMIT,
    );
    expect(text).toContain(
      '> ```` `</details><img src=x onerror=alert(1)> @octocat [click](https://evil.example) ```  ````',
    );
    expect(text).toContain('``test_`weird`_name``');
    expect(text).toContain('step `</sub>Run it`');
    expect(text).toContain('#### Job [`job](https://evil.example)`](');
    expect(text).toContain('### revloop · CI &lt;b&gt;bold&lt;/b&gt; failed');
  });

  it('shows a written explanation as plain text, and a validated fix as a diff', () => {
    const diff = [
      'diff --git a/shop/models.py b/shop/models.py',
      '--- a/shop/models.py',
      '+++ b/shop/models.py',
      '@@ -23 +23 @@',
      '-        return sum(p.price_cents * q.count for p, q in self.items)',
      '+        return sum(p.price_cents * q for p, q in self.items)',
      '',
    ].join('\n');
    const text = renderCiMarkdown(
      report({
        explanation: {
          model: 'gpt-4.1-mini',
          text: '`total_price` reads `q.count`, but *q* is an int.\n\nAsk @octocat or see https://evil.example <b>now</b>.',
          fix: {
            path: 'shop/models.py',
            startLine: 23,
            endLine: 23,
            url: `https://github.com/acme/shop/blob/${SHA}/shop/models.py#L23`,
            explanation: 'Multiply by the quantity itself.',
            diff,
          },
          rejectedFixes: 1,
        },
      }),
      GITHUB_COMMENT_LIMIT,
    );
    expect(text).toContain(
      [
        '#### Explanation (`gpt-4.1-mini`)',
        '',
        '`total_price` reads `q.count`, but \\*q\\* is an int.',
        '',
        'Ask `@octocat` or see `https://evil.example` &lt;b&gt;now&lt;/b&gt;.',
        '',
        `**Suggested fix** in [\`shop/models.py\`, line 23](https://github.com/acme/shop/blob/${SHA}/shop/models.py#L23): it matches exactly one place at the run's commit and passes \`git apply --check\`.`,
        '',
        'Multiply by the quantity itself.',
        '',
        `\`\`\`diff\n${diff}\`\`\``,
        '',
        '_1 proposed fix did not pass validation and is not shown._',
      ].join('\n'),
    );
  });

  it('cuts a long explanation at a line outside any code block', () => {
    const diff = Array.from({ length: 400 }, (_, i) => `+line_${i} = ${'z'.repeat(80)}`).join('\n');
    const withExplanation = report({
      explanation: {
        model: 'm',
        text: 'Short reason.',
        fix: { path: 'a.py', startLine: 1, endLine: 0, url: 'https://github.com/x', explanation: '', diff },
        rejectedFixes: 0,
      },
    });
    expect(renderCiMarkdown(withExplanation, GITHUB_COMMENT_LIMIT)).toContain('before line 1');
    const small = renderCiMarkdown(withExplanation, 12_000);
    expect(small.length).toBeLessThanOrEqual(12_000);
    expect(small).toContain('Short reason.');
    expect((small.match(/^\s*```/gm) ?? []).length % 2).toBe(0);
    expect(small).toMatch(/Trimmed to fit .*the end of the explanation/);
  });

  it('says why there are no jobs and why the ranked list is empty', () => {
    const text = renderCiMarkdown(
      report({ jobs: [], failedJobs: 0, totalJobs: 0, ranked: [], rankedNote: 'Nothing to rank from.' }),
      GITHUB_COMMENT_LIMIT,
    );
    expect(text).toContain('· no job ran');
    expect(text).toContain('_No failed job was listed for this run');
    expect(text).toContain('#### Ranked context: code around the failures\n\n_Nothing to rank from._');
  });
});
