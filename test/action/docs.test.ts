import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PULL_REQUEST_ACTIONS } from '../../src/action/pull-request.js';
import { ISSUE_ACTIONS } from '../../src/action/issue.js';
import { WORKFLOW_RUN_ACTIONS } from '../../src/action/workflow-run.js';
import { readActionYml, readWorkflow, revloopStep, runnerInputs, WORKFLOWS } from './runner.js';

const ROOT = join(import.meta.dirname, '..', '..');
const docs = readFileSync(join(ROOT, 'README.md'), 'utf8');
const e2e = [
  join(import.meta.dirname, 'action.e2e.test.ts'),
  join(import.meta.dirname, 'workflow-run.e2e.test.ts'),
  join(import.meta.dirname, '..', 'llm', 'action.e2e.test.ts'),
]
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');
const workflowFiles = readdirSync(WORKFLOWS).filter((f) => f.endsWith('.yml'));

/** The permission each event needs to comment. */
const WRITE_PERMISSION: Record<string, string[]> = {
  pull_request: ['pull-requests'],
  pull_request_target: ['pull-requests'],
  issues: ['issues'],
  issue_comment: ['issues', 'pull-requests'],
  workflow_run: ['pull-requests'],
};

describe('action.yml', () => {
  it('runs the bundle on node24 and documents every input with its default', () => {
    const action = readActionYml();
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(Object.keys(action.inputs)).toEqual([
      'github-token',
      'openai-api-key',
      'openai-base-url',
      'model',
      'llm-input-tokens',
      'llm-output-tokens',
      'describe',
      'map-tokens',
      'max-files',
      'command',
      'allowed-associations',
      'include',
      'exclude',
      'working-directory',
      'workflows',
    ]);
    expect(Object.keys(action.outputs)).toEqual(['ranked-files', 'comment-id', 'comment-url']);
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, name).toMatch(/default/i);
      expect(input.default, name).toBeDefined();
    }
    expect(action.inputs['github-token']!.default).toBe('${{ github.token }}');
  });
});

describe('README.md, GitHub Action section', () => {
  it('lists every input with its action.yml default, and every output', () => {
    for (const [name, input] of Object.entries(readActionYml().inputs)) {
      const row = docs.split('\n').find((line) => line.startsWith(`| \`${name}\``));
      expect(row, name).toBeDefined();
      const shown = row!.split('|')[2]!.trim();
      expect(shown, name).toBe(input.default ? `\`${input.default}\`` : 'empty');
    }
    for (const name of Object.keys(readActionYml().outputs)) expect(docs).toContain(`| \`${name}\``);
  });

  it.each(workflowFiles)('shows %s verbatim, and the end-to-end tests run it', (file) => {
    const text = readFileSync(join(WORKFLOWS, file), 'utf8');
    expect(docs).toContain(`\`\`\`yaml\n${text}\`\`\``);
    expect(e2e).toContain(`'${file}'`);
  });
});

describe.each(workflowFiles)('docs/workflows/%s', (file) => {
  const workflow = readWorkflow(file);

  it('passes only inputs action.yml declares', () => {
    const step = revloopStep(workflow);
    expect(step.uses).toBe('revloop/revloop@v1');
    expect(() => runnerInputs(step.with, { 'github.token': 't' })).not.toThrow();
  });

  it('asks for the permissions its event needs, and no more than read on contents', () => {
    const events = Object.keys(workflow.on);
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(Object.keys(WRITE_PERMISSION)).toContain(event);
    expect(workflow.permissions.contents).toBe('read');
    for (const scope of WRITE_PERMISSION[event]!) expect(workflow.permissions[scope], scope).toBe('write');
    const writes = Object.entries(workflow.permissions).filter(([, level]) => level === 'write');
    expect(writes.map(([scope]) => scope).sort()).toEqual([...WRITE_PERMISSION[event]!].sort());
  });

  it('triggers on actions revloop handles', () => {
    const [event, config] = Object.entries(workflow.on)[0]!;
    const handled: Record<string, ReadonlySet<string>> = {
      pull_request: PULL_REQUEST_ACTIONS,
      pull_request_target: PULL_REQUEST_ACTIONS,
      issues: ISSUE_ACTIONS,
      issue_comment: new Set(['created']),
      workflow_run: WORKFLOW_RUN_ACTIONS,
    };
    for (const type of config?.types ?? []) expect(handled[event]!.has(type), `${event} ${type}`).toBe(true);
  });

  it('never checks out the head of a pull request', () => {
    const text = readFileSync(join(WORKFLOWS, file), 'utf8');
    expect(text).not.toMatch(/head\.(sha|ref)|refs\/pull/);
  });
});
