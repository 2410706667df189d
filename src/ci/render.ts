/**
 * Human-readable text of the failures in a log: each failure with its
 * project frames as `path:line`, and, when mapped to a repository, the
 * enclosing symbol and the code around the line.
 */
import type { MappedFailure, MappedFrame } from './map-frames.js';
import type { ParsedLog } from './parse-log.js';
import type { Frame, LocatedFailure } from './types.js';

function frameText(frame: Frame): string {
  const where =
    frame.line === null ? frame.path : `${frame.path}:${frame.line}${frame.column === null ? '' : `:${frame.column}`}`;
  return frame.function ? `${where}  in ${frame.function}` : `${where}`;
}

function header(failure: LocatedFailure, index: number): string[] {
  const lines = [`${index + 1}. ${failure.kind}${failure.test ? `  ${failure.test}` : ''}`];
  if (failure.message) lines.push(`   ${failure.message}`);
  lines.push(`   log line ${failure.logLine}${failure.step ? ` (step: ${failure.step})` : ''}`);
  return lines;
}

function externalNote(total: number, shown: number): string[] {
  const hidden = total - shown;
  return hidden > 0 ? [`   (${hidden} external frame${hidden === 1 ? '' : 's'} not shown)`] : [];
}

function summary(parsed: ParsedLog): string {
  const n = parsed.failures.length;
  const notes: string[] = [];
  if (parsed.omittedLines > 0)
    notes.push(`${parsed.omittedLines} of ${parsed.totalLines} lines not parsed (log over the size bound)`);
  if (parsed.droppedFailures > 0) notes.push(`${parsed.droppedFailures} more failures not shown`);
  return `${n === 0 ? 'no failures found' : `${n} failure${n === 1 ? '' : 's'}`} in ${parsed.totalLines} log lines${notes.length ? `; ${notes.join('; ')}` : ''}`;
}

/** The failures as parsed, without a repository. */
export function renderFailures(parsed: ParsedLog): string {
  const out: string[] = [summary(parsed)];
  parsed.failures.forEach((failure, i) => {
    out.push('', ...header(failure, i));
    const own = failure.frames.filter((f) => !f.external);
    for (const frame of own) out.push(`   ${frameText(frame)}`);
    out.push(...externalNote(failure.frames.length, own.length));
  });
  return `${out.join('\n')}\n`;
}

function mappedFrameLines(frame: MappedFrame): string[] {
  const symbol = frame.symbol ? `  ${frame.symbol.symbolKind} ${frame.symbol.id ?? frame.symbol.name}` : '';
  const out = [`   ${frame.resolved}:${frame.line ?? '?'}${symbol}`];
  const width = String(frame.snippet[frame.snippet.length - 1]?.line ?? 0).length;
  for (const { line, text } of frame.snippet)
    out.push(
      `     ${line === frame.line ? '>' : ' '} ${String(line).padStart(width)} | ${text.replace(/\t/g, '    ')}`,
    );
  return out;
}

/** The failures with their frames resolved in a repository. */
export function renderMappedFailures(parsed: ParsedLog, mapped: readonly MappedFailure<LocatedFailure>[]): string {
  const out: string[] = [summary(parsed)];
  mapped.forEach(({ failure, frames, projectFrames }, i) => {
    out.push('', ...header(failure, i));
    if (projectFrames.length === 0) out.push('   no frame in this repository');
    for (const frame of projectFrames) out.push(...mappedFrameLines(frame));
    out.push(...externalNote(frames.length, projectFrames.length));
  });
  return `${out.join('\n')}\n`;
}
