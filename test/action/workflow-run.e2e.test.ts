import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeGitHub, type FakeJob } from '../github/fake-github.js';
import { fixtureRepo, git, tempDir, writeFiles } from '../helpers/repo.js';
import { ACTION_ENTRY, readWorkflow, revloopStep, runAction, runnerInputs, type ActionRun } from './runner.js';

// End to end: the committed bundle runs `docs/workflows/ci-failure.yml`'s
// step as the runner would, on a checkout of the default branch that
// fetched the failed run's commit as that workflow does, against the fake
// GitHub server. `npm run build` first: these tests build nothing.

const TOKEN = 'ghs_revloopE2eToken0123456789abcdefABCDEF';
const EVENTS = join(import.meta.dirname, '..', 'fixtures', 'events');
const PLACEHOLDER_HEAD = '2222222222222222222222222222222222222222';
const RUN_ID = 30433642;

beforeAll(() => {
  if (!existsSync(ACTION_ENTRY)) throw new Error('dist/index.js is missing: run `npm run build` before these tests');
});

let server: FakeGitHub | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * The repository on GitHub (main, and the pull request's branch where
 * `Order.total_price` breaks), and the workflow's workspace: a default
 * checkout of main that then fetched the run's commit, as the documented
 * workflow's steps do.
 */
function repositories(): { workspace: string; main: string; head: string } {
  const origin = fixtureRepo('shop');
  git(origin, 'checkout', '-q', '-b', 'order-quantities');
  const models = readFileSync(join(origin, 'shop/models.py'), 'utf8');
  writeFiles(origin, { 'shop/models.py': models.replace('* q for p, q', '* q.count for p, q') });
  git(origin, 'commit', '-q', '-am', 'Order totals include quantities');
  const head = git(origin, 'rev-parse', 'HEAD').trim();
  git(origin, 'checkout', '-q', 'main');
  const workspace = join(tempDir(), 'shop');
  git(origin, 'clone', '-q', '--depth', '1', '--branch', 'main', `file://${origin}`, workspace);
  git(workspace, 'fetch', '-q', '--no-tags', '--depth=1', 'origin', head);
  return { workspace, main: git(workspace, 'rev-parse', 'HEAD').trim(), head };
}

function pytestLog(test: string, frames: [string, number, string][], error: string): string {
  const lines = [
    '##[group]Run python -m pytest',
    'python -m pytest',
    '##[endgroup]',
    `Authorization: token ${TOKEN}`,
    '=================================== FAILURES ===================================',
    `_________________________________ ${test} _________________________________`,
    '',
    ...frames.flatMap(([path, line, fn], i) => [
      i === 0 ? `${path}:${line}: ` : `${path}:${line}: in ${fn}`,
      '_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ ',
    ]),
    `E   ${error}`,
    '',
    `${frames[frames.length - 1]![0]}:${frames[frames.length - 1]![1]}: ${error.split(':')[0]}`,
    '=========================== short test summary info ============================',
    `FAILED tests/test_pricing.py::${test} - ${error}`,
    '##[error]Process completed with exit code 1.',
  ];
  return lines.map((line, i) => `2026-01-01T00:02:${String(i).padStart(2, '0')}.0000000Z ${line}`).join('\n') + '\n';
}

function failedJob(id: number, name: string): FakeJob {
  return {
    id,
    name,
    status: 'completed',
    conclusion: 'failure',
    html_url: `https://github.com/acme/shop/actions/runs/1/job/${id}`,
  };
}

function payload(conclusion: 'failure' | 'success', head: string, id: number, number: number): unknown {
  const text = readFileSync(join(EVENTS, `workflow_run.completed.${conclusion}.json`), 'utf8').replaceAll(
    PLACEHOLDER_HEAD,
    head,
  );
  const parsed = JSON.parse(text) as { workflow_run: Record<string, unknown> };
  const html_url = `https://github.com/acme/shop/actions/runs/${id}`;
  return { ...parsed, workflow_run: { ...parsed.workflow_run, id, run_number: number, html_url } };
}

function expectNoSecrets(run: ActionRun, fake: FakeGitHub): void {
  const log = `${run.stdout}\n${run.stderr}`
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  const bodies = fake.requests.map((r) => JSON.stringify(r.body ?? ''));
  for (const secret of [TOKEN]) {
    expect(log).not.toContain(secret);
    expect(run.summary).not.toContain(secret);
    for (const body of bodies) expect(body).not.toContain(secret);
  }
  for (const request of fake.logHostRequests) expect(request.authorization).toBeUndefined();
}

describe('workflow_run (docs/workflows/ci-failure.yml)', () => {
  it('comments on the failed run’s pull request, updates the comment on the next failure, resolves it on success', async () => {
    const workflow = readWorkflow('ci-failure.yml');
    expect(workflow.on.workflow_run?.types).toEqual(['completed']);
    expect(workflow.permissions).toEqual({ actions: 'read', contents: 'read', 'pull-requests': 'write' });
    server = new FakeGitHub(TOKEN);
    await server.start();
    const repo = repositories();
    // The OPENAI_API_KEY secret is not set: the LLM step is skipped and nothing leaves 127.0.0.1.
    const inputs = runnerInputs(revloopStep(workflow).with, { 'github.token': TOKEN });
    const common = { eventName: 'workflow_run', workspace: repo.workspace, apiUrl: server.url, inputs, sha: repo.main };

    server.runJobs.set(RUN_ID, [failedJob(11, 'test')]);
    server.jobLogs.set(
      11,
      pytestLog(
        'test_discount',
        [
          ['tests/test_pricing.py', 8, 'test_discount'],
          ['shop/pricing.py', 7, 'apply_discount'],
          ['shop/models.py', 23, 'total_price'],
        ],
        "AttributeError: 'int' object has no attribute 'count'",
      ),
    );
    const first = await runAction({ ...common, payload: payload('failure', repo.head, RUN_ID, 57) });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(server.lines()).toEqual([
      `GET /repos/acme/shop/actions/runs/${RUN_ID}/jobs`,
      'GET /repos/acme/shop/actions/jobs/11/logs',
      'GET /repos/acme/shop/issues/7/comments',
      'POST /repos/acme/shop/issues/7/comments',
    ]);
    expect(server.logHostRequests.map((r) => r.path)).toEqual(['/job-logs/11.txt']);
    const comment = server.comments.get(7)![0]!;
    expect(comment.body.startsWith('<!-- revloop:ci-failure:161335 -->\n<!-- revloop-ci-run ')).toBe(true);
    expect(comment.body).toContain(
      `- [\`shop/models.py:23\`](https://github.com/acme/shop/blob/${repo.head}/shop/models.py#L23) in \`total_price\` (method)`,
    );
    expect(comment.body).toContain('  > 23 |         return sum(p.price_cents * q.count for p, q in self.items)');
    expect(comment.body).toContain('#### Explanation\n\n_Explanation skipped: no `openai-api-key` input is set.');
    expect(first.outputs['comment-id']).toBe(String(comment.id));
    expect(first.outputs['comment-url']).toBe(comment.html_url);
    expect(JSON.parse(first.outputs['ranked-files']!)).toContain('shop/models.py');
    expect(first.summary).toContain('### revloop · CI failed');
    expectNoSecrets(first, server);

    server.runJobs.set(RUN_ID + 1, [failedJob(12, 'test')]);
    server.jobLogs.set(
      12,
      pytestLog(
        'test_free_shipping',
        [
          ['tests/test_pricing.py', 12, 'test_free_shipping'],
          ['shop/pricing.py', 12, 'free_shipping'],
        ],
        "TypeError: '>' not supported between instances of 'NoneType' and 'int'",
      ),
    );
    const before = server.requests.length;
    const second = await runAction({ ...common, payload: payload('failure', repo.head, RUN_ID + 1, 58) });
    expect(second.status).toBe(0);
    expect(server.lines().slice(before)).toEqual([
      `GET /repos/acme/shop/actions/runs/${RUN_ID + 1}/jobs`,
      'GET /repos/acme/shop/actions/jobs/12/logs',
      'GET /repos/acme/shop/issues/7/comments',
      `PATCH /repos/acme/shop/issues/comments/${comment.id}`,
    ]);
    expect(comment.body).toContain('`tests/test_pricing.py::test_free_shipping`');
    expect(comment.body).not.toContain('test_discount');
    expectNoSecrets(second, server);

    const resolved = await runAction({ ...common, payload: payload('success', repo.head, RUN_ID + 2, 59) });
    expect(resolved.status).toBe(0);
    expect(server.lines().slice(-2)).toEqual([
      'GET /repos/acme/shop/issues/7/comments',
      `PATCH /repos/acme/shop/issues/comments/${comment.id}`,
    ]);
    expect(comment.body).toContain('### revloop · CI — resolved ✅');
    expect(comment.body).toContain(
      `[run #59](https://github.com/acme/shop/actions/runs/${RUN_ID + 2}) of \`CI\` passed`,
    );
    expect(server.comments.get(7)).toHaveLength(1);
    expect(resolved.outputs['comment-id']).toBe(String(comment.id));
    expectNoSecrets(resolved, server);
  });

  it('notes an expired log and still comments', async () => {
    server = new FakeGitHub(TOKEN);
    await server.start();
    const repo = repositories();
    server.runJobs.set(RUN_ID, [failedJob(13, 'old')]);
    const run = await runAction({
      eventName: 'workflow_run',
      workspace: repo.workspace,
      apiUrl: server.url,
      inputs: runnerInputs(revloopStep(readWorkflow('ci-failure.yml')).with, { 'github.token': TOKEN }),
      payload: payload('failure', repo.head, RUN_ID, 57),
    });
    expect(run.status).toBe(0);
    expect(server.comments.get(7)![0]!.body).toContain(
      '_The log of this job is no longer available (GitHub answered 404 for the log)',
    );
    expect(server.logHostRequests).toEqual([]);
  });
});
