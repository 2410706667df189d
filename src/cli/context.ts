import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_MAP_TOKENS } from '../context/repo-map.js';
import { changedFilesFromDiff, diffBase, type Seeds } from '../context/seeds.js';
import type { Subject } from '../llm/blocks.js';
import {
  CLI_SETTING_NAMES,
  createLlmClient,
  DEFAULT_INPUT_TOKENS,
  DEFAULT_OUTPUT_TOKENS,
  DEFAULT_TIMEOUT_MS,
  type LlmClient,
} from '../llm/client.js';
import { gitDiffText, gitErrorLine } from '../llm/diff-text.js';
import { runReviewSteps } from '../llm/review-steps.js';
import { analyzeRepository } from '../pipeline/analyze.js';
import { renderContextMarkdown } from '../report/context-markdown.js';
import { buildContextReport } from '../report/context-report.js';
import { buildLlmSection } from '../report/llm-section.js';
import { GITHUB_COMMENT_LIMIT } from '../report/trim.js';
import { UsageError } from './errors.js';
import { changedFilesFromDiffFile, readTextOption } from './inputs.js';
import type { CliIo } from './main.js';

export const DEFAULT_MODEL = 'gpt-4.1-mini';
const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
const DEFAULT_MAX_FILES = 20;

export const CONTEXT_USAGE = `usage: revloop context --repo DIR (--base REV | --diff FILE | --issue-text FILE) [options]

Runs the whole pipeline and prints the markdown the GitHub Action would post:
the ranked files with their reasons, the diagram and the map, and, with an
API key, the files the model expects to change and its suggested edits,
each checked with \`git apply --check\` against DIR.

options:
  --repo DIR           repository to read (default: the current directory)
  --base REV           the change: \`git diff REV\` (committed and uncommitted changes since REV)
  --diff FILE          the change: a unified diff
  --issue-text FILE    a text to rank from (an issue); with --base or --diff, extra seed text
  --model NAME         model for the LLM steps (default: ${DEFAULT_MODEL})
  --input-tokens N     input budget of each LLM call, o200k tokens (default: ${DEFAULT_INPUT_TOKENS})
  --output-tokens N    output cap of each LLM call (default: ${DEFAULT_OUTPUT_TOKENS})
  --timeout S          seconds to wait for each LLM answer (default: ${DEFAULT_TIMEOUT_MS / 1000})
  --tokens N           token budget of the repository map (default: ${DEFAULT_MAP_TOKENS})
  --max-files N        ranked files listed (default: ${DEFAULT_MAX_FILES})
  --no-history         do not read git history
  --json               the report as JSON instead of markdown
  -h, --help           this text

environment:
  OPENAI_API_KEY       key of an OpenAI-compatible endpoint; without it no request is made
  OPENAI_BASE_URL      the endpoint (default: ${DEFAULT_BASE_URL}); e.g. http://localhost:11434/v1 for Ollama
`;

const OPTIONS = {
  repo: { type: 'string' },
  base: { type: 'string' },
  diff: { type: 'string' },
  'issue-text': { type: 'string' },
  model: { type: 'string' },
  'input-tokens': { type: 'string' },
  'output-tokens': { type: 'string' },
  timeout: { type: 'string' },
  tokens: { type: 'string' },
  'max-files': { type: 'string' },
  'no-history': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

export type CliEnv = Readonly<Record<string, string | undefined>>;

export function wholeNumber(name: string, value: string | undefined, fallback: number, max = 10_000_000): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max)
    throw new UsageError(`--${name} takes a whole number from 1 to ${max}, got "${value}"`);
  return Number(value);
}

export function repoDir(cwd: string, repo: string | undefined): string {
  const root = resolve(cwd, repo ?? '.');
  if (!existsSync(root) || !statSync(root).isDirectory())
    throw new UsageError(`--repo: ${repo ?? root} is not a directory`);
  return root;
}

export function parseOptions<T extends ParseArgsConfig['options']>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
}

/** The LLM settings of the CLI: the key and endpoint from the environment, the rest from options. */
export interface CliLlmOptions {
  model?: string | undefined;
  'input-tokens'?: string | undefined;
  'output-tokens'?: string | undefined;
  timeout?: string | undefined;
}

/** A client when OPENAI_API_KEY is set; undefined (and no request ever) when it is not. */
export function cliLlmClient(values: CliLlmOptions, env: CliEnv, log: (m: string) => void): LlmClient | undefined {
  const apiKey = env.OPENAI_API_KEY?.trim();
  const baseUrl = env.OPENAI_BASE_URL?.trim() || DEFAULT_BASE_URL;
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new UsageError(`OPENAI_BASE_URL must be an http(s) URL, got "${baseUrl}"`);
  }
  const model = values.model ?? DEFAULT_MODEL;
  if (!model.trim()) throw new UsageError('--model: give a model name');
  const inputTokens = wholeNumber('input-tokens', values['input-tokens'], DEFAULT_INPUT_TOKENS);
  const outputTokens = wholeNumber('output-tokens', values['output-tokens'], DEFAULT_OUTPUT_TOKENS);
  const timeoutMs = wholeNumber('timeout', values.timeout, DEFAULT_TIMEOUT_MS / 1000, 3600) * 1000;
  if (!apiKey) return undefined;
  return createLlmClient({
    apiKey,
    baseUrl,
    model,
    inputTokens,
    outputTokens,
    timeoutMs,
    names: CLI_SETTING_NAMES,
    log,
  });
}

export const SKIPPED_WITHOUT_KEY = 'LLM steps skipped because OPENAI_API_KEY is not set: no request was made.';

/**
 * `revloop context`: ranks from a change or a text, runs the LLM steps when
 * OPENAI_API_KEY is set, and prints the report the Action would post (or
 * its JSON). Exit 0 whenever a report is printed, also when an LLM step
 * failed (the report and stderr say why); 2 on bad arguments.
 */
export async function contextCommand(args: string[], io: CliIo, env: CliEnv): Promise<number> {
  const values = parseOptions(args, OPTIONS);
  if (values.help) {
    io.stdout(CONTEXT_USAGE);
    return 0;
  }
  const root = repoDir(io.cwd, values.repo);
  if (values.base !== undefined && values.diff !== undefined)
    throw new UsageError('give either --base or --diff, not both');
  if (values.base === undefined && values.diff === undefined && values['issue-text'] === undefined)
    throw new UsageError('give the change (--base REV or --diff FILE) or a text (--issue-text FILE)');
  const log = (message: string): void => io.stderr(`${message}\n`);
  const client = cliLlmClient(values, env, log);
  const mapTokens = wholeNumber('tokens', values.tokens, DEFAULT_MAP_TOKENS);
  const maxFiles = wholeNumber('max-files', values['max-files'], DEFAULT_MAX_FILES, 1000);

  let diff: string | undefined;
  let title: string;
  if (values.base !== undefined) {
    try {
      diff = gitDiffText(root, { since: values.base });
    } catch (error) {
      throw new UsageError(
        `--base: git diff ${values.base} failed${gitErrorLine(error) ? `: ${gitErrorLine(error)}` : ''}`,
      );
    }
    title = `Context for the changes since ${values.base}`;
  } else if (values.diff !== undefined) {
    diff = readTextOption('diff', values.diff, io.cwd);
    title = `Context for ${values.diff}`;
  } else title = `Context for ${values['issue-text']}`;
  const text =
    values['issue-text'] !== undefined ? readTextOption('issue-text', values['issue-text'], io.cwd) : undefined;
  // Line history blames the edited lines at the diff's old side: REV, or a guess, the checkout (see `revloop rank`).
  const changed =
    diff === undefined
      ? []
      : values.diff !== undefined
        ? changedFilesFromDiffFile(values.diff, diff, log)
        : changedFilesFromDiff(diff);
  const seeds: Seeds = { changed, ...(diff !== undefined ? diffBase(values.base) : {}) };
  if (text !== undefined) seeds.text = text;
  if (values.base !== undefined && changed.length === 0)
    log('revloop: the diff is empty; ranking without changed files');

  const analysis = await analyzeRepository(root, seeds, { log, ...(values['no-history'] ? { history: false } : {}) });
  const notes: string[] = [];
  let llm;
  if (client) {
    const subject: Subject =
      diff !== undefined && seeds.changed.length > 0
        ? { kind: 'change', label: values.base !== undefined ? `diff since ${values.base}` : 'diff', diff }
        : { kind: 'text', label: 'request', text: text ?? '' };
    log(`revloop: asking ${client.model} at ${client.endpoint}`);
    const outcome = await runReviewSteps(client, {
      subject,
      index: analysis.index,
      ranking: analysis.ranking,
      changed: seeds.changed,
      maxFiles: Math.min(maxFiles, 10),
    });
    for (const failure of outcome.failures) log(`revloop: warning: ${failure.message}`);
    const changedPaths = new Set(seeds.changed.map((c) => c.path));
    llm = buildLlmSection(outcome, analysis.ranking, changedPaths, maxFiles);
  } else {
    log(`revloop: ${SKIPPED_WITHOUT_KEY}`);
    notes.push(`${SKIPPED_WITHOUT_KEY} The ranking, diagram and map above come from the code graph alone.`);
  }
  const report = buildContextReport({
    title,
    commits: [],
    seeds,
    index: analysis.index,
    graph: analysis.graph,
    ranking: analysis.ranking,
    mapTokens,
    maxFiles,
    excludedByInputs: 0,
    notes,
    command: '/context',
    ...(llm ? { llm } : {}),
  });
  if (values.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else io.stdout(`${renderContextMarkdown(report, GITHUB_COMMENT_LIMIT)}\n`);
  return 0;
}
