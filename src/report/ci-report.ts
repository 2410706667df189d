/**
 * The CI-failure report: what the sticky comment on a pull request (and the
 * job summary) shows for a failed workflow run, as data, and its markdown
 * within a character budget. Built by src/action/workflow-run.ts.
 */
import type { FailureKind } from '../ci/types.js';
import type { RankedFile } from '../graph/rank.js';
import { codeBlock, codeSpan, escapeText, modelText, reasonText } from './markdown-text.js';
import { fitList, fitToLimit, largestFitting, type Fitted, type Section, type TrimOptions } from './trim.js';

export interface CiFrameEntry {
  /** Repository-relative path, as the checkout names it. */
  path: string;
  line: number | null;
  /** The function the log printed for the frame. */
  function: string | null;
  /** The enclosing definition at the run's commit, when known. */
  symbol: { name: string; symbolKind: string } | null;
  /** The line at the run's commit on GitHub. */
  url: string;
  /** Numbered lines around `line` at the run's commit; empty when not read. */
  snippet: { line: number; text: string }[];
  /** Fence language for the snippet. */
  language: string;
}

export interface CiFailureEntry {
  kind: FailureKind;
  message: string;
  test: string | null;
  step: string | null;
  logLine: number;
  /** Project frames in printed order (at most the shown number; see hiddenProjectFrames). */
  frames: CiFrameEntry[];
  hiddenProjectFrames: number;
  externalFrames: number;
  /** The same failure (test, message and frames) is listed under this earlier job: shown by name only. */
  sameAsJob?: string;
}

export interface CiJobEntry {
  name: string;
  url: string | undefined;
  failures: CiFailureEntry[];
  /** Failures found in the log beyond those listed. */
  moreFailures: number;
  /** Why the job shows no failures, or what to know about its log (expired, truncated, nothing recognised). */
  notes: string[];
}

export interface CiReport {
  workflow: string;
  run: { number: number; attempt: number; url: string | undefined };
  commit: { sha: string; url: string };
  branch: string | undefined;
  jobs: CiJobEntry[];
  failedJobs: number;
  totalJobs: number;
  /** Ranked files besides the frames' own, best first, with reasons. */
  ranked: Pick<RankedFile, 'path' | 'reasons'>[];
  /** Said in place of the ranked list when it is empty. */
  rankedNote: string;
  explanation: CiReportExplanation | { skipped: string };
  notes: string[];
  /** This revloop run, for the footer. */
  revloopRunUrl: string | undefined;
}

/** A written explanation: the model's plain text and, when one passed validation, its fix. */
export interface CiReportExplanation {
  model: string;
  text: string;
  fix?: {
    path: string;
    startLine: number;
    endLine: number;
    /** The first replaced line at the run's commit on GitHub. */
    url: string;
    explanation: string;
    diff: string;
  };
  rejectedFixes: number;
}

const PRIORITY = { ranked: 30, notes: 40, jobs: 60, explanation: 70 } as const;
/** What the first trimming pass leaves the ranked list and the notes (characters). */
const MINIMUM = { ranked: 3_000, notes: 1_500 } as const;

const thousands = (n: number): string => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`): string => `${thousands(n)} ${n === 1 ? one : many}`;

function frameLines(frame: CiFrameEntry, withCode: boolean): string[] {
  const where = frame.line === null ? frame.path : `${frame.path}:${frame.line}`;
  const name = frame.symbol?.name ?? frame.function;
  const kind = frame.symbol ? ` (${escapeText(frame.symbol.symbolKind)})` : '';
  const lines = [`- [${codeSpan(where)}](${frame.url})${name ? ` in ${codeSpan(name)}${kind}` : ''}`];
  if (withCode && frame.snippet.length > 0) {
    const width = String(frame.snippet[frame.snippet.length - 1]!.line).length;
    const code = frame.snippet
      .map(({ line, text }) => `${line === frame.line ? '>' : ' '} ${String(line).padStart(width)} | ${text}`.trimEnd())
      .join('\n');
    lines.push(
      ...codeBlock(code.replace(/\t/g, '    '), frame.language)
        .split('\n')
        .map((l) => `  ${l}`),
    );
  }
  return lines;
}

function failureBlock(failure: CiFailureEntry, index: number, withCode: boolean): string {
  const facts = [`**${index + 1}. ${failure.kind}**`];
  if (failure.test) facts.push(codeSpan(failure.test));
  if (failure.step) facts.push(`step ${codeSpan(failure.step)}`);
  facts.push(`log line ${thousands(failure.logLine)}`);
  if (failure.sameAsJob !== undefined)
    return `${facts.join(' · ')} — _the same failure as in job ${codeSpan(failure.sameAsJob)}_`;
  const lines = [facts.join(' · ')];
  if (failure.message) lines.push('', `> ${codeSpan(failure.message)}`);
  lines.push('');
  if (failure.frames.length === 0) lines.push('_No frame in this repository._');
  for (const frame of failure.frames) lines.push(...frameLines(frame, withCode));
  const hidden: string[] = [];
  if (failure.hiddenProjectFrames > 0) hidden.push(plural(failure.hiddenProjectFrames, 'more project frame'));
  if (failure.externalFrames > 0) hidden.push(plural(failure.externalFrames, 'external frame'));
  if (hidden.length > 0) lines.push(`- _… ${hidden.join(', ')} not shown_`);
  return lines.join('\n');
}

/**
 * One failed job: its failures with project frames and code. Trimming drops
 * the code of the last failures first, as little as it can, then (in the
 * second pass) failures from the end.
 */
function jobSection(job: CiJobEntry): Section {
  const link = job.url ? `[${codeSpan(job.name)}](${job.url})` : codeSpan(job.name);
  const head = [`#### Job ${link}`, ...job.notes.map((n) => `_${n}_`)];
  const more = job.moreFailures > 0 ? [`_… and ${plural(job.moreFailures, 'more failure')} in this job's log._`] : [];
  const total = job.failures.length;
  /** The first `withCode` failures keep their code. */
  const render = (withCode: number): string =>
    [...head, ...job.failures.map((f, i) => failureBlock(f, i, i < withCode)), ...more].join('\n\n');
  const withCode = job.failures.filter((f) => !f.sameAsJob && f.frames.some((fr) => fr.snippet.length > 0)).length;
  return {
    priority: PRIORITY.jobs,
    text: render(total),
    // The first pass of trimming takes code only; failures go in the second, after the ranked list and notes.
    minimum: render(0).length,
    fit(budget): Fitted {
      const best = largestFitting(0, total, (count) => render(count).length <= budget);
      if (best >= 0) {
        const cutCode = job.failures
          .slice(best)
          .filter((f) => !f.sameAsJob && f.frames.some((fr) => fr.snippet.length > 0)).length;
        return {
          text: render(best),
          ...(cutCode > 0 ? { cut: `the code of ${cutCode} of ${withCode} failures of job ${job.name}` } : {}),
        };
      }
      const what = `failures of job ${job.name}`;
      return fitList(
        head.join('\n\n'),
        job.failures.map((f, i) => `\n${failureBlock(f, i, false)}`),
        budget,
        (shown, count) => (shown === 0 ? what : `${what} (${count - shown} of ${count})`),
        (hidden) => `\n_… ${plural(hidden, 'more failure')} left out here; the job log has them._`,
      );
    },
  };
}

function headerSection(report: CiReport): Section {
  const run = report.run.url ? `[run #${report.run.number}](${report.run.url})` : `run #${report.run.number}`;
  const attempt = report.run.attempt > 1 ? ` (attempt ${report.run.attempt})` : '';
  const branch = report.branch ? ` on ${codeSpan(report.branch)}` : '';
  const commit = `[${codeSpan(report.commit.sha.slice(0, 7))}](${report.commit.url})`;
  const jobs =
    report.totalJobs === 0
      ? 'no job ran'
      : `${thousands(report.failedJobs)} of ${plural(report.totalJobs, 'job')} failed`;
  const lines = [
    `### revloop · ${escapeText(report.workflow)} failed`,
    '',
    `${run}${attempt} of ${codeSpan(report.workflow)} failed at ${commit}${branch} · ${jobs}`,
  ];
  return { priority: 'fixed', text: lines.join('\n'), fit: () => ({ text: '', cut: 'the heading' }) };
}

function rankedSection(report: CiReport): Section {
  const heading = '#### Ranked context: code around the failures';
  if (report.ranked.length === 0) {
    const text = `${heading}\n\n_${report.rankedNote}_`;
    return {
      priority: PRIORITY.ranked,
      text,
      fit: (budget) => (text.length <= budget ? { text } : { text: '', cut: 'the ranked context' }),
    };
  }
  const items = report.ranked.map(
    (file) =>
      `- ${codeSpan(file.path)}${file.reasons.length > 0 ? ` — ${file.reasons.map(reasonText).join('; ')}` : ''}`,
  );
  const title = `${heading} (${thousands(items.length)})\n`;
  const full = [title, ...items].join('\n');
  return {
    priority: PRIORITY.ranked,
    text: full,
    minimum: MINIMUM.ranked,
    fit: (budget) =>
      fitList(title, items, budget, (shown, total) =>
        shown === 0 ? 'the ranked context' : `the ranked context (${total - shown} of ${total})`,
      ),
  };
}

function explanationText(explanation: CiReportExplanation): string {
  const parts = [`#### Explanation (${codeSpan(explanation.model)})`, modelText(explanation.text)];
  const { fix } = explanation;
  if (fix) {
    const lines =
      fix.endLine < fix.startLine
        ? `before line ${fix.startLine}`
        : fix.endLine === fix.startLine
          ? `line ${fix.startLine}`
          : `lines ${fix.startLine}–${fix.endLine}`;
    parts.push(
      `**Suggested fix** in [${codeSpan(fix.path)}, ${lines}](${fix.url}): it matches exactly one place at the run's commit and passes \`git apply --check\`.`,
    );
    if (fix.explanation.trim()) parts.push(modelText(fix.explanation));
    parts.push(codeBlock(fix.diff, 'diff'));
  }
  if (explanation.rejectedFixes > 0)
    parts.push(
      `_${plural(explanation.rejectedFixes, 'proposed fix', 'proposed fixes')} did not pass validation and ${explanation.rejectedFixes === 1 ? 'is' : 'are'} not shown._`,
    );
  return parts.filter((part) => part.length > 0).join('\n\n');
}

function explanationSection(report: CiReport): Section {
  const heading = '#### Explanation';
  const text =
    'skipped' in report.explanation
      ? `${heading}\n\n_${report.explanation.skipped}_`
      : explanationText(report.explanation);
  return {
    priority: PRIORITY.explanation,
    text,
    // Kept whole in the first pass: only failures themselves matter more.
    minimum: text.length,
    fit(budget) {
      // Cut at a line boundary, outside any code fence it would leave open.
      let kept = '';
      let fence = '';
      let safe = '';
      for (const line of text.split('\n')) {
        const next = kept ? `${kept}\n${line}` : line;
        if (next.length > budget) break;
        kept = next;
        const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
        if (!fence && marker) fence = marker;
        else if (fence && marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker)
          fence = '';
        if (!fence) safe = kept;
      }
      return safe.length > heading.length
        ? { text: safe, cut: 'the end of the explanation' }
        : { text: '', cut: 'the explanation' };
    },
  };
}

function notesSection(notes: readonly string[]): Section {
  const items = notes.map((n) => `- ${n}`);
  return {
    priority: PRIORITY.notes,
    text: ['#### Notes\n', ...items].join('\n'),
    minimum: MINIMUM.notes,
    fit: (budget) =>
      fitList('#### Notes\n', items, budget, (shown, total) =>
        shown === 0 ? 'notes' : `notes (${total - shown} of ${total})`,
      ),
  };
}

function footer(runUrl: string | undefined, what: string): Section {
  const parts = ['revloop'];
  if (runUrl) parts.push(`[workflow run](${runUrl})`);
  parts.push(what);
  return { priority: 'fixed', text: `<sub>${parts.join(' · ')}</sub>`, fit: () => ({ text: '', cut: 'the footer' }) };
}

/**
 * The failed run's report as GitHub-flavoured markdown of at most `limit`
 * characters: the failures of each failed job with their project frames
 * linked at the run's commit and the code around them, the ranked context,
 * the explanation (or why there is none) and notes. Over the limit, the
 * ranked list goes first, then notes, the code, and failures from the end.
 */
export function renderCiMarkdown(
  report: CiReport,
  limit: number,
  options: Omit<TrimOptions, 'separator'> = {},
): string {
  const sections: Section[] = [headerSection(report)];
  for (const job of report.jobs) sections.push(jobSection(job));
  if (report.jobs.length === 0) {
    const text =
      '_No failed job was listed for this run: it failed before any job ran (an invalid workflow file, a missing runner, a required approval)._';
    sections.push({ priority: 'fixed', text, fit: () => ({ text: '', cut: 'the jobs' }) });
  }
  sections.push(explanationSection(report));
  sections.push(rankedSection(report));
  if (report.notes.length > 0) sections.push(notesSection(report.notes));
  sections.push(
    footer(
      report.revloopRunUrl,
      `updated in place on each failure of ${codeSpan(report.workflow)}, marked resolved when it passes`,
    ),
  );
  return fitToLimit(sections, limit, options);
}

/** What a later, passing run of the workflow says in place of the failures. */
export interface CiResolution {
  workflow: string;
  run: { number: number; attempt: number; url: string | undefined };
  commit: { sha: string; url: string };
  branch: string | undefined;
  revloopRunUrl: string | undefined;
}

/** The comment once the workflow passes again: short, with the passing run's link. */
export function renderCiResolvedMarkdown(resolution: CiResolution): string {
  const { run } = resolution;
  const link = run.url ? `[run #${run.number}](${run.url})` : `run #${run.number}`;
  const attempt = run.attempt > 1 ? ` (attempt ${run.attempt})` : '';
  const branch = resolution.branch ? ` on ${codeSpan(resolution.branch)}` : '';
  const commit = `[${codeSpan(resolution.commit.sha.slice(0, 7))}](${resolution.commit.url})`;
  return [
    `### revloop · ${escapeText(resolution.workflow)} — resolved ✅`,
    '',
    `${link}${attempt} of ${codeSpan(resolution.workflow)} passed at ${commit}${branch}. ` +
      "The failures reported here before are in this comment's edit history.",
    '',
    footer(resolution.revloopRunUrl, `updated in place on each failure of ${codeSpan(resolution.workflow)}`).text,
  ].join('\n');
}
