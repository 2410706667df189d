/**
 * Sanitizer reports: AddressSanitizer, LeakSanitizer, ThreadSanitizer,
 * MemorySanitizer (GCC and Clang formats) and UndefinedBehaviorSanitizer's
 * `file:1:2: runtime error:`. The frames are the faulting access's stack;
 * allocation, free, thread-creation and further leak stacks go to
 * `relatedStacks`, each with the line that introduced it as its label.
 */
import { frameAt, num } from '../frame-paths.js';
import type { Frame, RelatedStack } from '../types.js';
import { type Candidate, type LogParser, PRIORITY } from './candidate.js';

const HEADER = /^(?:==\d+==)?(?:ERROR|WARNING): (\w+Sanitizer): (.*?)(?: \(pid=\d+\))?\s*$/;
const UBSAN = /^((?:[A-Za-z]:)?[^\s:]+):(\d+):(\d+): runtime error: (.*?)\s*$/;
const FRAME_WITH_SOURCE =
  /^\s*#(\d+) (?:0x[0-9a-f]+ )?(?:in )?(.+?) ((?:[A-Za-z]:)?\S+?):(\d+)(?::(\d+))?(?: \([^()]*\+0x[0-9a-f]+\))?(?: \(BuildId: [0-9a-f]+\))?\s*$/;
const FRAME_IN_MODULE =
  /^\s*#(\d+) (?:0x[0-9a-f]+ )?(?:in (.+?) )?\(([^()]+)\+0x[0-9a-f]+\)(?: \(BuildId: [0-9a-f]+\))?\s*$/;
const END = /^SUMMARY: |^==\d+==ABORTING|^={10,}\s*$/;

/** Runtime functions that sit on top of a sanitizer stack: interceptors, libc start-up. */
const RUNTIME_FUNCTION =
  /^(?:__interceptor_|__asan_|__lsan_|__tsan_|__msan_|__ubsan_|__sanitizer|__libc_start|_start$|operator new|operator delete|malloc$|calloc$|realloc$|free$)/;

function sanitizerFrame(line: string): { index: number; frame: Frame } | null {
  const source = FRAME_WITH_SOURCE.exec(line);
  if (source) {
    const fn = source[2]!;
    return {
      index: Number(source[1]),
      frame: frameAt(source[3]!, num(source[4]), num(source[5]), fn, RUNTIME_FUNCTION.test(fn)),
    };
  }
  const module = FRAME_IN_MODULE.exec(line);
  if (module) return { index: Number(module[1]), frame: frameAt(null, null, null, module[2] ?? null, true) };
  return null;
}

interface Stack {
  label: string;
  frames: Frame[];
}

/** Stacks after a report header until SUMMARY, each labelled by the text line above its `#0`. */
function readStacks(lines: readonly string[], start: number): { stacks: Stack[]; end: number } {
  const stacks: Stack[] = [];
  let label = '';
  let end = start;
  let current: Stack | null = null;
  for (let i = start; i < Math.min(lines.length, start + 2000); i++) {
    const line = lines[i]!;
    if (i > start && (END.test(line) || HEADER.test(line))) {
      if (/^SUMMARY: /.test(line)) end = i;
      break;
    }
    const parsed = sanitizerFrame(line);
    if (parsed) {
      if (parsed.index === 0 || current === null) {
        current = { label, frames: [] };
        stacks.push(current);
      }
      current.frames.push(parsed.frame);
      end = i;
      continue;
    }
    const text = line.trim();
    if (text) {
      label = text.replace(/:$/, '');
      current = null;
    }
  }
  return { stacks, end };
}

export const parseSanitizers: LogParser = (lines) => {
  const out: Candidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const header = HEADER.exec(line);
    const ubsan = header ? null : UBSAN.exec(line);
    if (!header && !ubsan) continue;
    if (ubsan) {
      // UBSan prints a stack right below only with print_stacktrace=1; otherwise its location is the frame.
      const frames: Frame[] = [];
      let end = i;
      for (let j = i + 1; j < lines.length; j++) {
        const parsed = sanitizerFrame(lines[j]!);
        if (!parsed || (parsed.index === 0 && frames.length > 0)) break;
        frames.push(parsed.frame);
        end = j;
      }
      if (frames.length === 0) frames.push(frameAt(ubsan[1]!, num(ubsan[2]), num(ubsan[3]), null));
      out.push({
        kind: 'sanitizer',
        message: `runtime error: ${ubsan[4]}`,
        test: null,
        frames,
        start: i,
        end,
        priority: PRIORITY.trace,
      });
      i = end;
      continue;
    }
    const { stacks, end } = readStacks(lines, i + 1);
    const frames = stacks[0]?.frames ?? [];
    const related: RelatedStack[] = stacks.slice(1).map((s) => ({ label: s.label, frames: s.frames }));
    const message = `${header![1]}: ${header![2]}`;
    const candidate: Candidate = {
      kind: 'sanitizer',
      message,
      test: null,
      frames,
      start: i,
      end: Math.max(end, i),
      priority: PRIORITY.trace,
    };
    if (related.length > 0) candidate.relatedStacks = related;
    out.push(candidate);
    i = Math.max(end, i);
  }
  return out;
};
