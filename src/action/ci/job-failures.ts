import { parseLog, type ParsedLog } from '../../ci/parse-log.js';
import { redactSecrets } from '../../ci/redact.js';
import { downloadJobLog, type DownloadOptions, type RepoRef, type WorkflowJob } from '../../github/actions-logs.js';
import type { GitHubClient } from '../../github/client.js';

/** One failed job: the failures in its log, or why none could be read. */
export interface JobFailures {
  job: WorkflowJob;
  /** Undefined when the log could not be downloaded. */
  parsed: ParsedLog | undefined;
  /** What the report should say about this job's log. */
  notes: string[];
}

const size = (bytes: number): string =>
  bytes < 2 ** 20 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 2 ** 20).toFixed(1)} MB`;

/**
 * Downloads a failed job's log, masks secrets in it (built-in patterns and
 * `masked`, the values the job masked that revloop knows) before anything
 * else reads it, and parses it. An expired or unreadable log is a note, not
 * an error: the other jobs still get explained.
 */
export async function readJobFailures(
  client: GitHubClient,
  repo: RepoRef,
  job: WorkflowJob,
  masked: readonly string[],
  options: DownloadOptions = {},
): Promise<JobFailures> {
  const log = await downloadJobLog(client, repo, job.id, options);
  if (!log.ok) {
    const note =
      log.reason === 'expired'
        ? `The log of this job is no longer available (${log.detail}): GitHub deletes job logs after the repository's retention period (90 days by default), or someone deleted them. Re-run the job for a new log.`
        : log.reason === 'forbidden'
          ? `revloop may not read this job's log (${log.detail}): give the workflow \`permissions: actions: read\`.`
          : `The log of this job could not be downloaded: ${log.detail}.`;
    return { job, parsed: undefined, notes: [note] };
  }
  const parsed = parseLog(redactSecrets(log.text, masked));
  const notes: string[] = [];
  if (log.droppedBytes > 0)
    notes.push(`The first ${size(log.droppedBytes)} of this job's log were not read; line numbers count from there.`);
  if (parsed.omittedLines > 0)
    notes.push(
      `${parsed.omittedLines.toLocaleString('en-US')} of ${parsed.totalLines.toLocaleString('en-US')} lines of this huge log were not parsed; the parts around likely failures were.`,
    );
  if (parsed.failures.length === 0)
    notes.push(
      `No failure was recognised in this job's log (${parsed.totalLines.toLocaleString('en-US')} lines): open the job log for the details.`,
    );
  return { job, parsed, notes };
}
