/**
 * A CI log → the failures in it: normalization, every format's parser, and
 * the rules that pick one reading where parsers disagree. Pure: the text in,
 * plain data out, so the CLI, the Action and the benchmark share it.
 */
import { normalizeLog, type NormalizeOptions } from './normalize.js';
import type { Candidate, LogParser } from './parsers/candidate.js';
import { parseCompilerErrors } from './parsers/compilers.js';
import { parseDartErrors, parseDartTest } from './parsers/dart.js';
import { parseElixirErrors, parseExUnit } from './parsers/elixir.js';
import { parseGenericLocations } from './parsers/generic.js';
import { parseGo } from './parsers/go.js';
import { parseJvmTraces } from './parsers/java.js';
import { parseBusted, parseBustedTap, parseLuaErrors, parsePlenary } from './parsers/lua.js';
import { parseJest, parseMocha, parseNodeTap, parseV8Stacks, parseVitest } from './parsers/node.js';
import { parsePytest, parsePythonTracebacks } from './parsers/python.js';
import { parseMinitest, parseRspec, parseRubyExceptions } from './parsers/ruby.js';
import { parseRust } from './parsers/rust.js';
import { parseSanitizers } from './parsers/sanitizer.js';
import type { Failure, Frame, LocatedFailure } from './types.js';

export interface ParseLogOptions extends NormalizeOptions {
  /** At most this many failures are returned (the first ones in the log). */
  maxFailures?: number;
}

export interface ParsedLog {
  failures: LocatedFailure[];
  /** Lines in the original log. */
  totalLines: number;
  /** Lines not parsed because the log was over the size bound. */
  omittedLines: number;
  /** Failures found beyond `maxFailures` and left out. */
  droppedFailures: number;
}

export const DEFAULT_MAX_FAILURES = 200;
const MAX_MESSAGE_CHARS = 1_000;

/** Every format-specific parser; the order breaks ties between equal priorities. */
const PARSERS: readonly LogParser[] = [
  parsePytest,
  parsePythonTracebacks,
  parseJest,
  parseVitest,
  parseMocha,
  parseNodeTap,
  parseV8Stacks,
  parseJvmTraces,
  parseGo,
  parseRust,
  parseRspec,
  parseMinitest,
  parseRubyExceptions,
  parseExUnit,
  parseElixirErrors,
  parseDartTest,
  parseDartErrors,
  parseBusted,
  parseBustedTap,
  parsePlenary,
  parseLuaErrors,
  parseSanitizers,
  parseCompilerErrors,
];

const JOB_TIMEOUT =
  /has exceeded the maximum execution time of|has timed out\b|The job was canceled because .* timed out/;
const EXIT_CODE = /^Process completed with exit code \d+\.?$/;
const TIMEOUT_MESSAGE =
  /\btimed out after\b|\bTimeout of \d+ ?ms exceeded\b|\bExceeded timeout of\b|^Failed: Timeout >|\bTimeoutError\b/;

interface Tagged extends Candidate {
  parser: number;
}

function overlaps(a: Candidate, b: Candidate): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/**
 * Where two parsers read the same lines, the more specific reading wins
 * (a pytest block over the bare traceback inside it); readings of one
 * parser never exclude each other.
 */
function resolveOverlaps(candidates: Tagged[]): Tagged[] {
  const ordered = [...candidates].sort((a, b) => b.priority - a.priority || a.parser - b.parser || a.start - b.start);
  const accepted: Tagged[] = [];
  for (const candidate of ordered) {
    if (accepted.some((kept) => kept.parser !== candidate.parser && overlaps(kept, candidate))) continue;
    accepted.push(candidate);
  }
  return accepted;
}

function identity(failure: Failure): string {
  return JSON.stringify([
    failure.kind,
    failure.message,
    failure.test,
    failure.frames.map((f) => [f.path, f.line, f.column, f.function]),
  ]);
}

export function parseLog(text: string, options: ParseLogOptions = {}): ParsedLog {
  const log = normalizeLog(text, options);
  const { lines } = log;
  let candidates: Tagged[] = [];
  PARSERS.forEach((parser, index) => {
    for (const candidate of parser(lines)) candidates.push({ ...candidate, parser: index });
  });
  candidates = resolveOverlaps(candidates);
  if (candidates.length === 0)
    candidates = parseGenericLocations(lines).map((candidate) => ({ ...candidate, parser: PARSERS.length }));

  // GitHub's own annotations: a job timeout always counts; other `##[error]`
  // lines only when nothing else explains the failure.
  for (const index of log.errorLines) {
    const message = lines[index]!.trim();
    const timeout = JOB_TIMEOUT.test(message);
    if (!timeout && (candidates.length > 0 || EXIT_CODE.test(message) || message === '')) continue;
    candidates.push({
      kind: timeout ? 'timeout' : 'error',
      message,
      test: null,
      frames: [],
      start: index,
      end: index,
      priority: 0,
      parser: PARSERS.length + 1,
    });
  }

  candidates.sort((a, b) => a.start - b.start || a.end - b.end || a.parser - b.parser);
  const seen = new Set<string>();
  const failures: LocatedFailure[] = [];
  let dropped = 0;
  const maxFailures = options.maxFailures ?? DEFAULT_MAX_FAILURES;
  for (const candidate of candidates) {
    let message = candidate.message.trim();
    if (message.length > MAX_MESSAGE_CHARS) message = `${message.slice(0, MAX_MESSAGE_CHARS)}…`;
    const failure: LocatedFailure = {
      kind: candidate.kind !== 'timeout' && TIMEOUT_MESSAGE.test(message) ? 'timeout' : candidate.kind,
      message,
      test: candidate.test,
      frames: candidate.frames,
      logLine: log.origin[candidate.start] ?? 0,
      logEndLine: log.origin[candidate.end] ?? 0,
      step: log.stepOf(candidate.start),
    };
    if (candidate.relatedStacks) failure.relatedStacks = candidate.relatedStacks;
    const key = identity(failure);
    if (seen.has(key)) continue;
    seen.add(key);
    if (failures.length >= maxFailures) {
      dropped++;
      continue;
    }
    failures.push(failure);
  }
  return { failures, totalLines: log.totalLines, omittedLines: log.omittedLines, droppedFailures: dropped };
}

function frameJson(frame: Frame): Frame {
  return {
    path: frame.path,
    line: frame.line,
    column: frame.column,
    function: frame.function,
    external: frame.external,
  };
}

/** The JSON contract of `revloop explain-ci --json`: the documented fields only, in a fixed order. */
export function failureToJson(failure: Failure): Failure {
  const json: Failure = {
    kind: failure.kind,
    message: failure.message,
    test: failure.test,
    frames: failure.frames.map(frameJson),
  };
  if (failure.relatedStacks && failure.relatedStacks.length > 0)
    json.relatedStacks = failure.relatedStacks.map((stack) => ({
      label: stack.label,
      frames: stack.frames.map(frameJson),
    }));
  return json;
}
