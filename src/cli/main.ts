import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  changedFilesFromDiff,
  diffBase,
  gitDiff,
  mergeChanged,
  type ChangedFile,
  type Seeds,
} from '../context/seeds.js';
import { DEFAULT_MAP_TOKENS, renderRepoMap } from '../context/repo-map.js';
import { isSafeRelativePath } from '../repo/read.js';
import { buildRepoIndex, type RepoIndex } from '../parse/repo-index.js';
import { analyzeRepository } from '../pipeline/analyze.js';
import { DEFAULT_HISTORY_COMMITS } from '../repo/history.js';
import { UsageError } from './errors.js';
import { contextCommand } from './context.js';
import { changedFilesFromDiffFile, readTextOption } from './inputs.js';
import { describeCommand } from './describe.js';
import { explainCi } from './explain-ci.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

const USAGE = `usage: revloop <command> [options]

commands:
  tags   list the definitions and references of every file
  rank   rank files and symbols from a change or a text
  map    print the token-budgeted repository map
  explain-ci  find the failures and stack frames in a CI log (revloop explain-ci --help)
  context     the report the Action posts, with the LLM steps when OPENAI_API_KEY is set (revloop context --help)
  describe    a pull request description or a commit message with the LLM (revloop describe --help)

options:
  --repo DIR          repository to read (default: current directory)
  --changed FILE      a changed file, repository-relative (repeatable)
  --base REV          changed files and lines from \`git diff REV\`
  --diff FILE         changed files and lines from a unified diff
  --issue-text FILE   free text (issue, comment) to seed from
  --limit N           rank: how many files and symbols to print (default: all files, 100 symbols)
  --tokens N          map: token budget (default: ${DEFAULT_MAP_TOKENS})
  --jobs N            parse threads (default: 2 on large trees)
  --history N         first-parent commits to mine for co-changes (default: ${DEFAULT_HISTORY_COMMITS})
  --no-history        do not read git history
  --json              machine-readable output on stdout
  --stats             print phase timings and peak memory to stderr (one JSON line)
  -h, --help          this text
`;

/** `rank` prints every file but, unless --limit says otherwise, only the best symbols. */
const DEFAULT_SYMBOLS = 100;

const OPTIONS = {
  repo: { type: 'string' },
  changed: { type: 'string', multiple: true },
  base: { type: 'string' },
  diff: { type: 'string' },
  'issue-text': { type: 'string' },
  limit: { type: 'string' },
  tokens: { type: 'string' },
  jobs: { type: 'string' },
  history: { type: 'string' },
  'no-history': { type: 'boolean' },
  json: { type: 'boolean' },
  stats: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

function positiveInt(name: string, value: string | undefined, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UsageError(`--${name} takes a whole number ≥ 1, got "${value}"`);
  return Number(value);
}

/** Runs one CLI invocation; returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command) {
    io.stderr(USAGE);
    return 2;
  }
  if (command === '-h' || command === '--help' || command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (command === 'explain-ci') return explainCi(rest, io);
  if (command === 'context') return contextCommand(rest, io, process.env);
  if (command === 'describe') return describeCommand(rest, io, process.env);
  if (!['tags', 'rank', 'map'].includes(command)) {
    throw new UsageError(`unknown command "${command}" (try: tags, rank, map, context, describe, explain-ci)`);
  }

  let values;
  try {
    ({ values } = parseArgs({ args: rest, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const root = resolve(io.cwd, values.repo ?? '.');
  if (!existsSync(root) || !statSync(root).isDirectory())
    throw new UsageError(`--repo: ${values.repo ?? root} is not a directory`);
  const jobs = positiveInt('jobs', values.jobs, undefined);
  const log = (message: string): void => io.stderr(`${message}\n`);
  const started = performance.now();
  const stats = (fields: Record<string, number>): void => {
    if (!values.stats) return;
    const rounded = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Math.round(v)]));
    const wallMs = Math.round(performance.now() - started);
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    io.stderr(`revloop-stats ${JSON.stringify({ command, ...rounded, wallMs, peakRssMb })}\n`);
  };

  if (command === 'tags') {
    const index = await buildRepoIndex(root, { jobs, log });
    const tags = index.files.flatMap((f) => f.tags);
    if (values.json) {
      io.stdout(
        `${JSON.stringify({
          files: index.files.length,
          skipped: index.skipped,
          tags: tags.map((t) => ({
            path: t.path,
            line: t.line,
            kind: t.kind,
            name: t.name,
            symbolKind: t.symbolKind,
            ...(t.id ? { id: t.id } : {}),
          })),
        })}\n`,
      );
    } else {
      for (const t of tags)
        io.stdout(`${t.path}:${t.line}\t${t.kind}\t${t.symbolKind}\t${t.name}${t.id ? `\t${t.id}` : ''}\n`);
      log(`revloop: ${index.files.length} files, ${tags.length} tags, ${index.skipped.length} skipped`);
    }
    stats({ files: index.files.length, tags: tags.length, ...phaseStats(index.timings) });
    return 0;
  }

  const seeds = readSeeds(values, root, io.cwd, log);
  const limit = positiveInt('limit', values.limit, undefined);
  const tokens = positiveInt('tokens', values.tokens, DEFAULT_MAP_TOKENS)!;
  if (values.history !== undefined && values['no-history'])
    throw new UsageError('give either --history or --no-history');
  const historyCommits = positiveInt('history', values.history, DEFAULT_HISTORY_COMMITS)!;
  const analysis = await analyzeRepository(root, seeds, {
    jobs,
    log,
    history: values['no-history'] ? false : { maxCommits: historyCommits },
  });
  for (const note of analysis.ranking.notes) log(`revloop: ${note}`);
  for (const path of analysis.ranking.unmatched) log(`revloop: warning: ${path} is not among the indexed files`);

  const sizes = {
    files: analysis.index.files.length,
    tags: analysis.index.files.reduce((n, f) => n + f.tags.length, 0),
    ...phaseStats(analysis.timings),
    historyMs: analysis.timings.historyMs,
    lineHistoryMs: analysis.timings.lineHistoryMs,
    graphMs: analysis.timings.graphMs,
    peakRssAfterIndexMb: analysis.peakRssMb.index,
    peakRssAfterGraphMb: analysis.peakRssMb.graph,
    rankMs: analysis.timings.rankMs,
  };
  const renderStart = performance.now();
  if (command === 'rank') {
    const files = analysis.ranking.files.slice(0, limit);
    const symbols = analysis.ranking.symbols.slice(0, limit ?? DEFAULT_SYMBOLS);
    if (values.json) {
      io.stdout(`${JSON.stringify({ files, symbols }, null, 2)}\n`);
    } else {
      files.forEach((file, i) => {
        io.stdout(`${String(i + 1).padStart(4)}. ${file.path}  ${file.score}  ${file.role}\n`);
        for (const reason of file.reasons) io.stdout(`        ${reason}\n`);
      });
    }
    stats({ ...sizes, renderMs: performance.now() - renderStart });
    return 0;
  }

  const map = renderRepoMap(analysis.index.files, analysis.ranking, tokens);
  if (values.json)
    io.stdout(
      `${JSON.stringify({ tokens: map.tokens, files: map.files, definitions: map.definitions, map: map.text })}\n`,
    );
  else io.stdout(map.text);
  log(`revloop: map of ${map.files} files, ${map.definitions} definitions, ${map.tokens}/${tokens} tokens`);
  stats({ ...sizes, renderMs: performance.now() - renderStart });
  return 0;
}

function phaseStats(timings: RepoIndex['timings']): Record<string, number> {
  return {
    threads: timings.threads,
    listMs: timings.listMs,
    tagMs: timings.tagMs,
    readMs: timings.tagging.readMs,
    parseMs: timings.tagging.parseMs,
    queryMs: timings.tagging.queryMs,
  };
}

function readSeeds(
  values: { changed?: string[]; base?: string; diff?: string; 'issue-text'?: string },
  root: string,
  cwd: string,
  log: (line: string) => void,
): Seeds {
  if (values.base !== undefined && values.diff !== undefined)
    throw new UsageError('give either --base or --diff, not both');
  const changed: ChangedFile[] = [];
  for (const path of values.changed ?? []) {
    const normal = path.replace(/^\.\//, '');
    if (!isSafeRelativePath(normal)) throw new UsageError(`--changed: ${path} is not a path inside the repository`);
    changed.push({ path: normal, status: 'modified', ranges: [] });
  }
  if (values.base !== undefined) {
    try {
      changed.push(...changedFilesFromDiff(gitDiff(root, values.base)));
    } catch (error) {
      const detail = (error as { stderr?: string }).stderr?.toString().trim().split('\n')[0];
      throw new UsageError(`--base: git diff ${values.base} failed${detail ? `: ${detail}` : ''}`);
    }
  }
  if (values.diff !== undefined)
    changed.push(...changedFilesFromDiffFile(values.diff, readTextOption('diff', values.diff, cwd), log));
  const seeds: Seeds = { changed: mergeChanged(changed) };
  // The diff's old side, where line history blames the lines it edits: the revision given, or for a
  // diff file the checked-out commit (each file's `index` blob is checked against it; a file without one is not blamed).
  if (values.base !== undefined || values.diff !== undefined) Object.assign(seeds, diffBase(values.base));
  if (values['issue-text'] !== undefined) seeds.text = readTextOption('issue-text', values['issue-text'], cwd);
  return seeds;
}
