/**
 * Turns a raw CI job log into clean lines for the parsers: runner timestamps,
 * ANSI colours and `##[group]` / `##[endgroup]` / `##[error]` markers are
 * stripped, every kept line remembers its line number in the original log,
 * and huge logs are cut down to the windows around likely failures so the
 * parsers' work stays bounded.
 */

/** A `##[group]` section of a job log: a step (`Run npm test`) or a group a step printed. */
export interface LogGroup {
  name: string;
  /** Index into `lines` of the first line inside the group. */
  start: number;
  /** Index one past the last line inside the group. */
  end: number;
}

export interface NormalizedLog {
  /** Clean text of each kept line. */
  lines: string[];
  /** `origin[i]` is the 1-based line of `lines[i]` in the original log. */
  origin: number[];
  /** For each kept line, the name of the step it was printed in (null before any step header). */
  stepOf: (index: number) => string | null;
  /** Indices of lines that carried an `##[error]` marker. */
  errorLines: number[];
  /** Lines of the original log in all. */
  totalLines: number;
  /** Lines left out because the log was over the bound (0 for most logs). */
  omittedLines: number;
}

export interface NormalizeOptions {
  /** Over this many lines, only windows around likely failures are kept. */
  maxLines?: number;
  /** Longer lines are cut (a minified bundle or a data dump on one line). */
  maxLineChars?: number;
}

export const DEFAULT_MAX_LINES = 150_000;
const DEFAULT_MAX_LINE_CHARS = 8_000;
/** Lines kept before and after each anchor of a huge log. */
const WINDOW_BEFORE = 80;
const WINDOW_AFTER = 400;
/** The end of a log holds the summary and usually the failure: always kept. */
const TAIL_LINES = 3_000;

/** Stands between two kept windows so no parser joins lines across the gap. */
export const GAP_MARKER = '\u0000revloop: lines omitted';

const TIMESTAMP = /^\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?/;
// CSI sequences (colours, cursor movement), OSC sequences (hyperlinks,
// titles) and any other two-character escape.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-_]/g;
const MARKER = /^##\[(group|endgroup|error|warning|notice|debug|command|section)\]/;

/** Removes colours and runner framing from one line; exported for tests and for the redactor. */
export function cleanLine(raw: string): string {
  let text = raw;
  if (text.endsWith('\r')) text = text.slice(0, -1);
  const cr = text.lastIndexOf('\r');
  // A carriage return inside a line is a terminal overwrite (progress bars):
  // what a reader saw is the part after it.
  if (cr !== -1 && cr < text.length - 1) text = text.slice(cr + 1);
  text = text.replace(TIMESTAMP, '');
  if (text.includes('\u001b')) text = text.replace(ANSI, '');
  return text;
}

/**
 * Lines that open a failure report in some format. A huge log keeps the
 * windows around these first, newest first, then around the weaker
 * {@link WEAK_ANCHOR}s while budget is left, so a flood of ordinary lines
 * that mention "error" cannot push the real report out.
 */
const STRONG_ANCHOR =
  /Traceback \(most recent|^=+ (?:FAILURES|ERRORS) =+$|^(?:FAILED|ERROR) \S+::|^\s*● |^\s*FAIL\s|^\s*--- FAIL|^panic: |^fatal error: |panicked at|^goroutine \d+ \[|==\d+==ERROR|: runtime error: |Exception in thread|<<< (?:FAILURE|ERROR)!|^\s*\d+ failing$|^(?:Failures|failures):$|^error(?:\[E\d+\])?: |error TS\d+|: (?:fatal )?error: |Failed Tests \d+|^\s+\d+\) (?:Failure|Error):$/;
const WEAK_ANCHOR =
  /^\s*File ".+", line \d|^\s+at \S|Exception\b|Error\b|\berror\b|Caused by:|Failure\/Error|^\s*#\d+ 0x/;

export function normalizeLog(text: string, options: NormalizeOptions = {}): NormalizedLog {
  const maxLines = options.maxLines ?? DEFAULT_MAX_LINES;
  const maxLineChars = options.maxLineChars ?? DEFAULT_MAX_LINE_CHARS;
  const lines: string[] = [];
  const origin: number[] = [];
  const errorLines: number[] = [];
  // Step names change rarely: store (first kept index, name) pairs.
  const stepStarts: number[] = [];
  const stepNames: (string | null)[] = [];
  let currentStep: string | null = null;

  let lineNo = 0;
  let from = 0;
  while (from <= text.length) {
    let to = text.indexOf('\n', from);
    if (to === -1) to = text.length;
    lineNo++;
    let line = cleanLine(to - from > maxLineChars ? text.slice(from, from + maxLineChars) : text.slice(from, to));
    from = to + 1;
    const marker = MARKER.exec(line);
    if (marker) {
      const rest = line.slice(marker[0].length);
      if (marker[1] === 'endgroup') continue;
      if (marker[1] === 'group') {
        // Steps begin with a `Run …` group; other groups are output a step printed.
        if (rest.startsWith('Run ') || currentStep === null) {
          currentStep = rest;
          stepStarts.push(lines.length);
          stepNames.push(currentStep);
        }
        continue;
      }
      if (marker[1] === 'error') errorLines.push(lines.length);
      line = rest;
    }
    lines.push(line);
    origin.push(lineNo);
    if (to === text.length) break;
  }
  // A trailing newline makes no extra line.
  if (lines.length > 0 && lines[lines.length - 1] === '' && text.endsWith('\n')) {
    lines.pop();
    origin.pop();
  }
  const totalLines = text.endsWith('\n') ? lineNo - 1 : lineNo;

  const stepOf = (index: number): string | null => {
    let lo = 0;
    let hi = stepStarts.length - 1;
    let found: string | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (stepStarts[mid]! <= index) {
        found = stepNames[mid]!;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };

  if (lines.length <= maxLines) return { lines, origin, stepOf, errorLines, totalLines, omittedLines: 0 };
  return boundLog(lines, origin, errorLines, stepOf, totalLines, maxLines);
}

/**
 * Keeps the tail and windows around anchors, newest first, until the line
 * budget is spent; the kept windows are returned in log order with a gap
 * marker between them.
 */
function boundLog(
  lines: string[],
  origin: number[],
  errorLines: number[],
  stepOf: (index: number) => string | null,
  totalLines: number,
  maxLines: number,
): NormalizedLog {
  const keep = new Uint8Array(lines.length);
  let budget = maxLines;
  const mark = (from: number, to: number): void => {
    for (let i = Math.max(0, from); i < Math.min(lines.length, to) && budget > 0; i++) {
      if (keep[i]) continue;
      keep[i] = 1;
      budget--;
    }
  };
  mark(lines.length - Math.min(TAIL_LINES, Math.floor(maxLines / 4)), lines.length);
  for (const index of [...errorLines].reverse()) mark(index - WINDOW_BEFORE, index + 40);
  for (const anchor of [STRONG_ANCHOR, WEAK_ANCHOR]) {
    for (let i = lines.length - 1; i >= 0 && budget > 0; i--) {
      if (keep[i] || !anchor.test(lines[i]!)) continue;
      mark(i - WINDOW_BEFORE, i + WINDOW_AFTER);
      i -= WINDOW_BEFORE;
    }
  }
  const keptLines: string[] = [];
  const keptOrigin: number[] = [];
  const keptSteps: (string | null)[] = [];
  const keptErrors: number[] = [];
  const errorSet = new Set(errorLines);
  let omitted = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!keep[i]) {
      omitted++;
      continue;
    }
    if (i > 0 && !keep[i - 1]) {
      keptLines.push(GAP_MARKER);
      keptOrigin.push(origin[i - 1]!);
      keptSteps.push(stepOf(i - 1));
    }
    if (errorSet.has(i)) keptErrors.push(keptLines.length);
    keptLines.push(lines[i]!);
    keptOrigin.push(origin[i]!);
    keptSteps.push(stepOf(i));
  }
  return {
    lines: keptLines,
    origin: keptOrigin,
    stepOf: (index) => keptSteps[index] ?? null,
    errorLines: keptErrors,
    totalLines,
    omittedLines: omitted,
  };
}
