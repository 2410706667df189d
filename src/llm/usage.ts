import * as modelTable from 'gpt-tokenizer/models';

/** Price of a model in USD per million tokens, and where the number came from. */
export interface ModelPrice {
  input: number;
  output: number;
  source: string;
}

/** Tokens and cost of one call. */
export interface CallUsage {
  step: string;
  model: string;
  /** Input tokens as the endpoint reported them, else as counted here (o200k). */
  inputTokens: number;
  outputTokens: number;
  /** Input tokens counted here before sending (o200k): what the budget was checked against. */
  countedInputTokens: number;
  /** Whether the token numbers came from the endpoint's `usage` or from counting here. */
  reported: boolean;
  /** USD, from the model's price; undefined when the price is unknown. */
  costUsd: number | undefined;
  /** HTTP requests made for this call, retries included. */
  attempts: number;
}

export interface UsageTotals {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** Undefined when any call's cost is unknown. */
  costUsd: number | undefined;
}

const TABLE_SOURCE = 'gpt-tokenizer 3.4.0 price table';

type Spec = { price_data?: { main?: { input?: number; output?: number } } };

/**
 * The model's price from gpt-tokenizer's table: the exact name, else without
 * a provider prefix (`openai/gpt-4o`) or a date suffix (`gpt-4o-2024-08-06`).
 * Undefined for models the table has no input and output price for (most
 * models of other providers and local servers, and some OpenAI ones).
 */
export function modelPrice(model: string): ModelPrice | undefined {
  const table = modelTable as unknown as Record<string, Spec | undefined>;
  const bare = model.replace(/^[\w.-]+\//, '');
  const candidates = [model, bare, bare.replace(/-\d{4}-\d{2}-\d{2}$/, '')];
  for (const name of candidates) {
    const main = table[name]?.price_data?.main;
    if (main?.input !== undefined && main.output !== undefined)
      return { input: main.input, output: main.output, source: TABLE_SOURCE };
  }
  return undefined;
}

export function costOf(price: ModelPrice | undefined, inputTokens: number, outputTokens: number): number | undefined {
  if (!price) return undefined;
  return (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
}

export function totalUsage(calls: readonly CallUsage[]): UsageTotals {
  let costUsd: number | undefined = 0;
  for (const call of calls)
    costUsd = call.costUsd === undefined || costUsd === undefined ? undefined : costUsd + call.costUsd;
  return {
    calls: calls.length,
    inputTokens: calls.reduce((n, c) => n + c.inputTokens, 0),
    outputTokens: calls.reduce((n, c) => n + c.outputTokens, 0),
    costUsd: calls.length === 0 ? 0 : costUsd,
  };
}

/** `$0.0123`: four decimals, enough for a single review's cents. */
export function formatUsd(cost: number): string {
  return `$${cost.toFixed(4)}`;
}
