/**
 * Rust: panics in the old (`panicked at 'msg', src/x.rs:1:2`) and new
 * (`panicked at src/x.rs:1:2:` + message) formats, with and without
 * `stack backtrace:`, inside `cargo test` reports or on their own; and
 * rustc / clippy errors (`error[E0308]: …` + ` --> src/x.rs:1:2`).
 */
import { frameAt, num } from '../frame-paths.js';
import type { Frame } from '../types.js';
import { type Candidate, type LogParser, PRIORITY, findAhead } from './candidate.js';

const PANIC_NEW = /^\s*thread '([^']*)'(?: \(\d+\))? panicked at (.+?):(\d+):(\d+):\s*$/;
const PANIC_OLD = /^\s*thread '([^']*)'(?: \(\d+\))? panicked at '(.*)$/;
const PANIC_OLD_END = /^(.*)', (.+?):(\d+):(\d+)\s*$/;
const BACKTRACE = /^stack backtrace:\s*$/;
const BT_FUNCTION = /^\s*(\d+):\s+(?:0x[0-9a-f]+ - )?(.+?)\s*$/;
/** An inlined frame: a function line without an index, printed between numbered ones. */
const BT_INLINED = /^\s+(?:- )?((?:<|[A-Za-z_])[^\s].*?)\s*$/;
const BT_LOCATION = /^\s+at (.+?):(\d+)(?::(\d+))?\s*$/;
const TEST_HEADER = /^---- (.+?) stdout ----\s*$/;
const COMPILE_ERROR = /^error(?:\[(E\d+)\])?: (.*?)\s*$/;
const ARROW = /^\s*--> (.+?):(\d+):(\d+)\s*$/;

// The standard library by crate name (with the `[hash]` disambiguator newer
// backtraces print). Not `test::`: libtest's frames carry /rustc/ paths, and
// an integration test file named tests/test.rs is a crate called `test` too.
const RUST_RUNTIME =
  /^(?:(?:std|core|alloc|proc_macro)(?:\[[0-9a-f]+\])?::|__rust|rust_begin_unwind|_start|__libc_start|<(?:alloc|core|std)(?:\[[0-9a-f]+\])?::|<fn\(|<F as )/;

function rustFunction(name: string): string {
  // Drop the hash suffix of unmangled symbols: `app::main::h1a2b3c4d`.
  return name.replace(/::h[0-9a-f]{16}$/, '');
}

function readBacktrace(lines: readonly string[], start: number): { frames: Frame[]; end: number } {
  const frames: Frame[] = [];
  let end = start;
  let fn: string | null = null;
  let fnHasFrame = false;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const location = BT_LOCATION.exec(line);
    if (location && fn !== null) {
      frames.push(frameAt(location[1]!, num(location[2]), num(location[3]), fn, RUST_RUNTIME.test(fn)));
      fnHasFrame = true;
      end = i;
      continue;
    }
    const named = BT_FUNCTION.exec(line) ?? (fn !== null && !/^\s+at /.test(line) ? BT_INLINED.exec(line) : null);
    if (named) {
      if (fn !== null && !fnHasFrame) frames.push(frameAt(null, null, null, fn, true));
      fn = rustFunction(named[named.length - 1]!);
      fnHasFrame = false;
      end = i;
      continue;
    }
    break;
  }
  if (fn !== null && !fnHasFrame) frames.push(frameAt(null, null, null, fn, true));
  return { frames, end };
}

export const parseRust: LogParser = (lines) => {
  const out: Candidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('error')) {
      const error = COMPILE_ERROR.exec(line);
      const arrow = error
        ? findAhead(
            lines,
            i + 1,
            3,
            (l) => ARROW.test(l),
            (l) => !/^\s/.test(l),
          )
        : -1;
      if (error && arrow !== -1) {
        const where = ARROW.exec(lines[arrow]!)!;
        out.push({
          kind: 'compile-error',
          message: error[2]!,
          test: null,
          frames: [frameAt(where[1]!, num(where[2]), num(where[3]), null)],
          start: i,
          end: arrow,
          priority: PRIORITY.compiler,
        });
        i = arrow;
      }
      continue;
    }
    if (!line.includes('thread ')) continue;
    let thread: string;
    let message: string;
    let location: Frame;
    let end = i;
    const modern = PANIC_NEW.exec(line);
    if (modern) {
      thread = modern[1]!;
      message = (lines[i + 1] ?? '').trim();
      location = frameAt(modern[2]!, num(modern[3]), num(modern[4]), null);
      end = i + 1;
    } else {
      const old = PANIC_OLD.exec(line);
      if (!old) continue;
      thread = old[1]!;
      // The old message is quoted and may span lines; the location closes it.
      const close = findAhead(lines, i, 50, (l) => PANIC_OLD_END.test(l));
      if (close === -1) continue;
      const closing = PANIC_OLD_END.exec(lines[close]!)!;
      message = close === i ? (PANIC_OLD_END.exec(old[2]!)?.[1] ?? closing[1]!) : old[2]!;
      location = frameAt(closing[2]!, num(closing[3]), num(closing[4]), null);
      end = close;
    }
    let frames = [location];
    const backtrace = findAhead(
      lines,
      end + 1,
      30,
      (l) => BACKTRACE.test(l),
      (l) => PANIC_NEW.test(l) || TEST_HEADER.test(l) || PANIC_OLD.test(l),
    );
    if (backtrace !== -1) {
      const stack = readBacktrace(lines, backtrace);
      if (stack.frames.some((f) => f.path !== null)) frames = stack.frames;
      end = stack.end;
    }
    let test: string | null = null;
    let start = i;
    for (let j = i - 1; j >= Math.max(0, i - 30); j--) {
      const header = TEST_HEADER.exec(lines[j]!);
      if (header) {
        test = header[1]!;
        start = j;
        break;
      }
      if (PANIC_NEW.test(lines[j]!) || PANIC_OLD.test(lines[j]!)) break;
    }
    if (test === null && thread !== 'main' && thread !== '<unnamed>' && /::/.test(thread)) test = thread;
    out.push({
      kind: test ? 'test-failure' : 'panic',
      message,
      test,
      frames,
      start,
      end,
      priority: test ? PRIORITY.runner : PRIORITY.trace,
    });
    i = end;
  }
  return out;
};
