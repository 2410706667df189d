import { describeGitHubError, isGitHubHttpError } from '../github/client.js';
import { upsertStickyComment, withMarker, type IssueTarget, type PostedComment } from '../github/sticky-comment.js';
import type { LlmClient } from '../llm/client.js';
import { isLlmError } from '../llm/errors.js';
import { describePullRequest } from '../llm/steps/describe.js';
import { authorPart, mergeIntoBody, renderDescription } from '../report/describe-markdown.js';
import { escapeText } from '../report/markdown-text.js';
import { GITHUB_COMMENT_LIMIT } from '../report/trim.js';
import type { ActionContext } from './context-run.js';
import type { PullDiff } from './pull-diff.js';

/** The comment command that asks for a pull request description. */
export const DESCRIBE_COMMAND = '/describe';

export interface DescribeRequest {
  target: IssueTarget;
  /** `comment`: a sticky comment; `body`: between hidden markers in the pull request body. */
  mode: 'comment' | 'body';
  diff: PullDiff;
  /** The pull request's changed files, relative to the working directory. */
  changedFiles: string[];
  /** Asked for with `/describe`: a missing key or a failed call is answered on the pull request too. */
  byCommand: boolean;
  /** The pull request's title and body when the caller already read them (`pulls.get`). */
  pull?: { title: string; body: string | null };
}

const HEADING = { comment: '### revloop · Suggested description', body: '### Description (revloop)' } as const;

async function answer(
  context: ActionContext,
  request: DescribeRequest,
  text: string,
): Promise<PostedComment | undefined> {
  if (!request.byCommand && request.mode === 'body') return undefined;
  return upsertStickyComment(
    context.client,
    request.target,
    'describe',
    withMarker('describe', `${HEADING.comment}\n\n${text}`),
  );
}

/**
 * Writes the pull request description with the LLM and publishes it as the
 * `describe` input says: a sticky comment, or revloop's section of the body
 * (the author's text is kept; the title is only suggested). Failures are
 * warnings, and answered on the pull request when `/describe` asked.
 */
export async function runDescribe(
  context: ActionContext,
  client: LlmClient,
  request: DescribeRequest,
): Promise<PostedComment | undefined> {
  const { io } = context;
  if (!request.diff.text.trim()) {
    io.notice('revloop: no pull request description: the diff is empty.');
    return request.byCommand
      ? answer(context, request, '_No description: the pull request changes no file revloop can read._')
      : undefined;
  }
  const { target } = request;
  const pull =
    request.pull ??
    (await context.client.rest.pulls.get({ owner: target.owner, repo: target.repo, pull_number: target.number })).data;
  let result;
  try {
    result = await describePullRequest(client, {
      diff: request.diff.text,
      changedFiles: request.changedFiles,
      authorText: [pull.title, authorPart(pull.body)].filter((t) => t.trim()).join('\n\n'),
    });
  } catch (error) {
    if (!isLlmError(error)) throw error;
    io.warning(`revloop: ${error.message}`);
    return answer(context, request, `_No description: ${escapeText(error.message)}_`);
  }
  const meta = { model: client.model, usage: result.usage, dropped: result.dropped };
  if (request.mode === 'comment') {
    const comment = await upsertStickyComment(
      context.client,
      target,
      'describe',
      withMarker('describe', renderDescription(result.description, meta, HEADING.comment)),
    );
    io.info(`revloop: ${comment.created ? 'created' : 'updated'} the description comment ${comment.url}`);
    return comment;
  }
  const body = mergeIntoBody(pull.body, renderDescription(result.description, meta, HEADING.body));
  if (body === pull.body) {
    io.info('revloop: the pull request body already has this description.');
    return undefined;
  }
  if (body.length > GITHUB_COMMENT_LIMIT) {
    io.warning(`revloop: the pull request body would be ${body.length} characters, over GitHub's 65,536; not updated.`);
    return undefined;
  }
  try {
    await context.client.rest.pulls.update({
      owner: target.owner,
      repo: target.repo,
      pull_number: target.number,
      body,
    });
    io.info(`revloop: wrote the description into the body of pull request #${target.number}`);
  } catch (error) {
    if (!isGitHubHttpError(error) || error.status !== 403) throw error;
    io.warning(
      `${describeGitHubError(error, 'updating the pull request body')} The describe step needs \`pull-requests: write\`.`,
    );
  }
  return undefined;
}

/** `/describe` without a key: says so on the pull request instead of failing silently. */
export async function describeWithoutKey(context: ActionContext, target: IssueTarget): Promise<PostedComment> {
  context.io.notice('revloop: no pull request description: /describe needs the `openai-api-key` input.');
  return upsertStickyComment(
    context.client,
    target,
    'describe',
    withMarker(
      'describe',
      `${HEADING.comment}\n\n_No description: \`/describe\` needs the \`openai-api-key\` input, which this workflow does not set._`,
    ),
  );
}
