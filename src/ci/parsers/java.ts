/**
 * JVM stack traces (Java, Kotlin, Scala) with `Caused by:` and `Suppressed:`
 * segments and `... N more`, inside Maven Surefire and Gradle test reports
 * or on their own (`Exception in thread "main"`).
 */
import { frameAt, num } from '../frame-paths.js';
import type { Frame } from '../types.js';
import { type Candidate, type LogParser, MAX_INTERLEAVED_LINES, PRIORITY, findAhead } from './candidate.js';

/** Maven and Gradle put a level in front of lines: `[ERROR] `, `[INFO] `. */
const LEVEL = /^\[(?:ERROR|INFO|WARNING|WARN|DEBUG)\] ?/;
/** `at [module/]pkg.Class.method(File.java:10)`; no space before the parenthesis (that is V8). */
const JVM_FRAME = /^\s*at (?:[\w.$-]+(?:@[\w.-]+)?\/)*((?:[\w$<>-]+\.)*[\w$<>-]+)\.([\w$<>-]+)\(([^()]*)\)\s*$/;
const SEGMENT = /^\s*(Caused by|Suppressed): (.*)$/;
const MORE = /^\s*\.\.\. \d+ (?:more|common frames omitted)\s*$/;
const EXCEPTION_LINE =
  /^(?:Exception in thread "[^"]*" )?((?:[a-zA-Z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error|Throwable|Failure|Failed)?|[A-Z][\w$]*(?:Exception|Error))(?::\s?(.*))?$/;

/** JVM packages that are never the project's: the JDK, build tools, test frameworks, languages. */
const JVM_EXTERNAL =
  /^(?:java|javax|jdk|sun|com\.sun|kotlin|kotlinx|scala|groovy|org\.junit|junit|org\.opentest4j|org\.apache\.maven|org\.gradle|worker\.org\.gradle|org\.testng|org\.mockito|org\.assertj|org\.hamcrest|org\.springframework|org\.codehaus|net\.bytebuddy|jdk\.internal|reactor|io\.netty|org\.eclipse\.jetty)\./;

function stripLevel(line: string): string {
  return line.replace(LEVEL, '');
}

/**
 * `com.example.Foo$Inner.bar(Foo.java:10)` → path `com/example/Foo.java`:
 * the package as directories and the printed file name, which the mapping
 * step finds under `src/main/java/` by suffix.
 */
export function jvmFrame(line: string): Frame | null {
  const match = JVM_FRAME.exec(stripLevel(line));
  if (!match) return null;
  const qualified = match[1]!;
  const method = match[2]!;
  const where = match[3]!;
  const location = /^(.+\.\w+):(\d+)$/.exec(where) ?? /^(.+\.\w+)$/.exec(where);
  const fn = `${qualified}.${method}`;
  const external = JVM_EXTERNAL.test(fn) || /^at (?:java|jdk)\.[\w.]+(?:@[\w.-]+)?\//.test(stripLevel(line).trim());
  if (!location) return frameAt(null, null, null, fn, true);
  const parts = qualified.split('.');
  // Drop the class (and classes nested with a dot, as Scala prints them) to keep the package.
  while (parts.length > 1 && /^[A-Z$]/.test(parts[parts.length - 1]!)) parts.pop();
  if (parts.length === 1 && /^[A-Z$]/.test(parts[0]!)) parts.pop();
  const dir = parts.join('/');
  const path = dir ? `${dir}/${location[1]}` : location[1]!;
  return frameAt(path, num(location[2]), null, fn, external);
}

function isJvmFrame(line: string): boolean {
  return JVM_FRAME.test(stripLevel(line));
}

/** Surefire 3: `pkg.Test.method -- Time elapsed: … <<< FAILURE!`; Surefire 2: `method(pkg.Test)  Time elapsed: …`. */
const SUREFIRE_TEST = /^(\S+?(?:\([^)]*\))?)\s+(?:--\s+)?Time elapsed: .*<<< (?:FAILURE|ERROR)!\s*$/;
/** Gradle: `ShopTest > totals() FAILED`. */
const GRADLE_TEST = /^(\S.*? > .+?) FAILED\s*$/;
/** Gradle's short form below a failed test: `    java.lang.AssertionError at ShopTest.java:21`. */
const GRADLE_LOCATION =
  /^\s+((?:[\w$]+\.)*[\w$]+(?:Exception|Error|Failure|Throwable)\b.*?) at ([\w$]+\.(?:java|kt|scala|groovy)):(\d+)\s*$/;

function startsReport(text: string): boolean {
  const trimmed = text.trim();
  return EXCEPTION_LINE.test(trimmed) || SUREFIRE_TEST.test(trimmed) || GRADLE_TEST.test(trimmed);
}

export const parseJvmTraces: LogParser = (lines) => {
  const out: Candidate[] = [];
  let floor = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const gradle = GRADLE_TEST.exec(stripLevel(line));
    if (gradle) {
      const located = i + 1 < lines.length ? GRADLE_LOCATION.exec(lines[i + 1]!) : null;
      if (located && !isJvmFrame(lines[i + 2] ?? '')) {
        out.push({
          kind: 'test-failure',
          message: located[1]!.trim(),
          test: gradle[1]!,
          frames: [frameAt(located[2]!, num(located[3]), null, null)],
          start: i,
          end: i + 1,
          priority: PRIORITY.runner,
        });
        i++;
        continue;
      }
    }
    if (!line.includes('at ') || !isJvmFrame(line)) continue;
    // The exception line stands right above the first frame, perhaps after
    // interleaved output: look a few lines back.
    let headerIndex = -1;
    let message = '';
    for (let j = i - 1; j >= Math.max(floor, i - MAX_INTERLEAVED_LINES); j--) {
      const match = EXCEPTION_LINE.exec(stripLevel(lines[j]!).trim());
      if (match) {
        headerIndex = j;
        message = match[2] !== undefined ? `${match[1]}: ${match[2]}` : match[1]!;
        break;
      }
    }
    const frames: Frame[] = [];
    let end = i;
    let k = i;
    for (; k < lines.length; k++) {
      const current = lines[k]!;
      const frame = jvmFrame(current);
      if (frame) {
        frames.push(frame);
        end = k;
        continue;
      }
      const text = stripLevel(current);
      if (MORE.test(text) || SEGMENT.test(text)) {
        end = k;
        continue;
      }
      // Output interleaved into the trace is skipped; a new exception or test report ends it.
      if (startsReport(text)) break;
      const next = findAhead(lines, k + 1, MAX_INTERLEAVED_LINES, isJvmFrame, (l) => startsReport(stripLevel(l)));
      if (next === -1) break;
      k = next - 1;
    }
    floor = end + 1;
    if (headerIndex === -1) {
      i = end;
      continue;
    }
    let test: string | null = null;
    let start = headerIndex;
    for (let j = headerIndex - 1; j >= Math.max(0, headerIndex - 3); j--) {
      const header = SUREFIRE_TEST.exec(stripLevel(lines[j]!).trim()) ?? GRADLE_TEST.exec(stripLevel(lines[j]!).trim());
      if (header) {
        test = header[1]!;
        start = j;
        break;
      }
    }
    out.push({
      kind: test ? 'test-failure' : 'exception',
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
