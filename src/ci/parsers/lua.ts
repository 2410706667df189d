/**
 * Lua: busted's terminal reports (`Failure → spec/x_spec.lua @ 12` or
 * `Error → …`, plainTerminal's `->`: the test's full name, the message with
 * its `file:line:` location and, with --verbose, a `stack traceback:`),
 * busted's TAP output (`not ok 3 - name` over `# Failure message: …`),
 * plenary.nvim's test harness (`Fail || name` over the message indented by
 * twelve), uncaught errors of lua, luajit and resty (`lua: x.lua:3: message`
 * over `stack traceback:` and its `\tx.lua:3: in function 'f'` lines), and
 * luacheck's syntax errors (`x.lua:3:5: (E011) …`).
 */
import { frameAt, normalizeFramePath, num } from '../frame-paths.js';
import type { Frame, FailureKind } from '../types.js';
import { type Candidate, type LogParser, PRIORITY } from './candidate.js';

const BUSTED_HEADER = /^(Failure|Error) (?:→|->) (.*)$/;
const BUSTED_LOCATION = /^(\S.*) @ (\d+)$/;
const TAP_NOT_OK = /^not ok \d+ - (.*)$/;
const PLENARY_HEADER = /^(?:Fail|Errors?)\s*\|\|\s*(.*)$/;
const PLENARY_BODY = /^ {12}/;
/** `spec/x_spec.lua:15: message`; chunk names of strings and the command line are locations too. */
const LOCATED = /^((?:\.\.\.)?[^\s:]+?\.(?:lua|moon)|\[string ".*?"\]|\(command line(?: -e)?\)|stdin):(\d+): (.*)$/;
const TRACEBACK = /^\s*stack traceback:$/;
/** `\tspec/x_spec.lua:15: in function <spec/x_spec.lua:10>`, `\t[C]: in function 'error'`, LuaJIT's `\t[C]: at 0x…`. */
const TRACE_FRAME = /^\s+(\S.*?):(?:(\d+):)? (?:in (.*)|at 0x[0-9a-f]+)$/;
const TRACE_SKIP = /^\s+(?:\(\.\.\.tail calls\.\.\.\)|\.\.\.\s*\(skipping \d+ levels\)|\.\.\.)$/;
/** `lua: x.lua:3: …`, `/usr/bin/lua5.1: …`, `luajit: …`; resty prints `ERROR: …`. */
const PROGRAM = /^(?:lua(?:jit)?(?:\d(?:\.\d)?)?|resty|ERROR)$/;
const LUACHECK = /^\s*(\S+\.lua):(\d+):(\d+)(?:-\d+)?: \(E\d+\) (.*)$/;
const SYNTAX = / near (?:<eof>|'.*')$/;
const SUMMARY = /^\d+ successe?s? \/ \d+ failures? \/ \d+ errors? \/ \d+ pending/;

/** LuaRocks trees, system Lua directories, OpenResty's lualib, Neovim's runtime. */
const LIBRARY =
  /(?:^|\/)(?:share|lib)\/lua\/|\/lualib\/|(?:^|\/)\.?luarocks\/|(?:^|\/)lua_modules\/|^\/usr\/(?:local\/)?(?:share|lib)\/|^vim\//;
/** Modules of busted and its helpers, as a truncated chunk name leaves them: `...5.1/busted/core.lua`. */
const TRUNCATED_LIBRARY = /^(?:[\d.]+\/)?(?:busted|luassert|say|pl|term|system|cliargs|mediator|luacov)\//;
const LUA_FILE = /\.(?:lua|moon)$/;

/**
 * A chunk name → a path. Lua shortens long names to `...` and their last
 * characters (`...runner/work/shop/shop/src/cart.lua`): the cut segment
 * is dropped and a runner workspace in what is left is removed.
 */
function luaFrame(chunk: string, line: number | null, fn: string | null): Frame {
  if (!LUA_FILE.test(chunk)) return frameAt(null, null, null, fn);
  let path = chunk;
  let truncated = false;
  if (path.startsWith('...')) {
    truncated = true;
    const rest = path.slice(3);
    const slash = rest.indexOf('/');
    path = slash === -1 ? rest : rest.slice(slash + 1);
    // GitHub's workspace is `…/work/<repo>/<repo>/`; the cut may leave any part of it.
    const workspace = /(?:^|\/)(?:work|_work|__w)\/([^/]+)\/\1\//.exec(path) ?? /^([^/]+)\/\1\//.exec(path);
    if (workspace) path = path.slice(workspace.index + workspace[0].length);
  }
  const normalized = normalizeFramePath(path);
  const library = LIBRARY.test(normalized) || (truncated && TRUNCATED_LIBRARY.test(normalized));
  return frameAt(path, line, null, fn, library);
}

/** `in function 'f'`, `in local 'f'`, `in method 'm'` → the name; `in main chunk` → itself; anonymous → null. */
function traceFunction(where: string | undefined): string | null {
  if (where === undefined) return null;
  const named = /^(?:function|local|global|method|field|upvalue|metamethod|for iterator) '(.+)'$/.exec(where);
  if (named) return named[1]!;
  if (where === 'main chunk') return where;
  return null;
}

function traceFrame(line: string): Frame | null {
  const match = TRACE_FRAME.exec(line);
  if (!match) return null;
  return luaFrame(match[1]!, num(match[2]), traceFunction(match[3]));
}

/** The `stack traceback:` at `start` and its frames; lines are trimmed of `prefix` first (TAP's `# `). */
function readTraceback(
  lines: readonly string[],
  start: number,
  strip: (line: string) => string = (line) => line,
): { frames: Frame[]; end: number } {
  const frames: Frame[] = [];
  let end = start;
  for (let j = start + 1; j < lines.length; j++) {
    const line = strip(lines[j]!).trimEnd();
    if (TRACE_SKIP.test(line)) continue;
    const frame = traceFrame(line);
    if (!frame) break;
    frames.push(frame);
    end = j;
  }
  return { frames, end };
}

interface Message {
  text: string;
  frame: Frame | null;
}

/** `spec/x_spec.lua:15: Expected …` → the message and its location. */
function locatedMessage(text: string): Message {
  const match = LOCATED.exec(text.trim());
  if (!match) return { text: text.trim(), frame: null };
  return { text: match[3]!.trim(), frame: luaFrame(match[1]!, num(match[2]), null) };
}

/** The frames of a test's failure: the traceback if printed, else the message's location and the test's. */
function failureFrames(message: Message, trace: Frame[], test: Frame | null): Frame[] {
  if (trace.length > 0) return trace;
  const frames: Frame[] = [];
  if (message.frame) frames.push(message.frame);
  if (test && (!message.frame || message.frame.path !== test.path)) frames.push(test);
  return frames;
}

function fileErrorKind(message: string): FailureKind {
  return SYNTAX.test(message) ? 'compile-error' : 'error';
}

/** busted's utfTerminal and plainTerminal reports, printed after the summary line. */
export const parseBusted: LogParser = (lines) => {
  const out: Candidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    if (!line.startsWith('Failure ') && !line.startsWith('Error ')) continue;
    const header = BUSTED_HEADER.exec(line);
    if (!header) continue;
    const atSign = header[2]!.lastIndexOf(' @ ');
    const at = atSign !== -1 && /^\d+$/.test(header[2]!.slice(atSign + 3)) ? BUSTED_LOCATION.exec(header[2]!) : null;
    let j = i + 1;
    let test: string | null = null;
    let testFrame: Frame | null = null;
    let first: string;
    if (at) {
      // `Failure → spec/x_spec.lua @ 12`, the test's full name, the message.
      testFrame = luaFrame(at[1]!, num(at[2]), null);
      test = (lines[j] ?? '').trim();
      j++;
      if (/^Random seed: \d+$/.test((lines[j] ?? '').trim())) j++;
      first = (lines[j] ?? '').trimEnd();
    } else {
      // No trace: an error outside any test (a spec file that did not load); the name follows.
      first = header[2]!;
      j = i;
    }
    let end = j;
    for (let k = j + 1; k < lines.length; k++) {
      const next = lines[k]!.trimEnd();
      if (next === '' || BUSTED_HEADER.test(next) || SUMMARY.test(next)) break;
      end = k;
    }
    // --verbose: a blank line, then the traceback.
    let trace: Frame[] = [];
    const traceAt = end + 2;
    if ((lines[end + 1] ?? '').trim() === '' && TRACEBACK.test(lines[traceAt] ?? '')) {
      const read = readTraceback(lines, traceAt);
      trace = read.frames;
      end = read.end;
    }
    const message = locatedMessage(first);
    const inTest = at !== null;
    // Outside a test only a located message is busted's (`Error → spec/x_spec.lua:2: …`).
    if (!inTest && !message.frame) continue;
    out.push({
      kind: inTest ? 'test-failure' : fileErrorKind(message.text),
      message: message.text,
      test: inTest ? test : null,
      frames: failureFrames(message, trace, testFrame),
      start: i,
      end: Math.max(end, inTest ? i + 2 : i),
      priority: PRIORITY.runner,
    });
    i = end;
  }
  return out;
};

/** busted -o TAP: `not ok N - name`, `# spec/x_spec.lua @ 12`, `# Failure message: …`. */
export const parseBustedTap: LogParser = (lines) => {
  const out: Candidate[] = [];
  const strip = (line: string): string => line.replace(/^# ?/, '');
  for (let i = 0; i < lines.length; i++) {
    const head = lines[i]!.startsWith('not ok ') ? TAP_NOT_OK.exec(lines[i]!.trimEnd()) : null;
    if (!head) continue;
    let j = i + 1;
    let testFrame: Frame | null = null;
    const at = /^# (\S.*?) @ (\d+)$/.exec((lines[j] ?? '').trimEnd());
    if (at) {
      testFrame = luaFrame(at[1]!, num(at[2]), null);
      j++;
    }
    if (/^# Random seed: \d+$/.test(lines[j] ?? '')) j++;
    const failure = /^# Failure message: (.*)$/.exec((lines[j] ?? '').trimEnd());
    if (!failure) continue;
    let end = j;
    let trace: Frame[] = [];
    for (let k = j + 1; k < lines.length && lines[k]!.startsWith('#'); k++) {
      end = k;
      if (TRACEBACK.test(strip(lines[k]!))) {
        const read = readTraceback(lines, k, strip);
        trace = read.frames;
        end = read.end;
        break;
      }
    }
    const message = locatedMessage(failure[1]!);
    out.push({
      kind: 'test-failure',
      message: message.text,
      test: head[1]!.trim(),
      frames: failureFrames(message, trace, testFrame),
      start: i,
      end,
      priority: PRIORITY.runner,
    });
    i = end;
  }
  return out;
};

/** plenary.nvim: `Fail	||	name` over the error and its traceback, indented by twelve. */
export const parsePlenary: LogParser = (lines) => {
  const out: Candidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    if (line === 'FAILED TO LOAD FILE') {
      const message = locatedMessage((lines[i + 1] ?? '').trimEnd());
      if (!message.frame) continue;
      out.push({
        kind: fileErrorKind(message.text),
        message: message.text,
        test: null,
        frames: [message.frame],
        start: i,
        end: i + 1,
        priority: PRIORITY.runner,
      });
      i++;
      continue;
    }
    if (!line.includes('||')) continue;
    const header = PLENARY_HEADER.exec(line);
    if (!header || !PLENARY_BODY.test(lines[i + 1] ?? '')) continue;
    const body: string[] = [];
    let end = i;
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j]!;
      if (!PLENARY_BODY.test(next) && next.trim() !== '') break;
      body.push(next.slice(12).trimEnd());
      if (next.trim() !== '') end = j;
    }
    body.length = end - i;
    let trace: Frame[] = [];
    const traceAt = body.findIndex((text) => TRACEBACK.test(text));
    if (traceAt !== -1) trace = readTraceback(body, traceAt).frames;
    const message = locatedMessage(body.find((text) => text.trim() !== '') ?? '');
    out.push({
      kind: 'test-failure',
      message: message.text,
      test: header[1]!.trim(),
      frames: failureFrames(message, trace, null),
      start: i,
      end,
      priority: PRIORITY.runner,
    });
    i = end;
  }
  return out;
};

/** `lua: x.lua:3: …` → the program and the error; the program is the first word, up to `: `. */
function uncaught(line: string): { program: string; text: string } | null {
  const colon = line.slice(0, 300).indexOf(': ');
  if (colon === -1) return null;
  const program = line.slice(0, colon);
  if (/\s/.test(program)) return null;
  const name = program.slice(program.lastIndexOf('/') + 1);
  return PROGRAM.test(name) ? { program: name, text: line.slice(colon + 2) } : null;
}

/** Uncaught errors of the interpreters, and luacheck's syntax errors. */
export const parseLuaErrors: LogParser = (lines) => {
  const out: Candidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    if (line.includes('.lua:') && line.includes('(E')) {
      const luacheck = LUACHECK.exec(line);
      if (luacheck) {
        out.push({
          kind: 'compile-error',
          message: luacheck[4]!.trim(),
          test: null,
          frames: [frameAt(luacheck[1]!, num(luacheck[2]), num(luacheck[3]), null)],
          start: i,
          end: i,
          priority: PRIORITY.compiler,
        });
        continue;
      }
    }
    const head = uncaught(line);
    if (!head) continue;
    const message = locatedMessage(head.text);
    if (!message.frame && !/^\(command line/.test(head.text)) continue;
    // The message can run on (`module 'x' not found:` lists the paths tried) before the traceback.
    let traceAt = -1;
    for (let j = i + 1; j < Math.min(lines.length, i + 40); j++) {
      if (TRACEBACK.test(lines[j]!)) {
        traceAt = j;
        break;
      }
      if (!/^\s/.test(lines[j]!)) break;
    }
    // `ERROR:` is too common a prefix to take without the traceback that resty prints.
    if (traceAt === -1 && head.program === 'ERROR') continue;
    const trace = traceAt === -1 ? { frames: [], end: i } : readTraceback(lines, traceAt);
    const syntax = traceAt === -1 && SYNTAX.test(message.text);
    out.push({
      kind: syntax ? 'compile-error' : 'exception',
      message: message.text,
      test: null,
      frames: trace.frames.length > 0 ? trace.frames : message.frame ? [message.frame] : [],
      start: i,
      end: trace.end,
      priority: syntax ? PRIORITY.compiler : PRIORITY.trace,
    });
    i = trace.end;
  }
  return out;
};
