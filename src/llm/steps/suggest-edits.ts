import { validateEdits, type EditRejection, type EditTarget, type ValidatedEdit } from '../../edits/validate.js';
import { fileBlock, subjectBlock, type Subject } from '../blocks.js';
import type { LlmClient } from '../client.js';
import type { PromptManifest } from '../prompt.js';
import { editsAnswer } from '../schemas.js';
import type { CallUsage } from '../usage.js';
import { runStep } from './step.js';

export interface EditableFile {
  path: string;
  /** The line the prompt centres on when the whole file does not fit (e.g. the first changed line). */
  focusLine?: number;
}

export interface SuggestEditsInput {
  subject: Subject;
  /** Files the model may edit, most important first; their text comes from the target. */
  files: readonly EditableFile[];
  target: EditTarget;
  maxEdits: number;
}

export interface SuggestEditsResult {
  valid: ValidatedEdit[];
  rejected: (EditRejection | { reason: 'over-limit' })[];
  /** Edits the model proposed, valid or not. */
  proposed: number;
  usage: CallUsage;
  manifest: PromptManifest;
}

/** The edit instructions every step that asks for edits shares. */
export const EDIT_RULES = [
  'Each edit is a search/replace pair on one file shown below:',
  '- `search` is copied exactly from that file, character for character, including indentation; it must occur exactly once in the file, so include a line or two of surrounding code when a line repeats;',
  '- `replace` is the text that takes its place; keep the file’s indentation style;',
  '- keep `search` short: the lines that change plus what makes them unique;',
  '- edit only files shown in full or in part below, never the diff itself.',
].join('\n');

function task(subject: Subject, maxEdits: number): string {
  const what =
    subject.kind === 'change'
      ? 'that the pull request in the diff below still needs: fixes to mistakes in the lines it changes, and the updates other files need because of it'
      : 'that resolve the request in the text below';
  return [
    `Propose the concrete edits ${what}. Propose at most ${maxEdits} edits, most important first, and none when nothing needs to change.`,
    EDIT_RULES,
    'Give each edit a one-sentence explanation.',
  ].join('\n');
}

/**
 * Asks for edits to the given files and validates every one against the
 * checkout: only edits whose search text matches exactly once and whose
 * diff passes `git apply --check` come back as valid; the rest are counted.
 */
export async function suggestEdits(client: LlmClient, input: SuggestEditsInput): Promise<SuggestEditsResult> {
  const texts = input.files.flatMap((file) => {
    const text = input.target.read(file.path);
    return text === null ? [] : [{ ...file, text }];
  });
  const fileShare = texts.length > 0 ? 0.65 / texts.length : 0;
  const answer = await runStep(client, {
    step: 'edits',
    task: task(input.subject, input.maxEdits),
    blocks: [
      subjectBlock(input.subject, 0.35),
      ...texts.map((file) => fileBlock(file.path, file.text, fileShare, file.focusLine)),
    ],
    schema: editsAnswer,
    schemaName: 'suggested_edits',
  });
  const proposed = answer.value.edits;
  const { valid, rejected } = validateEdits(proposed.slice(0, input.maxEdits), input.target);
  const overLimit = proposed.slice(input.maxEdits).map(() => ({ reason: 'over-limit' as const }));
  return {
    valid,
    rejected: [...rejected, ...overLimit],
    proposed: proposed.length,
    usage: answer.usage,
    manifest: answer.manifest,
  };
}
