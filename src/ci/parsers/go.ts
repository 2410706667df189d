/**
 * Go: panics and fatal errors with goroutine dumps (the panicking
 * goroutine's stack only), `go test` failures (`--- FAIL:` with the
 * `file_test.go:12: message` lines the test logged) and timeouts.
 */
import { frameAt, num } from '../frame-paths.js';
import type { Frame } from '../types.js';
import { type Candidate, type LogParser, PRIORITY } from './candidate.js';

const PANIC = /^(panic|fatal error): (.*?)\s*$/;
const GOROUTINE = /^goroutine \d+ \[[^\]]*\]:\s*$/;
const LOCATION =
  /^\s+(\S.*?\.(?:go|s|c)):(\d+)(?: \+0x[0-9a-f]+)?(?: fp=0x[0-9a-f]+ sp=0x[0-9a-f]+ pc=0x[0-9a-f]+)?\s*$/;
const FAIL = /^(\s*)--- FAIL: (\S+) \((?:[\d.]+s|unknown)\)\s*$/;
const RUN = /^=== (?:RUN|CONT|PAUSE|NAME)\s+(\S+)\s*$/;
/** What `t.Errorf` prints: `    file_test.go:12: message`. */
const TEST_LOG = /^(\s+)([\w.-]+\.go):(\d+): (.*)$/;
const PACKAGE_RESULT = /^(?:FAIL|ok|---)\s+(\S+)\s+(?:[\d.]+s|\(cached\)|\[build failed\]|\[setup failed\])/;
const TIMEOUT = /^panic: test timed out after (\S+)/;

/** Function names that belong to the Go runtime and standard library. */
const GO_STD_PACKAGE =
  /^(?:runtime|testing|reflect|sync|internal|syscall|os|net|io|fmt|errors|encoding|context|time|sort|strings|strconv|bytes|bufio|crypto|math|path|regexp|unicode|log|flag)(?:[./]|$)/;

/** `example.com/shop/store.(*Store).Price(...)` → `example.com/shop/store`. */
export function goPackageOf(fn: string): string | null {
  const name = fn.replace(/^created by /, '').replace(/ in goroutine \d+$/, '');
  const slash = name.lastIndexOf('/');
  const dot = name.indexOf('.', slash + 1);
  return dot === -1 ? null : name.slice(0, dot);
}

function goFunction(line: string): string | null {
  const text = line.trim();
  if (text.startsWith('created by ')) return text.slice('created by '.length).replace(/ in goroutine \d+$/, '');
  const match = /^(.+?)(?:\((?:[^()]|\([^()]*\))*\))?$/.exec(text);
  return match ? match[1]! : null;
}

function goFrame(fn: string | null, path: string, line: number | null): Frame {
  const pkg = fn ? goPackageOf(fn) : null;
  const std = pkg !== null && !pkg.includes('.') && GO_STD_PACKAGE.test(pkg);
  const frame = frameAt(path, line, null, fn, std || (fn !== null && GO_STD_PACKAGE.test(fn) && !fn.includes('/')));
  if (pkg && !frame.external) frame.goPackage = pkg;
  return frame;
}

/** The stack of the goroutine whose header is at `start`: function lines each followed by a location line. */
function readGoroutine(lines: readonly string[], start: number): { frames: Frame[]; end: number } {
  const frames: Frame[] = [];
  let end = start;
  let fn: string | null = null;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || GOROUTINE.test(line)) break;
    const location = LOCATION.exec(line);
    if (location) {
      frames.push(goFrame(fn, location[1]!, num(location[2])));
      fn = null;
      end = i;
      continue;
    }
    if (/^\s*\.\.\.additional frames elided\.\.\./.test(line)) continue;
    // A function line is followed by its location; pasted or re-indented
    // logs may indent both, so the next line decides, not the indentation.
    if (/^\S/.test(line) || LOCATION.test(lines[i + 1] ?? '')) {
      fn = goFunction(line);
      end = i;
      continue;
    }
    // Interleaved output would be unindented and is taken as a function name
    // only until the next location line; anything else ends the stack.
    break;
  }
  return { frames, end };
}

/** The goroutines after `from` that run `test` (a frame of `pkg.Test…` or `created by` it). */
function stuckGoroutines(
  lines: readonly string[],
  from: number,
  test: string,
): { label: string; frames: Frame[]; end: number }[] {
  const found: { label: string; frames: Frame[]; end: number }[] = [];
  const suffix = `.${test.split('/')[0]}`;
  for (let i = from; i < Math.min(lines.length, from + 20_000); i++) {
    const line = lines[i]!;
    if (PACKAGE_RESULT.test(line)) break;
    if (!GOROUTINE.test(line)) continue;
    const stack = readGoroutine(lines, i);
    if (
      stack.frames.some(
        (f) => f.function !== null && (f.function.endsWith(suffix) || f.function.includes(`${suffix}.func`)),
      )
    )
      found.push({ label: line.trim().replace(/:$/, ''), frames: stack.frames, end: stack.end });
    i = stack.end;
  }
  return found;
}

/** Go test file names are package-relative: remember the package from the `FAIL\tpkg` line that closes the run. */
function packageAfter(lines: readonly string[], from: number): string | null {
  for (let i = from; i < Math.min(lines.length, from + 2000); i++) {
    const match = PACKAGE_RESULT.exec(lines[i]!);
    if (match && match[1]!.includes('/')) return match[1]!;
    if (match && /^[\w.-]+$/.test(match[1]!) && !/^\d/.test(match[1]!)) return match[1]!;
  }
  return null;
}

/**
 * Hosts whose module paths are `host/owner/repo` (or `host/name` for the
 * second group): a package below the module's root maps to a directory of
 * the repository. Other hosts give no such guarantee, so their file names
 * stay package-relative until the mapping step reads go.mod.
 */
const REPO_HOSTS_3 = /^(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|gitea\.com)\/[^/]+\/[^/]+/;
const REPO_HOSTS_2 =
  /^(?:golang\.org\/x|k8s\.io|sigs\.k8s\.io|go\.uber\.org|google\.golang\.org|go\.opentelemetry\.io|gopkg\.in)\/[^/]+/;

/** `github.com/o/r/pkg/x` + `x_test.go` → `pkg/x/x_test.go`; unknown hosts → the file name as printed. */
export function goFileInModule(pkg: string, file: string): string {
  const root = REPO_HOSTS_3.exec(pkg) ?? REPO_HOSTS_2.exec(pkg);
  if (!root) return file;
  const rest = pkg
    .slice(root[0].length)
    .replace(/^\/v\d+(?=\/|$)/, '')
    .replace(/^\//, '');
  return rest ? `${rest}/${file}` : file;
}

interface TestLogs {
  lines: { path: string; line: number; message: string; index: number }[];
}

export const parseGo: LogParser = (lines) => {
  const out: Candidate[] = [];
  const logs = new Map<string, TestLogs>();
  const failed: { name: string; index: number }[] = [];
  let current: string | null = null;
  // Test names by indentation depth of their `--- FAIL:` line (non-verbose
  // output nests subtests' logs under the parent's FAIL line).
  const byDepth: string[] = [];
  const claimed = new Set<string>();

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const panic = PANIC.exec(line);
    if (panic) {
      const header = lines.slice(i + 1, i + 40).findIndex((l) => GOROUTINE.test(l));
      if (header === -1) continue;
      const stack = readGoroutine(lines, i + 1 + header);
      const timeout = TIMEOUT.exec(line);
      let test: string | null = null;
      let start = i;
      if (timeout) {
        // `running tests:` lists the tests still running when the alarm fired.
        const running = lines.slice(i + 1, i + 1 + header).find((l) => /^\s+Test\S* \(/.test(l));
        test = running ? running.trim().replace(/ \(.*$/, '') : null;
      } else {
        for (let j = i - 1; j >= Math.max(0, i - 8); j--) {
          const fail = FAIL.exec(lines[j]!);
          if (fail) {
            test = fail[2]!;
            start = j;
            break;
          }
        }
      }
      if (test) claimed.add(test);
      // A timeout's panicking goroutine is the alarm; the stuck test's goroutines say more.
      const related = timeout && test ? stuckGoroutines(lines, stack.end + 1, test) : [];
      if (related.length > 0) {
        out.push({
          kind: 'timeout',
          message: panic[2]!,
          test,
          frames: stack.frames,
          relatedStacks: related.map((g) => ({ label: g.label, frames: g.frames })),
          start,
          end: related[related.length - 1]!.end,
          priority: PRIORITY.trace,
        });
        i = related[related.length - 1]!.end;
        continue;
      }
      out.push({
        kind: timeout ? 'timeout' : 'panic',
        message: panic[2]!.replace(/\s*\[recovered[^\]]*\]$/, ''),
        test,
        frames: stack.frames,
        start,
        end: stack.end,
        priority: PRIORITY.trace,
      });
      i = stack.end;
      continue;
    }
    const run = RUN.exec(line);
    if (run) {
      current = run[1]!;
      continue;
    }
    const fail = FAIL.exec(line);
    if (fail) {
      const depth = fail[1]!.length / 4;
      byDepth[depth] = fail[2]!;
      byDepth.length = depth + 1;
      current = null;
      failed.push({ name: fail[2]!, index: i });
      continue;
    }
    const logged = TEST_LOG.exec(line);
    if (logged) {
      // Verbose output logs under `=== RUN`; plain output under `--- FAIL:`, one indent deeper.
      const depth = logged[1]!.replace(/\t/g, '    ').length / 4 - 1;
      const owner = current ?? byDepth[Math.max(0, Math.floor(depth))] ?? null;
      if (!owner) continue;
      const entry = logs.get(owner) ?? { lines: [] };
      entry.lines.push({ path: logged[2]!, line: Number(logged[3]), message: logged[4]!.trim(), index: i });
      logs.set(owner, entry);
    }
  }

  for (const { name, index } of failed) {
    const entry = logs.get(name);
    if (claimed.has(name)) continue;
    // A failed Example prints what it got and wanted, with no location.
    if (!entry && /^Example/.test(name) && lines[index + 1]?.trim() === 'got:') {
      claimed.add(name);
      out.push({
        kind: 'test-failure',
        message: `got: ${(lines[index + 2] ?? '').trim()}`,
        test: name,
        frames: [],
        start: index,
        end: index + 2,
        priority: PRIORITY.runner,
      });
      continue;
    }
    if (!entry) continue;
    claimed.add(name);
    const pkg = packageAfter(lines, index);
    const frames = entry.lines.map((l) => {
      const frame = frameAt(pkg && !l.path.includes('/') ? goFileInModule(pkg, l.path) : l.path, l.line, null, null);
      if (pkg) frame.goPackage = pkg;
      return frame;
    });
    const first = entry.lines[0]!;
    const last = entry.lines[entry.lines.length - 1]!;
    out.push({
      kind: 'test-failure',
      message: first.message,
      test: name,
      frames,
      start: Math.min(first.index, index),
      end: Math.max(last.index, index),
      priority: PRIORITY.runner,
    });
  }
  return out;
};
