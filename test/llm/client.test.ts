import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CLI_SETTING_NAMES,
  createLlmClient,
  defaultTokenParameter,
  type LlmClientOptions,
} from '../../src/llm/client.js';
import { isLlmError, LlmError } from '../../src/llm/errors.js';
import { FakeOpenAI } from './fake-openai.js';

const KEY = 'sk-test-client-0123456789abcdef';
const schema = z.object({ files: z.array(z.object({ path: z.string(), confidence: z.enum(['high', 'low']) })) });
const messages = [
  { role: 'system' as const, content: 'You are a test.' },
  { role: 'user' as const, content: 'Which files?' },
];
const good = { files: [{ path: 'a.py', confidence: 'high' }] };

let fake: FakeOpenAI;
afterEach(async () => {
  await fake?.close();
});

async function setup(options: Partial<LlmClientOptions> = {}) {
  fake = new FakeOpenAI(KEY);
  const baseUrl = await fake.start();
  const logs: string[] = [];
  const client = createLlmClient({
    apiKey: KEY,
    baseUrl,
    model: 'test-model',
    inputTokens: 2000,
    outputTokens: 300,
    names: CLI_SETTING_NAMES,
    retryBaseMs: 5,
    timeoutMs: 5000,
    log: (m) => logs.push(m),
    ...options,
  });
  return { client, logs };
}

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  try {
    await promise;
  } catch (error) {
    if (isLlmError(error)) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

const call = { step: 'localize', messages, schema, schemaName: 'files_to_change' };

describe('the LLM client over the openai SDK', () => {
  it('asks for a strict JSON schema, sends max_tokens to a non-OpenAI host, and counts usage', async () => {
    const { client } = await setup();
    fake.answer({ json: good });
    const answer = await client.complete(call);
    expect(answer.value).toEqual(good);
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request!.path).toBe('/v1/chat/completions');
    expect(request!.authorization).toBe(`Bearer ${KEY}`);
    expect(request!.body.model).toBe('test-model');
    expect(request!.body.max_tokens).toBe(300);
    expect(request!.body.max_completion_tokens).toBeUndefined();
    expect(request!.body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'files_to_change', strict: true },
    });
    const sent = request!.body.response_format!.json_schema!.schema as Record<string, unknown>;
    expect(sent.$schema).toBeUndefined();
    expect(sent.additionalProperties).toBe(false);
    expect(request!.raw).not.toContain(KEY);
    expect(answer.usage).toMatchObject({ step: 'localize', model: 'test-model', reported: true, attempts: 1 });
    expect(answer.usage.inputTokens).toBeGreaterThan(10);
    expect(answer.usage.countedInputTokens).toBeGreaterThanOrEqual(answer.usage.inputTokens);
    expect(answer.usage.outputTokens).toBeGreaterThan(5);
    expect(answer.usage.costUsd).toBeUndefined(); // no price known for test-model
    expect(client.calls).toEqual([answer.usage]);
  });

  it('switches to max_completion_tokens when the endpoint rejects max_tokens, and keeps it', async () => {
    const { client, logs } = await setup();
    fake.rejectMaxTokens = true;
    fake.answer({ json: good }, { json: good });
    await client.complete(call);
    await client.complete(call);
    expect(fake.requests.map((r) => [r.body.max_tokens, r.body.max_completion_tokens])).toEqual([
      [300, undefined],
      [undefined, 300],
      [undefined, 300],
    ]);
    expect(logs).toContain(
      'revloop: 127.0.0.1:' +
        new URL(fake.url).port +
        ' does not take max_tokens; sending max_completion_tokens instead',
    );
  });

  it('starts with max_completion_tokens on OpenAI and Azure OpenAI, max_tokens elsewhere', () => {
    expect(defaultTokenParameter('https://api.openai.com/v1')).toBe('max_completion_tokens');
    expect(defaultTokenParameter('https://my-resource.openai.azure.com/openai/v1')).toBe('max_completion_tokens');
    expect(defaultTokenParameter('https://openrouter.ai/api/v1')).toBe('max_tokens');
    expect(defaultTokenParameter('http://localhost:11434/v1')).toBe('max_tokens');
  });

  it('falls back to a schema in the prompt when the endpoint has no structured output, and extracts the JSON', async () => {
    const { client } = await setup();
    fake.rejectJsonSchema = true;
    fake.answer({
      content: `Sure! Here is the answer:\n\n\`\`\`json\n${JSON.stringify(good, null, 2)}\n\`\`\`\nHope it helps.`,
    });
    const answer = await client.complete(call);
    expect(answer.value).toEqual(good);
    const [first, second] = fake.requests;
    expect(first!.body.response_format?.type).toBe('json_schema');
    expect(second!.body.response_format).toBeUndefined();
    expect(second!.body.messages[0]!.content).toContain(
      'Answer with one JSON object, and nothing else, that matches this JSON Schema:',
    );
    expect(second!.body.messages[0]!.content).toContain('"additionalProperties":false');
  });

  it('rejects malformed JSON without repeating it, and still counts the call', async () => {
    const { client } = await setup();
    fake.answer({ content: '{"files": [{"path": "a.py", "confidence": "high"' });
    const error = await failure(client.complete(call));
    expect(error.kind).toBe('answer');
    expect(error.message).toBe("localize: the model's answer was not usable: the answer holds no JSON object.");
    expect(error.usage?.outputTokens).toBeGreaterThan(0);
    expect(client.calls).toHaveLength(1);
  });

  it('rejects JSON that does not match the schema, naming the field', async () => {
    const { client } = await setup();
    fake.answer({ json: { files: [{ path: 'a.py', confidence: 'certain' }] } });
    const error = await failure(client.complete(call));
    expect(error.message).toMatch(/does not match the schema \(files\.0\.confidence: /);
    expect(error.message).not.toContain('certain');
  });

  it('retries a 429 after the Retry-After the endpoint asks for, then succeeds', async () => {
    const { client, logs } = await setup();
    fake.answer({ status: 429, message: 'Rate limit reached', headers: { 'retry-after-ms': '30' } }, { json: good });
    const started = performance.now();
    const answer = await client.complete(call);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    expect(answer.usage.attempts).toBe(2);
    expect(fake.requests).toHaveLength(2);
    expect(logs.some((l) => l.includes('answered 429; retry 1 of 3 in 30 ms'))).toBe(true);
  });

  it('gives up after the retries when every answer is a 500, with backoff between them', async () => {
    const { client, logs } = await setup({ retries: 2 });
    fake.answer({ status: 500 }, { status: 502 }, { status: 503, message: 'overloaded' });
    const error = await failure(client.complete(call));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(503);
    expect(error.message).toBe('localize: the endpoint answered 503 (overloaded).');
    expect(fake.requests).toHaveLength(3);
    expect(logs.filter((l) => l.includes('retry'))).toEqual([
      'revloop: localize: the endpoint answered 500; retry 1 of 2 in 5 ms',
      'revloop: localize: the endpoint answered 502; retry 2 of 2 in 10 ms',
    ]);
    expect(client.calls[0]!.attempts).toBe(3);
  });

  it('does not retry a 429 for an exhausted quota', async () => {
    const { client } = await setup();
    fake.answer({ status: 429, message: 'You exceeded your current quota', code: 'insufficient_quota' });
    const error = await failure(client.complete(call));
    expect(error.message).toContain('answered 429');
    expect(fake.requests).toHaveLength(1);
  });

  it('abandons a slow answer at the timeout without retrying it', async () => {
    const { client } = await setup({ timeoutMs: 200 });
    fake.answer({ delayMs: 1500, then: { json: good } });
    const started = performance.now();
    const error = await failure(client.complete(call));
    expect(performance.now() - started).toBeLessThan(1400);
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/^localize: no answer within 0.2 s from 127\.0\.0\.1:\d+/);
    expect(fake.requests).toHaveLength(1);
  });

  it('names the key setting on a 401 and never repeats the key', async () => {
    const { client } = await setup({ apiKey: 'sk-wrong-key-0000000000' });
    fake.answer({ json: good });
    const error = await failure(client.complete(call));
    expect(error.status).toBe(401);
    expect(error.message).toContain('the key was rejected; check OPENAI_API_KEY');
    expect(error.message).not.toContain('sk-wrong');
  });

  it('names model and base URL on a 404', async () => {
    await setup();
    const client = createLlmClient({
      apiKey: KEY,
      baseUrl: fake.url, // without /v1: no such route
      model: 'm',
      inputTokens: 2000,
      outputTokens: 10,
      names: CLI_SETTING_NAMES,
    });
    const error = await failure(client.complete(call));
    expect(error.status).toBe(404);
    expect(error.message).toContain('check --model ("m") and OPENAI_BASE_URL');
    expect(fake.requests).toHaveLength(0); // the fake records chat-completions requests only
  });

  it('retries a refused connection, then says which setting to check', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const { logs } = await setup();
    const client = createLlmClient({
      apiKey: KEY,
      baseUrl: `http://127.0.0.1:${port}/v1`,
      model: 'm',
      inputTokens: 2000,
      outputTokens: 10,
      names: CLI_SETTING_NAMES,
      retries: 1,
      retryBaseMs: 5,
      log: (m) => logs.push(m),
    });
    const error = await failure(client.complete(call));
    expect(error.kind).toBe('network');
    expect(error.message).toBe(`localize: cannot reach 127.0.0.1:${port} after 2 attempts; check OPENAI_BASE_URL.`);
  });

  it('refuses to send a prompt over the input budget', async () => {
    const { client } = await setup({ inputTokens: 50 });
    const error = await failure(
      client.complete({ ...call, messages: [{ role: 'user', content: 'word '.repeat(200) }] }),
    );
    expect(error.kind).toBe('budget');
    expect(error.message).toMatch(/over the input budget of 50; raise --input-tokens/);
    expect(fake.requests).toHaveLength(0);
  });

  it('says to raise the output cap when the answer was cut off', async () => {
    const { client } = await setup();
    fake.answer({ content: '{"files": [', finishReason: 'length' });
    const error = await failure(client.complete(call));
    expect(error.message).toBe('localize: the answer was cut off at 300 output tokens; raise --output-tokens.');
  });

  it('counts tokens itself when the endpoint reports no usage', async () => {
    const { client } = await setup();
    fake.answer({ json: good, noUsage: true });
    const answer = await client.complete(call);
    expect(answer.usage.reported).toBe(false);
    expect(answer.usage.inputTokens).toBe(answer.usage.countedInputTokens);
    expect(answer.usage.outputTokens).toBeGreaterThan(0);
  });
});
