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
import { DESCRIBE_COMMAND, describeWithoutKey, runDescribe } from './describe-run.js';
import { actionLlmClient, type LlmRequest } from './llm-run.js';
import { readPullDiff, type PullDiff } from './pull-diff.js';
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
async function refuse(
  context: ActionContext,
  target: IssueTarget,
  event: IssueCommentEvent,
  command: string,
): Promise<void> {
  const { settings, io } = context;
  io.notice(
    `revloop: ${event.comment.author} (${event.comment.association}) may not run ${command}; ` +
      `allowed-associations is ${associationList(settings.allowedAssociations)}.`,
  );
  if (await findStickyComment(context.client, target, 'refusal')) {
    await react(context, event.comment.id, 'confused');
    return;
  }
  const body = withMarker(
    'refusal',
    `Thanks for asking, @${event.comment.author}. ${codeSpan(command)} runs only for ` +
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
  const allowed = settings.allowedAssociations.has(comment.association as AuthorAssociation);
  if (comment.body.trim().split(/\s+/)[0] === DESCRIBE_COMMAND) {
    if (!allowed) {
      await refuse(context, target, event, DESCRIBE_COMMAND);
      return undefined;
    }
    return handleDescribeCommand(context, event, target);
  }
  // A path argument names something in the checkout, or a file the pull request changes (checked below).
  let changedPaths = new Set<string>();
  const isPath = (path: string): boolean => changedPaths.has(path) || existsSync(join(root, path));
  // First only: is this the command at all? Its arguments are read again once the changed files are known.
  if (!parseCommand(comment.body, settings.command, isPath)) {
    io.info(`revloop: the comment does not start with ${settings.command}; nothing to do.`);
    return undefined;
  }
  if (!allowed) {
    await refuse(context, target, event, settings.command);
    return undefined;
  }
  await react(context, comment.id, 'eyes');

  let defaults: Seeds;
  let commits: CommitRef[];
  let changeSource: string | undefined;
  let pullRequest: { diff: PullDiff; headSha: string } | undefined;
  const notes: string[] = [];
  if (event.onPullRequest) {
    const { data: pull } = await context.client.rest.pulls.get({
      owner: target.owner,
      repo: target.repo,
      pull_number: target.number,
    });
    const shas = { baseSha: pull.base.sha, headSha: pull.head.sha, baseRef: pull.base.ref };
    const changes = await pullRequestChanges(context.client, target, root, shas, (m) => io.info(m));
    defaults = { changed: changes.changed, ...(changes.base ? { base: changes.base } : {}) };
    changedPaths = new Set(changes.changed.flatMap((c) => (c.previousPath ? [c.path, c.previousPath] : [c.path])));
    commits = pullRequestCommits(context, shas);
    changeSource = changes.source;
    notes.push(...changes.notes);
    // The LLM steps read the diff with context lines; without a key nothing needs it.
    if (settings.llm.apiKey)
      pullRequest = { diff: await readPullDiff(context.client, target, root, shas), headSha: shas.headSha };
  } else {
    defaults = { changed: [], text: issueText(event.issueTitle, event.issueBody) };
    commits = checkoutCommits(context);
  }
  const invocation = parseCommand(comment.body, settings.command, isPath)!;
  const focus = focusNote(invocation);
  if (focus) notes.unshift(focus);
  const seeds = commandSeeds(invocation, defaults);
  const llm: LlmRequest = pullRequest
    ? { kind: 'pull_request', ...pullRequest }
    : { kind: 'text', label: `issue #${event.number} and the ${settings.command} comment`, text: seeds.text ?? '' };
  return runContext(context, {
    target,
    purpose: 'context-command',
    title: `Context requested on ${event.onPullRequest ? 'pull request' : 'issue'} #${event.number}`,
    request: { author: comment.author, text: invocation.line, ...(comment.htmlUrl ? { url: comment.htmlUrl } : {}) },
    commits,
    ...(changeSource ? { changeSource } : {}),
    seeds,
    notes,
    llm,
  });
}

/**
 * `/describe` on a pull request: the description as the `describe` input
 * says (`body`: into the body; otherwise a sticky comment). On an issue it
 * is a notice and nothing runs.
 */
async function handleDescribeCommand(
  context: ActionContext,
  event: IssueCommentEvent,
  target: IssueTarget,
): Promise<ActionOutcome | undefined> {
  const { settings, io } = context;
  await react(context, event.comment.id, 'eyes');
  if (!event.onPullRequest) {
    io.notice(`revloop: ${DESCRIBE_COMMAND} describes pull requests; #${event.number} is an issue.`);
    return undefined;
  }
  const client = actionLlmClient(context);
  if (!client) return { rankedFiles: [], comment: await describeWithoutKey(context, target) };
  const { data: pull } = await context.client.rest.pulls.get({
    owner: target.owner,
    repo: target.repo,
    pull_number: target.number,
  });
  const diff = await readPullDiff(context.client, target, settings.workingDirectory, {
    baseSha: pull.base.sha,
    headSha: pull.head.sha,
  });
  const comment = await runDescribe(context, client, {
    target,
    mode: settings.describe === 'body' ? 'body' : 'comment',
    diff,
    changedFiles: diff.files,
    byCommand: true,
    pull,
  });
  return comment ? { rankedFiles: [], comment } : { rankedFiles: [] };
}
