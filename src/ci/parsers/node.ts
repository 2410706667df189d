/**
 * JavaScript and TypeScript at run time: bare V8 stacks (uncaught errors,
 * `[cause]` chains) and the reports of jest, vitest and mocha.
 */
import { frameAt, num } from '../frame-paths.js';
import type { Frame, FailureKind } from '../types.js';
import { type Candidate, type LogParser, MAX_INTERLEAVED_LINES, PRIORITY, findAhead } from './candidate.js';

/** `    at fn (loc)`, `    at async fn (loc)`, `    at loc`. */
const V8_FRAME = /^\s*at (?:async )?(?:(.+?) \((.+)\)|(\S+))\s*$/;
const V8_LOCATION = /^(.*?):(\d+)(?::(\d+))?$/;
const CAUSE = /^\s*\[cause\]: (.*)$|^\s*Caused by: (.*)$/;
const HEADER =
  /^\s*(?:Uncaught |Error thrown: )?((?:[\w$.]*(?:Error|Exception|Failure|Rejection)|Error|AssertionError)(?: \[[\w-]+\])?(?::(?: .*)?)?)\s*$/;
const SPEC_TITLE = /^\s*✖ (.+?) \([\d.]+m?s\)\s*$/;
const CONSOLE_HEADER = /^\s*console\.(?:log|info|warn|error|debug|trace)\b/;

/** One V8 frame line, or null when the line is not one. Java's `at a.B.c(B.java:1)` is not. */
export function v8Frame(line: string): Frame | null {
  const match = V8_FRAME.exec(line);
  if (!match) return null;
  const fn = match[1] ?? null;
  const where = (match[2] ?? match[3])!;
  const location = V8_LOCATION.exec(where);
  if (!location) {
    // `at Array.reduce (<anonymous>)`, `at Promise.all (index 0)`, `at native`.
    if (match[3] !== undefined) return null;
    return frameAt(null, null, null, fn);
  }
  if (match[3] !== undefined && location[3] === undefined) return null;
  return frameAt(location[1]!, num(location[2]), num(location[3]), fn);
}

function isV8Frame(line: string): boolean {
  return v8Frame(line) !== null;
}

interface V8Stack {
  frames: Frame[];
  end: number;
}

/**
 * Reads frames from `start` on: `[cause]` segments join the stack, lines
 * between frames are skipped while another frame follows soon enough.
 */
function readV8Stack(lines: readonly string[], start: number, stop = lines.length): V8Stack {
  const frames: Frame[] = [];
  let end = start;
  for (let i = start; i < stop; i++) {
    const line = lines[i]!;
    const frame = v8Frame(line);
    if (frame) {
      frames.push(frame);
      end = i;
      continue;
    }
    if (CAUSE.test(line) || /^\s*\.\.\. \d+ lines? matching cause stack trace \.\.\.$/.test(line)) continue;
    // Output interleaved into the stack is skipped; a new error line ends it.
    if (HEADER.test(line)) break;
    const next = findAhead(lines, i + 1, MAX_INTERLEAVED_LINES, isV8Frame, (l) => HEADER.test(l));
    if (next === -1) break;
    i = next - 1;
  }
  return { frames, end };
}

/** The error line above a stack: `TypeError: x`, `AssertionError [ERR_ASSERTION]: …`. */
function findHeader(
  lines: readonly string[],
  frameIndex: number,
  floor: number,
): { index: number; text: string } | null {
  for (let j = frameIndex - 1; j >= Math.max(floor, frameIndex - 40); j--) {
    const line = lines[j]!;
    if (CONSOLE_HEADER.test(line)) return null;
    const match = HEADER.exec(line);
    if (match) return { index: j, text: match[1]!.trim() };
  }
  return null;
}

function kindOf(message: string, fallback: FailureKind): FailureKind {
  return /\btimed? ?out\b|Timeout of \d+ ?ms exceeded|Exceeded timeout of/i.test(message) ? 'timeout' : fallback;
}

/** Uncaught errors and other bare stacks with an error line above them. */
export const parseV8Stacks: LogParser = (lines) => {
  const out: Candidate[] = [];
  let floor = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.includes('at ') || !isV8Frame(lines[i]!)) continue;
    const header = findHeader(lines, i, floor);
    const stack = readV8Stack(lines, i);
    floor = stack.end + 1;
    if (header) {
      // node --test's spec reporter names the test on the line above the error.
      const title = header.index > 0 ? SPEC_TITLE.exec(lines[header.index - 1]!) : null;
      out.push({
        kind: kindOf(header.text, title ? 'test-failure' : 'exception'),
        message: header.text,
        test: title ? title[1]! : null,
        frames: stack.frames,
        start: header.index,
        end: stack.end,
        priority: PRIORITY.trace,
      });
    }
    i = stack.end;
  }
  return out;
};

/** The first line with text after `from`, trimmed. */
function nextText(lines: readonly string[], from: number, stop: number): string {
  for (let j = from; j < stop; j++) {
    const text = lines[j]!.trim();
    if (text) return text;
  }
  return '';
}

const JEST_HEADER = /^\s*● (.+?)\s*$/;
const JEST_END = /^(?:PASS|FAIL) \S|^Test Suites:|^Summary of all failing tests|^\s*● /;

export const parseJest: LogParser = (lines) => {
  const out: Candidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header = JEST_HEADER.exec(lines[i]!);
    if (!header || header[1] === 'Console') continue;
    let stop = i + 1;
    while (stop < lines.length && !JEST_END.test(lines[stop]!)) stop++;
    const name = header[1]!;
    const suite = name === 'Test suite failed to run';
    const message = nextText(lines, i + 1, stop);
    const frames: Frame[] = [];
    let end = i;
    for (let j = i + 1; j < stop; j++) {
      const frame = v8Frame(lines[j]!);
      if (frame) {
        frames.push(frame);
        end = j;
      }
    }
    out.push({
      kind: kindOf(message, suite ? 'exception' : 'test-failure'),
      message,
      test: suite ? null : name,
      frames,
      start: i,
      end: Math.max(end, i),
      priority: PRIORITY.runner,
    });
    i = stop - 1;
  }
  return out;
};

const VITEST_HEADER = /^\s*FAIL\s+(\S.*?)\s*$/;
const VITEST_FRAME = /^\s*❯ (?:(.+) )?(\S+?):(\d+):(\d+)\s*$/;
const VITEST_END = /⎯{3,}|^\s*FAIL\s|^\s*Test Files\s/;
const VITEST_SECTION = /Failed (?:Tests|Suites) \d+/;

function vitestFrame(line: string): Frame | null {
  const match = VITEST_FRAME.exec(line);
  if (!match) return null;
  return frameAt(match[2]!, num(match[3]), num(match[4]), match[1] ?? null);
}

export const parseVitest: LogParser = (lines) => {
  const out: Candidate[] = [];
  let inSection = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (VITEST_SECTION.test(line)) {
      inSection = true;
      continue;
    }
    if (/^\s*Test Files\s/.test(line)) inSection = false;
    const header = VITEST_HEADER.exec(line);
    // Outside the failure section, `FAIL  file > test` is a progress line;
    // older vitest prints no section header, but always the ` > ` path.
    if (!header || (!inSection && !header[1]!.includes(' > '))) continue;
    let stop = i + 1;
    while (stop < lines.length && !VITEST_END.test(lines[stop]!)) stop++;
    const suite = / \[ .+ \]$/.test(header[1]!);
    const message = nextText(lines, i + 1, stop);
    const frames: Frame[] = [];
    let end = i;
    for (let j = i + 1; j < stop; j++) {
      const frame = vitestFrame(lines[j]!) ?? v8Frame(lines[j]!);
      if (frame) {
        frames.push(frame);
        end = j;
      }
    }
    out.push({
      kind: kindOf(message, suite ? 'exception' : 'test-failure'),
      message,
      test: suite ? null : header[1]!,
      frames,
      start: i,
      end: Math.max(end, i),
      priority: PRIORITY.runner,
    });
    i = stop - 1;
  }
  return out;
};

const MOCHA_FAILING = /^\s*\d+ failing\b/;
const MOCHA_HEADER = /^\s{0,6}(\d+)\) (.+?)\s*$/;

export const parseMocha: LogParser = (lines) => {
  const out: Candidate[] = [];
  let inFailures = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (MOCHA_FAILING.test(line)) {
      inFailures = true;
      continue;
    }
    if (!inFailures) continue;
    const header = MOCHA_HEADER.exec(line);
    if (!header) continue;
    // The title: the header's text and the indented lines below it, the last ending in ":".
    const parts: string[] = [];
    let j = i;
    let text = header[2]!;
    while (true) {
      if (text.endsWith(':')) {
        parts.push(text.slice(0, -1));
        break;
      }
      parts.push(text);
      j++;
      if (j >= lines.length || j > i + 12 || lines[j]!.trim() === '') break;
      text = lines[j]!.trim();
    }
    let stop = j + 1;
    while (stop < lines.length && !MOCHA_HEADER.test(lines[stop]!)) stop++;
    const message = nextText(lines, j + 1, stop);
    const first = findAhead(lines, j + 1, stop - j - 1, isV8Frame);
    const stack = first === -1 ? { frames: [], end: j } : readV8Stack(lines, first, stop);
    out.push({
      kind: kindOf(message, 'test-failure'),
      message,
      test: parts.join(' '),
      frames: stack.frames,
      start: i,
      end: stack.end,
      priority: PRIORITY.runner,
    });
    i = Math.max(stack.end, j);
  }
  return out;
};

const TAP_NOT_OK = /^(\s*)not ok \d+ - (.+?)(?: # (?:SKIP|TODO)\b.*)?\s*$/;
const YAML_KEY = /^(\s*)([\w-]+):(?: (.*))?$/;
/** Failures of node --test that are reported through their subtests or the run's end, not on their own. */
const TAP_NOT_OWN = new Set(['subtestsFailed', 'cancelledByParent']);

function yamlScalar(text: string): string {
  const quoted = /^'(.*)'$/.exec(text) ?? /^"(.*)"$/.exec(text);
  return quoted ? quoted[1]!.replace(/''/g, "'") : text;
}

/**
 * node --test in TAP (its reporter when output is not a terminal in Node 20
 * and 22): `not ok N - title` with a YAML block holding `error`, `name` and a
 * `stack` whose lines lack V8's `at `.
 */
export const parseNodeTap: LogParser = (lines) => {
  const out: Candidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = TAP_NOT_OK.exec(lines[i]!);
    if (!head || lines[i + 1]?.trim() !== '---') continue;
    const fields = new Map<string, string[]>();
    let key: string | null = null;
    let keyIndent = 0;
    let end = i + 1;
    for (let j = i + 2; j < lines.length; j++) {
      const line = lines[j]!;
      end = j;
      if (line.trim() === '...') break;
      const field = YAML_KEY.exec(line);
      if (field && (key === null || field[1]!.length <= keyIndent)) {
        key = field[2]!;
        keyIndent = field[1]!.length;
        const value = field[3] ?? '';
        fields.set(key, /^[|>][-+]?$/.test(value) ? [] : [yamlScalar(value)]);
        continue;
      }
      if (key !== null) fields.get(key)!.push(line.trim());
    }
    const failureType = fields.get('failureType')?.[0];
    if (failureType && TAP_NOT_OWN.has(failureType)) {
      i = end;
      continue;
    }
    const error = (fields.get('error') ?? []).find((l) => l !== '') ?? '';
    const name = fields.get('name')?.[0];
    const message = name && !error.startsWith(name) ? `${name}: ${error}` : error;
    const frames: Frame[] = [];
    for (const line of fields.get('stack') ?? []) {
      const frame = v8Frame(`at ${line}`);
      if (frame) frames.push(frame);
    }
    out.push({
      kind: kindOf(message, 'test-failure'),
      message,
      test: head[2]!,
      frames,
      start: i,
      end,
      priority: PRIORITY.runner,
    });
    i = end;
  }
  return out;
};
