import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { mapFrames, repoViewFromIndex, type MappedFailure } from '../ci/map-frames.js';
import { failureToJson, parseLog } from '../ci/parse-log.js';
import { redactSecrets } from '../ci/redact.js';
import { renderFailures, renderMappedFailures } from '../ci/render.js';
import type { LocatedFailure } from '../ci/types.js';
import { buildRepoIndex } from '../parse/repo-index.js';
import { UsageError } from './errors.js';
import type { CliIo } from './main.js';

export const EXPLAIN_CI_USAGE = `usage: revloop explain-ci --log FILE [--repo DIR] [--mask VALUE]... [--json]

Finds the failures in a CI log (tests, exceptions, panics, compiler errors,
sanitizer reports) and the stack frames of each; with --repo, resolves the
frames to the repository's files and enclosing symbols and shows the code.

options:
  --log FILE     the job log to read (GitHub Actions framing is understood)
  --repo DIR     repository to map frames into
  --mask VALUE   a secret to mask in everything printed (repeatable)
  --json         {"failures": [...]} on stdout
  -h, --help     this text
`;

const OPTIONS = {
  log: { type: 'string' },
  repo: { type: 'string' },
  mask: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

function readLog(path: string, cwd: string): string {
  const full = resolve(cwd, path);
  let size: number;
  try {
    const stat = statSync(full);
    if (!stat.isFile()) throw new UsageError(`--log: ${path} is not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--log: cannot read ${path}`);
  }
  // V8's string limit is about 512 MiB; a job log is at most a few tens.
  if (size > 400 * 1024 * 1024)
    throw new UsageError(`--log: ${path} is ${Math.round(size / 2 ** 20)} MiB, over the 400 MiB limit`);
  try {
    return readFileSync(full, 'utf8');
  } catch {
    throw new UsageError(`--log: cannot read ${path}`);
  }
}

function contextJson(mapped: MappedFailure<LocatedFailure>, masks: readonly string[]): unknown[] {
  return mapped.projectFrames.map((frame) => ({
    path: frame.resolved,
    line: frame.line,
    symbol: frame.symbol,
    snippet: frame.snippet.map((s) => ({ line: s.line, text: redactSecrets(s.text, masks) })),
  }));
}

/** `revloop explain-ci`: returns the exit code; bad arguments throw UsageError. */
export async function explainCi(args: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
  if (values.help) {
    io.stdout(EXPLAIN_CI_USAGE);
    return 0;
  }
  if (values.log === undefined) throw new UsageError('explain-ci needs --log FILE');
  let root: string | undefined;
  if (values.repo !== undefined) {
    root = resolve(io.cwd, values.repo);
    let isDir = false;
    try {
      isDir = statSync(root).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) throw new UsageError(`--repo: ${values.repo} is not a directory`);
  }
  const masks = values.mask ?? [];
  // Secrets are masked in the log before parsing, so no message, test name
  // or path can carry one out.
  const parsed = parseLog(redactSecrets(readLog(values.log, io.cwd), masks));
  const log = (message: string): void => io.stderr(`${message}\n`);

  if (root === undefined) {
    if (values.json) io.stdout(`${JSON.stringify({ failures: parsed.failures.map(failureToJson) }, null, 2)}\n`);
    else io.stdout(renderFailures(parsed));
  } else {
    const index = await buildRepoIndex(root, { log });
    const mapped = mapFrames(parsed.failures, repoViewFromIndex(index));
    if (values.json) {
      const failures = mapped.map((m) => ({
        ...failureToJson({ ...m.failure, frames: m.frames }),
        context: contextJson(m, masks),
      }));
      io.stdout(`${JSON.stringify({ failures }, null, 2)}\n`);
    } else {
      const text = renderMappedFailures(parsed, mapped);
      io.stdout(redactSecrets(text, masks));
    }
  }
  if (values.json) {
    const n = parsed.failures.length;
    log(`revloop: ${n} failure${n === 1 ? '' : 's'} in ${parsed.totalLines} log lines`);
  }
  if (parsed.omittedLines > 0) log(`revloop: warning: ${parsed.omittedLines} lines of a huge log were not parsed`);
  if (parsed.droppedFailures > 0) log(`revloop: warning: ${parsed.droppedFailures} more failures were left out`);
  return 0;
}
