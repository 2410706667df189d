import type { MappedFailure, MappedFrame } from '../../ci/map-frames.js';
import { redactSecrets } from '../../ci/redact.js';
import type { LocatedFailure } from '../../ci/types.js';
import { languageForPath } from '../../parse/languages.js';
import type { CiFailureEntry, CiFrameEntry, CiJobEntry } from '../../report/ci-report.js';
import type { JobFailures } from './job-failures.js';

/** Failures listed per job; the rest are counted. */
const MAX_FAILURES_PER_JOB = 20;
/** Project frames listed per failure; the rest are counted. */
const MAX_FRAMES_PER_FAILURE = 6;

/** A failed job's log as read, and its failures mapped to code. */
export interface LocatedJob {
  job: JobFailures;
  mapped: MappedFailure<LocatedFailure>[];
}

/** The web link of a repository-relative path (and line) at the run's commit. */
export type LineUrl = (path: string, line: number | null) => string;

/** What makes two failures the same for the reader: a failing matrix prints one failure once per job. */
function failureIdentity(mapped: MappedFailure): string {
  const { failure, projectFrames } = mapped;
  return JSON.stringify([failure.kind, failure.message, failure.test, projectFrames.map((f) => [f.resolved, f.line])]);
}

/** Each failure once, in log order: what the explanation is written from. */
export function distinctFailures<F extends MappedFailure>(mapped: readonly F[]): F[] {
  const seen = new Set<string>();
  return mapped.filter((m) => {
    const identity = failureIdentity(m);
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}

/**
 * The code shown around frames comes from the repository, which can hold a
 * secret the job masked too: masked like the log, once, before it is
 * rendered or sent anywhere.
 */
export function maskSnippets(mapped: readonly MappedFailure[], masks: readonly string[]): void {
  for (const { frames } of mapped)
    for (const frame of frames)
      frame.snippet = frame.snippet.map(({ line, text }) => ({ line, text: redactSecrets(text, masks) }));
}

function frameEntry(frame: MappedFrame, lineUrl: LineUrl): CiFrameEntry {
  const path = frame.resolved!;
  return {
    path,
    line: frame.line,
    function: frame.function,
    symbol: frame.symbol ? { name: frame.symbol.name, symbolKind: frame.symbol.symbolKind } : null,
    url: lineUrl(path, frame.line),
    snippet: frame.snippet,
    language: languageForPath(path) ?? '',
  };
}

/**
 * One failed job's entry. `seen` maps failures already listed in an earlier
 * job to that job's name: a repeat is listed by name only.
 */
function jobEntry(located: LocatedJob, lineUrl: LineUrl, seen: Map<string, string>): CiJobEntry {
  const { job, parsed, notes } = located.job;
  const shown = located.mapped.slice(0, MAX_FAILURES_PER_JOB);
  const failures = shown.map((mapped): CiFailureEntry => {
    const { failure, frames, projectFrames } = mapped;
    const identity = failureIdentity(mapped);
    const sameAs = seen.get(identity);
    if (sameAs === undefined) seen.set(identity, job.name);
    // A frame printed twice in a row at the same line (pytest's "in f" line and the genexpr inside f) is shown once.
    const distinct = projectFrames.filter(
      (frame, i) =>
        i === 0 || frame.resolved !== projectFrames[i - 1]!.resolved || frame.line !== projectFrames[i - 1]!.line,
    );
    const entry: CiFailureEntry = {
      kind: failure.kind,
      message: failure.message,
      test: failure.test,
      step: failure.step,
      logLine: failure.logLine,
      frames: sameAs === undefined ? distinct.slice(0, MAX_FRAMES_PER_FAILURE).map((f) => frameEntry(f, lineUrl)) : [],
      hiddenProjectFrames: sameAs === undefined ? Math.max(0, distinct.length - MAX_FRAMES_PER_FAILURE) : 0,
      externalFrames: sameAs === undefined ? frames.length - projectFrames.length : 0,
    };
    if (sameAs !== undefined) entry.sameAsJob = sameAs;
    return entry;
  });
  const moreFailures = located.mapped.length - shown.length + (parsed?.droppedFailures ?? 0);
  return { name: job.name, url: job.htmlUrl, failures, moreFailures, notes };
}

/**
 * The report's entries of the failed jobs, in order: each failure with its
 * project frames linked by `lineUrl`; a failure an earlier job already
 * showed is named, not repeated.
 */
export function jobEntries(jobs: readonly LocatedJob[], lineUrl: LineUrl): CiJobEntry[] {
  const seen = new Map<string, string>();
  return jobs.map((job) => jobEntry(job, lineUrl, seen));
}
