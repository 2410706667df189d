import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeGitHub, type FakePullFile } from '../github/fake-github.js';
import { FakeOpenAI } from '../llm/fake-openai.js';
import { fixtureRepo, git, tempDir, writeFiles } from '../helpers/repo.js';
import { ACTION_ENTRY, readWorkflow, revloopStep, runAction, runnerInputs, type ActionRun } from './runner.js';

// End to end: the committed bundle runs as a workflow step would, against a
// fake GitHub REST server on 127.0.0.1; the assertions are on the requests
// that reached the server. `npm run build` first: these tests build nothing.

const TOKEN = 'ghs_revloopTestToken0123456789abcdefABCDEF';
const OPENAI_KEY = 'sk-revloop-test-key-0123456789';
const EVENTS = join(import.meta.dirname, '..', 'fixtures', 'events');
const PAYLOAD_BASE = '1111111111111111111111111111111111111111';
const PAYLOAD_HEAD = '2222222222222222222222222222222222222222';
const CONTEXT_MARKER = '<!-- revloop:context -->';

beforeAll(() => {
  if (!existsSync(ACTION_ENTRY)) throw new Error('dist/index.js is missing: run `npm run build` before these tests');
});

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function startFake(token = TOKEN): Promise<FakeGitHub> {
  fake = new FakeGitHub(token);
  await fake.start();
  return fake;
}

/** A fixture payload with the test repository's real commits in place of the placeholders. */
function payload(
  name: string,
  shas: { base?: string; head?: string } = {},
  changes: Record<string, unknown> = {},
): unknown {
  let text = readFileSync(join(EVENTS, name), 'utf8');
  if (shas.base) text = text.replaceAll(PAYLOAD_BASE, shas.base);
  if (shas.head) text = text.replaceAll(PAYLOAD_HEAD, shas.head);
  return { ...(JSON.parse(text) as Record<string, unknown>), ...changes };
}

const MODELS_CHANGE = `from dataclasses import dataclass, field

from .utils import format_money


@dataclass
class Product:
    name: str
    price_cents: int

    def label(self) -> str:
        return f"{self.name} ({format_money(self.price_cents)})"


@dataclass
class Order:
    items: list = field(default_factory=list)

    def add(self, product: Product, quantity: int = 1) -> None:
        self.items.append((product, quantity))

    def total_price(self) -> int:
        return sum(p.price_cents * max(q, 0) for p, q in self.items)
`;

/** The shop fixture on `main` (the base) with a pull request branch checked out (the head). */
function pullRequestRepo(): { dir: string; base: string; head: string } {
  const dir = fixtureRepo('shop');
  const base = git(dir, 'rev-parse', 'HEAD').trim();
  git(dir, 'checkout', '-q', '-b', 'order-quantities');
  writeFiles(dir, {
    'shop/models.py': MODELS_CHANGE,
    'tests/test_pricing.py': `${readFileSync(join(dir, 'tests/test_pricing.py'), 'utf8')}\n\ndef test_negative_quantity():\n    assert Order().total_price() == 0\n`,
  });
  git(dir, 'commit', '-q', '-am', 'Order totals include quantities');
  return { dir, base, head: git(dir, 'rev-parse', 'HEAD').trim() };
}

/**
 * On main, one commit (`wrote`) wrote the line of shop/models.py the pull
 * request edits, together with web/cart.js; the branch order-quantities
 * edits it (`head`); then main moved on, ten lines added just above it in
 * models.py with shop/utils.py (`base`), so the diff's old side is the merge
 * base, not the base head. Left on main.
 */
function blamedLineRepo(): { dir: string; wrote: string; mergeBase: string; base: string; head: string } {
  const dir = fixtureRepo('shop');
  const models = readFileSync(join(dir, 'shop/models.py'), 'utf8');
  writeFiles(dir, {
    'shop/models.py': models.replace('for p, q in self.items)', 'for p, q in self.items)  # cents'),
    'web/cart.js': `${readFileSync(join(dir, 'web/cart.js'), 'utf8')}// totals are in cents\n`,
  });
  git(dir, 'commit', '-q', '-am', 'Totals in cents');
  const wrote = git(dir, 'rev-parse', 'HEAD').trim();
  git(dir, 'checkout', '-q', '-b', 'order-quantities');
  writeFiles(dir, { 'shop/models.py': MODELS_CHANGE });
  git(dir, 'commit', '-q', '-am', 'Order totals include quantities');
  const head = git(dir, 'rev-parse', 'HEAD').trim();
  git(dir, 'checkout', '-q', 'main');
  // Ten lines just above the edited one, with shop/utils.py: blamed at the base head instead of the
  // merge base, the edited line's window would be theirs (and name shop/utils.py), none of `wrote`'s.
  const lines = readFileSync(join(dir, 'shop/models.py'), 'utf8').split('\n');
  const notes = Array.from({ length: 10 }, (_, i) => `    # Totals, note ${i + 1}.`);
  writeFiles(dir, {
    'shop/models.py': [...lines.slice(0, 21), ...notes, ...lines.slice(21)].join('\n'),
    'shop/utils.py': `${readFileSync(join(dir, 'shop/utils.py'), 'utf8')}# Totals are documented in models.py.\n`,
  });
  git(dir, 'commit', '-q', '-am', 'Document the totals');
  return { dir, wrote, mergeBase: wrote, base: git(dir, 'rev-parse', 'HEAD').trim(), head };
}

/** A checkout with one commit of history, as actions/checkout makes by default: the base commit is absent. */
function shallowClone(source: string, branch: string): string {
  const dir = join(tempDir(), 'checkout');
  git(source, 'clone', '-q', '--depth', '1', '--branch', branch, `file://${source}`, dir);
  return dir;
}

function inputsFor(workflowFile: string, secrets: Record<string, string> = {}): Record<string, string> {
  const step = revloopStep(readWorkflow(workflowFile));
  return runnerInputs(step.with, { 'github.token': TOKEN, ...secrets });
}

/** The secrets never reach a log line (other than the runner's own mask command), a comment or the summary. */
function expectNoSecrets(run: ActionRun, server: FakeGitHub, secrets: string[] = [TOKEN]): void {
  const log = `${run.stdout}\n${run.stderr}`
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  const bodies = server.requests.map((r) => JSON.stringify(r.body ?? ''));
  for (const secret of secrets) {
    expect(log).not.toContain(secret);
    expect(run.summary).not.toContain(secret);
    for (const body of bodies) expect(body).not.toContain(secret);
  }
}

function commentBodies(server: FakeGitHub, issue: number): string[] {
  return (server.comments.get(issue) ?? []).map((c) => c.body);
}

describe('pull_request (docs/workflows/pr-context.yml)', () => {
  it('blames the edited lines at the merge base: the commit that wrote them names its other files', async () => {
    const server = await startFake();
    const { dir, wrote, base, head } = blamedLineRepo();
    git(dir, 'checkout', '-q', 'order-quantities');
    const run = await runAction({
      eventName: 'pull_request',
      workspace: dir,
      apiUrl: server.url,
      inputs: inputsFor('pr-context.yml'),
      sha: head,
      payload: payload('pull_request.opened.json', { base, head }),
    });
    expect(run.status).toBe(0);
    const [body] = commentBodies(server, 7);
    expect(body).toContain(
      `- \`web/cart.js\` — changed in \`${wrote.slice(0, 7)}\` with 1 line around the change in shop/models.py`,
    );
  });

  it('creates one sticky comment on the first run and updates the same comment on the second', async () => {
    const workflow = readWorkflow('pr-context.yml');
    expect(workflow.on.pull_request?.types).toEqual(expect.arrayContaining(['opened', 'synchronize']));
    const server = await startFake();
    const repo = pullRequestRepo();
    const inputs = inputsFor('pr-context.yml');
    const common = { eventName: 'pull_request', workspace: repo.dir, apiUrl: server.url, inputs, sha: repo.head };

    const first = await runAction({ ...common, payload: payload('pull_request.opened.json', repo) });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    // The base commit is local: no pulls.listFiles, just the sticky lookup and the new comment.
    expect(server.lines()).toEqual([
      'GET /repos/acme/shop/issues/7/comments',
      'POST /repos/acme/shop/issues/7/comments',
    ]);
    expect(server.requests[0]!.query.per_page).toBe('100');
    const [body] = commentBodies(server, 7);
    expect(body!.startsWith(`${CONTEXT_MARKER}\n### revloop · Context for pull request #7`)).toBe(true);
    expect(body).toContain('- `shop/models.py` — modified, line 23');
    expect(body).toContain('- `tests/test_pricing.py` — modified, lines 13–16');
    expect(body).toContain('changed lines from the local checkout');
    expect(body).toContain(`head [\`${repo.head.slice(0, 7)}\`](https://github.com/acme/shop/commit/${repo.head})`);
    expect(body).toContain('```mermaid\nflowchart LR');
    expect(body).toMatch(
      /<details>\n<summary>Repository map: \d+ files?, \d+ definitions?, \d+ of 2,048 tokens<\/summary>/,
    );
    expect(body).toContain('<summary>Not in the map: 3 files</summary>');
    expect(body).toContain('LLM steps skipped: no `openai-api-key` input is set');
    expect(body).toContain('[workflow run](https://github.com/acme/shop/actions/runs/4242)');
    expect(body!.length).toBeLessThanOrEqual(65_536);

    const ranked = JSON.parse(first.outputs['ranked-files']!) as string[];
    expect(ranked.length).toBeGreaterThan(2);
    expect(ranked.length).toBeLessThanOrEqual(15); // max-files from the workflow
    expect(ranked).toContain('shop/models.py');
    const created = server.comments.get(7)![0]!;
    expect(first.outputs['comment-id']).toBe(String(created.id));
    expect(first.outputs['comment-url']).toBe(created.html_url);
    expect(first.summary).toContain('### revloop · Context for pull request #7');
    expect(first.summary).not.toContain(CONTEXT_MARKER);
    expectNoSecrets(first, server);

    const before = server.requests.length;
    const second = await runAction({
      ...common,
      payload: payload('pull_request.opened.json', repo, { action: 'synchronize' }),
    });
    expect(second.status).toBe(0);
    expect(server.lines().slice(before)).toEqual([
      'GET /repos/acme/shop/issues/7/comments',
      `PATCH /repos/acme/shop/issues/comments/${created.id}`,
    ]);
    expect(server.comments.get(7)).toHaveLength(1);
    expect(second.outputs['comment-id']).toBe(String(created.id));
    expect(server.comments.get(7)![0]!.body).toBe(body); // same input, byte-identical report
    expectNoSecrets(second, server);
  });

  it('reads changed lines from every page of pulls.listFiles when the base commit is not checked out', async () => {
    const server = await startFake();
    server.maxPageSize = 2;
    const repo = pullRequestRepo();
    const checkout = shallowClone(repo.dir, 'order-quantities');
    const files: FakePullFile[] = [
      {
        filename: 'shop/models.py',
        status: 'modified',
        patch:
          '@@ -23 +23 @@ class Order:\n-        return sum(p.price_cents * q for p, q in self.items)\n+        return sum(p.price_cents * max(q, 0) for p, q in self.items)',
      },
      {
        filename: 'tests/test_pricing.py',
        status: 'modified',
        patch:
          '@@ -12,0 +13,4 @@ def test_free_shipping():\n+\n+\n+def test_negative_quantity():\n+    assert Order().total_price() == 0',
      },
      { filename: 'logo.png', status: 'modified' },
      { filename: 'docs/old.md', status: 'removed', patch: '@@ -1 +0,0 @@\n-old' },
      { filename: 'shop/receipt.py', status: 'added', patch: '@@ -0,0 +1,2 @@\n+def receipt():\n+    pass' },
    ];
    server.pullFiles.set(7, files);
    const run = await runAction({
      eventName: 'pull_request',
      payload: payload('pull_request.opened.json', repo),
      workspace: checkout,
      apiUrl: server.url,
      inputs: inputsFor('pr-context.yml'),
    });
    expect(run.status).toBe(0);
    const listFiles = server.requests.filter((r) => r.path === '/repos/acme/shop/pulls/7/files');
    expect(listFiles.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3']);
    const [body] = commentBodies(server, 7);
    expect(body).toContain('changed lines from the GitHub API (pulls.listFiles)');
    expect(body).toContain('- `shop/models.py` — modified, line 23');
    expect(body).toContain('- `tests/test_pricing.py` — modified, lines 13–16');
    expect(body).toContain(
      '- `shop/receipt.py` — added, lines 1–2 _(not in the checkout or left out by include/exclude)_',
    );
    expect(body).toContain('- `docs/old.md` — deleted');
    expect(body).toContain('1 changed file has no diff in the API (binary or too large)');
    expect(body).toContain('history: ');
    expectNoSecrets(run, server);
  });

  it('retries a 502 and posts once', async () => {
    const server = await startFake();
    server.failures.push({ method: 'POST', path: /\/issues\/7\/comments$/, status: 502, times: 1 });
    const repo = pullRequestRepo();
    const run = await runAction({
      eventName: 'pull_request',
      payload: payload('pull_request.opened.json', repo),
      workspace: repo.dir,
      apiUrl: server.url,
      inputs: inputsFor('pr-context.yml'),
    });
    expect(run.status).toBe(0);
    expect(server.lines()).toEqual([
      'GET /repos/acme/shop/issues/7/comments',
      'POST /repos/acme/shop/issues/7/comments',
      'POST /repos/acme/shop/issues/7/comments',
    ]);
    expect(server.comments.get(7)).toHaveLength(1);
    expect(run.outputs['comment-id']).toBe(String(server.comments.get(7)![0]!.id));
  });

  it('fails clearly on a 401, without retrying and without showing the token', async () => {
    const server = await startFake('ghs_theTokenGitHubExpects');
    const repo = pullRequestRepo();
    const run = await runAction({
      eventName: 'pull_request',
      payload: payload('pull_request.opened.json', repo),
      workspace: repo.dir,
      apiUrl: server.url,
      inputs: inputsFor('pr-context.yml'),
    });
    expect(run.status).toBe(1);
    expect(server.lines()).toEqual(['GET /repos/acme/shop/issues/7/comments']);
    const error = run.stdout.split('\n').find((line) => line.startsWith('::error::'));
    expect(error).toMatch(/GitHub answered 401 .*GET .*\/issues\/7\/comments.*Bad credentials.*"github-token" input/);
    expect(server.comments.size).toBe(0);
    expectNoSecrets(run, server);
  });

  it('leaves the report in the job summary when a fork’s read-only token may not comment', async () => {
    const server = await startFake();
    server.failures.push({
      method: 'POST',
      path: /\/issues\/9\/comments$/,
      status: 403,
      body: { message: 'Resource not accessible by integration' },
      times: 1,
    });
    const repo = pullRequestRepo();
    const run = await runAction({
      eventName: 'pull_request',
      payload: payload('pull_request.opened.fork.json', repo),
      workspace: repo.dir,
      apiUrl: server.url,
      inputs: inputsFor('pr-context.yml'),
    });
    expect(run.status).toBe(0);
    expect(server.lines()).toEqual([
      'GET /repos/acme/shop/issues/9/comments',
      'POST /repos/acme/shop/issues/9/comments',
    ]);
    expect(run.stdout).toMatch(
      /::warning::GitHub answered 403 .*Resource not accessible by integration.*job summary only/,
    );
    expect(run.summary).toContain('### revloop · Context for pull request #9');
    expect(run.outputs['comment-id']).toBe('');
    expect(JSON.parse(run.outputs['ranked-files']!)).toContain('shop/models.py');
  });
});

describe('a report over 65,536 characters', () => {
  it('is trimmed to fit the comment, which GitHub would otherwise reject, and kept fuller in the summary', async () => {
    const server = await startFake();
    const dir = fixtureRepo('shop');
    const base = git(dir, 'rev-parse', 'HEAD').trim();
    const files: Record<string, string> = {};
    for (let m = 0; m < 300; m++) {
      const defs = Array.from(
        { length: 6 },
        (_, f) =>
          `def compute_quarterly_figure_${m}_${f}(order: Order, ledger_entries: list, rounding_mode: str = "half-even") -> int:\n    return format_money(order.total_price())\n`,
      );
      files[`shop/reports/report_${String(m).padStart(3, '0')}.py`] =
        `from shop.models import Order\nfrom shop.utils import format_money\n\n\n${defs.join('\n\n')}`;
    }
    writeFiles(dir, files);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'reports');
    writeFiles(dir, { 'shop/models.py': MODELS_CHANGE });
    git(dir, 'commit', '-q', '-am', 'Order totals include quantities');
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    const run = await runAction({
      eventName: 'pull_request',
      payload: payload('pull_request.opened.json', { base, head }),
      workspace: dir,
      apiUrl: server.url,
      inputs: { ...inputsFor('pr-context.yml'), 'INPUT_MAP-TOKENS': '100000' },
    });
    expect(run.stdout).not.toContain('::error::');
    expect(run.status).toBe(0);
    const [body] = commentBodies(server, 7);
    expect(body!.length).toBeLessThanOrEqual(65_536);
    expect(body!.length).toBeGreaterThan(60_000);
    expect(body).toMatch(
      /> Trimmed to fit GitHub's 65,536-character comment limit: .*the repository map \([\d,]+ of [\d,]+ lines\)/,
    );
    expect(body).toContain('- `shop/models.py` — modified, line 23');
    expect(run.summary.length).toBeGreaterThan(65_536); // untrimmed, GitHub would have answered 422
    expect(run.summary).not.toContain("GitHub's 65,536-character comment limit");
  });
});

describe('pull_request_target (docs/workflows/fork-pr-context.yml)', () => {
  /** The API's patch of models.py: the line the pull request edits, in the merge base's numbering. */
  const MODELS_PATCH =
    '@@ -23 +23 @@ class Order:\n-        return sum(p.price_cents * q for p, q in self.items)  # cents\n+        return sum(p.price_cents * max(q, 0) for p, q in self.items)';

  it('ranks from the API diff over the base checkout, with the exclude globs of the workflow', async () => {
    const server = await startFake();
    const repo = pullRequestRepo();
    // pull_request_target checks out the base branch: the fork's head commit is not there.
    const checkout = shallowClone(repo.dir, 'main');
    server.pullFiles.set(9, [
      {
        filename: 'shop/models.py',
        status: 'modified',
        patch:
          '@@ -23 +23 @@ class Order:\n-        return sum(p.price_cents * q for p, q in self.items)\n+        return sum(p.price_cents * max(q, 0) for p, q in self.items)',
      },
    ]);
    writeFiles(checkout, { 'docs/conf.py': 'def setup():\n    pass\n' });
    const run = await runAction({
      eventName: 'pull_request_target',
      payload: payload('pull_request.opened.fork.json', repo),
      workspace: checkout,
      apiUrl: server.url,
      inputs: inputsFor('fork-pr-context.yml'),
    });
    expect(run.status).toBe(0);
    // A shallow checkout has no history to blame in: no comparison is asked for.
    expect(server.lines()).toEqual([
      'GET /repos/acme/shop/pulls/9/files',
      'GET /repos/acme/shop/issues/9/comments',
      'POST /repos/acme/shop/issues/9/comments',
    ]);
    const [body] = commentBodies(server, 9);
    expect(body).toContain('Run under `pull_request_target`');
    expect(body).toContain('**left out by `include`/`exclude`** (1)');
    expect(JSON.parse(run.outputs['ranked-files']!)).not.toContain('docs/conf.py');
  });

  it("blames the API's changed lines at the merge base GitHub reports, in a checkout of the base branch's history", async () => {
    const workflow = readFileSync(
      join(import.meta.dirname, '..', '..', 'docs', 'workflows', 'fork-pr-context.yml'),
      'utf8',
    );
    expect(workflow).toContain('fetch-depth: 0');
    const { dir, wrote, mergeBase, base, head } = blamedLineRepo();
    // As actions/checkout with fetch-depth 0 checks out the base branch: all of main's history, nothing of the fork.
    const checkout = join(tempDir(), 'checkout');
    git(dir, 'clone', '-q', '--single-branch', '--branch', 'main', `file://${dir}`, checkout);
    const reason = `changed in \`${wrote.slice(0, 7)}\` with 1 line around the change in shop/models.py`;
    let stdout = '';
    const run = async (server: FakeGitHub, more: Record<string, string> = {}): Promise<string> => {
      server.pullFiles.set(9, [{ filename: 'shop/models.py', status: 'modified', patch: MODELS_PATCH }]);
      const result = await runAction({
        eventName: 'pull_request_target',
        payload: payload('pull_request.opened.fork.json', { base, head }),
        workspace: checkout,
        apiUrl: server.url,
        inputs: { ...inputsFor('fork-pr-context.yml'), ...more },
      });
      expect(result.status).toBe(0);
      stdout = result.stdout;
      return commentBodies(server, 9)[0]!;
    };
    // The base branch is asked for (the payload's base.ref): its merge base is what the patches are against.
    const server = await startFake();
    server.mergeBases.set(`main...${head}`, mergeBase);
    const body = await run(server);
    expect(server.lines()).toEqual([
      'GET /repos/acme/shop/pulls/9/files',
      `GET /repos/acme/shop/compare/main...${head}`,
      'GET /repos/acme/shop/issues/9/comments',
      'POST /repos/acme/shop/issues/9/comments',
    ]);
    expect(body).toContain(`- \`web/cart.js\` — ${reason}`);
    expect(stdout).toContain(`revloop: line history: the lines of 1 changed file blamed at ${mergeBase.slice(0, 7)}`);
    // Without an answer for the branch, the event's base commit is asked for.
    const bySha = await startFake();
    bySha.mergeBases.set(`${base}...${head}`, mergeBase);
    expect(await run(bySha)).toContain(reason);
    expect(bySha.lines().filter((line) => line.includes('/compare/'))).toEqual([
      `GET /repos/acme/shop/compare/main...${head}`,
      `GET /repos/acme/shop/compare/${base}...${head}`,
    ]);
    // Without an answer, or with a merge base the checkout lacks, the run goes on without line history;
    // and a commit that is not the patches' old side (the base head) is not blamed: its lines differ.
    const unanswered = await startFake();
    expect(await run(unanswered)).not.toContain(reason);
    expect(stdout).not.toContain('line history: the lines of');
    const elsewhere = await startFake();
    elsewhere.mergeBases.set(`main...${head}`, 'f'.repeat(40));
    expect(await run(elsewhere)).not.toContain(reason);
    const stale = await startFake();
    stale.mergeBases.set(`main...${head}`, base);
    const staleBody = await run(stale);
    expect(staleBody).toContain(`- line history: 1 changed file's old side is not ${base}: not blamed`);
    expect(staleBody).not.toContain(reason);
    // When the only old side is outside `working-directory` there is nothing to blame: no comparison is asked for.
    const narrowed = await startFake();
    narrowed.mergeBases.set(`main...${head}`, mergeBase);
    expect(await run(narrowed, { 'INPUT_WORKING-DIRECTORY': 'web' })).toContain('outside `working-directory`');
    expect(narrowed.lines()).toEqual([
      'GET /repos/acme/shop/pulls/9/files',
      'GET /repos/acme/shop/issues/9/comments',
      'POST /repos/acme/shop/issues/9/comments',
    ]);
  });

  it('asks for the merge base with the base branch as it is now when the payload names an older base commit', async () => {
    const { dir, wrote, base, head } = blamedLineRepo();
    // "Update branch": the head merges main since the pull request was opened, whose base commit the payload keeps.
    git(dir, 'checkout', '-q', 'order-quantities');
    git(dir, 'merge', '-q', '--no-edit', 'main');
    const updated = git(dir, 'rev-parse', 'HEAD').trim();
    git(dir, 'checkout', '-q', 'main');
    expect(updated).not.toBe(head);
    const checkout = join(tempDir(), 'checkout');
    git(dir, 'clone', '-q', '--single-branch', '--branch', 'main', `file://${dir}`, checkout);
    const server = await startFake();
    // GitHub's patch is against the merge base with main as it is now: ten lines lower than at the old base.
    server.pullFiles.set(9, [
      { filename: 'shop/models.py', status: 'modified', patch: MODELS_PATCH.replace('@@ -23 +23 @@', '@@ -33 +33 @@') },
    ]);
    server.mergeBases.set(`${wrote}...${updated}`, wrote);
    server.mergeBases.set(`main...${updated}`, base);
    const result = await runAction({
      eventName: 'pull_request_target',
      payload: payload('pull_request.opened.fork.json', { base: wrote, head: updated }),
      workspace: checkout,
      apiUrl: server.url,
      inputs: inputsFor('fork-pr-context.yml'),
    });
    expect(result.status).toBe(0);
    expect(server.lines().filter((line) => line.includes('/compare/'))).toEqual([
      `GET /repos/acme/shop/compare/main...${updated}`,
    ]);
    expect(result.stdout).toContain(`revloop: line history: the lines of 1 changed file blamed at ${base.slice(0, 7)}`);
    // Asked at the payload's base, GitHub would answer with it, where the patch's line 33 is another line: not blamed.
    expect(commentBodies(server, 9)[0]).not.toContain('old side is not');
  });
});

describe('issues (docs/workflows/issue-context.yml)', () => {
  it('ranks from the issue text and comments on the issue', async () => {
    const workflow = readWorkflow('issue-context.yml');
    expect(workflow.on.issues?.types).toContain('opened');
    const server = await startFake();
    const dir = fixtureRepo('shop');
    const run = await runAction({
      eventName: 'issues',
      payload: payload('issues.opened.json'),
      workspace: dir,
      apiUrl: server.url,
      inputs: inputsFor('issue-context.yml'),
    });
    expect(run.status).toBe(0);
    expect(server.lines()).toEqual([
      'GET /repos/acme/shop/issues/12/comments',
      'POST /repos/acme/shop/issues/12/comments',
    ]);
    const ranked = JSON.parse(run.outputs['ranked-files']!) as string[];
    expect(ranked[0]).toBe('shop/pricing.py');
    expect(ranked.length).toBeLessThanOrEqual(10);
    const [body] = commentBodies(server, 12);
    expect(body!.startsWith(`${CONTEXT_MARKER}\n### revloop · Context for issue #12`)).toBe(true);
    expect(body).toContain('mentioned in the text');
    expect(body).not.toContain('#### Changed files');
    expectNoSecrets(run, server);
  });
});

describe('a workspace that is not a git repository', () => {
  it('still ranks an issue, walking the files, and says there is no history', async () => {
    const server = await startFake();
    const run = await runAction({
      eventName: 'issues',
      payload: payload('issues.opened.json'),
      workspace: fixtureRepo('shop', { git: false }),
      apiUrl: server.url,
      inputs: inputsFor('issue-context.yml'),
      sha: PAYLOAD_HEAD,
    });
    expect(run.stdout).not.toContain('::error::');
    expect(run.status).toBe(0);
    const [body] = commentBodies(server, 12);
    expect(body).toContain(`map of [\`2222222\`](https://github.com/acme/shop/commit/${PAYLOAD_HEAD})`);
    expect(JSON.parse(run.outputs['ranked-files']!)[0]).toBe('shop/pricing.py');
    expect(body).toContain('- history: ');
  });
});

describe('issue_comment (docs/workflows/context-command.yml)', () => {
  it('acknowledges an allowed author, and answers in its own sticky comment narrowed by the arguments', async () => {
    const workflow = readWorkflow('context-command.yml');
    expect(workflow.on.issue_comment?.types).toEqual(['created']);
    const server = await startFake();
    const repo = pullRequestRepo();
    server.pulls.set(7, { base: { sha: repo.base }, head: { sha: repo.head } });
    const automatic = server.addComment(7, `${CONTEXT_MARKER}\nthe automatic context comment`);
    // The workflow passes the key: the LLM steps ask a chat-completions server on 127.0.0.1.
    const openai = new FakeOpenAI(OPENAI_KEY);
    await openai.start();
    openai.answer(
      { json: { files: [{ path: 'shop/models.py', reason: 'It sums the quantities.', confidence: 'high' }] } },
      { json: { edits: [] } },
    );
    const run = await runAction({
      eventName: 'issue_comment',
      payload: payload('issue_comment.created.owner.json'),
      workspace: repo.dir,
      apiUrl: server.url,
      inputs: {
        ...inputsFor('context-command.yml', { 'secrets.OPENAI_API_KEY': OPENAI_KEY }),
        'INPUT_OPENAI-BASE-URL': openai.baseUrl,
      },
    }).finally(() => openai.close());
    expect(run.status).toBe(0);
    expect(server.lines()).toEqual([
      'POST /repos/acme/shop/issues/comments/5000001/reactions',
      'GET /repos/acme/shop/pulls/7',
      'GET /repos/acme/shop/issues/7/comments',
      'POST /repos/acme/shop/issues/7/comments',
    ]);
    expect(server.reactions).toEqual([{ commentId: 5000001, content: 'eyes' }]);
    expect(automatic.body).toBe(`${CONTEXT_MARKER}\nthe automatic context comment`);
    const answer = server.comments.get(7)![1]!.body;
    expect(
      answer.startsWith('<!-- revloop:context-command -->\n### revloop · Context requested on pull request #7'),
    ).toBe(true);
    expect(answer).toContain(
      '`octocat` asked: `` /context shop/models.py `apply_discount` `` ([comment](https://github.com/acme/shop/pull/7#issuecomment-5000001))',
    );
    expect(answer).toContain(
      'Focused on paths `shop/models.py`, names `apply_discount`, the rest of the comment as extra text.',
    );
    // Narrowed: the other changed file of the pull request is no longer a seed.
    expect(answer).toContain('#### Changed files (1)\n- `shop/models.py` — modified, line 23');
    expect(answer).toContain('| `shop/models.py` | high | It sums the quantities. | ✓ changed |');
    expect(openai.requests).toHaveLength(2);
    for (const request of openai.requests) expect(request.raw).not.toContain(OPENAI_KEY);
    expectNoSecrets(run, server, [TOKEN, OPENAI_KEY]);
  });

  it('refuses a NONE author with one polite reply, then only a reaction, and never runs', async () => {
    const server = await startFake();
    const repo = pullRequestRepo();
    const common = {
      eventName: 'issue_comment',
      payload: payload('issue_comment.created.none.json'),
      workspace: repo.dir,
      apiUrl: server.url,
      inputs: inputsFor('context-command.yml'),
    };
    const first = await runAction(common);
    expect(first.status).toBe(0);
    expect(server.lines()).toEqual([
      'GET /repos/acme/shop/issues/7/comments',
      'POST /repos/acme/shop/issues/7/comments',
    ]);
    const [reply] = commentBodies(server, 7);
    expect(reply).toBe(
      '<!-- revloop:refusal -->\nThanks for asking, @drive-by. `/context` runs only for `OWNER, MEMBER, COLLABORATOR` on this repository, so nothing was run for [your comment](https://github.com/acme/shop/pull/7#issuecomment-5000002). A maintainer can run it for you.',
    );
    expect(first.outputs['ranked-files']).toBe('[]');
    expect(first.summary).toBe('');

    const before = server.requests.length;
    const second = await runAction(common);
    expect(second.status).toBe(0);
    expect(server.lines().slice(before)).toEqual([
      'GET /repos/acme/shop/issues/7/comments',
      'POST /repos/acme/shop/issues/comments/5000002/reactions',
    ]);
    expect(server.reactions).toEqual([{ commentId: 5000002, content: 'confused' }]);
    expect(server.comments.get(7)).toHaveLength(1);
  });

  it('ignores comments by bots without a request', async () => {
    const server = await startFake();
    const run = await runAction({
      eventName: 'issue_comment',
      payload: payload('issue_comment.created.bot.json'),
      workspace: fixtureRepo('shop'),
      apiUrl: server.url,
      inputs: inputsFor('context-command.yml'),
    });
    expect(run.status).toBe(0);
    expect(server.requests).toEqual([]);
    expect(run.stdout).toContain('ignoring a comment by the bot dependabot[bot]');
  });
});

describe('other events and bad inputs', () => {
  it('says it has nothing to do for a push, and succeeds without a request', async () => {
    const server = await startFake();
    const run = await runAction({
      eventName: 'push',
      payload: payload('push.json'),
      workspace: fixtureRepo('shop'),
      apiUrl: server.url,
      inputs: inputsFor('pr-context.yml'),
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('::notice::revloop: nothing to do for the push event');
    expect(server.requests).toEqual([]);
    expect(run.outputs).toEqual({ 'ranked-files': '[]', 'comment-id': '', 'comment-url': '' });
  });

  it('fails the step naming the input when a value is wrong', async () => {
    const server = await startFake();
    const run = await runAction({
      eventName: 'pull_request',
      payload: payload('pull_request.opened.json'),
      workspace: fixtureRepo('shop'),
      apiUrl: server.url,
      inputs: { ...inputsFor('pr-context.yml'), 'INPUT_MAP-TOKENS': 'lots' },
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      '::error::revloop: Input "map-tokens" must be a whole number from 1 to 1000000, got "lots".',
    );
    expect(server.requests).toEqual([]);
  });
});
