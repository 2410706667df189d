import type { MappedFailure } from '../../ci/map-frames.js';
import type { LocatedFailure } from '../../ci/types.js';
import type { EditTarget, ValidatedEdit } from '../../edits/validate.js';
import type { RankedFile } from '../../graph/rank.js';
import { explainCiFailures } from '../../llm/steps/explain-ci.js';
import type { ActionContext } from '../context-run.js';
import { actionLlmClient } from '../llm-run.js';

/**
 * What an LLM explanation of a failed run is written from. Everything here
 * is also in the comment (failures, frames, code, ranked context), so what a
 * model saw is visible; secrets were masked in the log before parsing.
 */
export interface CiExplanationInput {
  workflow: string;
  headSha: string;
  /** Each distinct failure once (a matrix repeats them), frames mapped at the run's commit. */
  failures: MappedFailure<LocatedFailure>[];
  /** The code around the project frames and the ranked files with their reasons, as plain text. */
  codeContext: string;
  /** The checkout. */
  root: string;
  /**
   * The files a fix is validated against: the run's commit (read from git
   * objects when the checkout is another commit), never the default branch's
   * files; nothing is editable when the commit is not local.
   */
  target: EditTarget;
}

/** The explanation section of the comment, or why there is none. */
export type CiExplanation =
  | {
      status: 'written';
      model: string;
      /** The model's explanation, plain text (rendered escaped: no markdown, links or mentions). */
      text: string;
      /** A fix that matched exactly once at the run's commit and passed `git apply --check`. */
      fix?: ValidatedEdit;
      /** Fixes the model proposed that failed validation and are not shown. */
      rejectedFixes: number;
    }
  | { status: 'skipped' | 'failed'; reason: string };

/** The one step that fills the explanation section; a no-op answer without a key. */
export type CiExplainer = (input: CiExplanationInput) => Promise<CiExplanation>;

/**
 * The explainer the settings allow. Without `openai-api-key` it answers
 * "skipped" and sends nothing anywhere. With a key, this is where the LLM
 * step (`explainCiFailures` in src/llm/steps/explain-ci.ts) is called.
 */
export function explainerFor(context: ActionContext): CiExplainer {
  const client = actionLlmClient(context);
  if (!client)
    return () =>
      Promise.resolve({
        status: 'skipped',
        reason:
          'Explanation skipped: no `openai-api-key` input is set. The failures, frames and ranked context above come from the log and the code graph and need no LLM.',
      });
  return async (input) => {
    const result = await explainCiFailures(client, {
      failures: input.failures,
      codeContext: input.codeContext,
      root: input.root,
      target: input.target,
      budget: context.settings.llm.inputTokens,
    });
    return {
      status: 'written',
      model: context.settings.llm.model,
      text: result.explanation,
      ...(result.fix ? { fix: result.fix } : {}),
      rejectedFixes: result.rejected,
    };
  };
}

/** The code the failures point at and the ranked files, as the prompt's context block. */
export function codeContextText(
  failures: readonly MappedFailure[],
  ranked: readonly Pick<RankedFile, 'path' | 'reasons'>[],
): string {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const { projectFrames } of failures)
    for (const frame of projectFrames) {
      const key = `${frame.resolved}:${frame.line}`;
      if (seen.has(key) || frame.snippet.length === 0) continue;
      seen.add(key);
      const symbol = frame.symbol ? ` in ${frame.symbol.id ?? frame.symbol.name}` : '';
      out.push(`${key}${symbol}`);
      for (const { line, text } of frame.snippet) out.push(`${line === frame.line ? '>' : ' '} ${line} | ${text}`);
      out.push('');
    }
  if (ranked.length > 0) {
    out.push('Files ranked around the failures:');
    for (const file of ranked)
      out.push(`- ${file.path}${file.reasons.length > 0 ? ` (${file.reasons.join('; ')})` : ''}`);
  }
  return out.join('\n').trim();
}
