import type { GitHubClient } from './client.js';
import type { IssueTarget } from './sticky-comment.js';

/** Ends every suggestion revloop posts, so a rerun recognises (and does not repeat) its own. */
export const SUGGESTION_MARKER = '<!-- revloop:suggestion -->';

/**
 * One review comment with a ```suggestion block: lines `startLine`–`line`
 * of `path` (repository-relative) on the RIGHT side of the diff, all inside
 * one hunk.
 */
export interface ReviewSuggestion {
  path: string;
  startLine: number;
  line: number;
  /** Markdown ending with SUGGESTION_MARKER. */
  body: string;
}

export interface PostedReview {
  posted: number;
  /** Suggestions identical to one an earlier run posted (same place, same text): not posted again. */
  alreadyPosted: number;
  url?: string;
}

const key = (s: { path: string; startLine: number; line: number; body: string }): string =>
  JSON.stringify([s.path, s.startLine, s.line, s.body]);

/**
 * Posts the suggestions as one review (`pulls.createReview`, event COMMENT,
 * pinned to the head commit) after leaving out those an earlier run already
 * posted. One invalid entry makes GitHub reject the whole review, so callers
 * place every suggestion inside a hunk first.
 */
export async function postSuggestions(
  client: GitHubClient,
  target: IssueTarget,
  headSha: string,
  suggestions: readonly ReviewSuggestion[],
  body: string,
): Promise<PostedReview> {
  if (suggestions.length === 0) return { posted: 0, alreadyPosted: 0 };
  const existing = await client.paginate(client.rest.pulls.listReviewComments, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.number,
    per_page: 100,
  });
  const posted = new Set(
    existing
      .filter((c) => c.body.includes(SUGGESTION_MARKER))
      .map((c) => key({ path: c.path, startLine: c.start_line ?? c.line ?? 0, line: c.line ?? 0, body: c.body })),
  );
  const fresh = suggestions.filter((s) => !posted.has(key(s)));
  const alreadyPosted = suggestions.length - fresh.length;
  if (fresh.length === 0) return { posted: 0, alreadyPosted };
  const { data } = await client.rest.pulls.createReview({
    owner: target.owner,
    repo: target.repo,
    pull_number: target.number,
    commit_id: headSha,
    event: 'COMMENT',
    body,
    comments: fresh.map((s) =>
      s.startLine < s.line
        ? { path: s.path, body: s.body, side: 'RIGHT', line: s.line, start_line: s.startLine, start_side: 'RIGHT' }
        : { path: s.path, body: s.body, side: 'RIGHT', line: s.line },
    ),
  });
  return { posted: fresh.length, alreadyPosted, url: data.html_url };
}
