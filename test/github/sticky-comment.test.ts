import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/github/client.js';
import {
  findStickyComment,
  hasMarker,
  isRevloopComment,
  markerFor,
  upsertStickyComment,
  withMarker,
} from '../../src/github/sticky-comment.js';
import { FakeGitHub } from './fake-github.js';

describe('markers', () => {
  it('is one hidden line per purpose', () => {
    expect(markerFor('context')).toBe('<!-- revloop:context -->');
    expect(markerFor('context-command')).toBe('<!-- revloop:context-command -->');
    expect(withMarker('refusal', 'hi')).toBe('<!-- revloop:refusal -->\nhi');
  });

  it('finds a sticky comment only by a marker on its first line, for exactly that purpose', () => {
    expect(hasMarker('<!-- revloop:context -->\nbody', 'context')).toBe(true);
    expect(hasMarker('<!-- revloop:context -->', 'context')).toBe(true);
    expect(hasMarker('<!-- revloop:context-command -->\nbody', 'context')).toBe(false);
    expect(hasMarker('<!-- revloop:context -->x', 'context')).toBe(false);
    expect(hasMarker('> quoting\n<!-- revloop:context -->', 'context')).toBe(false);
    expect(hasMarker(null, 'context')).toBe(false);
  });

  it("recognises revloop's own comments anywhere, so a quoted one is ignored too", () => {
    expect(isRevloopComment('<!-- revloop:refusal -->\nThanks')).toBe(true);
    expect(isRevloopComment('> <!-- revloop:context -->\n> /context')).toBe(true);
    expect(isRevloopComment('/context shop/models.py')).toBe(false);
    expect(isRevloopComment(undefined)).toBe(false);
  });
});

describe('upsertStickyComment against a GitHub REST server', () => {
  let server: FakeGitHub;
  afterEach(async () => server.close());

  async function client(): Promise<ReturnType<typeof createGitHubClient>> {
    server = new FakeGitHub('ghs_t');
    await server.start();
    return createGitHubClient({ token: 'ghs_t', baseUrl: server.url, warn: () => {} });
  }
  const target = { owner: 'acme', repo: 'shop', number: 3 };

  it('creates the comment once, then updates the oldest marked one found on any page', async () => {
    const github = await client();
    server.maxPageSize = 2;
    server.addComment(3, 'first human comment', { login: 'a', type: 'User' });
    server.addComment(3, '<!-- revloop:context-command -->\nanother purpose');
    server.addComment(3, 'quote:\n<!-- revloop:context -->', { login: 'b', type: 'User' });
    const created = await upsertStickyComment(github, target, 'context', withMarker('context', 'v1'));
    expect(created.created).toBe(true);
    expect(server.lines()).toEqual([
      'GET /repos/acme/shop/issues/3/comments',
      'GET /repos/acme/shop/issues/3/comments',
      'POST /repos/acme/shop/issues/3/comments',
    ]);
    server.addComment(3, 'a later comment', { login: 'a', type: 'User' });

    const updated = await upsertStickyComment(github, target, 'context', withMarker('context', 'v2'));
    expect(updated).toEqual({ id: created.id, url: created.url, created: false });
    expect(server.lines().slice(3)).toEqual([
      'GET /repos/acme/shop/issues/3/comments',
      'GET /repos/acme/shop/issues/3/comments',
      'GET /repos/acme/shop/issues/3/comments',
      `PATCH /repos/acme/shop/issues/comments/${created.id}`,
    ]);
    const bodies = server.comments.get(3)!.map((c) => c.body);
    expect(bodies.filter((b) => b.startsWith('<!-- revloop:context -->'))).toEqual(['<!-- revloop:context -->\nv2']);
    expect(await findStickyComment(github, target, 'refusal')).toBeUndefined();
  });

  it('refuses a body without its marker, so a comment can never be lost to a rerun', async () => {
    const github = await client();
    await expect(upsertStickyComment(github, target, 'context', 'no marker')).rejects.toThrow(
      'a context comment body must start with <!-- revloop:context -->',
    );
    expect(server.requests).toEqual([]);
  });
});
