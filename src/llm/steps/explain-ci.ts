import type { MappedFailure } from '../../ci/map-frames.js';
import { editTargetFromRoot, validateEdits, type EditTarget, type ValidatedEdit } from '../../edits/validate.js';
import { fileBlock, subjectBlock } from '../blocks.js';
import type { LlmClient } from '../client.js';
import type { PromptManifest } from '../prompt.js';
import { explainCiAnswer } from '../schemas.js';
import type { CallUsage } from '../usage.js';
import { runStep } from './step.js';
import { EDIT_RULES } from './suggest-edits.js';

export interface ExplainCiInput {
  /** The failures found in the job log, with frames mapped to the repository. */
  failures: readonly MappedFailure[];
  /** The code around the failures as rendered for the report (ranked context, snippets). */
  codeContext: string;
  /** The checkout the fix is validated against. */
  root: string;
  /** Input token budget of this call. */
  budget: number;
  /** Which files a fix may touch; default: any readable text file under `root`. */
  target?: EditTarget;
}

export interface ExplainCiResult {
  explanation: string;
  /** The proposed fix, only when it matched exactly once and passed `git apply --check`. */
  fix?: ValidatedEdit;
  /** 1 when the model proposed a fix that failed validation, else 0. */
  rejected: number;
  usage: CallUsage;
  manifest: PromptManifest;
}

/** Files of project frames whose text goes into the prompt verbatim, so a fix can copy from them. */
const FIX_FILES = 3;

/** The failures as plain text: kind, test, message and the project frames of each. */
export function failuresText(failures: readonly MappedFailure[]): string {
  return failures
    .map(({ failure, projectFrames }, i) => {
      const lines = [`${i + 1}. ${failure.kind}${failure.test ? ` in ${failure.test}` : ''}: ${failure.message}`];
      for (const frame of projectFrames)
        lines.push(
          `   at ${frame.resolved}:${frame.line ?? '?'}${frame.symbol ? ` in ${frame.symbol.id ?? frame.symbol.name}` : frame.function ? ` in ${frame.function}` : ''}`,
        );
      if (projectFrames.length === 0) lines.push('   (no frame in this repository)');
      return lines.join('\n');
    })
    .join('\n');
}

/** The distinct project files of the failures' frames with the first line each fails at, in printed order. */
function frameFiles(failures: readonly MappedFailure[]): { path: string; focusLine?: number }[] {
  const files = new Map<string, number | undefined>();
  for (const { projectFrames } of failures)
    for (const frame of projectFrames)
      if (frame.resolved && !files.has(frame.resolved)) files.set(frame.resolved, frame.line ?? undefined);
  return [...files].map(([path, focusLine]) => (focusLine === undefined ? { path } : { path, focusLine }));
}

/**
 * The CI loop's LLM step: why the job failed, and at most one fix, validated
 * like every suggested edit (exactly one match, `git apply --check` against
 * `root`). An invalid fix is dropped and counted in `rejected`.
 */
export async function explainCiFailures(client: LlmClient, input: ExplainCiInput): Promise<ExplainCiResult> {
  const target = input.target ?? editTargetFromRoot(input.root);
  const files = frameFiles(input.failures)
    .slice(0, FIX_FILES)
    .flatMap((file) => {
      const text = target.read(file.path);
      return text === null ? [] : [{ ...file, text }];
    });
  const fileShare = files.length > 0 ? 0.45 / files.length : 0;
  const answer = await runStep(client, {
    step: 'explain-ci',
    budget: input.budget,
    task: [
      'A CI job failed. Explain why, from the failures and the code below: name the files and functions involved and what goes wrong, in a few sentences.',
      'Then propose one edit that fixes the failure as `fix`, or null when no safe fix is clear from what you see.',
      EDIT_RULES,
    ].join('\n'),
    blocks: [
      subjectBlock({ kind: 'text', label: 'failures found in the job log', text: failuresText(input.failures) }, 0.25),
      subjectBlock({ kind: 'text', label: 'code context', text: input.codeContext }, 0.3),
      ...files.map((file) => fileBlock(file.path, file.text, fileShare, file.focusLine)),
    ],
    schema: explainCiAnswer,
    schemaName: 'ci_failure_explanation',
  });
  const result: ExplainCiResult = {
    explanation: answer.value.explanation.trim(),
    rejected: 0,
    usage: answer.usage,
    manifest: answer.manifest,
  };
  if (answer.value.fix) {
    const { valid } = validateEdits([answer.value.fix], target);
    if (valid[0]) result.fix = valid[0];
    else result.rejected = 1;
  }
  return result;
}
