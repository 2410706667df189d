/**
 * The fallback when no format-specific parser found anything: lines that
 * carry a `path:line[:col]` location and an error word. Deliberately
 * narrow, so that it does not invent failures from ordinary output.
 */
import { frameAt, num } from '../frame-paths.js';
import { type Candidate, type LogParser, PRIORITY } from './candidate.js';

const FILE = String.raw`((?:[A-Za-z]:)?(?:[\w.@+-]+[/\\])*[\w.@+-]+\.[A-Za-z]\w{0,7}):(\d+)(?::(\d+))?`;
const SEVERITY = String.raw`(?:(?:fatal )?error|ERROR|Error|FATAL|FAIL(?:ED|URE)?|failed|failure)`;
/** `file:1:2: error: …`, `file:1 ERROR …`: the severity right after the location. */
const LOCATION_THEN_SEVERITY = new RegExp(String.raw`(?:^|[\s"'(])${FILE}\b\s*[:\-–]?\s*${SEVERITY}\b[:\]]?\s*(.*)$`);
/** `ERROR file:1: …`, `[error] file:1:2 …`: the severity right before it. */
const SEVERITY_THEN_LOCATION = new RegExp(String.raw`(?:^|[\s\[])${SEVERITY}\]?:?\s+${FILE}\b[:\s]*(.*)$`);
/** URLs and host:port pairs look like `name.ext:123`. */
const NOT_A_FILE = /^(?:[\w-]+\.)+(?:com|org|net|io|dev|local|internal|localhost)$|^\d+\.\d+\.\d+\.\d+$/;

const MAX_LINE = 1_000;

export const parseGenericLocations: LogParser = (lines) => {
  const out: Candidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // Cheap tests first: the location patterns backtrack on long lines.
    if (line.length > MAX_LINE || !/:\d/.test(line) || !/error|fatal|fail/i.test(line)) continue;
    const match = LOCATION_THEN_SEVERITY.exec(line) ?? SEVERITY_THEN_LOCATION.exec(line);
    if (!match || NOT_A_FILE.test(match[1]!)) continue;
    const message = match[4]!.trim();
    out.push({
      kind: 'error',
      message,
      test: null,
      frames: [frameAt(match[1]!, num(match[2]), num(match[3]), null)],
      start: i,
      end: i,
      priority: PRIORITY.generic,
    });
  }
  return out;
};
