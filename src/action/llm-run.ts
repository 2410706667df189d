import type { Seeds } from '../context/seeds.js';
import { describeGitHubError, isGitHubHttpError } from '../github/client.js';
import { postSuggestions, type PostedReview } from '../github/review.js';
import type { IssueTarget } from '../github/sticky-comment.js';
import type { Subject } from '../llm/blocks.js';
import { ACTION_SETTING_NAMES, createLlmClient, type LlmClient } from '../llm/client.js';
import { editTargetFromIndex, runReviewSteps } from '../llm/review-steps.js';
import type { Analysis } from '../pipeline/analyze.js';
import { buildLlmSection, type EditPublishing, type LlmSection } from '../report/llm-section.js';
import { checkedOutCommit, hasCommit } from './changed-files.js';
import type { ActionContext } from './context-run.js';
import { matchesHead, type PullDiff } from './pull-diff.js';
import { placeEdits } from './suggestions.js';

/** What the LLM steps of a context run are about: a pull request (its diff), or a text (an issue, a command). */
export type LlmRequest =
  | { kind: 'pull_request'; diff: PullDiff; headSha: string }
  | { kind: 'text'; label: string; text: string };

/** Files the model is asked to name at most. */
const LOCALIZE_FILES = 10;

/** The LLM client from the settings, or undefined without a key (then nothing is ever sent). */
export function actionLlmClient(context: ActionContext): LlmClient | undefined {
  const { llm } = context.settings;
  if (!llm.apiKey) return undefined;
  return createLlmClient({
    apiKey: llm.apiKey,
    baseUrl: llm.baseUrl,
    model: llm.model,
    inputTokens: llm.inputTokens,
    outputTokens: llm.outputTokens,
    names: ACTION_SETTING_NAMES,
    log: (message) => context.io.info(message),
  });
}

function subjectOf(request: LlmRequest): Subject {
  if (request.kind === 'text') return { kind: 'text', label: request.label, text: request.text };
  return { kind: 'change', label: 'pull request diff', diff: request.diff.text };
}

/**
 * Places valid edits on the pull request: those inside a hunk of a file
 * whose checkout is the head's become one review of ```suggestion comments;
 * the rest are shown in the report. A review GitHub refuses (a read-only
 * token, a line it does not accept) leaves every edit to the report.
 */
async function publishOnPullRequest(
  context: ActionContext,
  target: IssueTarget,
  request: Extract<LlmRequest, { kind: 'pull_request' }>,
  analysis: Analysis,
  model: string,
  edits: NonNullable<Awaited<ReturnType<typeof runReviewSteps>>['edits']>['valid'],
): Promise<EditPublishing> {
  const root = context.settings.workingDirectory;
  const checkout = checkedOutCommit(root);
  const publishing: EditPublishing = { shown: [...edits], ...(checkout ? { checkedAgainst: checkout } : {}) };
  if (edits.length === 0) return publishing;
  if (!hasCommit(root, request.headSha)) {
    publishing.note =
      "Review suggestions need the pull request's head commit in the checkout (actions/checkout with `fetch-depth: 0`), so the edits are shown here.";
    return publishing;
  }
  const editTarget = editTargetFromIndex(analysis.index);
  const placement = placeEdits(edits, request.diff.hunks, {
    prefix: request.diff.prefix,
    matchesHead: matchesHead(root, request.headSha),
    read: (path) => editTarget.read(path),
  });
  if (placement.suggestions.length === 0) return publishing;
  let review: PostedReview;
  try {
    const count = placement.suggestions.length;
    review = await postSuggestions(
      context.client,
      target,
      request.headSha,
      placement.suggestions,
      `revloop: ${count} suggested edit${count === 1 ? '' : 's'} from \`${model}\` on lines this pull request changes, ` +
        `each checked with \`git apply --check\`${checkout ? ` against ${checkout.slice(0, 7)}` : ''}. The context comment has the rest.`,
    );
  } catch (error) {
    if (!isGitHubHttpError(error) || (error.status !== 403 && error.status !== 422)) throw error;
    context.io.warning(
      `${describeGitHubError(error, 'posting the suggested edits as a review')} They are in the comment instead.`,
    );
    publishing.note = `GitHub refused the review of suggestions (${error.status}), so every edit is shown here.`;
    return publishing;
  }
  context.io.info(`revloop: ${review.posted} suggestions posted, ${review.alreadyPosted} already there`);
  return { ...publishing, shown: placement.elsewhere, review };
}

/**
 * The LLM steps of a context run (localize, then validated edits) and, on
 * a pull request, the review with the suggestions. Returns the report's LLM
 * section; a failed step is a warning and a note, never a failed run.
 */
export async function runLlmSteps(
  context: ActionContext,
  client: LlmClient,
  request: { llm: LlmRequest; seeds: Seeds; target: IssueTarget },
  analysis: Analysis,
): Promise<LlmSection> {
  const { settings, io } = context;
  io.info(`revloop: asking ${client.model} at ${client.endpoint}`);
  const outcome = await runReviewSteps(client, {
    subject: subjectOf(request.llm),
    index: analysis.index,
    ranking: analysis.ranking,
    changed: request.seeds.changed,
    maxFiles: Math.min(settings.maxFiles, LOCALIZE_FILES),
  });
  for (const failure of outcome.failures) io.warning(`revloop: ${failure.message}`);
  const valid = outcome.edits?.valid ?? [];
  const checkout = checkedOutCommit(settings.workingDirectory);
  const publishing: EditPublishing =
    request.llm.kind === 'pull_request'
      ? await publishOnPullRequest(context, request.target, request.llm, analysis, client.model, valid)
      : { shown: valid, ...(checkout ? { checkedAgainst: checkout } : {}) };
  const changedPaths = new Set(request.seeds.changed.map((c) => c.path));
  return buildLlmSection(outcome, analysis.ranking, changedPaths, settings.maxFiles, publishing);
}
