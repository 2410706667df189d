import type { z } from 'zod';
import type { LlmClient } from '../client.js';
import { isLlmError } from '../errors.js';
import { buildPrompt, type DataBlock, type PromptManifest } from '../prompt.js';
import type { CallUsage } from '../usage.js';

/** What every system message starts with. */
export const ROLE =
  'You are revloop, a careful senior engineer reviewing code. You answer with facts from the material you are given; ' +
  'when it does not show something, you say less rather than guess.';

export interface StepRequest<T> {
  step: string;
  task: string;
  blocks: readonly DataBlock[];
  schema: z.ZodType<T>;
  schemaName: string;
  /** Overrides the client's input budget for this call. */
  budget?: number;
  /** Added to the role in the system message. */
  instructions?: string;
}

export interface StepAnswer<T> {
  value: T;
  usage: CallUsage;
  manifest: PromptManifest;
}

/** Builds the prompt within the budget and makes the call; an LlmError propagates with the manifest attached. */
export async function runStep<T>(client: LlmClient, request: StepRequest<T>): Promise<StepAnswer<T>> {
  const budget = request.budget ?? client.inputTokens;
  const prompt = buildPrompt({
    step: request.step,
    system: request.instructions ? `${ROLE}\n\n${request.instructions}` : ROLE,
    task: request.task,
    blocks: request.blocks,
    reserve: client.schemaReserve(request.schema),
    budget,
  });
  try {
    const answer = await client.complete({
      step: request.step,
      messages: prompt.messages,
      schema: request.schema,
      schemaName: request.schemaName,
      budget,
    });
    return { value: answer.value, usage: answer.usage, manifest: prompt.manifest };
  } catch (error) {
    // The report still says what a failed call sent.
    if (isLlmError(error)) error.manifest = prompt.manifest;
    throw error;
  }
}
