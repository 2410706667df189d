/**
 * Python tracebacks (with chained "direct cause" / "during handling"
 * segments), unittest and Django test reports, and pytest's FAILURES and
 * ERRORS sections in long, short, auto and native styles.
 */
import { frameAt, num } from '../frame-paths.js';
import type { Frame } from '../types.js';
import { type Candidate, type LogParser, MAX_INTERLEAVED_LINES, PRIORITY, findAhead } from './candidate.js';

const TRACEBACK = /^(.*?)Traceback \(most recent call last\):\s*$/;
const FILE_LINE = /^\s*File "(.+)", line (\d+)(?:, in (.+?))?\s*$/;
const CHAIN =
  /^\s*(?:The above exception was the direct cause of the following exception:|During handling of the above exception, another exception occurred:)\s*$/;
/** `ValueError: bad`, `pkg.mod.CustomError`, `KeyboardInterrupt`. */
const EXCEPTION_LINE = /^([A-Za-z_][\w.]*)(?::(?:\s.*)?)?$/;
const EXCEPTION_NAME =
  /(?:Error|Exception|Exit|Interrupt|Warning|Failure|Iteration|Fault|Abort|Timeout|Group|NotFound)$/;

export interface PythonTrace {
  frames: Frame[];
  /** The exception line of the last segment (the exception that propagated). */
  message: string;
  /** Index of the last line of the trace. */
  end: number;
}

/** A bare word (`starting`) is program output; a dotted name, a `Name: text` line or an `…Error` is an exception. */
function exceptionLine(text: string): string | null {
  const match = EXCEPTION_LINE.exec(text);
  if (!match) return null;
  if (text.includes(':') || match[1]!.includes('.') || EXCEPTION_NAME.test(match[1]!)) return text.trim();
  return null;
}

/**
 * Reads a traceback whose `Traceback (most recent call last):` header is at
 * `start`, following chained segments. `prefix` is what stands before the
 * header on its line (pytest's `E   `, a logger's indentation) and is
 * removed from the lines after it.
 */
export function readTraceback(lines: readonly string[], start: number, stopAt = lines.length): PythonTrace | null {
  const header = TRACEBACK.exec(lines[start]!);
  if (!header) return null;
  const prefix = header[1]!;
  const strip = (line: string): string => (prefix && line.startsWith(prefix) ? line.slice(prefix.length) : line);
  const frames: Frame[] = [];
  let message = '';
  let end = start;
  let i = start + 1;
  segments: while (i < stopAt) {
    let noise = 0;
    let fallback: string | null = null;
    let segmentMessage: string | null = null;
    for (; i < stopAt; i++) {
      const line = strip(lines[i]!);
      const frame = FILE_LINE.exec(line);
      if (frame) {
        frames.push(pythonFrame(frame[1]!, num(frame[2]), frame[3] ?? null));
        noise = 0;
        end = i;
        continue;
      }
      // Source lines, carets and "[Previous line repeated N more times]" are indented.
      if (/^\s/.test(line) && line.trim() !== '') continue;
      if (line.trim() === '') {
        if (frames.length === 0) continue;
        noise++;
        continue;
      }
      // An unindented line: the exception, unless more frames follow it
      // (then it was output interleaved into the trace).
      const moreFrames = findAhead(
        lines,
        i + 1,
        MAX_INTERLEAVED_LINES,
        (next) => FILE_LINE.test(strip(next)),
        (next) => CHAIN.test(next) || TRACEBACK.test(next),
      );
      if (moreFrames !== -1) continue;
      const exception = exceptionLine(line);
      if (exception) {
        segmentMessage = exception;
        end = i;
        i++;
        break;
      }
      fallback ??= line.trim();
      if (++noise > MAX_INTERLEAVED_LINES) break;
    }
    if (segmentMessage === null && fallback !== null && frames.length > 0) segmentMessage = fallback;
    if (segmentMessage !== null) message = segmentMessage;
    // A chained segment: blank lines, the chain sentence, blank lines, a new header.
    const chain = findAhead(
      lines,
      i,
      3,
      (next) => CHAIN.test(strip(next)),
      (next) => strip(next).trim() !== '',
    );
    if (chain === -1) break;
    const next = findAhead(
      lines,
      chain + 1,
      3,
      (line) => TRACEBACK.test(line),
      (line) => line.trim() !== '',
    );
    if (next === -1) break;
    i = next + 1;
    continue segments;
  }
  if (frames.length === 0 && message === '') return null;
  return { frames, message, end };
}

export function pythonFrame(path: string, line: number | null, fn: string | null): Frame {
  return frameAt(path, line, null, fn);
}

const UNITTEST_HEADER = /^(?:ERROR|FAIL|UNEXPECTED SUCCESS): (.+?)\s*$/;

/** Bare tracebacks and unittest reports (`FAIL: test_x (pkg.Test.test_x)` above the traceback). */
export const parsePythonTracebacks: LogParser = (lines) => {
  const out: Candidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.includes('Traceback (most recent call last)')) continue;
    const trace = readTraceback(lines, i);
    if (!trace) continue;
    let test: string | null = null;
    let start = i;
    for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
      const header = UNITTEST_HEADER.exec(lines[j]!);
      if (header) {
        test = header[1]!;
        start = j;
        break;
      }
    }
    out.push({
      kind: test ? 'test-failure' : 'exception',
      message: trace.message,
      test,
      frames: trace.frames,
      start,
      end: trace.end,
      priority: PRIORITY.trace,
    });
    i = trace.end;
  }
  return out;
};

const SECTION = /^=+ (FAILURES|ERRORS) =+$/;
const SECTION_END = /^=+ .+ =+$/;
const TEST_HEADER = /^_{3,} (.+?) _{3,}$/;
const SHORT_LOCATION = /^(\S.*?):(\d+): in (\S.*?)\s*$/;
const LONG_LOCATION = /^([^\s:][^:]*\.\w+):(\d+):(?: ([A-Za-z_][\w.]*))?\s*$/;
const CAPTURED = /^-{3,} (?:Captured|Start of captured|End of captured) .*-{3,}$/;
const DEF_LINE = /^\s*>?\s*(?:async\s+)?def (\w+)\s*\(/;
const SUMMARY = /^(FAILED|ERROR) (.+?)(?: - (.*))?$/;

interface PytestBlock {
  name: string;
  frames: Frame[];
  message: string;
  start: number;
  end: number;
}

/** One `____ test_name ____` block of a FAILURES or ERRORS section. */
function readPytestBlock(lines: readonly string[], start: number, stop: number, name: string): PytestBlock {
  const frames: Frame[] = [];
  let end = start;
  let segmentMessage: string | null = null;
  let message = '';
  let exceptionName: string | null = null;
  let lastDef: string | null = null;
  for (let i = start + 1; i < stop; i++) {
    const line = lines[i]!;
    if (CAPTURED.test(line)) break;
    if (line.includes('Traceback (most recent call last)')) {
      const trace = readTraceback(lines, i, stop);
      if (trace) {
        frames.push(...trace.frames);
        if (trace.message) segmentMessage = trace.message.replace(/^E\s+/, '');
        end = trace.end;
        i = trace.end;
        continue;
      }
    }
    if (CHAIN.test(line)) {
      if (segmentMessage !== null) message = segmentMessage;
      segmentMessage = null;
      lastDef = null;
      continue;
    }
    const short = SHORT_LOCATION.exec(line);
    if (short) {
      frames.push(pythonFrame(short[1]!, num(short[2]), short[3]!));
      end = i;
      lastDef = null;
      continue;
    }
    const long = LONG_LOCATION.exec(line);
    if (long) {
      frames.push(pythonFrame(long[1]!, num(long[2]), lastDef));
      if (long[3]) exceptionName = long[3];
      end = i;
      lastDef = null;
      continue;
    }
    if (/^E\s/.test(line) || line === 'E') {
      if (segmentMessage === null) segmentMessage = line.slice(1).trim();
      end = i;
      continue;
    }
    const def = DEF_LINE.exec(line);
    if (def) lastDef = def[1]!;
    if (/^(?:_ )+_?\s*$/.test(line)) lastDef = null;
  }
  if (segmentMessage !== null) message = segmentMessage;
  if (!message && exceptionName) message = exceptionName;
  return { name, frames, message, start, end };
}

/** `TestGroup.test_method[1-2]` → `TestGroup::test_method[1-2]`, the tail of a node id. */
function headerAsNodeTail(name: string): string {
  const bracket = name.indexOf('[');
  const head = bracket === -1 ? name : name.slice(0, bracket);
  return head.replace(/\./g, '::') + (bracket === -1 ? '' : name.slice(bracket));
}

/** `ERROR at setup of test_x` → `test_x`; `ERROR collecting tests/x.py` → `tests/x.py`. */
function headerTestName(header: string): string {
  const match = /^ERROR (?:at (?:setup|teardown) of|collecting) (.+)$/.exec(header);
  return match ? match[1]! : header;
}

export const parsePytest: LogParser = (lines) => {
  const out: Candidate[] = [];
  const blocks: PytestBlock[] = [];
  const summary: { nodeId: string; message: string | null; line: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const summaryLine = SUMMARY.exec(line);
    if (summaryLine && (summaryLine[2]!.includes('::') || summaryLine[2]!.endsWith('.py'))) {
      summary.push({ nodeId: summaryLine[2]!.trim(), message: summaryLine[3] ?? null, line: i });
      continue;
    }
    if (!SECTION.test(line)) continue;
    let sectionEnd = i + 1;
    while (sectionEnd < lines.length && !SECTION_END.test(lines[sectionEnd]!)) sectionEnd++;
    const headers: number[] = [];
    for (let j = i + 1; j < sectionEnd; j++) if (TEST_HEADER.test(lines[j]!)) headers.push(j);
    headers.forEach((h, k) => {
      const stop = headers[k + 1] ?? sectionEnd;
      blocks.push(readPytestBlock(lines, h, stop, TEST_HEADER.exec(lines[h]!)![1]!));
    });
    i = sectionEnd - 1;
  }
  const usedSummary = new Set<number>();
  for (const block of blocks) {
    const name = headerTestName(block.name);
    const tail = headerAsNodeTail(name);
    const match = summary.findIndex(
      (s, k) => !usedSummary.has(k) && (s.nodeId === name || s.nodeId.endsWith(`::${tail}`)),
    );
    let test = name;
    let message = block.message;
    if (match !== -1) {
      usedSummary.add(match);
      test = summary[match]!.nodeId;
      if (!message && summary[match]!.message) message = summary[match]!.message!;
    }
    out.push({
      kind: 'test-failure',
      message,
      test,
      frames: block.frames,
      start: block.start,
      end: Math.max(block.end, block.start),
      priority: PRIORITY.runner,
    });
  }
  // Summary lines without a section (`--tb=no`, or sections cut from the log).
  summary.forEach((s, k) => {
    if (usedSummary.has(k) || blocks.length > 0) return;
    out.push({
      kind: 'test-failure',
      message: s.message ?? '',
      test: s.nodeId,
      frames: [],
      start: s.line,
      end: s.line,
      priority: PRIORITY.runner,
    });
  });
  return out;
};
