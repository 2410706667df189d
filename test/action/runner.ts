import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { tempDir } from '../helpers/repo.js';

const ROOT = join(import.meta.dirname, '..', '..');
export const ACTION_ENTRY = join(ROOT, 'dist', 'index.js');
export const WORKFLOWS = join(ROOT, 'docs', 'workflows');

interface ActionYml {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

export function readActionYml(): ActionYml {
  return parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml;
}

/**
 * `${{ github.token }}` and `${{ secrets.NAME }}`, evaluated as the runner
 * does from the values given (a secret that is not set is empty); any other
 * expression is a test mistake.
 */
function evaluate(value: string, context: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    if (expression in context) return context[expression]!;
    if (expression.startsWith('secrets.')) return '';
    throw new Error(`the test runner cannot evaluate \${{ ${expression} }}`);
  });
}

/**
 * The `INPUT_*` variables the runner sets for a step: every input of
 * action.yml, from the step's `with:` or else the input's default, named
 * `INPUT_` + the name upper-cased with spaces as `_` (hyphens stay).
 */
export function runnerInputs(
  withValues: Record<string, string | number | boolean> = {},
  context: Record<string, string> = {},
): Record<string, string> {
  const { inputs } = readActionYml();
  for (const name of Object.keys(withValues))
    if (!(name in inputs)) throw new Error(`"${name}" is not an input of action.yml`);
  const env: Record<string, string> = {};
  for (const [name, input] of Object.entries(inputs)) {
    const raw = name in withValues ? String(withValues[name]) : (input.default ?? '');
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = evaluate(raw, context);
  }
  return env;
}

export interface WorkflowStep {
  uses?: string;
  with?: Record<string, string | number | boolean>;
  run?: string;
  env?: Record<string, string>;
  id?: string;
}

export interface Workflow {
  file: string;
  on: Record<string, { types?: string[] } | null>;
  permissions: Record<string, string>;
  jobs: Record<string, { if?: string; steps: WorkflowStep[]; permissions?: Record<string, string> }>;
}

/** The documented workflow docs/workflows/<file>. */
export function readWorkflow(file: string): Workflow {
  return { file, ...(parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as Omit<Workflow, 'file'>) };
}

/** The step of a workflow that runs revloop. */
export function revloopStep(workflow: Workflow): WorkflowStep {
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const step = steps.find((s) => s.uses !== undefined && /(^|\/)revloop@|^\.\/?$/.test(s.uses));
  if (!step) throw new Error(`${workflow.file} has no revloop step`);
  return step;
}

export interface ActionRun {
  status: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Parses the runner's GITHUB_OUTPUT file (`name<<DELIMITER` blocks, as @actions/core writes them). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (!match) continue;
    const [, name, delimiter] = match;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]!);
    outputs[name!] = value.join('\n');
  }
  return outputs;
}

export interface RunActionOptions {
  eventName: string;
  payload: unknown;
  workspace: string;
  apiUrl: string;
  inputs: Record<string, string>;
  repository?: string;
  sha?: string;
}

/**
 * Runs the committed bundle `node dist/index.js` as the runner does: the
 * GITHUB_* variables, the event payload in a file, INPUT_* variables, and
 * empty GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files read back afterwards.
 */
export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const dir = tempDir('revloop-runner-');
  const eventPath = join(dir, 'event.json');
  const outputPath = join(dir, 'output');
  const summaryPath = join(dir, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(options.payload, null, 2));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: options.repository ?? 'acme/shop',
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_RUN_ID: '4242',
    RUNNER_TEMP: dir,
    ...(options.sha ? { GITHUB_SHA: options.sha } : {}),
    ...options.inputs,
  };
  const child = spawn(process.execPath, [ACTION_ENTRY], { cwd: options.workspace, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const status = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
  return {
    status,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputPath, 'utf8')),
    summary: readFileSync(summaryPath, 'utf8'),
  };
}
