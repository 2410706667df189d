import type { GitHubClient } from './client.js';

/**
 * What a revloop comment is for. Each purpose has one sticky comment per
 * pull request or issue: `context` (posted on PR and issue events),
 * `context-command` (the answer to the comment command), `refusal` (the
 * reply to someone not allowed to run the command), `describe` (the
 * suggested pull request description).
 */
export type CommentPurpose = 'context' | 'context-command' | 'refusal' | 'describe' | `ci-failure:${number}`;

/** Every revloop comment starts with this, so revloop can recognise (and ignore) its own comments. */
export const MARKER_PREFIX = '<!-- revloop:';

/** The hidden first line that identifies a revloop comment and its purpose. */
export function markerFor(purpose: CommentPurpose): string {
  return `${MARKER_PREFIX}${purpose} -->`;
}

/** The comment is this purpose's sticky comment: its body starts with the marker line. */
export function hasMarker(body: string | null | undefined, purpose: CommentPurpose): boolean {
  if (!body) return false;
  const marker = markerFor(purpose);
  return body.startsWith(marker) && (body.length === marker.length || body[marker.length] === '\n');
}

/** Any revloop comment, whatever its purpose (a marker anywhere, so quoting one counts too). */
export function isRevloopComment(body: string | null | undefined): boolean {
  return !!body && body.includes(MARKER_PREFIX);
}

/** Prefixes the marker line to a rendered body. */
export function withMarker(purpose: CommentPurpose, body: string): string {
  return `${markerFor(purpose)}\n${body}`;
}

export interface IssueTarget {
  owner: string;
  repo: string;
  /** Issue or pull request number. */
  number: number;
}

export interface PostedComment {
  id: number;
  url: string;
  /** false: an existing comment was updated in place. */
  created: boolean;
}

/** The oldest comment of this purpose on the thread (a race may have made two), with its body; all pages are read. */
export async function findMarkedComment(
  client: GitHubClient,
  target: IssueTarget,
  purpose: CommentPurpose,
): Promise<{ id: number; url: string; body: string } | undefined> {
  const comments = await client.paginate(client.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    per_page: 100,
  });
  const found = comments.filter((c) => hasMarker(c.body, purpose)).sort((a, b) => a.id - b.id)[0];
  return found ? { id: found.id, url: found.html_url, body: found.body ?? '' } : undefined;
}

/** The oldest comment of this purpose on the thread, if any (all pages are read). */
export async function findStickyComment(
  client: GitHubClient,
  target: IssueTarget,
  purpose: CommentPurpose,
): Promise<{ id: number; url: string } | undefined> {
  const found = await findMarkedComment(client, target, purpose);
  return found ? { id: found.id, url: found.url } : undefined;
}

/**
 * Creates this purpose's comment, or updates it in place when a rerun finds
 * it again by its marker: a thread never gets a duplicate. `body` must
 * already start with the marker (see withMarker).
 */
export async function upsertStickyComment(
  client: GitHubClient,
  target: IssueTarget,
  purpose: CommentPurpose,
  body: string,
): Promise<PostedComment> {
  if (!hasMarker(body, purpose)) throw new Error(`a ${purpose} comment body must start with ${markerFor(purpose)}`);
  const existing = await findStickyComment(client, target, purpose);
  if (existing) {
    const { data } = await client.rest.issues.updateComment({
      owner: target.owner,
      repo: target.repo,
      comment_id: existing.id,
      body,
    });
    return { id: data.id, url: data.html_url, created: false };
  }
  const { data } = await client.rest.issues.createComment({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    body,
  });
  return { id: data.id, url: data.html_url, created: true };
}
