import type { ParseArgsConfig } from 'node:util';
import { DEFAULT_INPUT_TOKENS, DEFAULT_OUTPUT_TOKENS, DEFAULT_TIMEOUT_MS } from '../llm/client.js';
import { diffPaths, gitDiffText, gitErrorLine, type DiffSpec } from '../llm/diff-text.js';
import { isLlmError } from '../llm/errors.js';
import { commitMessage, describePullRequest } from '../llm/steps/describe.js';
import { renderDescription } from '../report/describe-markdown.js';
import { cliLlmClient, DEFAULT_MODEL, parseOptions, repoDir, type CliEnv } from './context.js';
import { UsageError } from './errors.js';
import type { CliIo } from './main.js';

export const DESCRIBE_USAGE = `usage: revloop describe --repo DIR (--base REV | --staged | --range A..B) [options]

Writes a description of a change with the LLM (OPENAI_API_KEY is required):
  --base REV     a pull request description (title, type, summary, walkthrough) of \`git diff REV\`, as markdown
  --staged       a commit message for the staged changes (\`git diff --cached\`)
  --range A..B   a commit message for the changes of a range of commits

options:
  --repo DIR           repository to read (default: the current directory)
  --model NAME         model (default: ${DEFAULT_MODEL})
  --input-tokens N     input budget of the call, o200k tokens (default: ${DEFAULT_INPUT_TOKENS})
  --output-tokens N    output cap (default: ${DEFAULT_OUTPUT_TOKENS})
  --timeout S          seconds to wait for the answer (default: ${DEFAULT_TIMEOUT_MS / 1000})
  --json               the description as JSON
  -h, --help           this text

As a prepare-commit-msg hook (.git/hooks/prepare-commit-msg, executable):

  #!/bin/sh
  # Only for a plain \`git commit\`: not with -m, -F, a template, a merge or an amend.
  [ -z "$2" ] || exit 0
  message=$(revloop describe --repo . --staged) || exit 0
  { printf '%s\\n' "$message"; cat "$1"; } > "$1.revloop" && mv "$1.revloop" "$1"

environment:
  OPENAI_API_KEY       key of an OpenAI-compatible endpoint
  OPENAI_BASE_URL      the endpoint (default: https://api.openai.com/v1)
`;

const OPTIONS = {
  repo: { type: 'string' },
  base: { type: 'string' },
  staged: { type: 'boolean' },
  range: { type: 'string' },
  model: { type: 'string' },
  'input-tokens': { type: 'string' },
  'output-tokens': { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

/**
 * `revloop describe`: a pull request description (`--base`) or a commit
 * message (`--staged`, `--range`) from the diff. Exit 0 with the text on
 * stdout; 1 when nothing could be written (no key, an empty diff, a failed
 * call), with the reason on stderr and nothing on stdout, so a hook can
 * fall back to the usual editor; 2 on bad arguments.
 */
export async function describeCommand(args: string[], io: CliIo, env: CliEnv): Promise<number> {
  const values = parseOptions(args, OPTIONS);
  if (values.help) {
    io.stdout(DESCRIBE_USAGE);
    return 0;
  }
  const root = repoDir(io.cwd, values.repo);
  const given = [values.base !== undefined, values.staged === true, values.range !== undefined].filter(Boolean).length;
  if (given !== 1) throw new UsageError('give exactly one of --base REV, --staged or --range A..B');
  if (values.range !== undefined && !/^[^.\s][^\s]*\.\.\.?[^\s]+$/.test(values.range))
    throw new UsageError(`--range takes A..B, got "${values.range}"`);
  const log = (message: string): void => io.stderr(`${message}\n`);
  const client = cliLlmClient(values, env, log);
  const spec: DiffSpec =
    values.base !== undefined ? { since: values.base } : values.staged ? { staged: true } : { range: values.range! };
  const option = values.base !== undefined ? '--base' : values.staged ? '--staged' : '--range';
  let diff: string;
  try {
    diff = gitDiffText(root, spec);
  } catch (error) {
    throw new UsageError(`${option}: git diff failed${gitErrorLine(error) ? `: ${gitErrorLine(error)}` : ''}`);
  }
  if (!client) {
    log('revloop: describe skipped because OPENAI_API_KEY is not set: no request was made.');
    return 1;
  }
  if (!diff.trim()) {
    log(`revloop: nothing to describe: the diff (${option}) is empty.`);
    return 1;
  }
  const changedFiles = diffPaths(diff);
  try {
    if (values.base !== undefined) {
      const result = await describePullRequest(client, { diff, changedFiles });
      if (values.json) io.stdout(`${JSON.stringify({ ...result.description, usage: result.usage }, null, 2)}\n`);
      else
        io.stdout(
          `${renderDescription(result.description, { model: client.model, usage: result.usage, dropped: result.dropped }, '### Suggested description')}\n`,
        );
      return 0;
    }
    const result = await commitMessage(client, { diff, changedFiles });
    if (values.json) io.stdout(`${JSON.stringify({ message: result.message, usage: result.usage }, null, 2)}\n`);
    else io.stdout(result.message);
    log(`revloop: ${result.usage.inputTokens} input and ${result.usage.outputTokens} output tokens (${client.model})`);
    return 0;
  } catch (error) {
    if (!isLlmError(error)) throw error;
    log(`revloop: ${error.message}`);
    return 1;
  }
}
