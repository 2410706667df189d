import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { countMessageTokens } from '../../src/llm/prompt.js';
import { ACTION_ENTRY, readWorkflow, revloopStep, runAction, runnerInputs, type ActionRun } from '../action/runner.js';
import { FakeGitHub } from '../github/fake-github.js';
import { fixtureRepo } from '../helpers/repo.js';
import { FakeOpenAI, type ScriptedAnswer } from './fake-openai.js';
import {
  BETTER_TEST,
  DESCRIBE_ANSWER,
  EDITS_ANSWER,
  LOCALIZE_ANSWER,
  OPENAI_KEY,
  pullFiles,
  REJECTED_MARKERS,
  shopPullRequest,
} from './scenario.js';

// End to end: the committed bundle runs as a workflow step would, against a
// fake GitHub REST server and a fake OpenAI chat-completions server, both on
// 127.0.0.1; the assertions are on what reached each of them. `npm run build`
// first: these tests build nothing.

const TOKEN = 'ghs_revloopLlmTestToken0123456789abcdefABCD';
const EVENTS = join(import.meta.dirname, '..', 'fixtures', 'events');
const PAYLOAD_BASE = '1111111111111111111111111111111111111111';
const PAYLOAD_HEAD = '2222222222222222222222222222222222222222';
const AUTHOR_BODY = '`Order.total_price` now multiplies by quantity; tests updated.';

beforeAll(() => {
  if (!existsSync(ACTION_ENTRY)) throw new Error('dist/index.js is missing: run `npm run build` before these tests');
});

let github: FakeGitHub | undefined;
let openai: FakeOpenAI | undefined;
afterEach(async () => {
  await github?.close();
  await openai?.close();
  github = undefined;
  openai = undefined;
});

async function servers(...answers: ScriptedAnswer[]): Promise<{ github: FakeGitHub; openai: FakeOpenAI }> {
  github = new FakeGitHub(TOKEN);
  openai = new FakeOpenAI(OPENAI_KEY);
  await github.start();
  await openai.start();
  openai.answer(...answers);
  return { github, openai };
}

function payload(name: string, shas: { base?: string; head?: string } = {}, comment?: string): unknown {
  let text = readFileSync(join(EVENTS, name), 'utf8');
  if (shas.base) text = text.replaceAll(PAYLOAD_BASE, shas.base);
  if (shas.head) text = text.replaceAll(PAYLOAD_HEAD, shas.head);
  const json = JSON.parse(text) as { comment?: { body: string } };
  if (comment !== undefined) json.comment!.body = comment;
  return json;
}

/** The documented workflow's inputs with the key as its secret, pointed at the fake endpoint. */
function inputs(
  workflowFile: string,
  openaiServer: FakeOpenAI,
  extra: Record<string, string> = {},
): Record<string, string> {
  const step = revloopStep(readWorkflow(workflowFile));
  const withKey = {
    ...step.with,
    'openai-api-key': '${{ secrets.OPENAI_API_KEY }}',
    'openai-base-url': openaiServer.baseUrl,
    ...extra,
  };
  return runnerInputs(withKey, { 'github.token': TOKEN, 'secrets.OPENAI_API_KEY': OPENAI_KEY });
}

/** Neither secret reaches a log line (other than the runner's mask command), the summary, or any request body. */
function expectNoSecrets(run: ActionRun): void {
  const log = `${run.stdout}\n${run.stderr}`
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  const bodies = [...github!.requests.map((r) => JSON.stringify(r.body ?? '')), ...openai!.requests.map((r) => r.raw)];
  for (const secret of [TOKEN, OPENAI_KEY]) {
    expect(log).not.toContain(secret);
    expect(run.summary).not.toContain(secret);
    for (const body of bodies) expect(body).not.toContain(secret);
  }
}

function expectNoRejectedText(text: string): void {
  for (const marker of REJECTED_MARKERS) expect(text).not.toContain(marker);
}

/** A pull request with its files in the fake (for GitHub's hunk checks) and its title and body. */
function pullRequest(server: FakeGitHub) {
  const repo = shopPullRequest();
  server.pulls.set(7, {
    base: { sha: repo.base },
    head: { sha: repo.head },
    title: 'Order totals include quantities',
    body: AUTHOR_BODY,
  });
  server.pullFiles.set(7, pullFiles(repo.dir, repo.base, repo.head));
  return repo;
}

/** The pull request event of the scenario, as the documented workflow runs it. */
function runPullRequest(repo: { dir: string; base: string; head: string }, stepInputs: Record<string, string>) {
  return runAction({
    eventName: 'pull_request',
    payload: payload('pull_request.opened.json', repo),
    workspace: repo.dir,
    apiUrl: github!.url,
    inputs: stepInputs,
  });
}

describe('pull_request with an LLM key (docs/workflows/pr-context.yml)', () => {
  it('posts the valid edits on changed lines as one review of suggestions, and the rest in the comment', async () => {
    const { github, openai } = await servers({ json: LOCALIZE_ANSWER }, { json: EDITS_ANSWER });
    const repo = pullRequest(github);
    const common = {
      eventName: 'pull_request',
      payload: payload('pull_request.opened.json', repo),
      workspace: repo.dir,
      apiUrl: github.url,
      inputs: inputs('pr-context.yml', openai, { 'llm-input-tokens': '8000' }),
      sha: repo.head,
    };
    const first = await runAction(common);
    expect(first.stdout).not.toContain('::error::');
    expect(first.stdout).not.toContain('::warning::');
    expect(first.status).toBe(0);
    expect(github.lines()).toEqual([
      'GET /repos/acme/shop/pulls/7/comments',
      'POST /repos/acme/shop/pulls/7/reviews',
      'GET /repos/acme/shop/issues/7/comments',
      'POST /repos/acme/shop/issues/7/comments',
    ]);

    // One review, on the head commit, with exactly the two edits inside the diff's hunks.
    const [review] = github.reviews.get(7)!;
    expect(github.reviews.get(7)).toHaveLength(1);
    expect(review).toMatchObject({ commit_id: repo.head, event: 'COMMENT' });
    expect(review!.body).toMatch(/^revloop: 2 suggested edits from `gpt-4\.1-mini` on lines this pull request changes/);
    expect(review!.comments.map((c) => [c.path, c.start_line, c.line, c.side])).toEqual([
      ['shop/models.py', null, 23, 'RIGHT'],
      ['tests/test_pricing.py', 15, 16, 'RIGHT'],
    ]);
    expect(review!.comments[0]!.body).toBe(
      'Skipping negative quantities says what is meant; see `https://example.com/why.`\n\n' +
        '```suggestion\n        return sum(p.price_cents * q for p, q in self.items if q > 0)\n```\n\n<!-- revloop:suggestion -->',
    );
    expect(review!.comments[1]!.body).toContain(`\`\`\`suggestion\n${BETTER_TEST.join('\n')}\n\`\`\``);
    const reviewRequest = github.requests.find((r) => r.path.endsWith('/reviews'))!;
    expect(JSON.stringify(reviewRequest.body)).not.toContain('shop/cli.py');

    // The comment: the model's files beside the ranking, the edit outside the diff as a diff, counts, the manifest.
    const body = github.comments.get(7)![0]!.body;
    expect(body).toContain('#### Files the model expects to change (`gpt-4.1-mini`)');
    expect(body).toContain(
      '| `shop/models.py` | high | `Order.total_price` is where quantities are summed. | ✓ changed |',
    );
    expect(body).toContain('_Rejected and not shown: 2 paths (1 not in the repository, 1 outside the repository)._');
    expect(body).toMatch(
      /#### Suggested edits\n2 suggestions posted in \[a review\]\(https:\/\/github\.com\/acme\/shop\/pull\/7#pullrequestreview-\d+\) on lines this pull request changes\. 1 more edit below; each passed `git apply --check` against `[0-9a-f]{7}`\./,
    );
    expect(body).toContain(
      '**`shop/cli.py`** line 10 — Pass the quantity explicitly now that it matters.\n\n```diff\n',
    );
    expect(body).toContain('+        order.add(Product(arg, 100), 1)');
    expect(body).not.toContain('```suggestion');
    expect(body).toContain('_Rejected and not shown: 4 edits (');
    expect(body).toMatch(
      /<details>\n<summary>What was sent to the model: 2 calls to `gpt-4\.1-mini` at `127\.0\.0\.1:\d+`/,
    );
    expect(body).toContain('cost unknown: gpt-tokenizer 3.4.0 has no price for gpt-4.1-mini');
    expect(body).not.toContain('LLM steps skipped');
    expect(body.length).toBeLessThanOrEqual(65_536);
    expectNoRejectedText(body);
    expectNoRejectedText(JSON.stringify(reviewRequest.body));

    // What the model was sent: within the budget, the diff and files in delimited blocks.
    expect(openai.requests).toHaveLength(2);
    for (const request of openai.requests) expect(countMessageTokens(request.body.messages)).toBeLessThanOrEqual(8000);
    expect(openai.requests[0]!.body.messages[1]!.content).toMatch(
      /<data kind="diff" label="pull request diff" id="[0-9a-f]{12}">\ndiff --git a\/shop\/models.py/,
    );
    expect(openai.requests[1]!.body.messages[1]!.content).toContain('<data kind="file" label="shop/models.py"');
    expectNoSecrets(first);

    // A rerun with the same answers posts no second review: the suggestions are there already.
    openai.answer({ json: LOCALIZE_ANSWER }, { json: EDITS_ANSWER });
    const before = github.requests.length;
    const second = await runAction({ ...common, payload: payload('pull_request.opened.json', repo) });
    expect(second.status).toBe(0);
    expect(github.lines().slice(before)).toEqual([
      'GET /repos/acme/shop/pulls/7/comments',
      'GET /repos/acme/shop/issues/7/comments',
      `PATCH /repos/acme/shop/issues/comments/${github.comments.get(7)![0]!.id}`,
    ]);
    expect(github.reviews.get(7)).toHaveLength(1);
    expect(github.comments.get(7)![0]!.body).toContain('2 suggestions already posted by an earlier run');
  });

  it('shows every edit in the comment when GitHub refuses the review', async () => {
    const { github, openai } = await servers({ json: LOCALIZE_ANSWER }, { json: EDITS_ANSWER });
    const repo = pullRequest(github);
    // GitHub's diff for the test file lacks the hunk revloop read from git: it rejects the review with 422.
    github.pullFiles.set(
      7,
      github.pullFiles.get(7)!.filter((f) => f.filename !== 'tests/test_pricing.py'),
    );
    const run = await runPullRequest(repo, inputs('pr-context.yml', openai));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /::warning::GitHub answered 422 while posting the suggested edits as a review.* They are in the comment instead\./,
    );
    expect(github.reviews.get(7)).toBeUndefined();
    const body = github.comments.get(7)![0]!.body;
    expect(body).toContain('GitHub refused the review of suggestions (422), so every edit is shown here.');
    expect(body.match(/```diff\n/g)).toHaveLength(3);
    expectNoSecrets(run);
  });

  it('still posts the ranking, and says which step failed, when the endpoint answers 500 until the retries run out', async () => {
    const failing: ScriptedAnswer = { status: 500, message: 'upstream exploded', headers: { 'retry-after-ms': '5' } };
    const { github, openai } = await servers(failing, failing, failing, failing);
    const repo = pullRequest(github);
    const run = await runPullRequest(repo, inputs('pr-context.yml', openai));
    expect(run.status).toBe(0);
    expect(openai.requests).toHaveLength(4);
    expect(run.stdout).toContain('::warning::revloop: localize: the endpoint answered 500 (upstream exploded).');
    expect(github.lines()).toEqual([
      'GET /repos/acme/shop/issues/7/comments',
      'POST /repos/acme/shop/issues/7/comments',
    ]);
    const body = github.comments.get(7)![0]!.body;
    expect(body).toContain(
      '- LLM step `localize` produced nothing: localize: the endpoint answered 500 (upstream exploded).',
    );
    expect(body).toContain('- LLM step `edits` produced nothing: edits: not asked for after the error above.');
    expect(body).toContain('#### Impact: what relies on the change');
    expect(body).toMatch(/<summary>What was sent to the model: 1 call to `gpt-4\.1-mini`/);
    expectNoSecrets(run);
  });

  it('rejects malformed and hallucinated answers without posting them', async () => {
    const { github, openai } = await servers(
      { content: 'Here are the files: {"files": [{"path": "shop/models.py", "reason": "' },
      { json: { edits: EDITS_ANSWER.edits.slice(3) } },
    );
    const repo = pullRequest(github);
    const run = await runPullRequest(repo, inputs('pr-context.yml', openai));
    expect(run.status).toBe(0);
    expect(github.reviews.get(7)).toBeUndefined();
    expect(github.lines()).toEqual([
      'GET /repos/acme/shop/issues/7/comments',
      'POST /repos/acme/shop/issues/7/comments',
    ]);
    const body = github.comments.get(7)![0]!.body;
    expect(body).toContain(
      "LLM step `localize` produced nothing: localize: the model's answer was not usable: the answer holds no JSON object.",
    );
    expect(body).toContain('#### Suggested edits\n_No proposed edit was valid._');
    expect(body).not.toContain('```diff');
    expect(body).not.toContain('Here are the files');
    expectNoRejectedText(body);
  });
});

describe('describe (off | comment | body) and /describe', () => {
  it('body: writes the description between markers, keeps the author’s text, and replaces its own section on a rerun', async () => {
    const { github, openai } = await servers(
      { json: LOCALIZE_ANSWER },
      { json: { edits: [] } },
      { json: DESCRIBE_ANSWER },
    );
    const repo = pullRequest(github);
    const common = {
      eventName: 'pull_request',
      workspace: repo.dir,
      apiUrl: github.url,
      inputs: inputs('pr-context.yml', openai, { describe: 'body' }),
    };
    const first = await runAction({ ...common, payload: payload('pull_request.opened.json', repo) });
    expect(first.status).toBe(0);
    expect(github.lines()).toEqual([
      'GET /repos/acme/shop/issues/7/comments',
      'POST /repos/acme/shop/issues/7/comments',
      'GET /repos/acme/shop/pulls/7',
      'PATCH /repos/acme/shop/pulls/7',
    ]);
    const body = github.pulls.get(7)!.body!;
    expect(body.startsWith(`${AUTHOR_BODY}\n\n<!-- revloop:describe:start -->\n### Description (revloop)\n`)).toBe(
      true,
    );
    expect(body.endsWith('<!-- revloop:describe:end -->')).toBe(true);
    expect(body).toContain('**Suggested title:** Ignore negative quantities in order totals');
    expect(body).toContain('A test covers an empty order. Thanks `@octocat`.');
    expect(body).toContain('| `shop/models.py` | total\\_price clamps quantities at zero. |');
    expectNoRejectedText(body);
    const describeRequest = openai.requests[2]!;
    expect(describeRequest.body.response_format?.json_schema?.name).toBe('pull_request_description');
    expect(describeRequest.body.messages[1]!.content).toContain(
      `<data kind="text" label="the author's title and description"`,
    );
    expect(github.pulls.get(7)!.title).toBe('Order totals include quantities');

    // The author edits their text; a rerun replaces revloop's section only.
    github.pulls.get(7)!.body = body.replace(AUTHOR_BODY, `${AUTHOR_BODY}\n\nEdited by the author.`);
    openai.answer(
      { json: LOCALIZE_ANSWER },
      { json: { edits: [] } },
      { json: { ...DESCRIBE_ANSWER, title: 'Clamp negative quantities' } },
    );
    const second = await runAction({ ...common, payload: payload('pull_request.opened.json', repo) });
    expect(second.status).toBe(0);
    const updated = github.pulls.get(7)!.body!;
    expect(updated.startsWith(`${AUTHOR_BODY}\n\nEdited by the author.\n\n<!-- revloop:describe:start -->`)).toBe(true);
    expect(updated.match(/revloop:describe:start/g)).toHaveLength(1);
    expect(updated).toContain('**Suggested title:** Clamp negative quantities');
    expectNoSecrets(second);
  });

  it('/describe answers in its own sticky comment, and without a key says it needs one', async () => {
    const { github, openai } = await servers({ json: DESCRIBE_ANSWER });
    const repo = pullRequest(github);
    const run = await runAction({
      eventName: 'issue_comment',
      payload: payload('issue_comment.created.owner.json', {}, '/describe'),
      workspace: repo.dir,
      apiUrl: github.url,
      inputs: inputs('context-command.yml', openai),
    });
    expect(run.status).toBe(0);
    expect(github.lines()).toEqual([
      'POST /repos/acme/shop/issues/comments/5000001/reactions',
      'GET /repos/acme/shop/pulls/7',
      'GET /repos/acme/shop/issues/7/comments',
      'POST /repos/acme/shop/issues/7/comments',
    ]);
    expect(openai.requests).toHaveLength(1);
    const comment = github.comments.get(7)![0]!;
    expect(comment.body.startsWith('<!-- revloop:describe -->\n### revloop · Suggested description\n')).toBe(true);
    expect(comment.body).toContain('**Type of change:** `fix`');
    expect(run.outputs['comment-id']).toBe(String(comment.id));
    expectNoSecrets(run);

    const withoutKey = await runAction({
      eventName: 'issue_comment',
      payload: payload('issue_comment.created.owner.json', {}, '/describe'),
      workspace: repo.dir,
      apiUrl: github.url,
      inputs: runnerInputs(revloopStep(readWorkflow('context-command.yml')).with, { 'github.token': TOKEN }),
    });
    expect(withoutKey.status).toBe(0);
    expect(openai.requests).toHaveLength(1);
    expect(github.comments.get(7)).toHaveLength(1);
    expect(github.comments.get(7)![0]!.body).toContain('_No description: `/describe` needs the `openai-api-key` input');
  });

  it('comment: without a key the context comment says no description was written', async () => {
    const { github, openai } = await servers();
    const repo = pullRequest(github);
    const step = revloopStep(readWorkflow('pr-context.yml'));
    const run = await runPullRequest(
      repo,
      runnerInputs({ ...step.with, describe: 'comment' }, { 'github.token': TOKEN }),
    );
    expect(run.status).toBe(0);
    expect(openai.requests).toEqual([]);
    const body = github.comments.get(7)![0]!.body;
    expect(body).toContain('No description written: `describe: comment` needs the `openai-api-key` input.');
    expect(body).toContain('LLM steps skipped: no `openai-api-key` input is set');
  });
});

describe('issues with an LLM key (docs/workflows/issue-context.yml)', () => {
  it('localizes from the issue text and shows valid edits as diffs, with no review', async () => {
    const { github, openai } = await servers(
      {
        json: {
          files: [
            { path: 'shop/pricing.py', reason: '`free_shipping` applies the discount again.', confidence: 'high' },
          ],
        },
      },
      {
        json: {
          edits: [
            {
              path: 'shop/pricing.py',
              search: '    return apply_discount(order) > 5000',
              replace: '    return order.total_price() > 5000',
              explanation: 'Compare the undiscounted total, as the issue expects.',
            },
          ],
        },
      },
    );
    const run = await runAction({
      eventName: 'issues',
      payload: payload('issues.opened.json'),
      workspace: fixtureRepo('shop'),
      apiUrl: github.url,
      inputs: inputs('issue-context.yml', openai),
    });
    expect(run.status).toBe(0);
    expect(github.lines()).toEqual([
      'GET /repos/acme/shop/issues/12/comments',
      'POST /repos/acme/shop/issues/12/comments',
    ]);
    const prompt = openai.requests[0]!.body.messages[1]!.content;
    expect(prompt).toMatch(
      /<data kind="text" label="issue #12" id="[0-9a-f]{12}">\nDiscount is applied twice for large orders/,
    );
    const body = github.comments.get(12)![0]!.body;
    expect(body).toContain(
      '| `shop/pricing.py` | high | `free_shipping` applies the discount again. | ✓ #1, context |',
    );
    expect(body).toContain('#### Suggested edits\n1 edit; each passed `git apply --check` against');
    expect(body).toContain('+    return order.total_price() > 5000');
    expectNoSecrets(run);
  });
});
