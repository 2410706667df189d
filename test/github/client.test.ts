import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubClient, describeGitHubError, DO_NOT_RETRY, isGitHubHttpError } from '../../src/github/client.js';
import { FakeGitHub } from './fake-github.js';

describe('createGitHubClient', () => {
  let server: FakeGitHub;
  afterEach(async () => server.close());

  const warnings: string[] = [];
  async function start(): Promise<ReturnType<typeof createGitHubClient>> {
    warnings.length = 0;
    server = new FakeGitHub('ghs_t');
    await server.start();
    return createGitHubClient({ token: 'ghs_t', baseUrl: server.url, warn: (message) => warnings.push(message) });
  }

  it('waits out a secondary rate limit as GitHub asks, with a warning, then retries', async () => {
    const github = await start();
    server.failures.push({
      method: 'POST',
      path: /\/issues\/4\/comments$/,
      status: 403,
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
      headers: { 'retry-after': '1' },
      times: 1,
    });
    const started = performance.now();
    const { data } = await github.rest.issues.createComment({
      owner: 'acme',
      repo: 'shop',
      issue_number: 4,
      body: 'x',
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    expect(data.body).toBe('x');
    expect(server.lines()).toEqual([
      'POST /repos/acme/shop/issues/4/comments',
      'POST /repos/acme/shop/issues/4/comments',
    ]);
    expect(warnings).toEqual([
      `GitHub secondary rate limit hit by POST /repos/{owner}/{repo}/issues/{issue_number}/comments; retrying after 1 s.`,
    ]);
  });

  it('talks to the configured base URL with the token, and retries a server error', async () => {
    const github = await start();
    server.failures.push({ method: 'GET', path: /\/pulls\/4$/, status: 503, times: 1 });
    server.pulls.set(4, { base: { sha: 'b' }, head: { sha: 'h' } });
    const { data } = await github.rest.pulls.get({ owner: 'acme', repo: 'shop', pull_number: 4 });
    expect(data.head.sha).toBe('h');
    expect(server.lines()).toEqual(['GET /repos/acme/shop/pulls/4', 'GET /repos/acme/shop/pulls/4']);
    expect(server.requests.every((r) => r.authorization === 'token ghs_t')).toBe(true);
  });

  it('gives up on a rate limit that would keep the runner waiting for long', async () => {
    const github = await start();
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    server.failures.push({
      method: 'GET',
      path: /\/pulls\/4$/,
      status: 403,
      body: { message: 'API rate limit exceeded for installation.' },
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      times: 1,
    });
    const error: unknown = await github.rest.pulls.get({ owner: 'acme', repo: 'shop', pull_number: 4 }).catch((e) => e);
    expect((error as { status: number }).status).toBe(403);
    expect(server.requests).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^GitHub primary rate limit hit by GET .*; giving up \(GitHub asks to wait 360\d s\)\.$/,
    );
  });

  it.each(DO_NOT_RETRY.map((status) => [status]))('does not retry a %i', async (status) => {
    const github = await start();
    server.failures.push({ method: 'GET', path: /\/pulls\/4$/, status, times: 5 });
    const error: unknown = await github.rest.pulls.get({ owner: 'acme', repo: 'shop', pull_number: 4 }).catch((e) => e);
    expect(isGitHubHttpError(error)).toBe(true);
    expect((error as { status: number }).status).toBe(status);
    expect(server.requests).toHaveLength(1);
  });
});

describe('describeGitHubError', () => {
  const error = (status: number): Parameters<typeof describeGitHubError>[0] =>
    Object.assign(new Error('Bad credentials - https://docs.github.com/rest'), {
      name: 'HttpError',
      status,
      request: { method: 'GET', url: 'https://api.github.com/repos/acme/shop/pulls/4' },
    });

  it('says what the status means for the user and which request failed', () => {
    expect(describeGitHubError(error(401), 'reading the pull request')).toBe(
      'GitHub answered 401 while reading the pull request (GET https://api.github.com/repos/acme/shop/pulls/4): ' +
        'Bad credentials - https://docs.github.com/rest. The token was rejected: check the "github-token" input ' +
        '(an expired or revoked token, or a secret that is not set).',
    );
    expect(describeGitHubError(error(403), 'x')).toContain('The token lacks a permission');
    expect(describeGitHubError(error(404), 'x')).toContain('not visible to this token');
    expect(describeGitHubError(error(500), 'x')).toMatch(/: Bad credentials - https:\/\/docs.github.com\/rest\.$/);
  });

  it('recognises only Octokit HTTP errors', () => {
    expect(isGitHubHttpError(error(404))).toBe(true);
    expect(isGitHubHttpError(new Error('x'))).toBe(false);
    expect(isGitHubHttpError({ name: 'HttpError', status: 404 })).toBe(false);
  });
});
