import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionContext } from '../../src/action/context-run.js';
import type { RunnerIo } from '../../src/action/runner-io.js';
import { readSettings } from '../../src/action/settings.js';
import { explainerFor, type CiExplainer, type CiExplanationInput } from '../../src/action/ci/explanation.js';
import { handleWorkflowRun, MAX_FAILED_JOBS } from '../../src/action/workflow-run.js';
import { validateEdits } from '../../src/edits/validate.js';
import { createGitHubClient } from '../../src/github/client.js';
import { parseWorkflowRunEvent } from '../../src/github/workflow-run-event.js';
import { FakeGitHub, type FakeJob } from '../github/fake-github.js';
import { fixtureRepo, git, tempDir, writeFiles } from '../helpers/repo.js';
import { runnerInputs } from './runner.js';

// The CI-failure loop in process, against the fake GitHub server (REST API
// plus a second server standing in for log storage) and real git
// repositories: what reaches the servers is what is asserted.

const TOKEN = 'ghs_revloopTestToken0123456789abcdefABCDEF';
const OPENAI_KEY = 'sk-revloop-test-key-0123456789';
const EVENTS = join(import.meta.dirname, '..', 'fixtures', 'events');
const PLACEHOLDER_HEAD = '2222222222222222222222222222222222222222';
const MARKER = '<!-- revloop:ci-failure:161335 -->';
const RUN_ID = 30433642;

/** The pull request's commit: `total_price` reads a field ints do not have. */
const BROKEN_MODELS = readFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'repos', 'shop', 'shop', 'models.py'),
  'utf8',
).replace(
  'return sum(p.price_cents * q for p, q in self.items)',
  'return sum(p.price_cents * q.count for p, q in self.items)',
);

/** The shop on `main` (checked out, as workflow_run does) with the pull request's commit in the object store. */
function checkoutWithPullRequestCommit(): { dir: string; main: string; head: string } {
  const dir = fixtureRepo('shop');
  const main = git(dir, 'rev-parse', 'HEAD').trim();
  git(dir, 'checkout', '-q', '-b', 'order-quantities');
  writeFiles(dir, { 'shop/models.py': BROKEN_MODELS });
  git(dir, 'commit', '-q', '-am', 'Order totals include quantities');
  const head = git(dir, 'rev-parse', 'HEAD').trim();
  git(dir, 'checkout', '-q', 'main');
  return { dir, main, head };
}

/** A default checkout of main (one commit deep): the pull request's commit is not in it. */
function checkoutWithoutRunCommit(origin: string): string {
  const checkout = join(tempDir(), 'checkout');
  git(origin, 'clone', '-q', '--depth', '1', '--branch', 'main', `file://${origin}`, checkout);
  return checkout;
}

/** Lines as the runner writes them: a timestamp on each. */
function actionsLog(lines: readonly string[]): string {
  return (
    lines.map((line, i) => `2026-01-01T00:01:${String(i % 60).padStart(2, '0')}.1234567Z ${line}`).join('\n') + '\n'
  );
}

const SETUP = [
  '##[group]Run actions/checkout@v5',
  'with:',
  '  repository: acme/shop',
  '##[endgroup]',
  '##[group]Run python -m pytest',
  'python -m pytest',
  'env:',
  // A step that echoes secrets: revloop must mask them before anything is posted.
  `  GH_TOKEN: ${TOKEN}`,
  '##[endgroup]',
  `curl -H "Authorization: Bearer ${OPENAI_KEY}" https://api.example.com/ping`,
];

/** pytest's long report of test_discount failing inside shop/models.py. */
const DISCOUNT_FAILURE = [
  '============================= test session starts ==============================',
  'rootdir: /home/runner/work/shop/shop',
  'collected 2 items',
  '',
  'tests/test_pricing.py F.                                                 [100%]',
  '',
  '=================================== FAILURES ===================================',
  '________________________________ test_discount _________________________________',
  '',
  '    def test_discount():',
  '        order = Order()',
  '        order.add(Product("pen", 1000), 2)',
  '>       assert apply_discount(order) == 1800',
  '',
  'tests/test_pricing.py:8: ',
  '_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ ',
  'shop/pricing.py:7: in apply_discount',
  '    total = order.total_price()',
  'shop/models.py:23: in total_price',
  '    return sum(p.price_cents * q.count for p, q in self.items)',
  '_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ ',
  '',
  '.0 = <list_iterator object at 0x7f3a2c1b0d30>',
  '',
  '>   return sum(p.price_cents * q.count for p, q in self.items)',
  "E   AttributeError: 'int' object has no attribute 'count'",
  '',
  'shop/models.py:23: AttributeError',
  '=========================== short test summary info ============================',
  "FAILED tests/test_pricing.py::test_discount - AttributeError: 'int' object has no attribute 'count'",
  '========================= 1 failed, 1 passed in 0.04s ==========================',
  '##[error]Process completed with exit code 1.',
];

/** A later failure: test_free_shipping, in shop/pricing.py. */
const SHIPPING_FAILURE = [
  '=================================== FAILURES ===================================',
  '______________________________ test_free_shipping ______________________________',
  '',
  '    def test_free_shipping():',
  '>       assert not free_shipping(Order())',
  '',
  'tests/test_pricing.py:12: ',
  '_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ ',
  '',
  '>   return apply_discount(order) > 5000',
  "E   TypeError: '>' not supported between instances of 'NoneType' and 'int'",
  '',
  'shop/pricing.py:12: TypeError',
  '=========================== short test summary info ============================',
  "FAILED tests/test_pricing.py::test_free_shipping - TypeError: '>' not supported between instances of 'NoneType' and 'int'",
  '##[error]Process completed with exit code 1.',
];

function job(id: number, name: string, conclusion: string | null): FakeJob {
  return {
    id,
    name,
    status: 'completed',
    conclusion,
    html_url: `https://github.com/acme/shop/actions/runs/${RUN_ID}/job/${id}`,
  };
}

/** A workflow_run payload from the fixtures, with the test repository's head commit and `changes` merged into workflow_run. */
function payload(
  conclusion: 'failure' | 'success',
  head: string,
  run: Record<string, unknown> = {},
): Record<string, unknown> {
  const text = readFileSync(join(EVENTS, `workflow_run.completed.${conclusion}.json`), 'utf8').replaceAll(
    PLACEHOLDER_HEAD,
    head,
  );
  const parsed = JSON.parse(text) as { workflow_run: Record<string, unknown> };
  const link = typeof run.id === 'number' ? { html_url: `https://github.com/acme/shop/actions/runs/${run.id}` } : {};
  return { ...parsed, workflow_run: { ...parsed.workflow_run, ...link, ...run } };
}

interface RecordingIo extends RunnerIo {
  infos: string[];
  notices: string[];
  warnings: string[];
  summary: string;
}

function recordingIo(): RecordingIo {
  const io: RecordingIo = {
    infos: [],
    notices: [],
    warnings: [],
    summary: '',
    info: (m) => io.infos.push(m),
    notice: (m) => io.notices.push(m),
    warning: (m) => io.warnings.push(m),
    setOutput: () => undefined,
    appendSummary: (markdown) => {
      io.summary += markdown;
      return Promise.resolve();
    },
  };
  return io;
}

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function startFake(): Promise<FakeGitHub> {
  fake = new FakeGitHub(TOKEN);
  await fake.start();
  return fake;
}

/** The action's context as run() builds it, for a workflow_run step in `workspace`. */
function contextFor(
  server: FakeGitHub,
  workspace: string,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
): ActionContext & { io: RecordingIo } {
  const values = runnerInputs(inputs, { 'github.token': TOKEN });
  const settings = readSettings({
    input: (name) => (values[`INPUT_${name.toUpperCase()}`] ?? '').trim(),
    env: {
      GITHUB_EVENT_NAME: 'workflow_run',
      GITHUB_EVENT_PATH: join(workspace, 'event.json'),
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_API_URL: server.url,
      GITHUB_WORKSPACE: workspace,
      GITHUB_RUN_ID: '4242',
      GITHUB_WORKFLOW: 'revloop CI failures',
      GITHUB_WORKFLOW_REF: 'acme/shop/.github/workflows/ci-failure.yml@refs/heads/main',
      ...env,
    },
  });
  const io = recordingIo();
  return { settings, client: createGitHubClient({ token: TOKEN, baseUrl: server.url, warn: io.warning }), io };
}

function bodies(server: FakeGitHub, issue: number): string[] {
  return (server.comments.get(issue) ?? []).map((c) => c.body);
}

function expectNoSecrets(texts: readonly string[]): void {
  for (const text of texts) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(OPENAI_KEY);
  }
}

describe('workflow_run: a failed run', () => {
  it('posts the report on the pull request, updates it on the next failure, and marks it resolved on success', async () => {
    const server = await startFake();
    const repo = checkoutWithPullRequestCommit();
    server.runJobs.set(RUN_ID, [
      job(501, 'lint', 'success'),
      job(502, 'test (3.12)', 'failure'),
      job(503, 'test (3.13)', 'cancelled'),
    ]);
    server.jobLogs.set(502, actionsLog([...SETUP, ...DISCOUNT_FAILURE]));
    const context = contextFor(server, repo.dir, { 'openai-api-key': OPENAI_KEY });

    // The key is set (and must be masked); a stand-in takes the LLM step's place, so nothing leaves 127.0.0.1.
    const standIn: CiExplainer = () =>
      Promise.resolve({ status: 'skipped', reason: 'Explanation skipped by the test’s stand-in for the LLM step.' });
    const outcome = await handleWorkflowRun(context, parseWorkflowRunEvent(payload('failure', repo.head)), standIn);
    expect(server.lines()).toEqual([
      `GET /repos/acme/shop/actions/runs/${RUN_ID}/jobs`,
      'GET /repos/acme/shop/actions/jobs/502/logs',
      'GET /repos/acme/shop/issues/7/comments',
      'POST /repos/acme/shop/issues/7/comments',
    ]);
    expect(server.requests[0]!.query).toMatchObject({ filter: 'latest', per_page: '100' });
    // The signed URL was fetched once, without the token: it never leaves the API host.
    expect(server.logHostRequests).toEqual([
      { path: '/job-logs/502.txt', query: { sig: 'signed-502', se: '2026-01-01T00:10:00Z' }, authorization: undefined },
    ]);

    const [body] = bodies(server, 7);
    expect(body!.split('\n').slice(0, 3)).toEqual([
      MARKER,
      `<!-- revloop-ci-run {"state":"failing","run":${RUN_ID},"number":57,"attempt":1} -->`,
      '### revloop · CI failed',
    ]);
    expect(body).toContain(
      `[run #57](https://github.com/acme/shop/actions/runs/${RUN_ID}) of \`CI\` failed at [\`${repo.head.slice(0, 7)}\`](https://github.com/acme/shop/commit/${repo.head}) on \`order-quantities\` · 1 of 3 jobs failed`,
    );
    expect(body).toContain(`#### Job [\`test (3.12)\`](https://github.com/acme/shop/actions/runs/${RUN_ID}/job/502)`);
    expect(body).toContain(
      '**1. test-failure** · `tests/test_pricing.py::test_discount` · step `Run python -m pytest` · log line 18',
    );
    expect(body).toContain("> `AttributeError: 'int' object has no attribute 'count'`");
    // Every project frame, linked at the run's commit, in printed order, with its enclosing definition;
    // the generator frame pytest prints again at the same line is shown once.
    const frameLinks = [...body!.matchAll(/^- \[`([^`]+)`\]\(([^)]+)\)(.*)$/gm)].map((m) => [m[1], m[2], m[3]]);
    expect(frameLinks).toEqual([
      [
        'tests/test_pricing.py:8',
        `https://github.com/acme/shop/blob/${repo.head}/tests/test_pricing.py#L8`,
        ' in `test_discount` (function)',
      ],
      [
        'shop/pricing.py:7',
        `https://github.com/acme/shop/blob/${repo.head}/shop/pricing.py#L7`,
        ' in `apply_discount` (function)',
      ],
      [
        'shop/models.py:23',
        `https://github.com/acme/shop/blob/${repo.head}/shop/models.py#L23`,
        ' in `total_price` (method)',
      ],
    ]);
    // The code is the run's commit, not the checkout's main.
    expect(body).toContain(
      '  ```python\n    20 |         self.items.append((product, quantity))\n    21 |\n    22 |     def total_price(self) -> int:\n  > 23 |         return sum(p.price_cents * q.count for p, q in self.items)\n    24 |\n  ```',
    );
    expect(body).toContain('#### Ranked context: code around the failures');
    expect(body).toMatch(/^- `shop\/cli\.py` — /m);
    expect(body).toContain('#### Explanation\n\n_Explanation skipped by the test’s stand-in for the LLM step._');
    expect(body).toContain(
      `Frames, code and definitions are read at the run's commit \`${repo.head.slice(0, 7)}\` from git objects; nothing of the pull request is checked out or run.`,
    );
    expect(body).toContain(
      '<sub>revloop · [workflow run](https://github.com/acme/shop/actions/runs/4242) · updated in place on each failure of `CI`, marked resolved when it passes</sub>',
    );
    expectNoSecrets([body!, context.io.summary, ...context.io.infos, ...context.io.notices]);
    expect(body).not.toContain('GH_TOKEN'); // the log's env lines are not failures: nothing of them is shown
    expect(context.io.summary).toContain('### revloop · CI failed');
    expect(context.io.summary).not.toContain(MARKER);
    expect(outcome?.comment).toEqual({
      id: server.comments.get(7)![0]!.id,
      url: server.comments.get(7)![0]!.html_url,
      created: true,
    });
    expect(outcome?.rankedFiles).toContain('shop/models.py');
    // The checkout stays on main: nothing of the pull request was checked out.
    expect(git(repo.dir, 'rev-parse', 'HEAD').trim()).toBe(repo.main);

    // The next run fails differently: the same comment now shows that failure only.
    const secondRun = RUN_ID + 10;
    server.runJobs.set(secondRun, [job(601, 'test (3.12)', 'failure')]);
    server.jobLogs.set(601, actionsLog([...SETUP, ...SHIPPING_FAILURE]));
    const before = server.requests.length;
    const second = await handleWorkflowRun(
      contextFor(server, repo.dir),
      parseWorkflowRunEvent(payload('failure', repo.head, { id: secondRun, run_number: 59 })),
    );
    const commentId = server.comments.get(7)![0]!.id;
    expect(server.lines().slice(before)).toEqual([
      `GET /repos/acme/shop/actions/runs/${secondRun}/jobs`,
      'GET /repos/acme/shop/actions/jobs/601/logs',
      'GET /repos/acme/shop/issues/7/comments',
      `PATCH /repos/acme/shop/issues/comments/${commentId}`,
    ]);
    expect(second?.comment).toMatchObject({ id: commentId, created: false });
    const [updated] = bodies(server, 7);
    expect(updated).toContain('"number":59');
    expect(updated).toContain('`tests/test_pricing.py::test_free_shipping`');
    expect(updated).toContain(
      `[\`shop/pricing.py:12\`](https://github.com/acme/shop/blob/${repo.head}/shop/pricing.py#L12) in \`free_shipping\``,
    );
    expect(updated).not.toContain('test_discount`');
    expect(updated).toContain('#### Explanation\n\n_Explanation skipped: no `openai-api-key` input is set.');

    // A later run passes: the comment says resolved, with the passing run's link.
    const passing = RUN_ID + 20;
    const third = await handleWorkflowRun(
      contextFor(server, repo.dir),
      parseWorkflowRunEvent(payload('success', repo.head, { id: passing, run_number: 60 })),
    );
    expect(server.lines().slice(-2)).toEqual([
      'GET /repos/acme/shop/issues/7/comments',
      `PATCH /repos/acme/shop/issues/comments/${commentId}`,
    ]);
    expect(third?.comment).toMatchObject({ id: commentId, created: false });
    const [resolved] = bodies(server, 7);
    expect(resolved).toBe(
      [
        MARKER,
        `<!-- revloop-ci-run {"state":"resolved","run":${passing},"number":60,"attempt":1} -->`,
        '### revloop · CI — resolved ✅',
        '',
        `[run #60](https://github.com/acme/shop/actions/runs/${passing}) of \`CI\` passed at [\`${repo.head.slice(0, 7)}\`](https://github.com/acme/shop/commit/${repo.head}) on \`order-quantities\`. The failures reported here before are in this comment's edit history.`,
        '',
        '<sub>revloop · [workflow run](https://github.com/acme/shop/actions/runs/4242) · updated in place on each failure of `CI`</sub>',
      ].join('\n'),
    );
    expect(server.comments.get(7)).toHaveLength(1);

    // Another passing run leaves the resolved comment alone.
    const count = server.requests.length;
    await handleWorkflowRun(
      contextFor(server, repo.dir),
      parseWorkflowRunEvent(payload('success', repo.head, { id: passing + 1, run_number: 61 })),
    );
    expect(server.lines().slice(count)).toEqual(['GET /repos/acme/shop/issues/7/comments']);
  });

  it('renders the same report for the same run twice', async () => {
    const server = await startFake();
    const repo = checkoutWithPullRequestCommit();
    server.runJobs.set(RUN_ID, [job(502, 'test', 'failure')]);
    server.jobLogs.set(502, actionsLog([...SETUP, ...DISCOUNT_FAILURE]));
    await handleWorkflowRun(contextFor(server, repo.dir), parseWorkflowRunEvent(payload('failure', repo.head)));
    const first = bodies(server, 7)[0];
    await handleWorkflowRun(contextFor(server, repo.dir), parseWorkflowRunEvent(payload('failure', repo.head)));
    expect(server.lines().at(-1)).toMatch(/^PATCH /);
    expect(bodies(server, 7)).toEqual([first]);
  });

  it('never overwrites the report of a later run with an earlier run that finished late', async () => {
    const server = await startFake();
    const repo = checkoutWithPullRequestCommit();
    const later = server.addComment(
      7,
      `${MARKER}\n<!-- revloop-ci-run {"state":"failing","run":1,"number":80,"attempt":1} -->\nlater report`,
    );
    server.runJobs.set(RUN_ID, [job(502, 'test', 'failure')]);
    server.jobLogs.set(502, actionsLog(DISCOUNT_FAILURE));
    const context = contextFor(server, repo.dir);
    await handleWorkflowRun(context, parseWorkflowRunEvent(payload('failure', repo.head)));
    expect(server.lines().filter((l) => !l.startsWith('GET'))).toEqual([]);
    expect(later.body).toContain('later report');
    expect(context.io.notices).toContain(
      'revloop: the comment on #7 already reports failing run #80 (attempt 1); run #57 (attempt 1) leaves it as is.',
    );
    // Nor does an earlier passing run resolve it.
    await handleWorkflowRun(context, parseWorkflowRunEvent(payload('success', repo.head, { run_number: 79 })));
    expect(server.lines().filter((l) => !l.startsWith('GET'))).toEqual([]);
  });

  it('finds the pull request by head commit when the payload lists none (a fork), and comments there', async () => {
    const server = await startFake();
    const repo = checkoutWithPullRequestCommit();
    const pull = (number: number, sha: string, state: 'open' | 'closed' = 'open') => ({
      number,
      state,
      head: { sha, ref: 'order-quantities', repo: { full_name: 'octocat/shop' } },
      base: { ref: 'main', repo: { full_name: 'acme/shop' } },
    });
    // Associated with the commit: an old closed one, one whose head moved on, and the fork's open one.
    server.commitPulls.set(repo.head, [pull(3, repo.head, 'closed'), pull(5, repo.main), pull(9, repo.head)]);
    server.runJobs.set(RUN_ID, [job(502, 'test', 'failure')]);
    server.jobLogs.set(502, actionsLog(DISCOUNT_FAILURE));
    const event = payload('failure', repo.head, {
      pull_requests: [],
      head_repository: { full_name: 'octocat/shop', owner: { login: 'octocat' } },
    });
    await handleWorkflowRun(contextFor(server, repo.dir), parseWorkflowRunEvent(event));
    expect(server.lines()).toEqual([
      `GET /repos/acme/shop/commits/${repo.head}/pulls`,
      `GET /repos/acme/shop/actions/runs/${RUN_ID}/jobs`,
      'GET /repos/acme/shop/actions/jobs/502/logs',
      'GET /repos/acme/shop/issues/9/comments',
      'POST /repos/acme/shop/issues/9/comments',
    ]);
    expect(bodies(server, 9)[0]).toContain('`tests/test_pricing.py::test_discount`');
  });

  it('with no pull request for the commit, writes the report to the job summary only', async () => {
    const server = await startFake();
    const repo = checkoutWithPullRequestCommit();
    server.pullList.push({
      number: 4,
      state: 'open',
      head: { sha: repo.main, ref: 'order-quantities', repo: { full_name: 'acme/shop' } },
      base: { ref: 'main', repo: { full_name: 'acme/shop' } },
    });
    server.runJobs.set(RUN_ID, [job(502, 'test', 'failure')]);
    server.jobLogs.set(502, actionsLog(DISCOUNT_FAILURE));
    const context = contextFor(server, repo.dir);
    const outcome = await handleWorkflowRun(
      context,
      parseWorkflowRunEvent(payload('failure', repo.head, { pull_requests: [], event: 'push' })),
    );
    expect(server.lines()).toEqual([
      `GET /repos/acme/shop/commits/${repo.head}/pulls`,
      'GET /repos/acme/shop/pulls',
      `GET /repos/acme/shop/actions/runs/${RUN_ID}/jobs`,
      'GET /repos/acme/shop/actions/jobs/502/logs',
    ]);
    expect(server.requests[1]!.query).toMatchObject({ state: 'open', head: 'acme:order-quantities' });
    expect(server.comments.size).toBe(0);
    expect(outcome?.comment).toBeUndefined();
    expect(context.io.notices).toContain(
      `revloop: no open pull request has ${repo.head.slice(0, 7)} as its head; the report is in the job summary only.`,
    );
    expect(context.io.summary).toContain('`tests/test_pricing.py::test_discount`');
    expect(context.io.summary).toContain(`https://github.com/acme/shop/blob/${repo.head}/shop/models.py#L23`);
  });

  it('says so when a log has nothing to find, and when a log has expired', async () => {
    const server = await startFake();
    const repo = checkoutWithPullRequestCommit();
    server.runJobs.set(RUN_ID, [job(701, 'build', 'failure'), job(702, 'old job', 'failure')]);
    server.jobLogs.set(
      701,
      actionsLog([
        '##[group]Run make',
        'make all',
        '##[endgroup]',
        'Building…',
        'done',
        '##[error]Process completed with exit code 2.',
      ]),
    );
    // 702 has no log: GitHub answers 404 once a log has expired.
    await handleWorkflowRun(contextFor(server, repo.dir), parseWorkflowRunEvent(payload('failure', repo.head)));
    expect(server.lines()).toEqual([
      `GET /repos/acme/shop/actions/runs/${RUN_ID}/jobs`,
      'GET /repos/acme/shop/actions/jobs/701/logs',
      'GET /repos/acme/shop/actions/jobs/702/logs',
      'GET /repos/acme/shop/issues/7/comments',
      'POST /repos/acme/shop/issues/7/comments',
    ]);
    const [body] = bodies(server, 7);
    expect(body).toContain(
      "_No failure was recognised in this job's log (6 lines): open the job log for the details._",
    );
    expect(body).toContain(
      "_The log of this job is no longer available (GitHub answered 404 for the log): GitHub deletes job logs after the repository's retention period (90 days by default), or someone deleted them. Re-run the job for a new log._",
    );
    expect(body).toContain('2 of 2 jobs failed');
    expect(body).toContain(
      '#### Ranked context: code around the failures\n\n_No failure was found in the logs, so there is nothing to rank from._',
    );
    expect(body).toContain('#### Explanation\n\n_Explanation skipped: no failure was found in the logs to explain._');
  });

  it('maps frames by path only when the run’s commit is not in the checkout, and says so', async () => {
    const server = await startFake();
    const repo = checkoutWithPullRequestCommit();
    const checkout = checkoutWithoutRunCommit(repo.dir);
    server.runJobs.set(RUN_ID, [job(502, 'test', 'failure')]);
    server.jobLogs.set(502, actionsLog(DISCOUNT_FAILURE));
    await handleWorkflowRun(contextFor(server, checkout), parseWorkflowRunEvent(payload('failure', repo.head)));
    const [body] = bodies(server, 7);
    expect(body).toContain(
      `- [\`shop/models.py:23\`](https://github.com/acme/shop/blob/${repo.head}/shop/models.py#L23) in \`total_price\`\n`,
    );
    expect(body).not.toContain('```python');
    expect(body).toContain(
      `The run's commit \`${repo.head.slice(0, 7)}\` is not in this checkout, so frames are matched by path only: no code or enclosing definitions are shown`,
    );
  });

  it('links frames with the working directory’s place in the repository and the server URL', async () => {
    const server = await startFake();
    const dir = tempDir();
    writeFiles(dir, { 'README.md': 'monorepo\n' });
    git(dir, 'init', '-q', '-b', 'main');
    const shop = fixtureRepo('shop', { git: false });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'root');
    // The shop lives in services/shop; the working-directory input points there.
    writeFiles(dir, {
      'services/shop/shop/models.py': BROKEN_MODELS,
      'services/shop/shop/pricing.py': readFileSync(join(shop, 'shop/pricing.py'), 'utf8'),
      'services/shop/shop/__init__.py': '',
      'services/shop/tests/test_pricing.py': readFileSync(join(shop, 'tests/test_pricing.py'), 'utf8'),
    });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'shop');
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    server.runJobs.set(RUN_ID, [job(502, 'test', 'failure')]);
    server.jobLogs.set(502, actionsLog(DISCOUNT_FAILURE));
    const context = contextFor(
      server,
      dir,
      { 'working-directory': 'services/shop' },
      { GITHUB_SERVER_URL: 'https://ghe.example.com' },
    );
    await handleWorkflowRun(context, parseWorkflowRunEvent(payload('failure', head)));
    const [body] = bodies(server, 7);
    expect(body).toContain(
      `(https://ghe.example.com/acme/shop/blob/${head}/services/shop/shop/models.py#L23) in \`total_price\` (method)`,
    );
    expect(body).toContain("Frames, code and definitions are read from the checkout, which is the run's commit");
    expect(body).toContain('  > 23 |         return sum(p.price_cents * q.count for p, q in self.items)');
  });

  it(`reads at most ${MAX_FAILED_JOBS} failed jobs' logs and says how many failed`, async () => {
    const server = await startFake();
    server.maxPageSize = 5; // the jobs list spans pages
    const repo = checkoutWithPullRequestCommit();
    const jobs = Array.from({ length: MAX_FAILED_JOBS + 3 }, (_, i) => job(900 + i, `shard ${i + 1}`, 'failure'));
    server.runJobs.set(RUN_ID, jobs);
    for (const j of jobs) server.jobLogs.set(j.id, actionsLog(DISCOUNT_FAILURE));
    await handleWorkflowRun(contextFor(server, repo.dir), parseWorkflowRunEvent(payload('failure', repo.head)));
    const jobPages = server.requests.filter((r) => r.path.endsWith('/jobs'));
    expect(jobPages.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3']);
    expect(server.lines().filter((l) => l.endsWith('/logs'))).toHaveLength(MAX_FAILED_JOBS);
    const [body] = bodies(server, 7);
    expect(body).toContain(`${MAX_FAILED_JOBS + 3} of ${MAX_FAILED_JOBS + 3} jobs failed`);
    expect(body).toContain(`${MAX_FAILED_JOBS + 3} jobs failed; the logs of the first ${MAX_FAILED_JOBS} were read.`);
    // The matrix failed the same way everywhere: the failure is shown once, then named.
    expect(body!.match(/```python/g)).toHaveLength(3);
    expect(body).toContain(
      '**1. test-failure** · `tests/test_pricing.py::test_discount` · log line 8 — _the same failure as in job `shard 1`_',
    );
    expect(body!.match(/the same failure as in job `shard 1`/g)).toHaveLength(MAX_FAILED_JOBS - 1);
  });

  it('fails with the permission to add when the token may not list the jobs', async () => {
    const server = await startFake();
    const repo = checkoutWithPullRequestCommit();
    server.failures.push({
      method: 'GET',
      path: /\/actions\/runs\/\d+\/jobs$/,
      status: 403,
      body: { message: 'Resource not accessible by integration' },
      times: 1,
    });
    await expect(
      handleWorkflowRun(contextFor(server, repo.dir), parseWorkflowRunEvent(payload('failure', repo.head))),
    ).rejects.toThrow(/GitHub answered 403 while listing the jobs of run 30433642.*needs `permissions: actions: read`/);
    expect(server.comments.size).toBe(0);
  });
});

describe('workflow_run: the explanation step', () => {
  /** Stands in for the LLM step: proposes `edits` and validates them against the input's target, as explainCiFailures does. */
  function explainerProposing(
    edits: { path: string; search: string; replace: string }[],
    seen: CiExplanationInput[],
  ): CiExplainer {
    return (input) => {
      seen.push(input);
      const { valid, rejected } = validateEdits(
        edits.map((edit) => ({ ...edit, explanation: 'Multiply by the quantity itself.' })),
        input.target,
      );
      return Promise.resolve({
        status: 'written',
        model: 'test-model',
        text: '`total_price` multiplies by `q.count`, but the quantity is an int.',
        ...(valid[0] ? { fix: valid[0] } : {}),
        rejectedFixes: rejected.length,
      });
    };
  }

  it('gets each distinct failure once with the code at the run’s commit, and a fix is validated there', async () => {
    const server = await startFake();
    const repo = checkoutWithPullRequestCommit();
    server.runJobs.set(RUN_ID, [job(502, 'test (3.12)', 'failure'), job(503, 'test (3.13)', 'failure')]);
    server.jobLogs.set(502, actionsLog([...SETUP, ...DISCOUNT_FAILURE]));
    server.jobLogs.set(503, actionsLog([...SETUP, ...DISCOUNT_FAILURE]));
    const inputs: CiExplanationInput[] = [];
    const explainer = explainerProposing(
      [
        // Only the run's commit has `q.count`: valid there, while the checkout (main) would reject it.
        {
          path: 'shop/models.py',
          search: 'p.price_cents * q.count for',
          replace: 'p.price_cents * q for',
        },
        // Only main has this text: a fix against the wrong version is rejected.
        { path: 'shop/models.py', search: 'p.price_cents * q for p', replace: 'p.price_cents * 2 * q for p' },
      ],
      inputs,
    );
    await handleWorkflowRun(
      contextFor(server, repo.dir, { 'openai-api-key': OPENAI_KEY }),
      parseWorkflowRunEvent(payload('failure', repo.head)),
      explainer,
    );
    expect(inputs).toHaveLength(1);
    const [input] = inputs;
    expect(input!.failures.map((f) => f.failure.test)).toEqual(['tests/test_pricing.py::test_discount']);
    expect(input!.headSha).toBe(repo.head);
    expect(input!.codeContext).toContain(
      'shop/models.py:23 in ./shop/models.py::models.Order.total_price\n  20 |         self.items.append((product, quantity))',
    );
    expect(input!.codeContext).toContain('> 23 |         return sum(p.price_cents * q.count for p, q in self.items)');
    expect(input!.codeContext).toMatch(/Files ranked around the failures:\n- shop\/cli\.py \(/);
    expect(JSON.stringify(input)).not.toContain(TOKEN);
    // The checkout itself was not touched by the validation.
    expect(git(repo.dir, 'status', '--porcelain')).toBe('');

    const [body] = bodies(server, 7);
    expect(body).toContain(
      '#### Explanation (`test-model`)\n\n`total_price` multiplies by `q.count`, but the quantity is an int.',
    );
    expect(body).toContain(
      `**Suggested fix** in [\`shop/models.py\`, line 23](https://github.com/acme/shop/blob/${repo.head}/shop/models.py#L23)`,
    );
    expect(body).toContain(
      '-        return sum(p.price_cents * q.count for p, q in self.items)\n+        return sum(p.price_cents * q for p, q in self.items)',
    );
    expect(body).toContain('_1 proposed fix did not pass validation and is not shown._');
  });

  it('validates nothing when the run’s commit is not local', async () => {
    const server = await startFake();
    const repo = checkoutWithPullRequestCommit();
    const checkout = checkoutWithoutRunCommit(repo.dir);
    server.runJobs.set(RUN_ID, [job(502, 'test', 'failure')]);
    server.jobLogs.set(502, actionsLog(DISCOUNT_FAILURE));
    const explainer = explainerProposing(
      [{ path: 'shop/models.py', search: 'p.price_cents * q for p', replace: 'p.price_cents * 2 * q for p' }],
      [],
    );
    await handleWorkflowRun(
      contextFor(server, checkout),
      parseWorkflowRunEvent(payload('failure', repo.head)),
      explainer,
    );
    const [body] = bodies(server, 7);
    expect(body).not.toContain('**Suggested fix**');
    expect(body).toContain('_1 proposed fix did not pass validation and is not shown._');
  });

  it('without a key, the default step is skipped and says why', async () => {
    const server = await startFake();
    const answer = await explainerFor(contextFor(server, tempDir()))({} as CiExplanationInput);
    expect(answer).toEqual({
      status: 'skipped',
      reason:
        'Explanation skipped: no `openai-api-key` input is set. The failures, frames and ranked context above come from the log and the code graph and need no LLM.',
    });
  });

  it('a failing step still posts the report, with the reason and a warning', async () => {
    const server = await startFake();
    const repo = checkoutWithPullRequestCommit();
    server.runJobs.set(RUN_ID, [job(502, 'test', 'failure')]);
    server.jobLogs.set(502, actionsLog(DISCOUNT_FAILURE));
    const context = contextFor(server, repo.dir);
    await handleWorkflowRun(context, parseWorkflowRunEvent(payload('failure', repo.head)), () =>
      Promise.reject(new Error('the endpoint answered 500')),
    );
    expect(bodies(server, 7)[0]).toContain('#### Explanation\n\n_Explanation failed: the endpoint answered 500_');
    expect(context.io.warnings).toEqual(['revloop: Explanation failed: the endpoint answered 500']);
  });
});

describe('workflow_run: what is not acted on', () => {
  it('a success with no failure comment creates none', async () => {
    const server = await startFake();
    const repo = checkoutWithPullRequestCommit();
    server.addComment(7, '<!-- revloop:context -->\nthe context comment');
    await handleWorkflowRun(contextFor(server, repo.dir), parseWorkflowRunEvent(payload('success', repo.head)));
    expect(server.lines()).toEqual(['GET /repos/acme/shop/issues/7/comments']);
    expect(server.comments.get(7)).toHaveLength(1);
  });

  it('skips revloop’s own workflow by default, and workflows the input does not name', async () => {
    const server = await startFake();
    const repo = checkoutWithPullRequestCommit();
    const own = contextFor(
      server,
      repo.dir,
      {},
      { GITHUB_WORKFLOW_REF: 'acme/shop/.github/workflows/ci.yml@refs/heads/main' },
    );
    expect(await handleWorkflowRun(own, parseWorkflowRunEvent(payload('failure', repo.head)))).toBeUndefined();
    expect(own.io.notices).toEqual([
      'revloop: the run is of the workflow revloop runs in (.github/workflows/ci.yml); nothing to do.',
    ]);
    const other = contextFor(server, repo.dir, { workflows: 'Deploy, release.yml' });
    await handleWorkflowRun(other, parseWorkflowRunEvent(payload('failure', repo.head)));
    expect(other.io.notices).toEqual([
      'revloop: the workflow CI (.github/workflows/ci.yml) is not in the "workflows" input (Deploy, release.yml); nothing to do.',
    ]);
    expect(server.requests).toEqual([]);
    // Named by file name, or by name in any case, it is explained.
    for (const workflows of ['ci.yml', '.github/workflows/ci.yml', 'ci']) {
      server.runJobs.set(RUN_ID, []);
      const picked = contextFor(server, repo.dir, { workflows });
      await handleWorkflowRun(picked, parseWorkflowRunEvent(payload('failure', repo.head)));
      expect(picked.io.notices).toEqual([]);
    }
    expect(bodies(server, 7)[0]).toContain(
      '_No failed job was listed for this run: it failed before any job ran (an invalid workflow file, a missing runner, a required approval)._',
    );
  });

  it('runs that are not completed, or concluded otherwise, are a notice', async () => {
    const server = await startFake();
    const repo = checkoutWithPullRequestCommit();
    const context = contextFor(server, repo.dir);
    await handleWorkflowRun(context, parseWorkflowRunEvent({ ...payload('failure', repo.head), action: 'requested' }));
    await handleWorkflowRun(context, parseWorkflowRunEvent(payload('failure', repo.head, { conclusion: 'cancelled' })));
    expect(context.io.notices).toEqual([
      'revloop: nothing to do for workflow_run "requested"; it runs when a run has completed.',
      'revloop: nothing to do for a run that concluded cancelled; revloop explains failures and resolves them on success.',
    ]);
    expect(server.requests).toEqual([]);
  });
});
