import { renderRepoMap } from '../context/repo-map.js';
import type { ChangedFile } from '../context/seeds.js';
import { countRejections, editTargetFromRoot, type EditTarget, type ValidatedEdit } from '../edits/validate.js';
import type { Ranking } from '../graph/rank.js';
import type { RepoIndex } from '../parse/repo-index.js';
import type { CodeSnippet, Subject } from './blocks.js';
import type { LlmClient } from './client.js';
import { isLlmError } from './errors.js';
import type { PromptManifest } from './prompt.js';
import { localize, type LocalizedFile } from './steps/localize.js';
import { suggestEdits, type EditableFile } from './steps/suggest-edits.js';
import type { CallUsage } from './usage.js';

/** What the LLM steps of one context run produced, as data for the report. */
export interface LlmOutcome {
  model: string;
  endpoint: string;
  localized?: { files: LocalizedFile[]; rejected: { reason: string; count: number }[] };
  edits?: { valid: ValidatedEdit[]; proposed: number; rejected: { reason: string; count: number }[] };
  /** Steps that produced nothing usable, and why (messages name the setting to change, never model text). */
  failures: { step: string; message: string }[];
  /** What each call sent, in call order, failed calls included. */
  manifests: PromptManifest[];
  calls: CallUsage[];
}

export interface ReviewStepsInput {
  subject: Subject;
  index: Pick<RepoIndex, 'root' | 'files' | 'skipped'>;
  ranking: Ranking;
  /** The change's files (empty for a text request): edit candidates, and where the prompt centres. */
  changed: readonly ChangedFile[];
  /** Files the model may list. */
  maxFiles: number;
  maxEdits?: number;
  /** Overrides where edits are validated (tests); default: the index's root. */
  target?: EditTarget;
}

/** Definitions whose code goes into the localize prompt, best-ranked first. */
const SNIPPETS = 10;
const SNIPPET_LINES = 30;
/** Files whose text goes into the edits prompt. */
const EDIT_FILES = 6;
const DEFAULT_MAX_EDITS = 8;

/** Files edits may touch: indexed source files and text files no tags query covers (docs, configuration). */
export function editTargetFromIndex(index: Pick<RepoIndex, 'root' | 'files' | 'skipped'>): EditTarget {
  const editable = new Set([
    ...index.files.map((f) => f.path),
    ...index.skipped.filter((s) => s.reason === 'unsupported-language').map((s) => s.path),
  ]);
  return editTargetFromRoot(index.root, (path) => editable.has(path));
}

/** The code of the best-ranked definitions, at most `SNIPPET_LINES` lines each. */
export function rankedSnippets(
  index: Pick<RepoIndex, 'files'>,
  ranking: Ranking,
  read: (path: string) => string | null,
  count = SNIPPETS,
): CodeSnippet[] {
  const byPath = new Map(index.files.map((f) => [f.path, f]));
  const texts = new Map<string, string[] | null>();
  const snippets: CodeSnippet[] = [];
  for (const symbol of ranking.symbols) {
    if (snippets.length >= count) break;
    const tag = byPath.get(symbol.path)?.tags.find((t) => t.kind === 'def' && t.line === symbol.line);
    if (!tag) continue;
    if (!texts.has(symbol.path)) texts.set(symbol.path, read(symbol.path)?.split('\n') ?? null);
    const lines = texts.get(symbol.path);
    if (!lines) continue;
    // Nested definitions inside a snippet already shown add nothing.
    if (snippets.some((s) => s.path === symbol.path && s.startLine <= tag.line && tag.line <= s.endLine)) continue;
    const endLine = Math.min(tag.endLine, tag.line + SNIPPET_LINES - 1, lines.length);
    snippets.push({
      path: symbol.path,
      startLine: tag.line,
      endLine,
      text: lines.slice(tag.line - 1, endLine).join('\n'),
    });
  }
  return snippets;
}

/** Endpoint errors that the next call would hit too: stop instead of asking again. */
function stopsTheRun(error: unknown): boolean {
  return isLlmError(error) && (error.kind === 'http' || error.kind === 'network' || error.kind === 'timeout');
}

/**
 * The LLM steps of a context run: localize (which files will need changes),
 * then suggested edits to the localized and changed files, each validated
 * against the checkout. A failed step is recorded and the run goes on when
 * the next call can still succeed; model output reaches the outcome only
 * after validation.
 */
export async function runReviewSteps(client: LlmClient, input: ReviewStepsInput): Promise<LlmOutcome> {
  const target = input.target ?? editTargetFromIndex(input.index);
  const callsBefore = client.calls.length;
  const outcome: LlmOutcome = {
    model: client.model,
    endpoint: client.endpoint,
    failures: [],
    manifests: [],
    calls: [],
  };
  const record = (step: string, error: unknown): void => {
    if (!isLlmError(error)) throw error;
    outcome.failures.push({ step, message: error.message });
    if (error.manifest) outcome.manifests.push(error.manifest);
  };
  const repositoryFiles = new Set([...input.index.files.map((f) => f.path), ...input.index.skipped.map((s) => s.path)]);
  let stopped = false;
  try {
    const result = await localize(client, {
      subject: input.subject,
      map: (maxTokens) => renderRepoMap(input.index.files, input.ranking, maxTokens),
      snippets: rankedSnippets(input.index, input.ranking, (path) => target.read(path)),
      repositoryFiles,
      maxFiles: input.maxFiles,
    });
    outcome.localized = { files: result.files, rejected: countRejections(result.rejected) };
    outcome.manifests.push(result.manifest);
  } catch (error) {
    record('localize', error);
    stopped = stopsTheRun(error);
  }

  if (!stopped) {
    // Localized files first (the model's judgement), then the changed files, then the graph's best.
    const candidates: EditableFile[] = [];
    const add = (path: string, focusLine?: number): void => {
      if (candidates.length >= EDIT_FILES || candidates.some((c) => c.path === path) || !target.isEditable(path))
        return;
      candidates.push(focusLine === undefined ? { path } : { path, focusLine });
    };
    const firstChange = new Map(input.changed.map((c) => [c.path, c.ranges[0]?.start]));
    for (const file of outcome.localized?.files ?? []) add(file.path, firstChange.get(file.path));
    for (const file of input.changed) if (file.status !== 'deleted') add(file.path, file.ranges[0]?.start);
    if (!outcome.localized) for (const file of input.ranking.files.slice(0, EDIT_FILES)) add(file.path);
    try {
      const result = await suggestEdits(client, {
        subject: input.subject,
        files: candidates,
        target,
        maxEdits: input.maxEdits ?? DEFAULT_MAX_EDITS,
      });
      outcome.edits = { valid: result.valid, proposed: result.proposed, rejected: countRejections(result.rejected) };
      outcome.manifests.push(result.manifest);
    } catch (error) {
      record('edits', error);
    }
  } else outcome.failures.push({ step: 'edits', message: 'edits: not asked for after the error above.' });
  outcome.calls = client.calls.slice(callsBefore);
  return outcome;
}
