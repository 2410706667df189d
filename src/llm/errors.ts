import type { PromptManifest } from './prompt.js';
import type { CallUsage } from './usage.js';

/**
 * Why an LLM call produced no usable answer. `kind`:
 * - `http`: the endpoint answered an error status (after the retries it deserved);
 * - `timeout`: no answer within the timeout;
 * - `network`: no connection (after retries);
 * - `answer`: an answer came but is not JSON matching the schema, was cut off, or was refused;
 * - `budget`: the prompt would not fit the input budget.
 * The message names the setting to change; it never holds the key or the model's text.
 */
export class LlmError extends Error {
  override name = 'LlmError';
  /** What the failed call sent, set by the step that built the prompt. */
  manifest?: PromptManifest;
  constructor(
    readonly kind: 'http' | 'timeout' | 'network' | 'answer' | 'budget',
    message: string,
    readonly status?: number,
    /** Tokens spent on the failed call (answers that did not validate still cost). */
    readonly usage?: CallUsage,
  ) {
    super(message);
  }
}

export function isLlmError(error: unknown): error is LlmError {
  return error instanceof LlmError;
}
