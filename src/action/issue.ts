import type { IssueEvent } from '../github/event.js';
import type { CommitRef } from '../report/context-report.js';
import { checkedOutCommit } from './changed-files.js';
import { commitRef, runContext, type ActionContext, type ActionOutcome } from './context-run.js';

/** Issue actions whose text is worth ranking from. */
export const ISSUE_ACTIONS: ReadonlySet<string> = new Set(['opened', 'edited']);

/** The issue's title and body, as one seed text. */
export function issueText(title: string, body: string): string {
  return [title, body].filter((part) => part.trim().length > 0).join('\n\n');
}

/** The checkout the map was read from, as the report's commit. */
export function checkoutCommits(context: ActionContext): CommitRef[] {
  const sha = checkedOutCommit(context.settings.workingDirectory) ?? context.settings.runner.sha;
  return sha ? [commitRef(context.settings, 'map of', sha)] : [];
}

/** `issues`: ranks from the paths and names the issue mentions and comments on the issue. */
export async function handleIssue(context: ActionContext, event: IssueEvent): Promise<ActionOutcome | undefined> {
  const { settings, io } = context;
  if (!ISSUE_ACTIONS.has(event.action)) {
    io.notice(`revloop: nothing to do for issues "${event.action}"; it runs on ${[...ISSUE_ACTIONS].join(', ')}.`);
    return undefined;
  }
  const text = issueText(event.title, event.body);
  return runContext(context, {
    target: { owner: settings.runner.owner, repo: settings.runner.repo, number: event.number },
    purpose: 'context',
    title: `Context for issue #${event.number}`,
    commits: checkoutCommits(context),
    seeds: { changed: [], text },
    notes: [],
    llm: { kind: 'text', label: `issue #${event.number}`, text },
  });
}
