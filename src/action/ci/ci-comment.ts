import type { GitHubClient } from '../../github/client.js';
import {
  findMarkedComment,
  markerFor,
  type CommentPurpose,
  type IssueTarget,
  type PostedComment,
} from '../../github/sticky-comment.js';

/**
 * One sticky comment per pull request and workflow: the marker names the
 * workflow by id, which survives renaming the workflow or its file.
 */
export function ciPurpose(workflowId: number): CommentPurpose {
  return `ci-failure:${workflowId}`;
}

/** Which run a CI comment last reported, so an older run finishing late never overwrites a newer report. */
export interface CiCommentState {
  state: 'failing' | 'resolved';
  runId: number;
  runNumber: number;
  attempt: number;
}

const STATE_PREFIX = '<!-- revloop-ci-run ';
const STATE_LINE = /^<!-- revloop-ci-run (\{[^\n]*\}) -->$/m;

/** The hidden second line of a CI comment. */
export function stateLine(state: CiCommentState): string {
  return `${STATE_PREFIX}${JSON.stringify({
    state: state.state,
    run: state.runId,
    number: state.runNumber,
    attempt: state.attempt,
  })} -->`;
}

export function readState(body: string): CiCommentState | undefined {
  const match = STATE_LINE.exec(body);
  if (!match) return undefined;
  try {
    const value = JSON.parse(match[1]!) as Record<string, unknown>;
    const number = (key: string): number | undefined =>
      typeof value[key] === 'number' && Number.isSafeInteger(value[key]) ? value[key] : undefined;
    const state = value.state === 'failing' || value.state === 'resolved' ? value.state : undefined;
    const [runId, runNumber, attempt] = [number('run'), number('number'), number('attempt')];
    if (!state || runId === undefined || runNumber === undefined || attempt === undefined) return undefined;
    return { state, runId, runNumber, attempt };
  } catch {
    return undefined;
  }
}

/** Run `a` started after run `b` of the same workflow (a re-run is later than its first attempt). */
export function isLater(
  a: Pick<CiCommentState, 'runNumber' | 'attempt'>,
  b: Pick<CiCommentState, 'runNumber' | 'attempt'>,
): boolean {
  return a.runNumber > b.runNumber || (a.runNumber === b.runNumber && a.attempt > b.attempt);
}

/** The characters a CI comment's two hidden lines take, to keep the rendered body under GitHub's limit. */
export function ciHeaderLength(workflowId: number, state: CiCommentState): number {
  return markerFor(ciPurpose(workflowId)).length + 1 + stateLine(state).length + 1;
}

export interface CiComment {
  id: number;
  url: string;
  body: string;
  state: CiCommentState | undefined;
}

/** The workflow's CI comment on the thread (the oldest, if a race made two), with its body. */
export async function findCiComment(
  client: GitHubClient,
  target: IssueTarget,
  workflowId: number,
): Promise<CiComment | undefined> {
  const found = await findMarkedComment(client, target, ciPurpose(workflowId));
  return found ? { ...found, state: readState(found.body) } : undefined;
}

/** A CI comment to write: on which thread, for which workflow, the run it reports, and the rendered body. */
export interface CiCommentWrite {
  target: IssueTarget;
  workflowId: number;
  state: CiCommentState;
  body: string;
}

export type CiPublication =
  | { outcome: 'posted'; comment: PostedComment }
  | { outcome: 'stale'; comment: CiComment }
  | { outcome: 'none' };

function fullBody(workflowId: number, state: CiCommentState, body: string): string {
  return `${markerFor(ciPurpose(workflowId))}\n${stateLine(state)}\n${body}`;
}

async function update(client: GitHubClient, target: IssueTarget, id: number, body: string): Promise<PostedComment> {
  const { data } = await client.rest.issues.updateComment({
    owner: target.owner,
    repo: target.repo,
    comment_id: id,
    body,
  });
  return { id: data.id, url: data.html_url, created: false };
}

/**
 * Posts a failed run's report: creates the workflow's comment on the pull
 * request, or updates it in place. A report of an earlier run than the one
 * the comment shows is not posted (`stale`): runs can finish out of order.
 */
export async function publishFailure(client: GitHubClient, write: CiCommentWrite): Promise<CiPublication> {
  const { target, workflowId, state, body } = write;
  const existing = await findCiComment(client, target, workflowId);
  if (existing?.state && isLater(existing.state, state)) return { outcome: 'stale', comment: existing };
  const text = fullBody(workflowId, state, body);
  if (existing) return { outcome: 'posted', comment: await update(client, target, existing.id, text) };
  const { data } = await client.rest.issues.createComment({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    body: text,
  });
  return { outcome: 'posted', comment: { id: data.id, url: data.html_url, created: true } };
}

/**
 * A passing run: the workflow's comment, if the pull request has one that
 * still reports failures from an earlier run, is updated to say resolved.
 * Never creates a comment; a resolved comment or a newer failure is left alone.
 */
export async function publishResolution(client: GitHubClient, write: CiCommentWrite): Promise<CiPublication> {
  const { target, workflowId, state, body } = write;
  const existing = await findCiComment(client, target, workflowId);
  if (!existing) return { outcome: 'none' };
  if (existing.state && (existing.state.state === 'resolved' || isLater(existing.state, state)))
    return { outcome: 'stale', comment: existing };
  return {
    outcome: 'posted',
    comment: await update(client, target, existing.id, fullBody(workflowId, state, body)),
  };
}
