import { isGitHubHttpError, type GitHubClient } from './client.js';

/** A repository, as the REST routes name it. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** The fields of a workflow job that the CI-failure loop reads. */
export interface WorkflowJob {
  id: number;
  name: string;
  /** `success`, `failure`, `cancelled`, `skipped`, `timed_out`, …; null while the job runs. */
  conclusion: string | null;
  htmlUrl: string | undefined;
}

/** Job conclusions whose log holds a failure worth explaining (cancelled and skipped jobs do not). */
export const FAILED_JOB_CONCLUSIONS: ReadonlySet<string> = new Set(['failure', 'timed_out']);

/** Every job of the run's latest attempt, all pages, in GitHub's order. */
export async function listRunJobs(client: GitHubClient, repo: RepoRef, runId: number): Promise<WorkflowJob[]> {
  const jobs = await client.paginate(client.rest.actions.listJobsForWorkflowRun, {
    owner: repo.owner,
    repo: repo.repo,
    run_id: runId,
    filter: 'latest',
    per_page: 100,
  });
  return jobs.map((job) => ({
    id: job.id,
    name: job.name,
    conclusion: job.conclusion ?? null,
    htmlUrl: job.html_url ?? undefined,
  }));
}

/** A downloaded job log, or why there is none. */
export type JobLog =
  | {
      ok: true;
      text: string;
      /** Bytes dropped from the start of a log over the size bound (0 for most logs). */
      droppedBytes: number;
    }
  | {
      ok: false;
      /** `expired`: gone after the retention period or deleted; `forbidden`: the token may not read it. */
      reason: 'expired' | 'forbidden' | 'unavailable';
      detail: string;
    };

export interface DownloadOptions {
  /** Keep at most this many bytes, the end of the log (where failures and summaries are). */
  maxBytes?: number;
  /** How long the download from the redirect target may take. */
  timeoutMs?: number;
  /** The fetch used for the redirect target (tests pass none: the global fetch talks to their server). */
  fetch?: typeof fetch;
}

/** Job logs run to tens of MB; past this the start is dropped, the failure is at the end. */
export const DEFAULT_MAX_LOG_BYTES = 128 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * Downloads one job's log. GitHub answers the logs route with a redirect to
 * a short-lived signed URL on another host: that URL is fetched without the
 * token (the signature is the credential), so the token never leaves
 * GitHub's API host.
 */
export async function downloadJobLog(
  client: GitHubClient,
  repo: RepoRef,
  jobId: number,
  options: DownloadOptions = {},
): Promise<JobLog> {
  let response;
  try {
    response = await client.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', {
      owner: repo.owner,
      repo: repo.repo,
      job_id: jobId,
      request: { redirect: 'manual' },
    });
  } catch (error) {
    if (!isGitHubHttpError(error)) throw error;
    if (error.status === 404 || error.status === 410)
      return { ok: false, reason: 'expired', detail: `GitHub answered ${error.status} for the log` };
    if (error.status === 403) return { ok: false, reason: 'forbidden', detail: 'GitHub answered 403 for the log' };
    throw error;
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_LOG_BYTES;
  const status = response.status as number;
  if (status >= 300 && status < 400) {
    const location = (response.headers as Record<string, string | undefined>).location;
    if (!location || !/^https?:\/\//i.test(location))
      return { ok: false, reason: 'unavailable', detail: `GitHub redirected the log download to "${location ?? ''}"` };
    return fetchSignedLog(location, maxBytes, options);
  }
  // GitHub Enterprise Server may answer with the log itself.
  const data: unknown = response.data;
  const text = typeof data === 'string' ? data : data instanceof ArrayBuffer ? new TextDecoder().decode(data) : '';
  return keepTail(new TextEncoder().encode(text), maxBytes);
}

async function fetchSignedLog(url: string, maxBytes: number, options: DownloadOptions): Promise<JobLog> {
  const host = new URL(url).host;
  let response: Response;
  try {
    // No headers at all: the signed URL is the credential, the token stays with the API host.
    response = await (options.fetch ?? fetch)(url, {
      redirect: 'follow',
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    return { ok: false, reason: 'unavailable', detail: `downloading from ${host} failed: ${(error as Error).message}` };
  }
  if (response.status === 404 || response.status === 410 || response.status === 403) {
    await response.body?.cancel();
    // A signed URL that is refused has expired, or the log behind it is gone.
    return { ok: false, reason: 'expired', detail: `${host} answered ${response.status} for the signed log URL` };
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    return { ok: false, reason: 'unavailable', detail: `${host} answered ${response.status} for the signed log URL` };
  }
  const chunks: Uint8Array[] = [];
  let kept = 0;
  let dropped = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      chunks.push(chunk);
      kept += chunk.byteLength;
      // Hold a little over the bound, then drop whole chunks from the front: the end of a log matters most.
      while (kept - chunks[0]!.byteLength >= maxBytes) {
        const first = chunks.shift()!;
        kept -= first.byteLength;
        dropped += first.byteLength;
      }
    }
  } catch (error) {
    return {
      ok: false,
      reason: 'unavailable',
      detail: `reading the log from ${host} failed: ${(error as Error).message}`,
    };
  }
  const bytes = new Uint8Array(kept);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return keepTail(bytes, maxBytes, dropped);
}

/**
 * The last `maxBytes` of the log, starting at a line boundary when anything
 * was dropped (`dropped` bytes are already gone from the front).
 */
function keepTail(bytes: Uint8Array, maxBytes: number, dropped = 0): JobLog {
  if (bytes.byteLength <= maxBytes && dropped === 0)
    return { ok: true, text: new TextDecoder().decode(bytes), droppedBytes: 0 };
  const cut = Math.max(0, bytes.byteLength - maxBytes);
  const newline = bytes.indexOf(0x0a, cut);
  const start = newline === -1 ? cut : newline + 1;
  return { ok: true, text: new TextDecoder().decode(bytes.subarray(start)), droppedBytes: dropped + start };
}
