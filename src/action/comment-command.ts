import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Seeds } from '../context/seeds.js';
import { describeGitHubError, isGitHubHttpError } from '../github/client.js';
import type { IssueCommentEvent } from '../github/event.js';
import { findStickyComment, isRevloopComment, withMarker, type IssueTarget } from '../github/sticky-comment.js';
import type { CommitRef } from '../report/context-report.js';
import { codeSpan } from '../report/markdown-text.js';
import { pullRequestChanges } from './changed-files.js';
import { commandSeeds, narrows, parseCommand, type CommandInvocation } from './command.js';
import { runContext, type ActionContext, type ActionOutcome } from './context-run.js';
import { checkoutCommits, issueText } from './issue.js';
import { pullRequestCommits } from './pull-request.js';
import type { AuthorAssociation } from './settings.js';

type Reaction = 'eyes' | 'confused';

/** Adds a reaction to the comment; a token that may not react only costs a warning. */
async function react(context: ActionContext, commentId: number, content: Reaction): Promise<void> {
  const { owner, repo } = context.settings.runner;
  try {
    await context.client.rest.reactions.createForIssueComment({ owner, repo, comment_id: commentId, content });
  } catch (error) {
    if (!isGitHubHttpError(error) || (error.status !== 403 && error.status !== 404)) throw error;
    context.io.warning(describeGitHubError(error, `reacting with ${content} to the command`));
  }
}

function associationList(allowed: ReadonlySet<AuthorAssociation>): string {
  return [...allowed].join(', ') || 'nobody (the input is empty)';
}

/**
 * Someone outside `allowed-associations` asked: the first time on a thread a
 * short reply says who may run the command; after that a reaction, so
 * repeating the command cannot fill the thread with replies.
 */
async function refuse(context: ActionContext, target: IssueTarget, event: IssueCommentEvent): Promise<void> {
  const { settings, io } = context;
  io.notice(
    `revloop: ${event.comment.author} (${event.comment.association}) may not run ${settings.command}; ` +
      `allowed-associations is ${associationList(settings.allowedAssociations)}.`,
  );
  if (await findStickyComment(context.client, target, 'refusal')) {
    await react(context, event.comment.id, 'confused');
    return;
  }
  const body = withMarker(
    'refusal',
    `Thanks for asking, @${event.comment.author}. ${codeSpan(settings.command)} runs only for ` +
      `${codeSpan(associationList(settings.allowedAssociations))} on this repository, so nothing was run for ` +
      `[your comment](${event.comment.htmlUrl}). A maintainer can run it for you.`,
  );
  await context.client.rest.issues.createComment({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    body,
  });
}

/** What the command's arguments were taken as, for the report. */
function focusNote(invocation: CommandInvocation): string | undefined {
  const parts: string[] = [];
  if (invocation.paths.length > 0) parts.push(`paths ${invocation.paths.map(codeSpan).join(', ')}`);
  if (invocation.symbols.length > 0) parts.push(`names ${invocation.symbols.map(codeSpan).join(', ')}`);
  if (invocation.text) parts.push('the rest of the comment as extra text');
  if (parts.length === 0) return undefined;
  const scope = narrows(invocation) ? 'Focused on' : 'Added';
  return `${scope} ${parts.join(', ')}.`;
}

/**
 * `issue_comment` (created): runs the context command for allowed authors,
 * on a pull request (its changed files, narrowed by the arguments) or an
 * issue (its text, or just the arguments when they name paths or code).
 * Bots, revloop's own comments and other comments are ignored.
 */
export async function handleIssueComment(
  context: ActionContext,
  event: IssueCommentEvent,
): Promise<ActionOutcome | undefined> {
  const { settings, io } = context;
  const { comment } = event;
  if (event.action !== 'created') {
    io.notice(`revloop: nothing to do for issue_comment "${event.action}"; the command runs on new comments.`);
    return undefined;
  }
  if (isRevloopComment(comment.body)) {
    io.info('revloop: ignoring a comment revloop wrote.');
    return undefined;
  }
  if (comment.authorType === 'Bot' || comment.author.endsWith('[bot]')) {
    io.info(`revloop: ignoring a comment by the bot ${comment.author}.`);
    return undefined;
  }
  const root = settings.workingDirectory;
  const target = { owner: settings.runner.owner, repo: settings.runner.repo, number: event.number };
  // A path argument names something in the checkout, or a file the pull request changes (checked below).
  let changedPaths = new Set<string>();
  const isPath = (path: string): boolean => changedPaths.has(path) || existsSync(join(root, path));
  // First only: is this the command at all? Its arguments are read again once the changed files are known.
  if (!parseCommand(comment.body, settings.command, isPath)) {
    io.info(`revloop: the comment does not start with ${settings.command}; nothing to do.`);
    return undefined;
  }
  if (!settings.allowedAssociations.has(comment.association as AuthorAssociation)) {
    await refuse(context, target, event);
    return undefined;
  }
  await react(context, comment.id, 'eyes');

  let defaults: Seeds;
  let commits: CommitRef[];
  let changeSource: string | undefined;
  const notes: string[] = [];
  if (event.onPullRequest) {
    const { data: pull } = await context.client.rest.pulls.get({
      owner: target.owner,
      repo: target.repo,
      pull_number: target.number,
    });
    const shas = { baseSha: pull.base.sha, headSha: pull.head.sha };
    const changes = await pullRequestChanges(context.client, target, root, shas, (m) => io.info(m));
    defaults = { changed: changes.changed };
    changedPaths = new Set(changes.changed.flatMap((c) => (c.previousPath ? [c.path, c.previousPath] : [c.path])));
    commits = pullRequestCommits(context, shas);
    changeSource = changes.source;
    notes.push(...changes.notes);
  } else {
    defaults = { changed: [], text: issueText(event.issueTitle, event.issueBody) };
    commits = checkoutCommits(context);
  }
  const invocation = parseCommand(comment.body, settings.command, isPath)!;
  const focus = focusNote(invocation);
  if (focus) notes.unshift(focus);
  return runContext(context, {
    target,
    purpose: 'context-command',
    title: `Context requested on ${event.onPullRequest ? 'pull request' : 'issue'} #${event.number}`,
    request: { author: comment.author, text: invocation.line, ...(comment.htmlUrl ? { url: comment.htmlUrl } : {}) },
    commits,
    ...(changeSource ? { changeSource } : {}),
    seeds: commandSeeds(invocation, defaults),
    notes,
  });
}
