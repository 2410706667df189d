import type { TriggerEvent } from '../github/event.js';
import { readWorkflowRunEvent } from '../github/workflow-run-event.js';
import { handleIssueComment } from './comment-command.js';
import type { ActionContext, ActionOutcome } from './context-run.js';
import { handleIssue } from './issue.js';
import { handlePullRequest } from './pull-request.js';
import { handleWorkflowRun } from './workflow-run.js';

/** The events revloop acts on, for the notice about any other. */
export const SUPPORTED_EVENTS = [
  'pull_request',
  'pull_request_target',
  'issues',
  'issue_comment',
  'workflow_run',
] as const;

/** Hands the event to its handler; any other event is a notice and a successful no-op. */
export async function routeEvent(context: ActionContext, event: TriggerEvent): Promise<ActionOutcome | undefined> {
  switch (event.kind) {
    case 'pull_request':
      return handlePullRequest(context, event);
    case 'issue':
      return handleIssue(context, event);
    case 'issue_comment':
      return handleIssueComment(context, event);
    case 'unsupported':
      // workflow_run has its own payload reader (src/github/workflow-run-event.ts).
      if (event.eventName === 'workflow_run')
        return handleWorkflowRun(context, readWorkflowRunEvent(context.settings.runner.eventPath));
      context.io.notice(
        `revloop: nothing to do for the ${event.eventName} event; it runs on ${SUPPORTED_EVENTS.join(', ')}.`,
      );
      return undefined;
  }
}
