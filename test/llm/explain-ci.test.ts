import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mapFrames, repoViewFromIndex } from '../../src/ci/map-frames.js';
import { parseLog } from '../../src/ci/parse-log.js';
import { CLI_SETTING_NAMES, createLlmClient } from '../../src/llm/client.js';
import { countMessageTokens } from '../../src/llm/prompt.js';
import { explainCiFailures, failuresText } from '../../src/llm/steps/explain-ci.js';
import { buildRepoIndex } from '../../src/parse/repo-index.js';
import { tempDir } from '../helpers/repo.js';
import { FakeOpenAI } from './fake-openai.js';

const KEY = 'sk-explain-ci-test-0123456789';
const CI = join(import.meta.dirname, '..', 'fixtures', 'ci');

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** The Python fixture repository and the failures of a chained traceback, mapped into it. */
async function mappedFailures() {
  const root = tempDir();
  cpSync(join(CI, 'repos', 'python'), root, { recursive: true });
  const index = await buildRepoIndex(root);
  const parsed = parseLog(readFileSync(join(CI, 'python', 'traceback-chained.log'), 'utf8'));
  return { root, failures: mapFrames(parsed.failures, repoViewFromIndex(index)) };
}

async function client() {
  fake = new FakeOpenAI(KEY);
  const baseUrl = await fake.start();
  return createLlmClient({
    apiKey: KEY,
    baseUrl,
    model: 'gpt-4.1',
    inputTokens: 16_000,
    outputTokens: 500,
    names: CLI_SETTING_NAMES,
  });
}

const FIX = {
  path: 'pkg/calc.py',
  search: '        raise RuntimeError("config is broken") from error',
  replace: '        raise RuntimeError(f"config is broken: {error}") from error',
  explanation: 'Say what is wrong with the config.',
};

describe('explainCiFailures', () => {
  it('explains the failures and returns a fix that passed the same validation as every edit', async () => {
    const llm = await client();
    const { root, failures } = await mappedFailures();
    fake!.answer({ json: { explanation: '`load` gets "{oops", which is not JSON.', fix: FIX } });
    const result = await explainCiFailures(llm, {
      failures,
      codeContext: 'pkg/calc.py:12 in load',
      root,
      budget: 3000,
    });
    expect(result.explanation).toBe('`load` gets "{oops", which is not JSON.');
    expect(result.rejected).toBe(0);
    expect(result.fix).toMatchObject({ path: 'pkg/calc.py', startLine: 12, endLine: 12 });
    expect(result.fix!.diff).toContain('+        raise RuntimeError(f"config is broken: {error}") from error');
    expect(result.usage).toMatchObject({ step: 'explain-ci', model: 'gpt-4.1', attempts: 1 });
    expect(result.usage.costUsd).toBeGreaterThan(0);

    const [request] = fake!.requests;
    expect(countMessageTokens(request!.body.messages)).toBeLessThanOrEqual(3000);
    expect(request!.body.max_tokens).toBe(500);
    const prompt = request!.body.messages[1]!.content;
    expect(prompt).toContain('<data kind="text" label="failures found in the job log"');
    expect(prompt).toContain('exception: RuntimeError: config is broken');
    expect(prompt).toContain('   at pkg/calc.py:12 in ./pkg/calc.py::calc.load');
    expect(prompt).toContain('<data kind="text" label="code context"');
    expect(prompt).toMatch(/<data kind="file" label="pkg\/calc.py" id="[0-9a-f]{12}">\nimport json\n/);
    expect(result.manifest.tokens).toBeLessThanOrEqual(3000);
  });

  it('drops a fix that does not apply and counts it', async () => {
    const llm = await client();
    const { root, failures } = await mappedFailures();
    fake!.answer({ json: { explanation: 'Broken config.', fix: { ...FIX, search: 'raise ValueError()' } } });
    const result = await explainCiFailures(llm, { failures, codeContext: '', root, budget: 3000 });
    expect(result.fix).toBeUndefined();
    expect(result.rejected).toBe(1);
  });

  it('takes no fix when the model gives none', async () => {
    const llm = await client();
    const { root, failures } = await mappedFailures();
    fake!.answer({ json: { explanation: 'Nothing safe to change.', fix: null } });
    const result = await explainCiFailures(llm, { failures, codeContext: '', root, budget: 3000 });
    expect(result).toMatchObject({ explanation: 'Nothing safe to change.', rejected: 0 });
    expect(result.fix).toBeUndefined();
  });

  it('lists each failure with its project frames', async () => {
    const { failures } = await mappedFailures();
    expect(failuresText(failures).split('\n')).toContain('   at pkg/calc.py:5 in ./pkg/calc.py::calc.parse_config');
  });
});
