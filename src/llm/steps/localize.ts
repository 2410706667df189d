import { normalizeModelPath } from '../../edits/paths.js';
import { mapBlock, snippetBlock, subjectBlock, type CodeSnippet, type Subject } from '../blocks.js';
import type { LlmClient } from '../client.js';
import type { PromptManifest } from '../prompt.js';
import { localizeAnswer, type Confidence } from '../schemas.js';
import type { CallUsage } from '../usage.js';
import { runStep } from './step.js';

export interface LocalizeInput {
  subject: Subject;
  /** Renders the repository map within a token allowance. */
  map: (maxTokens: number) => { text: string; files: number };
  /** Code of the best-ranked definitions, best first. */
  snippets: readonly CodeSnippet[];
  /** Every file of the repository (repository-relative): model paths outside it are rejected. */
  repositoryFiles: ReadonlySet<string>;
  /** Files listed at most; the model is asked for no more. */
  maxFiles: number;
}

export interface LocalizedFile {
  path: string;
  reason: string;
  confidence: Confidence;
}

export type PathRejectionReason = 'outside-repository' | 'not-in-repository' | 'duplicate' | 'over-limit';

export const PATH_REJECTION_TEXT: Readonly<Record<PathRejectionReason, string>> = {
  'outside-repository': 'outside the repository',
  'not-in-repository': 'not in the repository',
  duplicate: 'named twice',
  'over-limit': 'beyond the number of files asked for',
};

export interface LocalizeResult {
  files: LocalizedFile[];
  rejected: { reason: PathRejectionReason }[];
  usage: CallUsage;
  manifest: PromptManifest;
}

const CONFIDENCE_ORDER: Readonly<Record<Confidence, number>> = { high: 0, medium: 1, low: 2 };

function task(subject: Subject, maxFiles: number): string {
  const what =
    subject.kind === 'change'
      ? 'for the pull request in the diff below to be complete and correct: files it changes that need more work, and files it does not touch that must change with it (callers, tests, configuration, documentation)'
      : 'to resolve the request in the text below';
  return [
    `Which files of this repository will need changes ${what}?`,
    `List at most ${maxFiles} files, most likely first. Name each by its exact repository-relative path as it appears in the repository map or the code below; never invent a path.`,
    'For each, give a one-sentence reason that names the function, class or line that matters, and a confidence: high, medium or low.',
    'List no file when nothing needs to change.',
  ].join('\n');
}

/**
 * Asks which files will need changes. Paths are checked against the
 * repository: paths outside it or not in it are rejected and counted, as are
 * duplicates and files beyond `maxFiles`. Kept files are ordered by
 * confidence, then by the model's order.
 */
export async function localize(client: LlmClient, input: LocalizeInput): Promise<LocalizeResult> {
  const snippetShare = input.snippets.length > 0 ? 0.3 / input.snippets.length : 0;
  const answer = await runStep(client, {
    step: 'localize',
    task: task(input.subject, input.maxFiles),
    blocks: [
      subjectBlock(input.subject, 0.45),
      mapBlock(input.map, 0.25),
      ...input.snippets.map((snippet) => snippetBlock(snippet, snippetShare)),
    ],
    schema: localizeAnswer,
    schemaName: 'files_to_change',
  });
  const files: (LocalizedFile & { order: number })[] = [];
  const rejected: { reason: PathRejectionReason }[] = [];
  const seen = new Set<string>();
  answer.value.files.forEach((file, order) => {
    const path = normalizeModelPath(file.path);
    if (path === undefined) rejected.push({ reason: 'outside-repository' });
    else if (!input.repositoryFiles.has(path)) rejected.push({ reason: 'not-in-repository' });
    else if (seen.has(path)) rejected.push({ reason: 'duplicate' });
    else if (files.length >= input.maxFiles) rejected.push({ reason: 'over-limit' });
    else {
      seen.add(path);
      files.push({ path, reason: file.reason.trim(), confidence: file.confidence, order });
    }
  });
  files.sort((a, b) => CONFIDENCE_ORDER[a.confidence] - CONFIDENCE_ORDER[b.confidence] || a.order - b.order);
  return {
    files: files.map(({ path, reason, confidence }) => ({ path, reason, confidence })),
    rejected,
    usage: answer.usage,
    manifest: answer.manifest,
  };
}
