/**
 * The fallback when no format-specific parser found anything: lines that
 * carry a `path:line[:col]` location and an error word. Deliberately
 * narrow, so that it does not invent failures from ordinary output.
 */
import { frameAt, num } from '../frame-paths.js';
import { type Candidate, type LogParser, PRIORITY } from './candidate.js';

const LOCATION = /(?:^|[\s"'(])((?:[A-Za-z]:)?(?:[\w.@+-]+[/\\])*[\w.@+-]+\.[A-Za-z][\w]{0,7}):(\d+)(?::(\d+))?\b/;
const ERROR_WORD = /\b(?:error|failed|failure|fatal|exception|panic)\b/i;
/** URLs and host:port pairs look like `name.ext:123`. */
const NOT_A_FILE = /^(?:[\w-]+\.)+(?:com|org|net|io|dev|local|internal|localhost)$|^\d+\.\d+\.\d+\.\d+$/;

export const parseGenericLocations: LogParser = (lines) => {
  const out: Candidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!ERROR_WORD.test(line)) continue;
    const match = LOCATION.exec(line);
    if (!match || NOT_A_FILE.test(match[1]!) || /:\/\/\S*$/.test(line.slice(0, match.index + 1))) continue;
    const message = (line.slice(0, match.index) + line.slice(match.index + match[0].length))
      .replace(/^[\s:\-–]+|[\s:]+$/g, '')
      .replace(/^\s*-\s*/, '');
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
