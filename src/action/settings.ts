import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import picomatch from 'picomatch';

/** The `author_association` values GitHub sends with comments. */
export const AUTHOR_ASSOCIATIONS = [
  'OWNER',
  'MEMBER',
  'COLLABORATOR',
  'CONTRIBUTOR',
  'FIRST_TIME_CONTRIBUTOR',
  'FIRST_TIMER',
  'MANNEQUIN',
  'NONE',
] as const;
export type AuthorAssociation = (typeof AUTHOR_ASSOCIATIONS)[number];

export const DESCRIBE_MODES = ['off', 'comment', 'body'] as const;
export type DescribeMode = (typeof DESCRIBE_MODES)[number];

/**
 * Everything the action needs from its inputs and from the runner, read and
 * validated once. Nothing below run() reads inputs or the environment.
 */
export interface Settings {
  /** `github-token`: reads files, posts comments. Masked in logs. */
  githubToken: string;
  /**
   * `openai-api-key`, `openai-base-url`, `model`: the LLM steps' endpoint; no key → the LLM steps are skipped.
   * `llm-input-tokens`, `llm-output-tokens`: each call's input budget and output cap.
   */
  llm: { apiKey: string | undefined; baseUrl: string; model: string; inputTokens: number; outputTokens: number };
  /** `describe`: LLM pull request descriptions off, as a sticky comment, or in the pull request body. */
  describe: DescribeMode;
  /** `map-tokens`: token budget of the repository map. */
  mapTokens: number;
  /** `max-files`: ranked files listed in the comment and in the `ranked-files` output. */
  maxFiles: number;
  /** `command`: the comment command, e.g. `/context`. */
  command: string;
  /** `allowed-associations`: who may run the command. */
  allowedAssociations: ReadonlySet<AuthorAssociation>;
  /** `include` / `exclude`: globs over repository-relative paths. */
  include: string[];
  exclude: string[];
  /** `working-directory`, resolved inside the workspace. */
  workingDirectory: string;
  /**
   * `workflows`: names or file names (`ci.yml`, `.github/workflows/ci.yml`) of the
   * workflows whose failed runs revloop explains; empty means every workflow but
   * the one revloop runs in.
   */
  workflows: string[];
  /** From the runner: the event and where to talk to GitHub. */
  runner: RunnerContext;
}

export interface RunnerContext {
  eventName: string;
  /** Path of the event payload file; undefined when the runner gave none. */
  eventPath: string | undefined;
  owner: string;
  repo: string;
  /** REST API base URL (GitHub Enterprise Server: https://HOST/api/v3). */
  apiUrl: string;
  serverUrl: string;
  workspace: string;
  /** The commit the workflow runs on (GITHUB_SHA). */
  sha: string | undefined;
  /** Link to this workflow run, when the runner says which run it is. */
  runUrl: string | undefined;
  /** The workflow this step runs in: its name (GITHUB_WORKFLOW) and file (from GITHUB_WORKFLOW_REF), when known. */
  workflow: { name: string | undefined; path: string | undefined };
}

/** A wrong input or runner variable: the message names it and says what is accepted. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

export function isSettingsError(error: unknown): error is SettingsError {
  return error instanceof SettingsError;
}

/** Where settings come from: the step's inputs (as `core.getInput` reads them) and the runner's variables. */
export interface SettingsSource {
  input(name: string): string;
  env: Readonly<Record<string, string | undefined>>;
}

function positiveInteger(source: SettingsSource, name: string, max: number, min = 1): number {
  const raw = source.input(name);
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max)
    throw new SettingsError(`Input "${name}" must be a whole number from ${min} to ${max}, got "${raw}".`);
  return Number(raw);
}

function describeMode(source: SettingsSource): DescribeMode {
  const raw = source.input('describe').trim().toLowerCase() || 'off';
  if (!(DESCRIBE_MODES as readonly string[]).includes(raw))
    throw new SettingsError(`Input "describe" must be one of ${DESCRIBE_MODES.join(', ')}, got "${raw}".`);
  return raw as DescribeMode;
}

/** Comma- or newline-separated values, trimmed, empties dropped. */
function list(raw: string): string[] {
  return raw
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function globs(source: SettingsSource, name: string): string[] {
  const patterns = list(source.input(name));
  for (const pattern of patterns) {
    if (isAbsolute(pattern) || pattern.split('/').includes('..'))
      throw new SettingsError(
        `Input "${name}": "${pattern}" must be a glob relative to the working directory (no leading "/", no "..").`,
      );
    try {
      picomatch.makeRe(pattern, { dot: true, strictBrackets: true });
    } catch (error) {
      throw new SettingsError(`Input "${name}": "${pattern}" is not a valid glob (${(error as Error).message}).`);
    }
  }
  return patterns;
}

function associations(source: SettingsSource): Set<AuthorAssociation> {
  const values = list(source.input('allowed-associations')).map((value) => value.toUpperCase());
  const known = new Set<string>(AUTHOR_ASSOCIATIONS);
  const unknown = values.filter((value) => !known.has(value));
  if (unknown.length > 0)
    throw new SettingsError(
      `Input "allowed-associations": unknown association ${unknown.map((u) => `"${u}"`).join(', ')}; ` +
        `use a comma-separated list of ${AUTHOR_ASSOCIATIONS.join(', ')}.`,
    );
  return new Set(values as AuthorAssociation[]);
}

function httpUrl(label: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SettingsError(`${label} must be an http(s) URL, got "${raw}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new SettingsError(`${label} must be an http(s) URL, got "${raw}".`);
  return raw.replace(/\/+$/, '');
}

function runnerContext(env: SettingsSource['env']): RunnerContext {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  if (!eventName)
    throw new SettingsError(
      'GITHUB_EVENT_NAME is not set: revloop runs as a GitHub Actions step (use the CLI locally).',
    );
  const repository = env.GITHUB_REPOSITORY ?? '';
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(repository);
  if (!match) throw new SettingsError(`GITHUB_REPOSITORY must look like "owner/repo", got "${repository}".`);
  const serverUrl = httpUrl('GITHUB_SERVER_URL', env.GITHUB_SERVER_URL || 'https://github.com');
  const runId = env.GITHUB_RUN_ID;
  return {
    eventName,
    eventPath: env.GITHUB_EVENT_PATH || undefined,
    owner: match[1]!,
    repo: match[2]!,
    apiUrl: httpUrl('GITHUB_API_URL', env.GITHUB_API_URL || 'https://api.github.com'),
    serverUrl,
    workspace: resolve(env.GITHUB_WORKSPACE || process.cwd()),
    sha: env.GITHUB_SHA || undefined,
    runUrl: runId && /^\d+$/.test(runId) ? `${serverUrl}/${repository}/actions/runs/${runId}` : undefined,
    workflow: {
      name: env.GITHUB_WORKFLOW || undefined,
      // owner/repo/.github/workflows/file.yml@refs/heads/main → .github/workflows/file.yml
      path: /^[^/]+\/[^/]+\/(.+?)@/.exec(env.GITHUB_WORKFLOW_REF ?? '')?.[1],
    },
  };
}

function workingDirectory(source: SettingsSource, workspace: string): string {
  const raw = source.input('working-directory') || '.';
  const full = resolve(workspace, raw);
  const inside = relative(workspace, full);
  if (inside.startsWith('..') || isAbsolute(inside))
    throw new SettingsError(`Input "working-directory": "${raw}" is outside the workspace ${workspace}.`);
  if (!existsSync(full) || !statSync(full).isDirectory())
    throw new SettingsError(
      `Input "working-directory": "${raw}" is not a directory in the workspace; check out the repository first (actions/checkout).`,
    );
  return full;
}

/** Reads and validates every input once; throws a SettingsError naming the input at fault. */
export function readSettings(source: SettingsSource): Settings {
  const runner = runnerContext(source.env);
  const githubToken = source.input('github-token');
  if (!githubToken) throw new SettingsError('Input "github-token" is empty; leave it unset to use the workflow token.');
  const command = source.input('command');
  if (!/^\S+$/.test(command))
    throw new SettingsError(`Input "command" must be one word without spaces, such as "/context", got "${command}".`);
  const apiKey = source.input('openai-api-key');
  const model = source.input('model');
  if (!model) throw new SettingsError('Input "model" is empty; give a model name or leave it unset.');
  return {
    githubToken,
    llm: {
      apiKey: apiKey || undefined,
      baseUrl: httpUrl('Input "openai-base-url"', source.input('openai-base-url')),
      model,
      inputTokens: positiveInteger(source, 'llm-input-tokens', 10_000_000, 1000),
      outputTokens: positiveInteger(source, 'llm-output-tokens', 1_000_000),
    },
    describe: describeMode(source),
    mapTokens: positiveInteger(source, 'map-tokens', 1_000_000),
    maxFiles: positiveInteger(source, 'max-files', 1000),
    command,
    allowedAssociations: associations(source),
    include: globs(source, 'include'),
    exclude: globs(source, 'exclude'),
    workingDirectory: workingDirectory(source, runner.workspace),
    workflows: list(source.input('workflows')),
    runner,
  };
}

/** A path filter from include/exclude globs; undefined when both are empty. */
export function pathFilter(settings: Pick<Settings, 'include' | 'exclude'>): ((path: string) => boolean) | undefined {
  if (settings.include.length === 0 && settings.exclude.length === 0) return undefined;
  const included = settings.include.length > 0 ? picomatch(settings.include, { dot: true }) : () => true;
  const excluded = settings.exclude.length > 0 ? picomatch(settings.exclude, { dot: true }) : () => false;
  return (path) => included(path) && !excluded(path);
}
