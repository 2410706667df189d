import type { PullRequestEvent } from '../github/event.js';
import { checkedOutCommit, pullRequestChanges } from './changed-files.js';
import { commitRef, runContext, type ActionContext, type ActionOutcome, type ContextRequest } from './context-run.js';
import { runDescribe } from './describe-run.js';
import { actionLlmClient } from './llm-run.js';
import { readPullDiff } from './pull-diff.js';

/** Pull request actions that change what the context should be. */
export const PULL_REQUEST_ACTIONS: ReadonlySet<string> = new Set([
  'opened',
  'synchronize',
  'reopened',
  'ready_for_review',
]);

/** The commits a pull request report refers to: head, base, and the checkout the map was read from. */
export function pullRequestCommits(
  context: ActionContext,
  commits: { baseSha: string; headSha: string },
): ContextRequest['commits'] {
  const { settings } = context;
  const refs = [commitRef(settings, 'head', commits.headSha), commitRef(settings, 'base', commits.baseSha)];
  const checkout = checkedOutCommit(settings.workingDirectory) ?? settings.runner.sha;
  if (checkout && checkout !== commits.headSha) refs.push(commitRef(settings, 'map of', checkout));
  return refs;
}

/**
 * `pull_request` / `pull_request_target`: ranks from the changed files and
 * lines and posts (or updates) the pull request's context comment. The
 * pull request's code is never checked out or run here: git objects are
 * read, the files of the workflow's own checkout are parsed.
 */
export async function handlePullRequest(
  context: ActionContext,
  event: PullRequestEvent,
): Promise<ActionOutcome | undefined> {
  const { settings, io } = context;
  if (!PULL_REQUEST_ACTIONS.has(event.action)) {
    io.notice(
      `revloop: nothing to do for ${event.eventName} "${event.action}"; it runs on ${[...PULL_REQUEST_ACTIONS].join(', ')}.`,
    );
    return undefined;
  }
  const target = { owner: settings.runner.owner, repo: settings.runner.repo, number: event.number };
  const changes = await pullRequestChanges(context.client, target, settings.workingDirectory, event, (m) => io.info(m));
  const notes = [...changes.notes];
  if (event.eventName === 'pull_request_target')
    notes.push(
      'Run under `pull_request_target`: the map is of the base branch checkout; files the pull request adds are seeds by name only.',
    );
  // The LLM steps and the description read the diff with context lines; without a key nothing needs it.
  const diff = settings.llm.apiKey
    ? await readPullDiff(context.client, target, settings.workingDirectory, event)
    : undefined;
  if (settings.describe !== 'off' && !diff)
    notes.push(`No description written: \`describe: ${settings.describe}\` needs the \`openai-api-key\` input.`);
  const outcome = await runContext(context, {
    target,
    purpose: 'context',
    title: `Context for pull request #${event.number}`,
    commits: pullRequestCommits(context, event),
    changeSource: changes.source,
    seeds: { changed: changes.changed, ...(changes.base ? { base: changes.base } : {}) },
    notes,
    ...(diff ? { llm: { kind: 'pull_request' as const, diff, headSha: event.headSha } } : {}),
  });
  const client = actionLlmClient(context);
  if (settings.describe !== 'off' && diff && client)
    await runDescribe(context, client, {
      target,
      mode: settings.describe,
      diff,
      changedFiles: changes.changed.map((c) => c.path),
      byCommand: false,
    });
  return outcome;
}
