import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSettingsError, pathFilter, readSettings, type SettingsSource } from '../../src/action/settings.js';
import { tempDir } from '../helpers/repo.js';
import { runnerInputs } from './runner.js';

/** Inputs as core.getInput reads them (INPUT_<NAME>, trimmed), from action.yml's defaults plus `overrides`. */
function source(overrides: Record<string, string> = {}, env: Record<string, string> = {}): SettingsSource {
  const workspace = tempDir();
  const inputs = runnerInputs(overrides, { 'github.token': 'ghs_token' });
  return {
    input: (name) => (inputs[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim(),
    env: {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: join(workspace, 'event.json'),
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_WORKSPACE: workspace,
      ...env,
    },
  };
}

function failure(overrides: Record<string, string>, env: Record<string, string> = {}): string {
  try {
    readSettings(source(overrides, env));
  } catch (error) {
    expect(isSettingsError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected the settings to be rejected');
}

describe('readSettings', () => {
  it("reads action.yml's defaults into typed settings", () => {
    const s = source();
    const settings = readSettings(s);
    expect(settings).toMatchObject({
      githubToken: 'ghs_token',
      llm: { apiKey: undefined, baseUrl: 'https://api.openai.com/v1', model: 'gpt-4.1-mini' },
      mapTokens: 1024,
      maxFiles: 20,
      command: '/context',
      include: [],
      exclude: [],
      workingDirectory: s.env.GITHUB_WORKSPACE,
      runner: {
        eventName: 'pull_request',
        owner: 'acme',
        repo: 'shop',
        apiUrl: 'https://api.github.com',
        serverUrl: 'https://github.com',
        runUrl: undefined,
      },
    });
    expect([...settings.allowedAssociations]).toEqual(['OWNER', 'MEMBER', 'COLLABORATOR']);
  });

  it('takes GitHub Enterprise URLs, the run id, globs and associations as given', () => {
    const s = source(
      {
        include: 'src/**, lib/**\n',
        exclude: '**/*.min.js\n\ndocs/**',
        'allowed-associations': 'owner, contributor',
        'openai-api-key': 'sk-x',
        'openai-base-url': 'http://localhost:8080/v1/',
        'llm-input-tokens': '8000',
        describe: 'Body',
      },
      {
        GITHUB_API_URL: 'https://ghe.example.com/api/v3',
        GITHUB_SERVER_URL: 'https://ghe.example.com',
        GITHUB_RUN_ID: '99',
      },
    );
    const settings = readSettings(s);
    expect(settings.include).toEqual(['src/**', 'lib/**']);
    expect(settings.exclude).toEqual(['**/*.min.js', 'docs/**']);
    expect([...settings.allowedAssociations]).toEqual(['OWNER', 'CONTRIBUTOR']);
    expect(settings.llm).toEqual({
      apiKey: 'sk-x',
      baseUrl: 'http://localhost:8080/v1',
      model: 'gpt-4.1-mini',
      inputTokens: 8000,
      outputTokens: 4096,
    });
    expect(settings.describe).toBe('body');
    expect(settings.runner.apiUrl).toBe('https://ghe.example.com/api/v3');
    expect(settings.runner.runUrl).toBe('https://ghe.example.com/acme/shop/actions/runs/99');
  });

  it('resolves working-directory inside the workspace', () => {
    const s = source({ 'working-directory': 'packages/app' });
    mkdirSync(join(s.env.GITHUB_WORKSPACE!, 'packages/app'), { recursive: true });
    expect(readSettings(s).workingDirectory).toBe(join(s.env.GITHUB_WORKSPACE!, 'packages/app'));
  });

  it.each([
    [{ 'map-tokens': 'lots' }, 'Input "map-tokens" must be a whole number from 1 to 1000000, got "lots".'],
    [{ 'map-tokens': '0' }, 'Input "map-tokens" must be a whole number from 1 to 1000000, got "0".'],
    [{ 'max-files': '2.5' }, 'Input "max-files" must be a whole number from 1 to 1000, got "2.5".'],
    [{ 'max-files': '1001' }, 'Input "max-files" must be a whole number from 1 to 1000, got "1001".'],
    [{ command: '/context please' }, 'Input "command" must be one word without spaces'],
    [{ command: '' }, 'Input "command" must be one word without spaces'],
    [{ 'github-token': '' }, 'Input "github-token" is empty'],
    [{ model: '' }, 'Input "model" is empty'],
    [{ 'openai-base-url': 'api.openai.com' }, 'Input "openai-base-url" must be an http(s) URL, got "api.openai.com".'],
    [{ 'openai-base-url': 'ftp://x' }, 'Input "openai-base-url" must be an http(s) URL'],
    [{ 'allowed-associations': 'OWNER,ADMIN' }, 'Input "allowed-associations": unknown association "ADMIN"'],
    [{ include: '/etc/**' }, 'Input "include": "/etc/**" must be a glob relative to the working directory'],
    [{ exclude: '../secrets/**' }, 'Input "exclude": "../secrets/**" must be a glob relative'],
    [{ include: 'src/[abc' }, 'Input "include": "src/[abc" is not a valid glob'],
    [{ 'working-directory': '../elsewhere' }, 'Input "working-directory": "../elsewhere" is outside the workspace'],
    [{ 'working-directory': 'missing' }, 'Input "working-directory": "missing" is not a directory in the workspace'],
    [
      { 'llm-input-tokens': '500' },
      'Input "llm-input-tokens" must be a whole number from 1000 to 10000000, got "500".',
    ],
    [{ 'llm-output-tokens': 'many' }, 'Input "llm-output-tokens" must be a whole number from 1 to 1000000'],
    [{ describe: 'always' }, 'Input "describe" must be one of off, comment, body, got "always".'],
  ])('rejects %o naming the input', (overrides, message) => {
    expect(failure(overrides)).toContain(message);
  });

  it('names the runner variable when the environment is not a workflow run', () => {
    expect(failure({}, { GITHUB_EVENT_NAME: '' })).toContain('GITHUB_EVENT_NAME is not set');
    expect(failure({}, { GITHUB_REPOSITORY: 'just-a-name' })).toContain(
      'GITHUB_REPOSITORY must look like "owner/repo", got "just-a-name".',
    );
    expect(failure({}, { GITHUB_API_URL: 'not a url' })).toContain('GITHUB_API_URL must be an http(s) URL');
  });
});

describe('pathFilter', () => {
  it('is undefined without globs, and applies include then exclude, dotfiles included', () => {
    expect(pathFilter({ include: [], exclude: [] })).toBeUndefined();
    const keep = pathFilter({ include: ['src/**', '.github/**'], exclude: ['**/*.test.ts'] })!;
    expect(keep('src/a.ts')).toBe(true);
    expect(keep('src/deep/b.ts')).toBe(true);
    expect(keep('src/a.test.ts')).toBe(false);
    expect(keep('.github/workflows/ci.yml')).toBe(true);
    expect(keep('lib/c.ts')).toBe(false);
    const onlyExclude = pathFilter({ include: [], exclude: ['vendor/**'] })!;
    expect(onlyExclude('vendor/x.py')).toBe(false);
    expect(onlyExclude('x.py')).toBe(true);
  });
});
