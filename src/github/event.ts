import { readFileSync } from 'node:fs';

/**
 * The triggers revloop acts on, read from the runner's event payload into
 * the few fields each handler needs. Anything else is `unsupported`.
 */
export type TriggerEvent = PullRequestEvent | IssueEvent | IssueCommentEvent | UnsupportedEvent;

export interface PullRequestEvent {
  kind: 'pull_request';
  /** `pull_request` or `pull_request_target`. */
  eventName: string;
  action: string;
  number: number;
  baseSha: string;
  headSha: string;
  /** The base branch's name: GitHub's patches are against the merge base with it as it is now. */
  baseRef?: string;
  /** The head repository differs from the base one: a fork, whose `pull_request` runs get a read-only token. */
  fromFork: boolean;
}

export interface IssueEvent {
  kind: 'issue';
  action: string;
  number: number;
  title: string;
  body: string;
}

export interface IssueCommentEvent {
  kind: 'issue_comment';
  action: string;
  /** The issue or pull request commented on. */
  number: number;
  onPullRequest: boolean;
  issueTitle: string;
  issueBody: string;
  comment: {
    id: number;
    body: string;
    htmlUrl: string;
    author: string;
    /** `Bot` for apps and `github-actions[bot]`. */
    authorType: string;
    association: string;
  };
}

export interface UnsupportedEvent {
  kind: 'unsupported';
  eventName: string;
  action: string | undefined;
}

/** A payload that lacks a field its event always has: the runner or a test wrote something else. */
export class EventPayloadError extends Error {
  override name = 'EventPayloadError';
}

type Json = Record<string, unknown>;

function at(payload: Json, path: string): unknown {
  let value: unknown = payload;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Json)[key];
  }
  return value;
}

function need<T>(payload: Json, eventName: string, path: string, check: (v: unknown) => v is T, what: string): T {
  const value = at(payload, path);
  if (!check(value)) throw new EventPayloadError(`The ${eventName} event payload has no ${what} at "${path}".`);
  return value;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isSha = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Reads the event from the payload file the runner wrote. */
export function readTriggerEvent(eventName: string, eventPath: string | undefined): TriggerEvent {
  if (!eventPath) throw new EventPayloadError('GITHUB_EVENT_PATH is not set: the runner gave no event payload.');
  let payload: Json;
  try {
    payload = JSON.parse(readFileSync(eventPath, 'utf8')) as Json;
  } catch (error) {
    throw new EventPayloadError(`Cannot read the event payload ${eventPath}: ${(error as Error).message}`);
  }
  if (payload === null || typeof payload !== 'object')
    throw new EventPayloadError(`The event payload ${eventPath} is not a JSON object.`);
  return parseTriggerEvent(eventName, payload);
}

export function parseTriggerEvent(eventName: string, payload: Json): TriggerEvent {
  const action = typeof payload.action === 'string' ? payload.action : undefined;
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const baseRepo = text(at(payload, 'pull_request.base.repo.full_name'));
    const headRepo = text(at(payload, 'pull_request.head.repo.full_name'));
    return {
      kind: 'pull_request',
      eventName,
      action: action ?? '',
      number: need(payload, eventName, 'pull_request.number', isNumber, 'pull request number'),
      baseSha: need(payload, eventName, 'pull_request.base.sha', isSha, 'base commit'),
      headSha: need(payload, eventName, 'pull_request.head.sha', isSha, 'head commit'),
      ...(text(at(payload, 'pull_request.base.ref')) ? { baseRef: text(at(payload, 'pull_request.base.ref')) } : {}),
      // A deleted fork has no head repository: treat it as a fork.
      fromFork: headRepo === '' || headRepo !== baseRepo,
    };
  }
  if (eventName === 'issues') {
    return {
      kind: 'issue',
      action: action ?? '',
      number: need(payload, eventName, 'issue.number', isNumber, 'issue number'),
      title: text(at(payload, 'issue.title')),
      body: text(at(payload, 'issue.body')),
    };
  }
  if (eventName === 'issue_comment') {
    return {
      kind: 'issue_comment',
      action: action ?? '',
      number: need(payload, eventName, 'issue.number', isNumber, 'issue number'),
      onPullRequest: at(payload, 'issue.pull_request') != null,
      issueTitle: text(at(payload, 'issue.title')),
      issueBody: text(at(payload, 'issue.body')),
      comment: {
        id: need(payload, eventName, 'comment.id', isNumber, 'comment id'),
        body: text(at(payload, 'comment.body')),
        htmlUrl: text(at(payload, 'comment.html_url')),
        author: need(payload, eventName, 'comment.user.login', isString, 'comment author'),
        authorType: text(at(payload, 'comment.user.type')),
        association: need(payload, eventName, 'comment.author_association', isString, 'author association'),
      },
    };
  }
  return { kind: 'unsupported', eventName, action };
}
