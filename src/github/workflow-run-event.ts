import { readFileSync } from 'node:fs';
import { EventPayloadError } from './event.js';

/**
 * A `workflow_run` event: another workflow's run was requested, is in
 * progress or completed. Only the fields the CI-failure loop reads.
 */
export interface WorkflowRunEvent {
  kind: 'workflow_run';
  action: string;
  run: WorkflowRunInfo;
  /**
   * Pull requests of this repository whose head is the run's commit, as the
   * payload lists them. Empty for pull requests from forks: GitHub leaves
   * them out, so they are searched by head commit.
   */
  pullRequests: number[];
}

export interface WorkflowRunInfo {
  id: number;
  /** 1, 2, … for each re-run of the same run. */
  attempt: number;
  /** Increases with every run of the workflow: orders runs of one workflow. */
  number: number;
  /** `failure`, `success`, `cancelled`, …; null while the run is not completed. */
  conclusion: string | null;
  headSha: string;
  headBranch: string | undefined;
  /** `owner` of the repository the head commit lives in (a fork's owner for fork pull requests). */
  headOwner: string | undefined;
  /** The event that started the run (`pull_request`, `push`, …). */
  triggeredBy: string | undefined;
  htmlUrl: string | undefined;
  workflow: { id: number; name: string; path: string };
}

type Json = Record<string, unknown>;

function at(value: unknown, path: string): unknown {
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Json)[key];
  }
  return value;
}

const isSha = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(v);
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function need<T>(payload: Json, path: string, check: (v: unknown) => v is T, what: string): T {
  const value = at(payload, path);
  if (!check(value)) throw new EventPayloadError(`The workflow_run event payload has no ${what} at "${path}".`);
  return value;
}

/**
 * The payload's pull requests that belong to `repository`: a run on a branch
 * that is also the head of a pull request in another repository (an
 * upstream, when this is a fork) lists that one too, and it is not ours to
 * comment on.
 */
function ownPullRequests(payload: Json): number[] {
  const list = at(payload, 'workflow_run.pull_requests');
  if (!Array.isArray(list)) return [];
  const repoId = at(payload, 'repository.id');
  const repoUrl = at(payload, 'repository.url');
  const numbers = new Set<number>();
  for (const pull of list) {
    const number = at(pull, 'number');
    if (!isId(number)) continue;
    const baseId = at(pull, 'base.repo.id');
    const baseUrl = at(pull, 'base.repo.url');
    const ours = isId(baseId) && isId(repoId) ? baseId === repoId : baseUrl === undefined || baseUrl === repoUrl;
    if (ours) numbers.add(number);
  }
  return [...numbers].sort((a, b) => a - b);
}

/** The event from a parsed payload; throws EventPayloadError when a field every such event has is missing. */
export function parseWorkflowRunEvent(payload: Json): WorkflowRunEvent {
  const path = text(at(payload, 'workflow.path')) ?? text(at(payload, 'workflow_run.path')) ?? '';
  return {
    kind: 'workflow_run',
    action: text(payload.action) ?? '',
    run: {
      id: need(payload, 'workflow_run.id', isId, 'run id'),
      attempt: isId(at(payload, 'workflow_run.run_attempt')) ? (at(payload, 'workflow_run.run_attempt') as number) : 1,
      number: need(payload, 'workflow_run.run_number', isId, 'run number'),
      conclusion: text(at(payload, 'workflow_run.conclusion')) ?? null,
      headSha: need(payload, 'workflow_run.head_sha', isSha, 'head commit'),
      headBranch: text(at(payload, 'workflow_run.head_branch')),
      headOwner: text(at(payload, 'workflow_run.head_repository.owner.login')),
      triggeredBy: text(at(payload, 'workflow_run.event')),
      htmlUrl: text(at(payload, 'workflow_run.html_url')),
      workflow: {
        id: need(payload, 'workflow_run.workflow_id', isId, 'workflow id'),
        name: text(at(payload, 'workflow.name')) ?? text(at(payload, 'workflow_run.name')) ?? path,
        path,
      },
    },
    pullRequests: ownPullRequests(payload),
  };
}

/** Reads the runner's payload file as a `workflow_run` event. */
export function readWorkflowRunEvent(eventPath: string | undefined): WorkflowRunEvent {
  if (!eventPath) throw new EventPayloadError('GITHUB_EVENT_PATH is not set: the runner gave no event payload.');
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(eventPath, 'utf8'));
  } catch (error) {
    throw new EventPayloadError(`Cannot read the event payload ${eventPath}: ${(error as Error).message}`);
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload))
    throw new EventPayloadError(`The event payload ${eventPath} is not a JSON object.`);
  return parseWorkflowRunEvent(payload as Json);
}
