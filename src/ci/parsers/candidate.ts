import type { Failure } from '../types.js';

/**
 * A failure one parser found, with the span of normalized lines it covers.
 * When spans of different parsers overlap, the higher `priority` wins: a
 * runner's report (pytest, jest, Surefire) knows more than the bare stack
 * trace inside it.
 */
export interface Candidate extends Failure {
  start: number;
  end: number;
  priority: number;
}

export type LogParser = (lines: readonly string[]) => Candidate[];

/** How specific a parser is; higher wins on overlapping spans. */
export const PRIORITY = {
  generic: 0,
  compiler: 1,
  trace: 2,
  runner: 3,
} as const;

/**
 * Interleaved output (another process's stdout, a log line) may sit between
 * two frames of one trace; a trace is broken only by more lines than this
 * with no frame after them.
 */
export const MAX_INTERLEAVED_LINES = 6;

/** Index of the next line within `limit` lines after `from` that `test` accepts, or -1. */
export function findAhead(
  lines: readonly string[],
  from: number,
  limit: number,
  test: (line: string) => boolean,
  stop?: (line: string) => boolean,
): number {
  for (let j = from; j < Math.min(lines.length, from + limit); j++) {
    const line = lines[j]!;
    if (test(line)) return j;
    if (stop?.(line)) return -1;
  }
  return -1;
}

/** The first line of a message, trimmed; an empty message stays empty. */
export function firstLine(text: string): string {
  const newline = text.indexOf('\n');
  return (newline === -1 ? text : text.slice(0, newline)).trim();
}
