import type { Seeds } from '../context/seeds.js';
import { describeGitHubError, isGitHubHttpError, type GitHubClient } from '../github/client.js';
import {
  markerFor,
  upsertStickyComment,
  withMarker,
  type CommentPurpose,
  type IssueTarget,
  type PostedComment,
} from '../github/sticky-comment.js';
import { analyzeRepository } from '../pipeline/analyze.js';
import { buildContextReport, rankedPaths, type CommitRef, type ContextReport } from '../report/context-report.js';
import { renderContextMarkdown } from '../report/context-markdown.js';
import { GITHUB_COMMENT_LIMIT } from '../report/trim.js';
import { actionLlmClient, runLlmSteps, type LlmRequest } from './llm-run.js';
import type { RunnerIo } from './runner-io.js';
import { pathFilter, type Settings } from './settings.js';

/** What every handler works with: the settings, the one GitHub client, the runner. */
export interface ActionContext {
  settings: Settings;
  client: GitHubClient;
  io: RunnerIo;
}

/** What a handler produced, for the step's outputs. */
export interface ActionOutcome {
  rankedFiles: string[];
  comment?: PostedComment;
}

/** The job summary allows 1 MiB; this many characters stay under it even at 3 bytes each. */
export const SUMMARY_LIMIT = 300_000;

export interface ContextRequest {
  target: IssueTarget;
  purpose: CommentPurpose;
  title: string;
  request?: ContextReport['request'];
  commits: CommitRef[];
  changeSource?: string;
  seeds: Seeds;
  notes: string[];
  /** What the LLM steps look at; without it (or without a key) they do not run. */
  llm?: LlmRequest;
}

export function commitRef(settings: Settings, label: string, sha: string): CommitRef {
  const { serverUrl, owner, repo } = settings.runner;
  return { label, sha, url: `${serverUrl}/${owner}/${repo}/commit/${sha}` };
}

/** Why the report has no LLM answers, when it has none: said in every such report, so nobody wonders. */
export function llmNote(settings: Settings): string | undefined {
  return settings.llm.apiKey
    ? undefined
    : 'LLM steps skipped: no `openai-api-key` input is set (fork pull requests never receive secrets). The ranking, diagram and map above come from the code graph and need no LLM.';
}

/**
 * Ranks the repository from the request's seeds, renders the report, and
 * publishes it: the sticky comment (created, or updated in place) and the
 * job summary. A comment the token may not post (a fork's read-only token)
 * leaves the summary as the only report, with a warning; other GitHub
 * errors fail the step.
 */
export async function runContext(context: ActionContext, request: ContextRequest): Promise<ActionOutcome> {
  const { settings, io } = context;
  const filter = pathFilter(settings);
  let excludedByInputs = 0;
  const log = (message: string): void => io.info(message);
  const started = performance.now();
  const analysis = await analyzeRepository(settings.workingDirectory, request.seeds, {
    log,
    ...(filter
      ? {
          filter: (path: string) => {
            const keep = filter(path);
            if (!keep) excludedByInputs++;
            return keep;
          },
        }
      : {}),
  });
  io.info(
    `revloop: ranked ${analysis.ranking.files.length} files in ${Math.round(performance.now() - started)} ms ` +
      `(${analysis.index.skipped.length} skipped, ${excludedByInputs} left out by include/exclude)`,
  );
  const blamed = analysis.lineHistory?.blamed ?? 0;
  if (blamed > 0 && request.seeds.base !== undefined)
    io.info(
      `revloop: line history: the lines of ${blamed} changed file${blamed === 1 ? '' : 's'} blamed at ${request.seeds.base.slice(0, 7)}`,
    );

  const client = request.llm ? actionLlmClient(context) : undefined;
  const llm =
    client && request.llm
      ? await runLlmSteps(context, client, { llm: request.llm, seeds: request.seeds, target: request.target }, analysis)
      : undefined;
  const note = llmNote(settings);
  const report = buildContextReport({
    title: request.title,
    ...(request.request ? { request: request.request } : {}),
    commits: request.commits,
    ...(request.changeSource ? { changeSource: request.changeSource } : {}),
    seeds: request.seeds,
    index: analysis.index,
    graph: analysis.graph,
    ranking: analysis.ranking,
    mapTokens: settings.mapTokens,
    maxFiles: settings.maxFiles,
    excludedByInputs,
    notes: note ? [...request.notes, note] : request.notes,
    ...(settings.runner.runUrl ? { runUrl: settings.runner.runUrl } : {}),
    command: settings.command,
    ...(llm ? { llm } : {}),
  });
  const rankedFiles = rankedPaths(analysis.ranking, settings.maxFiles);

  const commentLimit = GITHUB_COMMENT_LIMIT - markerFor(request.purpose).length - 1;
  const body = withMarker(
    request.purpose,
    renderContextMarkdown(report, commentLimit, {
      limitName: "GitHub's 65,536-character comment limit",
      whereIsTheRest: 'The job summary of this run has more.',
    }),
  );
  let comment: PostedComment | undefined;
  try {
    comment = await upsertStickyComment(context.client, request.target, request.purpose, body);
    io.info(`revloop: ${comment.created ? 'created' : 'updated'} comment ${comment.url}`);
  } catch (error) {
    if (!isGitHubHttpError(error) || error.status !== 403) throw error;
    io.warning(
      `${describeGitHubError(error, 'posting the context comment')} The report is in the job summary only. ` +
        'Pull requests from forks get a read-only token under `pull_request`: see the README on `pull_request_target`.',
    );
  }
  await io.appendSummary(renderContextMarkdown(report, SUMMARY_LIMIT, { limitName: 'the job summary size limit' }));
  return comment ? { rankedFiles, comment } : { rankedFiles };
}
