import { countTokens } from 'gpt-tokenizer';
import OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { z } from 'zod';
import { LlmError } from './errors.js';
import { parseJsonAnswer, strictJsonSchema } from './json-answer.js';
import { countMessageTokens, type ChatMessage } from './prompt.js';
import { costOf, modelPrice, type CallUsage } from './usage.js';

/** How error messages name each setting: Action inputs, or the CLI's options and variables. */
export interface SettingNames {
  key: string;
  baseUrl: string;
  model: string;
  inputTokens: string;
  outputTokens: string;
}

export const ACTION_SETTING_NAMES: SettingNames = {
  key: 'the "openai-api-key" input',
  baseUrl: 'the "openai-base-url" input',
  model: 'the "model" input',
  inputTokens: 'the "llm-input-tokens" input',
  outputTokens: 'the "llm-output-tokens" input',
};

export const CLI_SETTING_NAMES: SettingNames = {
  key: 'OPENAI_API_KEY',
  baseUrl: 'OPENAI_BASE_URL',
  model: '--model',
  inputTokens: '--input-tokens',
  outputTokens: '--output-tokens',
};

export const DEFAULT_INPUT_TOKENS = 16_000;
export const DEFAULT_OUTPUT_TOKENS = 4_096;
export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_RETRIES = 3;
const DEFAULT_RETRY_BASE_MS = 1_000;
/** A 429 asking to wait longer than this is not worth keeping a runner busy for. */
const DEFAULT_MAX_RETRY_WAIT_MS = 60_000;

export interface LlmClientOptions {
  apiKey: string;
  baseUrl: string;
  model: string;
  /** Input budget of every call (o200k tokens, messages and schema). */
  inputTokens: number;
  /** Output cap sent as `max_completion_tokens` or `max_tokens`. */
  outputTokens: number;
  names: SettingNames;
  timeoutMs?: number;
  /** Retries after a 429, a 5xx or a lost connection; a timeout is not retried. */
  retries?: number;
  /** First backoff wait; each retry doubles it. A `Retry-After` header wins. */
  retryBaseMs?: number;
  maxRetryWaitMs?: number;
  log?: (message: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

export interface StructuredCall<T> {
  step: string;
  messages: ChatMessage[];
  schema: z.ZodType<T>;
  /** `^[a-zA-Z0-9_-]+$`, sent as the JSON schema's name. */
  schemaName: string;
  /** This call's input budget, when not the client's. */
  budget?: number;
}

export interface LlmAnswer<T> {
  value: T;
  usage: CallUsage;
}

/** The port the steps use; the OpenAI SDK client implements it, tests may pass their own. */
export interface LlmClient {
  readonly model: string;
  /** Host of the endpoint, for the report (never the key, never a query string). */
  readonly endpoint: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Tokens a prompt must leave free for the answer schema sent beside it. */
  schemaReserve(schema: z.ZodType): number;
  complete<T>(call: StructuredCall<T>): Promise<LlmAnswer<T>>;
  /** Every call's usage so far, failed calls included. */
  readonly calls: readonly CallUsage[];
}

export type TokenParameter = 'max_tokens' | 'max_completion_tokens';

/**
 * OpenAI and Azure OpenAI take `max_completion_tokens` (their reasoning
 * models reject `max_tokens`); most other OpenAI-compatible servers only
 * know `max_tokens`. A 400 naming the parameter switches to the other one.
 */
export function defaultTokenParameter(baseUrl: string): TokenParameter {
  const host = new URL(baseUrl).hostname;
  return host === 'api.openai.com' ||
    /\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/.test(host)
    ? 'max_completion_tokens'
    : 'max_tokens';
}

function schemaInstruction(jsonSchema: unknown): string {
  return `\n\nAnswer with one JSON object, and nothing else, that matches this JSON Schema:\n${JSON.stringify(jsonSchema)}`;
}

/** The endpoint's error text, without the key, on one line and short. */
function serverMessage(error: InstanceType<typeof OpenAI.APIError>, apiKey: string): string {
  const body = error.error as { message?: unknown } | undefined;
  const raw = typeof body?.message === 'string' ? body.message : error.message;
  const clean = raw.split(apiKey).join('***').replace(/\s+/g, ' ').trim();
  return clean.length > 300 ? `${clean.slice(0, 299)}…` : clean;
}

function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Creates the client over the `openai` SDK; nothing is sent until a step calls `complete`. */
export function createLlmClient(options: LlmClientOptions): LlmClient {
  const log = options.log ?? (() => {});
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retries = options.retries ?? DEFAULT_RETRIES;
  const retryBaseMs = options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
  const maxRetryWaitMs = options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
  const { names } = options;
  const sdk = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseUrl,
    // Settings come from revloop's own inputs only: the SDK must not read OPENAI_ORG_ID and the like.
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    timeout: timeoutMs,
    // Retries are done below, where they are counted, logged and bounded.
    maxRetries: 0,
    logLevel: 'off',
  });
  const price = modelPrice(options.model);
  let tokenParameter = defaultTokenParameter(options.baseUrl);
  let structured = true;
  const calls: CallUsage[] = [];
  const endpoint = new URL(options.baseUrl).host;

  const describeStatus = (error: InstanceType<typeof OpenAI.APIError>, step: string): string => {
    const status = error.status;
    const message = serverMessage(error, options.apiKey);
    const what = `${step}: the endpoint answered ${status}`;
    if (status === 401) return `${what} (${message}): the key was rejected; check ${names.key}.`;
    if (status === 403)
      return `${what} (${message}): the key may not use this model or endpoint; check ${names.key} and ${names.model}.`;
    if (status === 404)
      return `${what} (${message}): check ${names.model} ("${options.model}") and ${names.baseUrl}, which must end where \`/chat/completions\` can be appended.`;
    if (status === 429) return `${what} (${message}): rate limit or quota; the retries ran out.`;
    return `${what} (${message}).`;
  };

  return {
    model: options.model,
    endpoint,
    inputTokens: options.inputTokens,
    outputTokens: options.outputTokens,
    calls,

    schemaReserve(schema) {
      // Enough for whichever way the schema travels: in response_format, or appended to the system message.
      return countTokens(schemaInstruction(strictJsonSchema(schema))) + 16;
    },

    async complete<T>(call: StructuredCall<T>): Promise<LlmAnswer<T>> {
      const jsonSchema = strictJsonSchema(call.schema);
      const budget = call.budget ?? options.inputTokens;
      let attempts = 0;
      let failures = 0;
      // Each parameter switch happens once per call: a server that rejects both gets its error reported.
      let switchedTokens = false;
      const usageOf = (counted: number, reported?: { input: number; output: number }): CallUsage => {
        const inputTokens = reported?.input ?? counted;
        const outputTokens = reported?.output ?? 0;
        return {
          step: call.step,
          model: options.model,
          inputTokens,
          outputTokens,
          countedInputTokens: counted,
          reported: reported !== undefined,
          costUsd: costOf(price, inputTokens, outputTokens),
          attempts,
        };
      };
      while (true) {
        const messages = structured
          ? call.messages
          : call.messages.map((m, i) =>
              i === 0 ? { ...m, content: `${m.content}${schemaInstruction(jsonSchema)}` } : m,
            );
        const responseFormat = structured
          ? ({ type: 'json_schema', json_schema: { name: call.schemaName, schema: jsonSchema, strict: true } } as const)
          : undefined;
        const counted =
          countMessageTokens(messages) + (responseFormat ? countTokens(JSON.stringify(responseFormat)) : 0);
        if (counted > budget)
          throw new LlmError(
            'budget',
            `${call.step}: the prompt counts ${counted} tokens, over the input budget of ${budget}; raise ${names.inputTokens}.`,
          );
        const body: ChatCompletionCreateParamsNonStreaming = {
          model: options.model,
          messages,
          [tokenParameter]: options.outputTokens,
          ...(responseFormat ? { response_format: responseFormat } : {}),
        };
        attempts++;
        let completion: OpenAI.Chat.Completions.ChatCompletion;
        try {
          completion = await sdk.chat.completions.create(body);
        } catch (error) {
          if (error instanceof OpenAI.APIConnectionTimeoutError) {
            calls.push(usageOf(counted));
            throw new LlmError(
              'timeout',
              `${call.step}: no answer within ${timeoutMs / 1000} s from ${endpoint}; the call was abandoned (a slow model or an overloaded endpoint).`,
            );
          }
          if (error instanceof OpenAI.APIConnectionError) {
            if (failures < retries) {
              const wait = retryBaseMs * 2 ** failures++;
              log(`revloop: ${call.step}: cannot reach ${endpoint}; retry ${failures} of ${retries} in ${wait} ms`);
              await sleep(wait);
              continue;
            }
            calls.push(usageOf(counted));
            throw new LlmError(
              'network',
              `${call.step}: cannot reach ${endpoint} after ${attempts} attempts; check ${names.baseUrl}.`,
            );
          }
          if (!(error instanceof OpenAI.APIError) || error.status === undefined) throw error;
          const status = error.status;
          const text = serverMessage(error, options.apiKey);
          if (status === 400 && /max_(completion_)?tokens/.test(`${text} ${error.param ?? ''}`)) {
            const other: TokenParameter = tokenParameter === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
            if (!switchedTokens) {
              switchedTokens = true;
              log(`revloop: ${endpoint} does not take ${tokenParameter}; sending ${other} instead`);
              tokenParameter = other;
              continue;
            }
          }
          if (status === 400 && structured && /response_format|json_schema|structured output/i.test(text)) {
            log(`revloop: ${endpoint} does not take a JSON schema; asking for JSON in the prompt instead`);
            structured = false;
            continue;
          }
          const quota = (error.code ?? '') === 'insufficient_quota';
          const retryable = !quota && (status === 408 || status === 409 || status === 429 || status >= 500);
          if (retryable && failures < retries) {
            const asked = retryAfterMs(error.headers);
            const wait = asked ?? retryBaseMs * 2 ** failures;
            if (wait <= maxRetryWaitMs) {
              failures++;
              log(
                `revloop: ${call.step}: the endpoint answered ${status}; retry ${failures} of ${retries} in ${wait} ms`,
              );
              await sleep(wait);
              continue;
            }
            calls.push(usageOf(counted));
            throw new LlmError(
              'http',
              `${call.step}: the endpoint answered ${status} and asks to wait ${Math.round(wait / 1000)} s, longer than revloop waits; try again later.`,
              status,
            );
          }
          calls.push(usageOf(counted));
          throw new LlmError('http', describeStatus(error, call.step), status);
        }

        const choice = completion.choices?.[0];
        const content = choice?.message?.content ?? '';
        const reported = completion.usage
          ? { input: completion.usage.prompt_tokens, output: completion.usage.completion_tokens }
          : { input: counted, output: countTokens(content) };
        const usage = usageOf(counted, reported);
        usage.reported = completion.usage !== undefined;
        calls.push(usage);
        if (!choice) throw new LlmError('answer', `${call.step}: the answer has no choices.`, undefined, usage);
        if (choice.message?.refusal)
          throw new LlmError('answer', `${call.step}: the model refused to answer.`, undefined, usage);
        if (choice.finish_reason === 'length')
          throw new LlmError(
            'answer',
            `${call.step}: the answer was cut off at ${options.outputTokens} output tokens; raise ${names.outputTokens}.`,
            undefined,
            usage,
          );
        const parsed = parseJsonAnswer(content, call.schema);
        if (!parsed.ok)
          throw new LlmError(
            'answer',
            `${call.step}: the model's answer was not usable: ${parsed.problem}.`,
            undefined,
            usage,
          );
        return { value: parsed.value, usage };
      }
    },
  };
}
