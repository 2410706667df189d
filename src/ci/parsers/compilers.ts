/**
 * Compiler errors, each its own failure: GCC and Clang (`file:1:2: error:`,
 * with the `In function 'f':` context GCC prints above), MSVC and tsc
 * (`file(1,2): error C2065:` / `error TS2322:`), tsc --pretty, javac and
 * Maven's `[ERROR] file:[1,2]`, Kotlin's `e: file:1:2`, `go build` / `go vet`
 * (`file.go:1:2: message` under a `# package` line) and linker errors.
 */
import { frameAt, num } from '../frame-paths.js';
import { type Candidate, type LogParser, PRIORITY } from './candidate.js';

const PATH = String.raw`((?:[A-Za-z]:)?[^\s:(]+?\.[A-Za-z][\w+-]{0,7})`;
const GCC = new RegExp(String.raw`^${PATH}:(\d+)(?::(\d+))?: (?:fatal )?error: (.*?)\s*$`);
const MSVC_TSC = new RegExp(String.raw`^${PATH}\((\d+)(?:,(\d+))?\): (?:fatal )?error [A-Z]+\d+: (.*?)\s*$`);
const TSC_PRETTY = new RegExp(String.raw`^${PATH}:(\d+):(\d+) - error TS\d+: (.*?)\s*$`);
const MAVEN = new RegExp(String.raw`^\[ERROR\] ${PATH}:\[(\d+),(\d+)\] (.*?)\s*$`);
const KOTLIN = /^e: (?:file:\/\/)?(\S+?\.kts?):(\d+):(\d+) (.*?)\s*$/;
const LINKER = new RegExp(String.raw`^${PATH}:\(\.[\w.]+\+0x[0-9a-f]+\): (undefined reference to .*?)\s*$`);
const GCC_CONTEXT =
  /^(.+?): In (?:static |member |)?(?:function|constructor|destructor|instantiation of) [‘'`"](.+?)[’'"]:?\s*$/;
const GO_PACKAGE = /^# (\S+)\s*$/;
const GO_ERROR = /^(?:vet: )?(\.{0,2}\/?[\w./-]+\.go):(\d+)(?::(\d+))?: (.*?)\s*$/;

type Match = [path: string, line: string, column: string | undefined, message: string];

function compilerError(line: string): Match | null {
  for (const pattern of [GCC, MSVC_TSC, TSC_PRETTY, MAVEN, KOTLIN]) {
    const match = pattern.exec(line);
    if (match) return [match[1]!, match[2]!, match[3], match[4]!];
  }
  return null;
}

export const parseCompilerErrors: LogParser = (lines) => {
  const out: Candidate[] = [];
  // GCC names the function above its errors: `src/x.c: In function 'f':`.
  let context: { path: string; fn: string } | null = null;
  let goPackage: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const ctx = GCC_CONTEXT.exec(line);
    if (ctx) {
      context = { path: ctx[1]!, fn: ctx[2]! };
      continue;
    }
    const pkg = GO_PACKAGE.exec(line);
    if (pkg) {
      goPackage = pkg[1]!;
      continue;
    }
    if (goPackage !== null) {
      const go = GO_ERROR.exec(line);
      if (go) {
        out.push({
          kind: 'compile-error',
          message: go[4]!,
          test: null,
          frames: [frameAt(go[1]!, num(go[2]), num(go[3]), null)],
          start: i,
          end: i,
          priority: PRIORITY.compiler,
        });
        continue;
      }
      if (!/^\s/.test(line)) goPackage = null;
    }
    const linker = LINKER.exec(line);
    if (linker) {
      out.push({
        kind: 'compile-error',
        message: linker[2]!,
        test: null,
        frames: [frameAt(linker[1]!, null, null, null)],
        start: i,
        end: i,
        priority: PRIORITY.compiler,
      });
      continue;
    }
    const error = compilerError(line);
    if (!error) continue;
    const [path, lineNo, column, message] = error;
    const fn = context && context.path === path ? context.fn : null;
    out.push({
      kind: 'compile-error',
      message,
      test: null,
      frames: [frameAt(path, num(lineNo), num(column), fn)],
      start: i,
      end: i,
      priority: PRIORITY.compiler,
    });
  }
  return out;
};
