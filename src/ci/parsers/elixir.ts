/**
 * Elixir: ExUnit's failure reports (`  1) test name (Module)`, the test's
 * location, the assertion or exception, `stacktrace:` frames), uncaught
 * exceptions (`** (RuntimeError) message` over `(app 0.1.0) lib/x.ex:3: M.f/0`
 * frames) and compile errors: `== Compilation error in file … ==` with the
 * `** (CompileError) lib/x.ex:3: message` of Elixir < 1.15, and the
 * `error: message` diagnostics of 1.15 and later (the location on the next
 * line in 1.15, `└─ lib/x.ex:3:5: M.f/0` below a snippet since 1.16).
 * Warnings are not failures, nor are crash reports Logger prints.
 */
import { frameAt, num } from '../frame-paths.js';
import type { Frame } from '../types.js';
import { type Candidate, type LogParser, PRIORITY, findAhead } from './candidate.js';

/** `  1) test adds (DemoTest)`; ExUnit pads the counter to three columns. */
const TEST_HEADER = /^ {0,2}\d+\) (\S.*) \(([A-Z][\w.]*)\)$/;
const SETUP_ALL_HEADER = /^ {0,2}\d+\) ([A-Z][\w.]*): failure on setup_all callback\b/;
const TEST_LOCATION = /^ {5}(\S+):(\d+)$/;
const BODY = /^ {5}/;
const STACK_LINE = /^ {7}\S/;
/**
 * A stack entry as `Exception.format_stacktrace_entry/1` prints it:
 * `(app 1.0.0) path:line[:col]: Module.fun/arity`; the application and
 * the location are optional (`:erlang.+(1, nil)`).
 */
const ENTRY = /^(?:\(([a-z]\w*)(?: ([^\s)]+))?\) )?(?:(\S+?)(?::(\d+))?(?::(\d+))?: )?(\S.*)$/;
const SOURCE_FILE = /\.(?:exs?|erl|hrl|eex|heex|leex|sface|xrl|yrl)$/;
const ERLANG_CALL = /^:[a-z]\w*\.\S/;

const UNCAUGHT = /^\*\* \(([^()]+?)\) ?(.*)$/;
const COMPILATION_ERROR = /^== Compilation error in file (\S+?)(?::(\d+))? ==$/;
/** `lib/x.ex:3: message` or `lib/x.ex:3:5: message` after the exception name. */
const LOCATED_MESSAGE = /^(\S+?\.(?:exs?|eex|heex|leex)):(\d+)(?::(\d+))?: (.*)$/;
const UNLOCATED_MESSAGE = /^(\S+?\.(?:exs?|eex|heex|leex)): (.*)$/;
/** 1.16+: `** (SyntaxError) invalid syntax found on lib/x.ex:4:3:`, the details in a snippet below. */
const FOUND_ON = / on (\S+?):(\d+):(\d+):$/;
const COMPILER_EXCEPTION = /^(?:CompileError|SyntaxError|TokenMissingError|MismatchedDelimiterError)$/;
const LOGGED = /\(errors have been logged\)$/;
const DIAGNOSTIC = /^\s*error: (.*)$/;
const DIAGNOSTIC_ANY = /^\s*(?:error|warning): /;
/** 1.16+: `    └─ lib/x.ex:3:5: App.f/0`. */
const SNIPPET_LOCATION = /^\s*└─ (.*)$/;
const SNIPPET_LINE = /^\s*(?:\d+ )?│|^\s*\.\.\.$/;
/** 1.15: the location on the line after `error: …`, indented by two. */
const NEXT_LINE_LOCATION = /^ {2}(?:\([a-z]\w*(?: [^\s)]+)?\) )?\S+\.(?:exs?|eex|heex|leex|erl):\d+(?::\d+)?(?:: .*)?$/;
/** Logger's level tag: a crash report Logger prints is output, not a failure. */
const LOGGER_LINE = /\[(?:error|warning|warn|notice|info|debug|critical|alert|emergency)\]/;

/** Erlang/OTP and Elixir's own applications: their frames are never the project's. */
const STD_APPS = new Set([
  'elixir',
  'ex_unit',
  'mix',
  'iex',
  'logger',
  'eex',
  'stdlib',
  'kernel',
  'compiler',
  'erts',
  'crypto',
  'ssl',
  'public_key',
  'inets',
  'asn1',
  'runtime_tools',
  'tools',
  'sasl',
  'os_mon',
  'mnesia',
  'xmerl',
  'syntax_tools',
  'parsetools',
  'eunit',
  'common_test',
  'ssh',
  'debugger',
  'observer',
  'dialyzer',
]);

/**
 * Hex packages most projects depend on. A dependency's frames print its
 * own path (`(ecto 3.11.0) lib/ecto/repo.ex`), which reads like a project
 * path; the mapping step finds no such file in the repository, and these
 * names let the parse say so already.
 */
const COMMON_DEPS = new Set([
  'phoenix',
  'phoenix_live_view',
  'phoenix_html',
  'phoenix_pubsub',
  'phoenix_ecto',
  'phoenix_template',
  'plug',
  'plug_cowboy',
  'plug_crypto',
  'cowboy',
  'cowlib',
  'ranch',
  'bandit',
  'thousand_island',
  'websock_adapter',
  'ecto',
  'ecto_sql',
  'postgrex',
  'myxql',
  'db_connection',
  'jason',
  'poison',
  'telemetry',
  'tesla',
  'finch',
  'mint',
  'req',
  'hackney',
  'httpoison',
  'ex_machina',
  'mox',
  'mock',
  'bypass',
  'oban',
  'absinthe',
  'gettext',
  'swoosh',
  'floki',
  'decimal',
  'nimble_options',
  'nimble_pool',
  'timex',
  'broadway',
  'gen_stage',
  'ash',
  'ash_postgres',
  'spark',
  'stream_data',
  'wallaby',
  'redix',
  'cachex',
  'guardian',
  'joken',
  'castore',
]);

/** Dependencies the log names: `mix deps.get`'s `* Getting x (Hex package)` and its `Unchanged:` lists. */
function dependenciesIn(lines: readonly string[]): Set<string> {
  const deps = new Set<string>();
  let inList = false;
  for (const line of lines) {
    if (!line.startsWith('* Getting ') && !inList && !/^(?:Unchanged|New|Upgraded|Downgraded):$/.test(line)) continue;
    const getting = /^\* Getting (\w+) \(/.exec(line);
    if (getting) {
      deps.add(getting[1]!);
      continue;
    }
    if (/^(?:Unchanged|New|Upgraded|Downgraded):$/.test(line)) {
      inList = true;
      continue;
    }
    const listed = /^ {2}([a-z]\w*) \d+\.\d+/.exec(line);
    if (listed) deps.add(listed[1]!);
    else inList = false;
  }
  return deps;
}

interface Entry {
  app: string | null;
  frame: Frame;
}

/** `(test)` names the test, `Foo (module)` a module body: neither is a function name. */
function entryFunction(text: string): string | null {
  if (/^\((?:test|module|file)\)$/.test(text)) return null;
  const module = /^(\S+) \(module\)$/.exec(text);
  return module ? module[1]! : text;
}

/**
 * One stack entry, or null when the text is not one. `strict` entries
 * (outside ExUnit's `stacktrace:` section) must name an application, a
 * source file or an Erlang call.
 */
function stackEntry(text: string, deps: ReadonlySet<string>, strict: boolean): Entry | null {
  const match = ENTRY.exec(text);
  if (!match) return null;
  const app = match[1] ?? null;
  let path = match[3] ?? null;
  let fn = match[6]!;
  if (path !== null && !SOURCE_FILE.test(path) && path !== 'nofile' && path !== 'iex') {
    // Not a location after all: the whole text after the application is the function.
    fn = text.slice(app === null ? 0 : text.indexOf(') ') + 2);
    path = null;
  }
  if (strict && app === null && path === null && !ERLANG_CALL.test(fn)) return null;
  const line = path === null ? null : num(match[4]);
  const column = path === null ? null : num(match[5]);
  const library =
    (app !== null && (STD_APPS.has(app) || COMMON_DEPS.has(app) || deps.has(app))) ||
    (path !== null && /(?:^|\/)(?:deps|_build)\//.test(path)) ||
    path === 'nofile' ||
    path === 'iex';
  return { app, frame: frameAt(path, line, column, entryFunction(fn), library) };
}

/**
 * Umbrella projects print the test's location from the umbrella root
 * (`apps/shop/test/cart_test.exs:6`) and stack entries from the app's
 * directory (`test/cart_test.exs:9`): the difference is the app's
 * directory, which the app's own entries get too.
 */
function applyUmbrellaPrefix(entries: Entry[], location: string | null): void {
  if (location === null) return;
  let prefix: string | null = null;
  for (const { app, frame } of entries) {
    if (app !== null || frame.path === null || frame.external) continue;
    if (location !== frame.path && location.endsWith(`/${frame.path}`)) {
      prefix = location.slice(0, location.length - frame.path.length);
      break;
    }
  }
  if (prefix === null) return;
  for (const { app, frame } of entries) {
    if (frame.path === null || frame.external || frame.path.startsWith('/') || frame.path.startsWith(prefix)) continue;
    if (app === null || prefix.endsWith(`/${app}/`)) frame.path = prefix + frame.path;
  }
}

/** Cheap tests first: a header ends with `(Module)` or names a setup_all callback. */
function mayBeTestHeader(line: string): boolean {
  return (line.endsWith(')') || line.includes('setup_all')) && /^ {0,2}\d+\) /.test(line);
}

function isTestHeader(line: string): boolean {
  return mayBeTestHeader(line) && (TEST_HEADER.test(line) || SETUP_ALL_HEADER.test(line));
}

export const parseExUnit: LogParser = (lines) => {
  const out: Candidate[] = [];
  let deps: Set<string> | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    if (!mayBeTestHeader(line)) continue;
    const test = TEST_HEADER.exec(line);
    const setupAll = test ? null : SETUP_ALL_HEADER.exec(line);
    if (!test && !setupAll) continue;
    let j = i + 1;
    if (/^ {5}Parameters: /.test(lines[j] ?? '')) j++;
    const location = TEST_LOCATION.exec((lines[j] ?? '').trimEnd());
    // A test's report always names its location; a setup_all failure goes straight to the error.
    if (test && !location) continue;
    if (location) j++;
    deps ??= dependenciesIn(lines);

    const entries: Entry[] = [];
    let message: string | null = null;
    let inStack = false;
    let logged = false;
    let end = j - 1;
    for (; j < lines.length; j++) {
      const body = lines[j]!.trimEnd();
      if (body === '') continue;
      if (!BODY.test(body) || isTestHeader(body)) break;
      end = j;
      if (logged) continue;
      const text = body.trim();
      if (inStack && STACK_LINE.test(body)) {
        const entry = stackEntry(text, deps, false);
        if (entry) entries.push(entry);
        continue;
      }
      inStack = false;
      if (text === 'stacktrace:') {
        inStack = true;
        continue;
      }
      if (text === 'The following output was logged:') {
        logged = true;
        continue;
      }
      if (/^Failure #\d+$/.test(text)) continue;
      message ??= text.replace(/^\*\* /, '');
    }
    const testLocation = location ? location[1]! : null;
    applyUmbrellaPrefix(entries, testLocation);
    const frames = entries.map((e) => e.frame);
    if (frames.length === 0 && location) frames.push(frameAt(location[1]!, num(location[2]), null, null));
    out.push({
      kind: 'test-failure',
      message: message ?? '',
      test: test ? `${test[1]} (${test[2]})` : setupAll![1]!,
      frames,
      start: i,
      end,
      priority: PRIORITY.runner,
    });
    i = end;
  }
  return out;
};

function isEntryLine(line: string, deps: ReadonlySet<string>): boolean {
  return /^\s{2,}\S/.test(line) && stackEntry(line.trim(), deps, true) !== null;
}

/**
 * The stack below an uncaught exception: indented entries, after message
 * lines the exception may run on to, with nested exceptions
 * (`    ** (EXIT) an exception was raised:`) and their messages between.
 */
function readUncaughtStack(
  lines: readonly string[],
  from: number,
  deps: ReadonlySet<string>,
): { frames: Frame[]; end: number } {
  const frames: Frame[] = [];
  let end = from - 1;
  const first = findAhead(
    lines,
    from,
    12,
    (line) => isEntryLine(line, deps),
    (line) => UNCAUGHT.test(line) || COMPILATION_ERROR.test(line),
  );
  if (first === -1) return { frames, end };
  for (let j = first; j < lines.length; j++) {
    const line = lines[j]!.trimEnd();
    const entry = /^\s{2,}\S/.test(line) ? stackEntry(line.trim(), deps, true) : null;
    if (entry) {
      frames.push(entry.frame);
      end = j;
      continue;
    }
    if (!/^\s{2,}\S/.test(line)) break;
    const more = findAhead(
      lines,
      j + 1,
      4,
      (next) => isEntryLine(next, deps),
      (next) => !/^\s{2,}\S/.test(next),
    );
    if (more === -1) break;
    j = more - 1;
  }
  return { frames, end };
}

/** The snippet of a 1.16+ diagnostic below `start`: its `└─` location and where it ends. */
function readSnippet(lines: readonly string[], start: number): { location: string; end: number } | null {
  for (let j = start; j < Math.min(lines.length, start + 40); j++) {
    const line = lines[j]!.trimEnd();
    const location = SNIPPET_LOCATION.exec(line);
    if (location) return { location: location[1]!, end: j };
    if (line === '' || SNIPPET_LINE.test(line)) continue;
    // Continuation lines of a multi-line message are indented; a new diagnostic is not one.
    if (DIAGNOSTIC_ANY.test(line) || !/^\s/.test(line)) return null;
  }
  return null;
}

function locationFrame(text: string, deps: ReadonlySet<string>): Frame | null {
  const entry = stackEntry(text.trim(), deps, true);
  return entry && entry.frame.path !== null ? entry.frame : null;
}

export const parseElixirErrors: LogParser = (lines) => {
  const out: Candidate[] = [];
  let deps: Set<string> | null = null;
  const mixErrors: Candidate[] = [];
  let diagnostics = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (!raw.includes('error') && !raw.startsWith('** (') && !raw.startsWith('== Compilation error')) continue;
    const line = raw.trimEnd();

    const diagnostic = DIAGNOSTIC.exec(line);
    if (diagnostic) {
      deps ??= dependenciesIn(lines);
      const next = (lines[i + 1] ?? '').trimEnd();
      let frame: Frame | null = null;
      let end = i;
      if (NEXT_LINE_LOCATION.test(next)) {
        frame = locationFrame(next, deps);
        end = i + 1;
      } else {
        const snippet = readSnippet(lines, i + 1);
        if (snippet) {
          frame = locationFrame(snippet.location, deps);
          end = snippet.end;
        }
      }
      if (!frame) continue;
      diagnostics++;
      out.push({
        kind: 'compile-error',
        message: diagnostic[1]!.trim(),
        test: null,
        frames: [frame],
        start: i,
        end,
        priority: PRIORITY.compiler,
      });
      i = end;
      continue;
    }

    const start = i;
    const compilation = COMPILATION_ERROR.exec(line);
    const at = compilation ? i + 1 : i;
    const head = UNCAUGHT.exec((lines[at] ?? '').trimEnd());
    if (!head) continue;
    if (!compilation && isLoggerReport(lines, at)) continue;
    i = at;
    deps ??= dependenciesIn(lines);
    const name = head[1]!;
    let text = head[2]!.trim();
    const compileFile = compilation ? { path: compilation[1]!, line: num(compilation[2]) } : null;
    const compiling = compileFile !== null || COMPILER_EXCEPTION.test(name);
    const frames: Frame[] = [];

    let stackFrom = i + 1;
    const foundOn = FOUND_ON.exec(text);
    const located = foundOn ? null : LOCATED_MESSAGE.exec(text);
    const unlocated = foundOn || located ? null : UNLOCATED_MESSAGE.exec(text);
    if (foundOn) {
      // The message is the snippet's `error:` line; the location is in the header.
      frames.push(frameAt(foundOn[1]!, num(foundOn[2]), num(foundOn[3]), null));
      const inner = DIAGNOSTIC.exec((lines[i + 1] ?? '').trimEnd());
      if (inner) text = inner[1]!.trim();
      const snippet = readSnippet(lines, i + 2);
      if (snippet) stackFrom = snippet.end + 1;
    } else if (located && compiling) {
      frames.push(frameAt(located[1]!, num(located[2]), num(located[3]), null));
      text = located[4]!.trim();
    } else if (unlocated && compiling) {
      if (LOGGED.test(unlocated[2]!) && diagnostics > 0) {
        // `cannot compile module X (errors have been logged)`: the diagnostics above said it.
        i = readUncaughtStack(lines, i + 1, deps).end;
        continue;
      }
      frames.push(frameAt(unlocated[1]!, compileFile?.line ?? null, null, null));
      text = unlocated[2]!.trim();
    }
    const stack = readUncaughtStack(lines, stackFrom, deps);
    frames.push(...stack.frames);
    if (compileFile && !frames.some((f) => f.path === compileFile.path))
      frames.unshift(frameAt(compileFile.path, compileFile.line, null, null));
    const bare = foundOn !== null || ((located !== null || unlocated !== null) && compiling);
    const target = name === 'Mix' && frames.length === 0 ? mixErrors : out;
    target.push({
      kind: compiling ? 'compile-error' : stack.frames.length > 0 ? 'exception' : 'error',
      message: bare ? text : `(${name}) ${text}`.trim(),
      test: null,
      frames,
      start,
      end: Math.max(stack.end, stackFrom - 1, i),
      priority: compiling ? PRIORITY.compiler : PRIORITY.trace,
    });
    i = Math.max(stack.end, stackFrom - 1, i);
  }
  // `** (Mix) …` restates a failure reported above it (`mix test failed`,
  // `could not compile dependency`); on its own it is the failure.
  if (out.length === 0 && mixErrors.length > 0 && !lines.some((l) => isTestHeader(l.trimEnd()))) out.push(...mixErrors);
  return out;
};

/**
 * A `** (…)` line below a Logger line is a crash report the program logged
 * and survived: right below it, or below the report's detail lines
 * (Plug/Phoenix: `Server: …`, `Request: GET /boom`, `** (exit) an exception
 * was raised:` over the nested `** (RuntimeError) boom`).
 */
function isLoggerReport(lines: readonly string[], index: number): boolean {
  for (let j = index - 1; j >= Math.max(0, index - 8); j--) {
    const line = lines[j]!;
    if (line.trim() === '' || REPORT_DETAIL.test(line)) continue;
    return LOGGER_LINE.test(line);
  }
  return false;
}

/** Lines between a Logger line and the exception it reports. */
const REPORT_DETAIL = /^\s*(?:(?:Server|Request|Client|Endpoint|Host|Path|Last message|State|Reason):|\*\* \()/;
