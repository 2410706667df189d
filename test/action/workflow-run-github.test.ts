import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readJobFailures } from '../../src/action/ci/job-failures.js';
import { downloadJobLog, listRunJobs } from '../../src/github/actions-logs.js';
import { createGitHubClient } from '../../src/github/client.js';
import { pullRequestsForCommit } from '../../src/github/commit-pulls.js';
import { EventPayloadError } from '../../src/github/event.js';
import { parseWorkflowRunEvent } from '../../src/github/workflow-run-event.js';
import { FakeGitHub, type FakePullSummary } from '../github/fake-github.js';

// The GitHub side of the CI-failure loop on its own: the workflow_run
// payload, the jobs list, log downloads through the redirect (bounded,
// expired, refused) and the search for a commit's pull requests.

const TOKEN = 'ghs_revloopGitHubSideToken0123456789abcdefAB';
const REPO = { owner: 'acme', repo: 'shop' };
const SHA = 'abcdefabcdefabcdefabcdefabcdefabcdefabcd';
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'events', 'workflow_run.completed.failure.json');

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(): Promise<{ server: FakeGitHub; client: ReturnType<typeof createGitHubClient> }> {
  fake = new FakeGitHub(TOKEN);
  await fake.start();
  return { server: fake, client: createGitHubClient({ token: TOKEN, baseUrl: fake.url, warn: () => undefined }) };
}

function fixture(): Record<string, unknown> & { workflow_run: Record<string, unknown> } {
  return JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, unknown> & {
    workflow_run: Record<string, unknown>;
  };
}

describe('parseWorkflowRunEvent', () => {
  it('reads the run, its workflow and this repository’s pull requests', () => {
    const payload = fixture();
    const other = { number: 3, base: { repo: { id: 1, url: 'https://api.github.com/repos/upstream/shop' } } };
    payload.workflow_run.pull_requests = [...(payload.workflow_run.pull_requests as unknown[]), other];
    expect(parseWorkflowRunEvent(payload)).toEqual({
      kind: 'workflow_run',
      action: 'completed',
      run: {
        id: 30433642,
        attempt: 1,
        number: 57,
        conclusion: 'failure',
        headSha: '2222222222222222222222222222222222222222',
        headBranch: 'order-quantities',
        headOwner: 'acme',
        triggeredBy: 'pull_request',
        htmlUrl: 'https://github.com/acme/shop/actions/runs/30433642',
        workflow: { id: 161335, name: 'CI', path: '.github/workflows/ci.yml' },
      },
      // #3 belongs to the upstream repository: not ours to comment on.
      pullRequests: [7],
    });
  });

  it('names the missing field of a payload that is not a workflow_run', () => {
    const payload = fixture();
    delete payload.workflow_run.head_sha;
    expect(() => parseWorkflowRunEvent(payload)).toThrow(EventPayloadError);
    expect(() => parseWorkflowRunEvent(payload)).toThrow(
      'The workflow_run event payload has no head commit at "workflow_run.head_sha".',
    );
  });
});

describe('job logs', () => {
  it('lists every page of jobs', async () => {
    const { server, client } = await start();
    server.maxPageSize = 2;
    server.runJobs.set(
      9,
      Array.from({ length: 5 }, (_, i) => ({
        id: i + 1,
        name: `job ${i + 1}`,
        status: 'completed',
        conclusion: i % 2 ? 'failure' : 'success',
        html_url: `https://github.com/acme/shop/actions/runs/9/job/${i + 1}`,
      })),
    );
    const jobs = await listRunJobs(client, REPO, 9);
    expect(jobs.map((j) => [j.id, j.conclusion])).toEqual([
      [1, 'success'],
      [2, 'failure'],
      [3, 'success'],
      [4, 'failure'],
      [5, 'success'],
    ]);
    expect(server.requests.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3']);
  });

  it('follows the redirect without the token and keeps the end of a log over the bound', async () => {
    const { server, client } = await start();
    const lines = Array.from({ length: 100 }, (_, i) => `line ${String(i + 1).padStart(3, '0')}`);
    server.jobLogs.set(5, `${lines.join('\n')}\n`);
    const whole = await downloadJobLog(client, REPO, 5);
    expect(whole).toEqual({ ok: true, text: `${lines.join('\n')}\n`, droppedBytes: 0 });
    const tail = await downloadJobLog(client, REPO, 5, { maxBytes: 100 });
    expect(tail.ok && tail.text).toBe(`${lines.slice(-11).join('\n')}\n`);
    expect(tail.ok && tail.droppedBytes).toBe(89 * 9);
    expect(server.lines()).toEqual([
      'GET /repos/acme/shop/actions/jobs/5/logs',
      'GET /repos/acme/shop/actions/jobs/5/logs',
    ]);
    expect(server.logHostRequests.map((r) => r.authorization)).toEqual([undefined, undefined]);
  });

  it('says expired for a 404 or 410 from GitHub and a refused signed URL, forbidden for a 403', async () => {
    const { server, client } = await start();
    expect(await downloadJobLog(client, REPO, 1)).toEqual({
      ok: false,
      reason: 'expired',
      detail: 'GitHub answered 404 for the log',
    });
    server.failures.push({ method: 'GET', path: /\/jobs\/2\/logs$/, status: 410, times: 1 });
    expect(await downloadJobLog(client, REPO, 2)).toMatchObject({ ok: false, reason: 'expired' });
    server.failures.push({ method: 'GET', path: /\/jobs\/3\/logs$/, status: 403, times: 1 });
    expect(await downloadJobLog(client, REPO, 3)).toEqual({
      ok: false,
      reason: 'forbidden',
      detail: 'GitHub answered 403 for the log',
    });
    // GitHub redirects, but the storage refuses the signature (it expired on the way).
    server.jobLogs.set(4, 'log');
    const refusing: typeof fetch = (url) => fetch(String(url).replace('sig=signed-4', 'sig=stale'));
    expect(await downloadJobLog(client, REPO, 4, { fetch: refusing })).toEqual({
      ok: false,
      reason: 'expired',
      detail: `${new URL(server.logHostUrl).host} answered 403 for the signed log URL`,
    });
  });

  it('masks secrets before parsing and says what a bounded log left out', async () => {
    const { server, client } = await start();
    const padding = Array.from({ length: 50 }, (_, i) => `noise ${i}`);
    server.jobLogs.set(
      6,
      [
        ...padding,
        'Traceback (most recent call last):',
        '  File "/home/runner/work/shop/shop/app.py", line 3, in <module>',
        `    connect("postgres://app:hunter2hunter2@db/app", "${TOKEN}")`,
        `RuntimeError: cannot log in with ${TOKEN}`,
      ].join('\n'),
    );
    const job = { id: 6, name: 'test', conclusion: 'failure', htmlUrl: undefined };
    const result = await readJobFailures(client, REPO, job, [TOKEN], { maxBytes: 400 });
    expect(result.parsed!.failures.map((f) => f.message)).toEqual(['RuntimeError: cannot log in with ***']);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(result.notes).toEqual(["The first 1 KB of this job's log were not read; line numbers count from there."]);
  });
});

describe('pullRequestsForCommit', () => {
  const pull = (number: number, sha: string, state: 'open' | 'closed', owner = 'octocat'): FakePullSummary => ({
    number,
    state,
    head: { sha, ref: 'fix', repo: { full_name: `${owner}/shop` } },
    base: { ref: 'main', repo: { full_name: 'acme/shop' } },
  });

  it('takes the open pull requests whose head is the commit, from the commit’s pull requests', async () => {
    const { server, client } = await start();
    server.commitPulls.set(SHA, [pull(2, SHA, 'closed'), pull(5, SHA, 'open'), pull(4, 'f'.repeat(40), 'open')]);
    expect(await pullRequestsForCommit(client, REPO, SHA, { owner: 'octocat', branch: 'fix' })).toEqual({
      numbers: [5],
      source: 'the pull requests associated with abcdefa',
    });
    expect(server.lines()).toEqual([`GET /repos/acme/shop/commits/${SHA}/pulls`]);
  });

  it('falls back to the open pull requests from the head branch, or all open ones', async () => {
    const { server, client } = await start();
    server.failures.push({ method: 'GET', path: /\/commits\/[0-9a-f]+\/pulls$/, status: 422, times: 2 });
    server.pullList.push(pull(8, SHA, 'open'), pull(9, SHA, 'open', 'someone'), pull(10, 'f'.repeat(40), 'open'));
    expect(await pullRequestsForCommit(client, REPO, SHA, { owner: 'octocat', branch: 'fix' })).toEqual({
      numbers: [8],
      source: 'the open pull requests from octocat:fix',
    });
    expect(await pullRequestsForCommit(client, REPO, SHA, { owner: undefined, branch: undefined })).toEqual({
      numbers: [8, 9],
      source: 'the open pull requests',
    });
  });
});
