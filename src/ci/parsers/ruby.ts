/**
 * Ruby: uncaught exceptions (`file:1:in 'm': message (Class)` and `from`
 * lines, backtick and Ruby 3.4 quoting), RSpec's `Failures:` section and
 * Minitest's `Failure:` / `Error:` reports.
 */
import { frameAt, num } from '../frame-paths.js';
import type { Frame } from '../types.js';
import { type Candidate, type LogParser, PRIORITY } from './candidate.js';

const QUOTED = String.raw`[\`'](.+?)'`;
const UNCAUGHT = new RegExp(String.raw`^(\S.*?):(\d+):in ${QUOTED}: (.*) \(([\w:]+)\)\s*$`);
const FROM = new RegExp(String.raw`^\s+from (.+?):(\d+):in ${QUOTED}\s*$`);
const RSPEC_FRAME = new RegExp(String.raw`^\s*# (.+?):(\d+)(?::in ${QUOTED})?\s*$`);
const RSPEC_HEADER = /^\s{0,4}(\d+)\) (.+?)\s*$/;
const MINITEST_HEADER = /^\s*\d+\) (Failure|Error):\s*$/;
const MINITEST_TEST = /^(\S+#\S+?)(?: \[(.+?):(\d+)\])?:\s*$/;
const MINITEST_FRAME = new RegExp(String.raw`^\s+(.+?):(\d+):in ${QUOTED}\s*$`);

function rubyFrame(path: string, line: string | undefined, fn: string | undefined): Frame {
  return frameAt(path, num(line), null, fn ?? null);
}

export const parseRubyExceptions: LogParser = (lines) => {
  const out: Candidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = UNCAUGHT.exec(lines[i]!);
    if (!head) continue;
    const frames = [rubyFrame(head[1]!, head[2], head[3])];
    let end = i;
    for (let j = i + 1; j < lines.length; j++) {
      const from = FROM.exec(lines[j]!);
      if (!from) break;
      frames.push(rubyFrame(from[1]!, from[2], from[3]));
      end = j;
    }
    out.push({
      kind: 'exception',
      message: `${head[5]}: ${head[4]}`,
      test: null,
      frames,
      start: i,
      end,
      priority: PRIORITY.trace,
    });
    i = end;
  }
  return out;
};

export const parseRspec: LogParser = (lines) => {
  const out: Candidate[] = [];
  let inFailures = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^Failures:\s*$/.test(line)) {
      inFailures = true;
      continue;
    }
    if (/^(?:Finished in |Failed examples:|\d+ examples?, )/.test(line)) inFailures = false;
    if (!inFailures) continue;
    const header = RSPEC_HEADER.exec(line);
    if (!header) continue;
    let stop = i + 1;
    while (
      stop < lines.length &&
      !RSPEC_HEADER.test(lines[stop]!) &&
      !/^(?:Finished in |Failed examples:)/.test(lines[stop]!)
    )
      stop++;
    const frames: Frame[] = [];
    const body: string[] = [];
    let end = i;
    for (let j = i + 1; j < stop; j++) {
      const frame = RSPEC_FRAME.exec(lines[j]!);
      if (frame) {
        frames.push(rubyFrame(frame[1]!, frame[2], frame[3]));
        end = j;
        continue;
      }
      const text = lines[j]!.trim();
      if (text && !text.startsWith('Failure/Error:') && frames.length === 0) body.push(text);
    }
    // `KeyError:` on one line and its message on the next read as one.
    let message = body[0] ?? '';
    if (/^[A-Z][\w:]*:$/.test(message) && body[1]) message = `${message} ${body[1]}`;
    out.push({
      kind: 'test-failure',
      message,
      test: header[2]!,
      frames,
      start: i,
      end: Math.max(end, i),
      priority: PRIORITY.runner,
    });
    i = stop - 1;
  }
  return out;
};

export const parseMinitest: LogParser = (lines) => {
  const out: Candidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!MINITEST_HEADER.test(lines[i]!)) continue;
    const testLine = MINITEST_TEST.exec(lines[i + 1] ?? '');
    if (!testLine) continue;
    const frames: Frame[] = [];
    if (testLine[2]) frames.push(rubyFrame(testLine[2], testLine[3], undefined));
    const message = (lines[i + 2] ?? '').trim();
    let end = i + 2;
    for (let j = i + 3; j < lines.length; j++) {
      const frame = MINITEST_FRAME.exec(lines[j]!);
      if (!frame) {
        if (lines[j]!.trim() === '' || MINITEST_HEADER.test(lines[j]!)) break;
        continue;
      }
      frames.push(rubyFrame(frame[1]!, frame[2], frame[3]));
      end = j;
    }
    out.push({
      kind: 'test-failure',
      message,
      test: testLine[1]!,
      frames,
      start: i,
      end,
      priority: PRIORITY.runner,
    });
    i = end;
  }
  return out;
};
