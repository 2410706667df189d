import { mapFrames, traceSeeds, type MappedFailure } from '../ci/map-frames.js';
import { FAILED_JOB_CONCLUSIONS, listRunJobs, type RepoRef, type WorkflowJob } from '../github/actions-logs.js';
import { describeGitHubError, isGitHubHttpError, type GitHubClient } from '../github/client.js';
import { pullRequestsForCommit } from '../github/commit-pulls.js';
import type { PostedComment } from '../github/sticky-comment.js';
import type { WorkflowRunEvent, WorkflowRunInfo } from '../github/workflow-run-event.js';
import { analyzeRepository, type Analysis } from '../pipeline/analyze.js';
import { renderCiMarkdown, renderCiResolvedMarkdown, type CiReport } from '../report/ci-report.js';
import { rankedPaths } from '../report/context-report.js';
import { codeSpan, escapeText } from '../report/markdown-text.js';
import { GITHUB_COMMENT_LIMIT } from '../report/trim.js';
import { checkedOutCommit, repositoryPrefix } from './changed-files.js';
import {
  ciHeaderLength,
  publishFailure,
  publishResolution,
  type CiCommentState,
  type CiPublication,
} from './ci/ci-comment.js';
import { frameSource, type FrameMode } from './ci/commit-view.js';
import {
  codeContextText,
  explainerFor,
  type CiExplainer,
  type CiExplanation,
  type CiExplanationInput,
} from './ci/explanation.js';
import { distinctFailures, jobEntries, maskSnippets, type LocatedJob } from './ci/failure-entries.js';
import { readJobFailures, type JobFailures } from './ci/job-failures.js';
import { rankingSeeds } from './ci/trace-seeds.js';
import { commitRef, SUMMARY_LIMIT, type ActionContext, type ActionOutcome } from './context-run.js';
import { pathFilter, type Settings } from './settings.js';

/** `workflow_run` actions revloop acts on: a run that finished. */
export const WORKFLOW_RUN_ACTIONS: ReadonlySet<string> = new Set(['completed']);

/** Failed jobs whose logs are read per run: a failing matrix of dozens of jobs repeats itself. */
export const MAX_FAILED_JOBS = 10;
/** Lines of code shown before and after a frame's line. */
const SNIPPET_CONTEXT = 3;

/** The `workflows` input picks this workflow; empty picks every workflow but the one revloop runs in. */
export function selectsWorkflow(
  settings: Pick<Settings, 'workflows' | 'runner'>,
  workflow: WorkflowRunInfo['workflow'],
): boolean {
  const file = workflow.path.slice(workflow.path.lastIndexOf('/') + 1);
  if (settings.workflows.length > 0)
    return settings.workflows.some(
      (entry) => entry === workflow.path || entry === file || entry.toLowerCase() === workflow.name.toLowerCase(),
    );
  const own = settings.runner.workflow;
  if (own.path) return own.path !== workflow.path;
  return own.name === undefined || own.name !== workflow.name;
}

/** Open pull requests whose head is the run's commit: from the payload, else searched by commit. */
async function runPullRequests(context: ActionContext, event: WorkflowRunEvent): Promise<number[]> {
  if (event.pullRequests.length > 0) return event.pullRequests;
  const { settings, io } = context;
  const found = await pullRequestsForCommit(context.client, settings.runner, event.run.headSha, {
    owner: event.run.headOwner,
    branch: event.run.headBranch,
  });
  io.info(
    `revloop: the payload lists no pull request; ${found.numbers.length} found among ${found.source}` +
      (found.numbers.length > 0 ? `: #${found.numbers.join(', #')}` : ''),
  );
  return found.numbers;
}

/** The run's jobs; a token without `actions: read` fails the step with the permission to add. */
async function runJobs(client: GitHubClient, repo: RepoRef, runId: number): Promise<WorkflowJob[]> {
  try {
    return await listRunJobs(client, repo, runId);
  } catch (error) {
    if (isGitHubHttpError(error) && (error.status === 403 || error.status === 404))
      throw new Error(
        `${describeGitHubError(error, `listing the jobs of run ${runId}`)} Reading a run's jobs and logs needs ` +
          '`permissions: actions: read` in the workflow that runs revloop (see the README, "CI failures").',
      );
    throw error;
  }
}

function blobUrl(settings: Settings, sha: string, path: string, line: number | null): string {
  const { serverUrl, owner, repo } = settings.runner;
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return `${serverUrl}/${owner}/${repo}/blob/${sha}/${encoded}${line === null ? '' : `#L${line}`}`;
}

function modeNote(mode: FrameMode, sha: string, checkout: string | undefined): string {
  const short = codeSpan(sha.slice(0, 7));
  const map = checkout ? ` The ranked context is of the checkout ${codeSpan(checkout.slice(0, 7))}.` : '';
  switch (mode) {
    case 'checkout':
      return `Frames, code and definitions are read from the checkout, which is the run's commit ${short}.`;
    case 'commit':
      return `Frames, code and definitions are read at the run's commit ${short} from git objects; nothing of the pull request is checked out or run.${map}`;
    case 'paths-only':
      return (
        `The run's commit ${short} is not in this checkout, so frames are matched by path only: no code or enclosing definitions are shown, and the links point at the lines the log printed. ` +
        'Fetch the commit before revloop runs to see them (the README shows the step).'
      );
  }
}

async function explain(
  settings: Settings,
  explainer: CiExplainer,
  input: CiExplanationInput,
  io: ActionContext['io'],
): Promise<CiReport['explanation']> {
  let answer: CiExplanation;
  try {
    answer = await explainer(input);
  } catch (error) {
    answer = { status: 'failed', reason: `Explanation failed: ${(error as Error).message}` };
  }
  if (answer.status === 'written') {
    const { fix } = answer;
    return {
      model: answer.model,
      text: answer.text,
      rejectedFixes: answer.rejectedFixes,
      ...(fix
        ? {
            fix: {
              path: fix.path,
              startLine: fix.startLine,
              endLine: fix.endLine,
              url: blobUrl(settings, input.headSha, `${repositoryPrefix(input.root)}${fix.path}`, fix.startLine),
              explanation: fix.explanation,
              diff: fix.diff,
            },
          }
        : {}),
    };
  }
  if (answer.status === 'failed') io.warning(`revloop: ${answer.reason}`);
  return { skipped: answer.reason };
}

/**
 * Ranks the checkout from the failures' project frames, test names and
 * messages; undefined when the failures name nothing to start from.
 */
async function rankFromTraces(
  context: ActionContext,
  mapped: readonly MappedFailure[],
  linesMatch: boolean,
): Promise<Analysis | undefined> {
  const seeds = rankingSeeds(traceSeeds(mapped), linesMatch);
  if (seeds.changed.length === 0 && !seeds.text) return undefined;
  const filter = pathFilter(context.settings);
  const started = performance.now();
  const analysis = await analyzeRepository(context.settings.workingDirectory, seeds, {
    log: (message) => context.io.info(message),
    ...(filter ? { filter } : {}),
  });
  context.io.info(
    `revloop: ranked ${analysis.ranking.files.length} files from the traces in ${Math.round(performance.now() - started)} ms`,
  );
  return analysis;
}

/** The secrets of this step that can show up in a log: the values GitHub masks for it that revloop knows. */
function knownMasks(settings: Settings): string[] {
  return [settings.githubToken, ...(settings.llm.apiKey ? [settings.llm.apiKey] : [])];
}

function stateOf(run: WorkflowRunInfo, state: CiCommentState['state']): CiCommentState {
  return { state, runId: run.id, runNumber: run.number, attempt: run.attempt };
}

function logPublication(
  context: ActionContext,
  number: number,
  publication: CiPublication,
  run: WorkflowRunInfo,
): void {
  const { io } = context;
  if (publication.outcome === 'posted')
    io.info(
      `revloop: ${publication.comment.created ? 'created' : 'updated'} comment ${publication.comment.url} on #${number}`,
    );
  else if (publication.outcome === 'stale') {
    const shown = publication.comment.state;
    io.notice(
      `revloop: the comment on #${number} already reports ${shown ? `${shown.state} run #${shown.runNumber} (attempt ${shown.attempt})` : 'a later run'}; run #${run.number} (attempt ${run.attempt}) leaves it as is.`,
    );
  } else io.info(`revloop: #${number} has no failure comment for this workflow; nothing to resolve.`);
}

/**
 * A failed run: reads each failed job's log (secrets masked first), finds
 * the failures and their project frames, maps them to code at the run's
 * commit, ranks the checkout from them, and posts the report on each pull
 * request of the run (one comment per pull request and workflow, updated in
 * place) and in the job summary.
 */
async function explainFailedRun(
  context: ActionContext,
  event: WorkflowRunEvent,
  explainer: CiExplainer,
): Promise<ActionOutcome> {
  const { settings, io, client } = context;
  const { run } = event;
  const repo = { owner: settings.runner.owner, repo: settings.runner.repo };
  const pulls = await runPullRequests(context, event);
  const jobs = await runJobs(client, repo, run.id);
  const failed = jobs.filter((job) => job.conclusion !== null && FAILED_JOB_CONCLUSIONS.has(job.conclusion));
  const masks = knownMasks(settings);
  const notes: string[] = [];
  if (failed.length > MAX_FAILED_JOBS)
    notes.push(
      `${failed.length} jobs failed; the logs of the first ${MAX_FAILED_JOBS} were read. The run page lists the others.`,
    );
  const read: JobFailures[] = [];
  for (const job of failed.slice(0, MAX_FAILED_JOBS)) {
    const result = await readJobFailures(client, repo, job, masks);
    io.info(
      `revloop: job ${job.name}: ${result.parsed ? `${result.parsed.failures.length} failures in ${result.parsed.totalLines} log lines` : result.notes[0]}`,
    );
    read.push(result);
  }

  const failures = read.flatMap((job) => job.parsed?.failures ?? []);
  const source = await frameSource(
    settings.workingDirectory,
    run.headSha,
    failures.flatMap((f) => f.frames),
  );
  const mappedAll = mapFrames(failures, source.view, { contextLines: SNIPPET_CONTEXT });
  maskSnippets(mappedAll, masks);
  let offset = 0;
  const located: LocatedJob[] = read.map((job) => {
    const count = job.parsed?.failures.length ?? 0;
    const mapped = mappedAll.slice(offset, offset + count);
    offset += count;
    return { job, mapped };
  });

  const analysis = await rankFromTraces(context, mappedAll, source.mode === 'checkout');
  const frameFiles = new Set(mappedAll.flatMap((m) => m.projectFrames.map((f) => f.resolved!)));
  const ranked = analysis
    ? analysis.ranking.files.filter((f) => !frameFiles.has(f.path) && f.reasons.length > 0).slice(0, settings.maxFiles)
    : [];
  const rankedNote =
    failures.length === 0
      ? 'No failure was found in the logs, so there is nothing to rank from.'
      : analysis && analysis.ranking.seedFiles.length > 0
        ? 'No other file of the checkout is connected to the files and names in the failures.'
        : 'Nothing in the failures names a file or a definition of this checkout.';
  if (failures.length > 0)
    notes.push(modeNote(source.mode, run.headSha, checkedOutCommit(settings.workingDirectory) ?? settings.runner.sha));
  if (analysis) notes.push(...analysis.ranking.notes.map(escapeText));

  const prefix = repositoryPrefix(settings.workingDirectory);
  const entries = jobEntries(located, (path, line) => blobUrl(settings, run.headSha, `${prefix}${path}`, line));
  const distinct = distinctFailures(mappedAll);
  // Nothing found, nothing to explain: no request is made even with a key.
  const explanation: CiReport['explanation'] =
    distinct.length === 0
      ? { skipped: 'Explanation skipped: no failure was found in the logs to explain.' }
      : await explain(
          settings,
          explainer,
          {
            workflow: run.workflow.name,
            headSha: run.headSha,
            failures: distinct,
            codeContext: codeContextText(distinct, ranked),
            root: settings.workingDirectory,
            target: source.target,
          },
          io,
        );
  const report: CiReport = {
    workflow: run.workflow.name,
    run: { number: run.number, attempt: run.attempt, url: run.htmlUrl },
    commit: { sha: run.headSha, url: commitRef(settings, 'head', run.headSha).url },
    branch: run.headBranch,
    jobs: entries,
    failedJobs: failed.length,
    totalJobs: jobs.length,
    ranked,
    rankedNote,
    explanation,
    notes,
    revloopRunUrl: settings.runner.runUrl,
  };

  const state = stateOf(run, 'failing');
  const body = renderCiMarkdown(report, GITHUB_COMMENT_LIMIT - ciHeaderLength(run.workflow.id, state), {
    limitName: "GitHub's 65,536-character comment limit",
    whereIsTheRest: 'The job summary of this run has more.',
  });
  let first: PostedComment | undefined;
  if (pulls.length === 0)
    io.notice(
      `revloop: no open pull request has ${run.headSha.slice(0, 7)} as its head; the report is in the job summary only.`,
    );
  for (const number of pulls) {
    const target = { ...repo, number };
    try {
      const publication = await publishFailure(client, { target, workflowId: run.workflow.id, state, body });
      logPublication(context, number, publication, run);
      if (publication.outcome === 'posted') first ??= publication.comment;
    } catch (error) {
      if (!isGitHubHttpError(error) || error.status !== 403) throw error;
      io.warning(
        `${describeGitHubError(error, `posting the CI failure comment on #${number}`)} The report is in the job summary only: give the workflow \`permissions: pull-requests: write\`.`,
      );
    }
  }
  await io.appendSummary(renderCiMarkdown(report, SUMMARY_LIMIT, { limitName: 'the job summary size limit' }));
  const rankedFiles = analysis ? rankedPaths(analysis.ranking, settings.maxFiles) : [];
  return first ? { rankedFiles, comment: first } : { rankedFiles };
}

/** A passing run: each pull request's failure comment of this workflow, if any, now says resolved. */
async function resolvePassedRun(context: ActionContext, event: WorkflowRunEvent): Promise<ActionOutcome> {
  const { settings, client } = context;
  const { run } = event;
  const pulls = await runPullRequests(context, event);
  if (pulls.length === 0) context.io.info(`revloop: no open pull request has ${run.headSha.slice(0, 7)} as its head.`);
  const body = renderCiResolvedMarkdown({
    workflow: run.workflow.name,
    run: { number: run.number, attempt: run.attempt, url: run.htmlUrl },
    commit: { sha: run.headSha, url: commitRef(settings, 'head', run.headSha).url },
    branch: run.headBranch,
    revloopRunUrl: settings.runner.runUrl,
  });
  let first: PostedComment | undefined;
  for (const number of pulls) {
    const target = { owner: settings.runner.owner, repo: settings.runner.repo, number };
    const publication = await publishResolution(client, {
      target,
      workflowId: run.workflow.id,
      state: stateOf(run, 'resolved'),
      body,
    });
    logPublication(context, number, publication, run);
    if (publication.outcome === 'posted') first ??= publication.comment;
  }
  if (first) await context.io.appendSummary(body);
  return first ? { rankedFiles: [], comment: first } : { rankedFiles: [] };
}

/**
 * `workflow_run` (completed): explains a failed run of a selected workflow
 * on its pull requests, or marks the explanation resolved when a later run
 * passes. The workflow runs from the default branch: the pull request's code
 * is never checked out or run; the run's commit is read from git objects
 * when the checkout has it. `explainer` fills the comment's explanation
 * section (a no-op without an `openai-api-key`).
 */
export async function handleWorkflowRun(
  context: ActionContext,
  event: WorkflowRunEvent,
  explainer: CiExplainer = explainerFor(context),
): Promise<ActionOutcome | undefined> {
  const { settings, io } = context;
  const { run } = event;
  if (!WORKFLOW_RUN_ACTIONS.has(event.action)) {
    io.notice(`revloop: nothing to do for workflow_run "${event.action}"; it runs when a run has completed.`);
    return undefined;
  }
  if (!selectsWorkflow(settings, run.workflow)) {
    io.notice(
      settings.workflows.length > 0
        ? `revloop: the workflow ${run.workflow.name} (${run.workflow.path}) is not in the "workflows" input (${settings.workflows.join(', ')}); nothing to do.`
        : `revloop: the run is of the workflow revloop runs in (${run.workflow.path || run.workflow.name}); nothing to do.`,
    );
    return undefined;
  }
  io.info(
    `revloop: run #${run.number} (attempt ${run.attempt}) of ${run.workflow.name} at ${run.headSha.slice(0, 7)} concluded ${run.conclusion ?? 'nothing'}`,
  );
  if (run.conclusion === 'failure') return explainFailedRun(context, event, explainer);
  if (run.conclusion === 'success') return resolvePassedRun(context, event);
  io.notice(
    `revloop: nothing to do for a run that concluded ${run.conclusion ?? 'nothing'}; revloop explains failures and resolves them on success.`,
  );
  return undefined;
}
