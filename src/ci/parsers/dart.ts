/**
 * Dart and Flutter: `dart test` / `flutter test` reports of the expanded and
 * compact reporters (`00:02 +3 -1: test/x_test.dart: name [E]` over the
 * indented error and its terse stack trace), the github reporter
 * (`::group::❌ name (failed)`, or its body alone once GitHub has turned the
 * group into a fold), Flutter's `══╡ EXCEPTION CAUGHT BY … ╞══` blocks,
 * uncaught VM exceptions (`Unhandled exception:` over `#0 …` frames), the
 * front end's compile errors (`lib/x.dart:3:5: Error: …`) and the errors of
 * `dart analyze` and `flutter analyze`.
 *
 * `package:NAME/src/x.dart` frames keep their URI: the log does not say
 * which package is the repository's, so without a repository a package
 * counts as its own unless it is the SDK's, a well-known dependency or one
 * that `pub get` listed; with one, mapping reads its pubspec.yaml names
 * (`package:NAME/x` is `lib/x` of the package named NAME) and every other
 * package is external.
 */
import { frameAt, normalizeFramePath, num } from '../frame-paths.js';
import type { Frame } from '../types.js';
import { type Candidate, type LogParser, PRIORITY, findAhead, firstLine } from './candidate.js';

/** `00:02 +3 ~1 -1: test/x_test.dart: group test [E]`; the time is the elapsed run time. */
const E_HEADER = /^\d+:\d\d \+\d+(?: ~\d+)?(?: -\d+)?: (.*) \[E\]$/;
const PROGRESS = /^\d+:\d\d \+\d+(?: ~\d+)?(?: -\d+)?: /;
const GITHUB_HEADER = /^::group::❌ (.*) \(failed(?: after test completion)?\)$/;
const GITHUB_END = /^::endgroup::$/;
/** A terse frame: `test/x_test.dart 12:5   main.<fn>.<fn>`, `package:matcher   expect`. */
const TERSE_FRAME = /^(\S+)(?: (\d+)(?::(\d+))?)?\s{2,}(\S.*)$/;
const TERSE_LOCATION = /^(?:package:|dart:|org-dartlang-)|\.dart$/;
/** A VM frame: `#0      main.<anonymous closure> (file:///x/test/a_test.dart:12:5)`. */
const VM_FRAME = /^#\d+\s+(.+?) \((\S+?)(?::(\d+))?(?::(\d+))?\)$/;
const FLUTTER_BLOCK = /^══╡ EXCEPTION CAUGHT BY (.+?) ╞═+$/;
const FLUTTER_BLOCK_END = /^═{10,}$/;
const THROWN = /^The following (?:.+?) was thrown\b.*:$/;
const UNHANDLED = /^(?:.*\] )?Unhandled [Ee]xception:(?: (.+))?$/;
const ANALYZE_DART = /^\s*error - (\S+?):(\d+):(\d+) - (.*) - [a-z0-9_]+$/;
const ANALYZE_FLUTTER = /^\s*error • (.*) • (\S+?):(\d+):(\d+) • [a-z0-9_]+$/;
const ANALYZE_LEGACY = /^\s*\[error\] (.*) \((\S.*?), line (\d+), col (\d+)\)$/;
const MAX_LINE = 2_000;
const EMPTY: ReadonlySet<string> = new Set();

/** Packages that are never the repository's own: the SDK's, the test framework's, widely used dependencies. */
const KNOWN_PACKAGES = new Set([
  'test',
  'test_api',
  'test_core',
  'matcher',
  'stack_trace',
  'stream_channel',
  'async',
  'collection',
  'path',
  'meta',
  'boolean_selector',
  'source_span',
  'string_scanner',
  'term_glyph',
  'fake_async',
  'clock',
  'typed_data',
  'vector_math',
  'characters',
  'leak_tracker',
  'leak_tracker_flutter_testing',
  'leak_tracker_testing',
  'vm_service',
  'flutter',
  'flutter_test',
  'flutter_driver',
  'flutter_tools',
  'integration_test',
  'flutter_localizations',
  'flutter_web_plugins',
  'http',
  'http_parser',
  'dio',
  'provider',
  'riverpod',
  'flutter_riverpod',
  'hooks_riverpod',
  'bloc',
  'flutter_bloc',
  'bloc_test',
  'mocktail',
  'mockito',
  'equatable',
  'freezed_annotation',
  'json_annotation',
  'get_it',
  'go_router',
  'rxdart',
  'shared_preferences',
  'intl',
  'logging',
  'args',
  'crypto',
  'convert',
  'uuid',
  'built_value',
  'built_collection',
  'sqflite',
  'hive',
  'firebase_core',
  'cloud_firestore',
  'firebase_auth',
  'shelf',
  'shelf_router',
  'web_socket_channel',
  'grpc',
  'protobuf',
  'yaml',
  'analyzer',
  'build',
  'build_runner',
  'source_gen',
  'patrol',
  'checks',
]);

/** Packages `pub get` listed: `  async 2.11.0 (2.12.0 available)`, `+ http 1.2.1`, `> meta 1.15.0 (was 1.12.0)`. */
function pubDependencies(lines: readonly string[]): Set<string> {
  const deps = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    if (!/^Resolving dependencies\b/.test(lines[i]!)) continue;
    for (let j = i + 1; j < Math.min(lines.length, i + 1_000); j++) {
      const line = lines[j]!;
      if (/^(?:Got dependencies|Changed \d+ dependenc|No dependencies changed)/.test(line)) break;
      const listed = /^[+>~*!<-]?\s*([a-z_][a-z0-9_]*) \d+\.\d+\.\d+/.exec(line);
      if (listed) deps.add(listed[1]!);
    }
  }
  return deps;
}

/** SDK, pub cache, Flutter SDK and flutter_tools' generated files. */
const EXTERNAL_FILE =
  /(?:^|\/)\.pub-cache\/|\/flutter\/(?:packages|bin\/cache)\/|\/hostedtoolcache\/flutter\/|^\/tmp\/flutter_tools\./;

function dartFrame(
  location: string,
  line: number | null,
  column: number | null,
  member: string | null,
  deps: ReadonlySet<string>,
): Frame {
  if (/^(?:dart:|org-dartlang-)/.test(location)) return frameAt(location, line, column, member, true);
  const pkg = /^package:([\w.]+)(?:\/(.*))?$/.exec(location);
  if (pkg) {
    const name = pkg[1]!;
    // A folded frame (`package:matcher  expect`) names the package only.
    // Which package is the repository's the log does not say: the frame keeps its `package:` path,
    // which mapping resolves through the repository's pubspec.yaml (src/ci/map-frames.ts).
    const external = pkg[2] === undefined || KNOWN_PACKAGES.has(name) || deps.has(name);
    return frameAt(location, line, column, member, external);
  }
  return fileFrame(location, line, column, member);
}

function fileFrame(path: string, line: number | null, column: number | null, member: string | null): Frame {
  const frame = frameAt(path, line, column, member);
  if (frame.path !== null && EXTERNAL_FILE.test(frame.path)) frame.external = true;
  return frame;
}

function terseFrame(text: string, deps: ReadonlySet<string>): Frame | null {
  // The location is the first word: test it before the whole line.
  const space = text.indexOf(' ');
  if (space === -1 || !TERSE_LOCATION.test(text.slice(0, space))) return null;
  const match = TERSE_FRAME.exec(text);
  if (!match || !TERSE_LOCATION.test(match[1]!)) return null;
  return dartFrame(match[1]!, num(match[2]), num(match[3]), match[4]!.trim(), deps);
}

function vmFrame(text: string, deps: ReadonlySet<string>): Frame | null {
  const match = VM_FRAME.exec(text);
  if (!match) return null;
  return dartFrame(match[2]!, num(match[3]), num(match[4]), match[1]!, deps);
}

function frameOf(text: string, deps: ReadonlySet<string>): Frame | null {
  if (text.length > MAX_LINE) return null;
  return text.startsWith('#') ? vmFrame(text, deps) : terseFrame(text, deps);
}

/** `/home/runner/work/app/app/test/x_test.dart: name` → `test/x_test.dart: name`, as `dart test` prints it. */
function testName(description: string): string {
  const path = /^(\S+\.dart): /.exec(description);
  if (!path) return description;
  return `${normalizeFramePath(path[1]!)}${description.slice(path[1]!.length)}`;
}

/** A front-end error anywhere in the line: `lib/x.dart:3:5: Error: …`, also after `Compilation failed for testPath=…: `. */
function compileError(line: string): { path: string; line: number; column: number; message: string } | null {
  const at = line.indexOf(': Error: ');
  if (at === -1 || line.length > MAX_LINE) return null;
  const before = line.slice(0, at);
  const token = before.slice(before.lastIndexOf(' ') + 1);
  const location = token.includes('.dart:') ? /^(.+\.dart):(\d+):(\d+)$/.exec(token) : null;
  if (!location) return null;
  return {
    path: location[1]!,
    line: Number(location[2]),
    column: Number(location[3]),
    message: line.slice(at + ': Error: '.length).trim(),
  };
}

function compileCandidate(error: NonNullable<ReturnType<typeof compileError>>, index: number): Candidate {
  return {
    kind: 'compile-error',
    message: error.message,
    test: null,
    frames: [fileFrame(error.path, error.line, error.column, null)],
    start: index,
    end: index,
    priority: PRIORITY.compiler,
  };
}

interface FlutterBlock {
  start: number;
  end: number;
  message: string;
  frames: Frame[];
  test: string | null;
  claimed: boolean;
}

/** A `══╡ EXCEPTION CAUGHT BY … ╞══` block from its first line to its closing rule. */
function readFlutterBlock(lines: readonly string[], start: number, deps: ReadonlySet<string>): FlutterBlock {
  const frames: Frame[] = [];
  let message = '';
  let test: string | null = null;
  let end = start;
  let section: 'none' | 'message' | 'stack' | 'description' = 'none';
  for (let j = start + 1; j < Math.min(lines.length, start + 2_000); j++) {
    const line = lines[j]!.trim();
    end = j;
    if (FLUTTER_BLOCK_END.test(line) || FLUTTER_BLOCK.test(line) || PROGRESS.test(line)) {
      if (!FLUTTER_BLOCK_END.test(line)) end = j - 1;
      break;
    }
    if (THROWN.test(line)) {
      section = 'message';
      continue;
    }
    if (line === 'When the exception was thrown, this was the stack:') {
      section = 'stack';
      continue;
    }
    if (line === 'The test description was:') {
      section = 'description';
      continue;
    }
    if (section === 'message' && line !== '' && message === '') {
      message = line;
      continue;
    }
    if (section === 'stack') {
      const frame = vmFrame(line, deps);
      if (frame) frames.push(frame);
      else if (line !== '<asynchronous suspension>' && !/^\(elided .*\)$/.test(line) && line !== '') section = 'none';
      continue;
    }
    if (section === 'description') {
      if (lines[j]!.startsWith('  ') && line !== '') test = test === null ? line : `${test} ${line}`;
      else section = 'none';
    }
  }
  return { start, end, message, frames, test, claimed: false };
}

interface Body {
  end: number;
  texts: string[];
}

/** The indented lines below an `[E]` header (expanded and compact reporters indent by two). */
function readIndentedBody(lines: readonly string[], start: number): Body {
  const texts: string[] = [];
  let end = start;
  for (let j = start + 1; j < lines.length; j++) {
    const line = lines[j]!;
    if (line.trim() === '') {
      texts.push('');
      continue;
    }
    if (!line.startsWith('  ') || PROGRESS.test(line)) break;
    texts.push(line.slice(2).trimEnd());
    end = j;
  }
  texts.length = end - start;
  return { end, texts };
}

/** The lines of a github-reporter group, up to `::endgroup::`. */
function readGroupBody(lines: readonly string[], start: number): Body {
  const texts: string[] = [];
  let end = start;
  for (let j = start + 1; j < Math.min(lines.length, start + 5_000); j++) {
    const line = lines[j]!;
    if (GITHUB_END.test(line.trim())) {
      end = j;
      break;
    }
    if (GITHUB_HEADER.test(line) || /^::group::/.test(line)) break;
    texts.push(line.trimEnd());
    end = j;
  }
  return { end, texts };
}

export const parseDartTest: LogParser = (lines) => {
  const out: Candidate[] = [];
  let deps: Set<string> | null = null;
  const blocks: FlutterBlock[] = [];
  const consumed = new Uint8Array(lines.length);
  const consume = (from: number, to: number): void => {
    for (let k = from; k <= to; k++) consumed[k] = 1;
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.length > MAX_LINE) continue;
    if (raw.includes('EXCEPTION CAUGHT BY')) {
      const trimmed = raw.trim();
      if (!FLUTTER_BLOCK.test(trimmed)) continue;
      deps ??= pubDependencies(lines);
      const block = readFlutterBlock(lines, i, deps);
      blocks.push(block);
      consume(i, block.end);
      i = block.end;
      continue;
    }
    const line = raw.trimEnd();
    const header = line.endsWith('[E]') ? E_HEADER.exec(line) : null;
    const github = header ? null : line.startsWith('::group::❌') ? GITHUB_HEADER.exec(line) : null;
    if (!header && !github) continue;
    const description = (header ?? github)![1]!;
    if (/ - did not complete$/.test(description)) continue;
    deps ??= pubDependencies(lines);
    const body = header ? readIndentedBody(lines, i) : readGroupBody(lines, i);
    consume(i, body.end);
    const texts = body.texts.filter((t) => t.trim() !== '');
    const first = texts[0]?.trim() ?? '';

    if (/^Failed to load "/.test(first) || /^loading \S/.test(description)) {
      // A suite that did not load: its compile errors, or the reason it gives.
      const errors = body.texts.map((t, k) => ({ error: compileError(t), index: i + 1 + k }));
      const found = errors.filter((e) => e.error !== null);
      for (const { error, index } of found) out.push(compileCandidate(error!, index));
      if (found.length === 0)
        out.push({
          kind: 'error',
          message: /:$/.test(first) && texts[1] ? `${first} ${texts[1].trim()}` : first,
          test: null,
          frames: collectFrames(body.texts, deps),
          start: i,
          end: body.end,
          priority: PRIORITY.runner,
        });
      i = body.end;
      continue;
    }

    let message = first;
    let frames = collectFrames(body.texts, deps);
    let start = i;
    if (message === 'Test failed. See exception logs above.') {
      // Flutter printed the exception above the header; take its message and stack.
      const block = lastUnclaimed(blocks, i);
      if (block) {
        block.claimed = true;
        message = block.message || message;
        frames = block.frames;
        start = block.start;
      }
    }
    out.push({
      kind: 'test-failure',
      message,
      test: testName(description),
      frames,
      start,
      end: body.end,
      priority: PRIORITY.runner,
    });
    i = body.end;
  }

  // Blocks no `[E]` header took: the header was folded away, or the exception was not a test's.
  for (const block of blocks) {
    if (block.claimed) continue;
    out.push({
      kind: block.test === null ? 'exception' : 'test-failure',
      message: block.message,
      test: block.test,
      frames: block.frames,
      start: block.start,
      end: block.end,
      priority: block.test === null ? PRIORITY.trace : PRIORITY.runner,
    });
  }
  out.push(...headerlessReports(lines, consumed, () => (deps ??= pubDependencies(lines))));
  return out;
};

/** The Flutter block printed last before the header at `index`, within 200 lines of it. */
function lastUnclaimed(blocks: readonly FlutterBlock[], index: number): FlutterBlock | undefined {
  for (let k = blocks.length - 1; k >= 0; k--) {
    const block = blocks[k]!;
    if (block.end >= index) continue;
    if (index - block.end > 200) return undefined;
    if (!block.claimed) return block;
  }
  return undefined;
}

function collectFrames(texts: readonly string[], deps: ReadonlySet<string>): Frame[] {
  const frames: Frame[] = [];
  for (const text of texts) {
    const frame = frameOf(text.trim(), deps);
    if (frame) frames.push(frame);
  }
  return frames;
}

/**
 * The github reporter's failures once GitHub has folded its groups: the
 * `::group::❌ name (failed)` line is gone from the job log, and what is
 * left is the error and its terse stack trace below the previous test's
 * lines. A stack with a located frame and the error right above it is a
 * failure of an unnamed test.
 */
/** `dart test`'s and `flutter test`'s closing line of a run without failures. */
const ALL_PASSED = /^\d+:\d\d \+\d+(?: ~\d+)?: All tests passed!\s*$/;

function headerlessReports(
  lines: readonly string[],
  consumed: Uint8Array,
  dependencies: () => ReadonlySet<string>,
): Candidate[] {
  const out: Candidate[] = [];
  // A run that says every test passed printed its stacks as output (a logged error), not as failures.
  if (lines.some((line) => ALL_PASSED.test(line))) return out;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (consumed[i] || /^\s/.test(line) || !terseFrame(line.trimEnd(), EMPTY)) continue;
    const deps = dependencies();
    const frames: Frame[] = [];
    let end = i;
    for (let j = i; j < lines.length && !consumed[j]; j++) {
      const text = lines[j]!.trim();
      const frame = terseFrame(text, deps);
      if (frame) {
        frames.push(frame);
        end = j;
        continue;
      }
      if (!/^=+ asynchronous gap =+$/.test(text)) break;
    }
    const firstFrame = i;
    i = end;
    if (!frames.some((f) => f.line !== null)) continue;
    // The error: the text right above the stack, after at most one blank line.
    let k = firstFrame - 1;
    if (k >= 0 && !consumed[k] && lines[k]!.trim() === '') k--;
    let top = -1;
    while (k >= 0 && firstFrame - k <= 30 && !consumed[k] && !endsErrorText(lines[k]!)) {
      top = k;
      k--;
    }
    if (top === -1) continue;
    // Below another test's line, or through a test file, it is a test's failure; else a crash.
    const inTest =
      (k >= 0 && isTestLine(lines[k]!)) || frames.some((f) => f.path !== null && /_test\.dart$/.test(f.path));
    out.push({
      kind: inTest ? 'test-failure' : 'exception',
      message: firstLine(lines[top]!),
      test: null,
      frames,
      start: top,
      end,
      priority: PRIORITY.runner,
    });
  }
  return out;
}

/** What stands above a headerless error: a blank line, another test's line, the previous stack. */
function endsErrorText(line: string): boolean {
  return line.trim() === '' || isTestLine(line) || (/^\S/.test(line) && terseFrame(line.trim(), EMPTY) !== null);
}

/** A passing or skipped test's line of the github reporter, or a progress line. */
function isTestLine(line: string): boolean {
  return /^(?:✅|⏭️|❌|🎉) /.test(line) || PROGRESS.test(line);
}

export const parseDartErrors: LogParser = (lines) => {
  const out: Candidate[] = [];
  let deps: Set<string> | null = null;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.length > MAX_LINE) continue;
    if (raw.includes(': Error: ')) {
      const error = compileError(raw);
      if (error) out.push(compileCandidate(error, i));
      continue;
    }
    if (raw.includes('error')) {
      const analyzed = ANALYZE_DART.exec(raw) ?? ANALYZE_FLUTTER.exec(raw) ?? ANALYZE_LEGACY.exec(raw);
      if (analyzed) {
        const flutter = !ANALYZE_DART.test(raw);
        const [path, lineNo, column, message] = flutter
          ? [analyzed[2]!, analyzed[3]!, analyzed[4]!, analyzed[1]!]
          : [analyzed[1]!, analyzed[2]!, analyzed[3]!, analyzed[4]!];
        out.push({
          kind: 'compile-error',
          message: message.trim(),
          test: null,
          frames: [fileFrame(path, num(lineNo), num(column), null)],
          start: i,
          end: i,
          priority: PRIORITY.compiler,
        });
        continue;
      }
    }
    if (!raw.includes('nhandled')) continue;
    const unhandled = UNHANDLED.exec(raw.trim());
    if (!unhandled) continue;
    deps ??= pubDependencies(lines);
    let message = unhandled[1]?.trim() ?? '';
    let j = i + 1;
    if (!message) {
      message = (lines[j] ?? '').trim();
      j++;
    }
    // The error's text may run over several lines (a FormatException's source and caret) before the stack.
    const first = findAhead(lines, j, 12, (l) => /^#0\s/.test(l.trim()));
    if (first === -1) continue;
    j = first;
    const frames: Frame[] = [];
    let end = j - 1;
    for (; j < lines.length; j++) {
      const text = lines[j]!.trim();
      const frame = vmFrame(text, deps);
      if (frame) {
        frames.push(frame);
        end = j;
        continue;
      }
      if (text === '<asynchronous suspension>') continue;
      break;
    }
    if (frames.length === 0) continue;
    out.push({
      kind: 'exception',
      message,
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
