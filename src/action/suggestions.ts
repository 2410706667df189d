import type { LineRange } from '../context/seeds.js';
import type { ValidatedEdit } from '../edits/validate.js';
import { SUGGESTION_MARKER, type ReviewSuggestion } from '../github/review.js';
import { codeBlock, modelText } from '../report/markdown-text.js';

export interface Placement {
  /** Edits that become review suggestions, with repository paths. */
  suggestions: ReviewSuggestion[];
  /** Valid edits shown in the report instead: outside the hunks, or in a file whose checkout differs from the head. */
  elsewhere: ValidatedEdit[];
}

/**
 * The lines a suggestion replaces and what replaces them. A pure insertion
 * replaces nothing, but a suggestion must cover a line: it takes the line
 * before it (or, at the top of a file, the line after it) along.
 */
export function suggestionLines(
  edit: ValidatedEdit,
  lineAt: (line: number) => string | undefined,
): { start: number; end: number; lines: string[] } | undefined {
  if (edit.oldLines.length > 0) return { start: edit.startLine, end: edit.endLine, lines: edit.newLines };
  if (edit.startLine > 1) {
    const before = lineAt(edit.startLine - 1);
    return before === undefined
      ? undefined
      : { start: edit.startLine - 1, end: edit.startLine - 1, lines: [before, ...edit.newLines] };
  }
  const first = lineAt(1);
  return first === undefined ? undefined : { start: 1, end: 1, lines: [...edit.newLines, first] };
}

function insideOneHunk(hunks: readonly LineRange[] | undefined, start: number, end: number): boolean {
  return (hunks ?? []).some((hunk) => hunk.start <= start && end <= hunk.end);
}

/**
 * Splits valid edits into review suggestions (every replaced line inside one
 * hunk of the pull request's diff, on a file whose checkout is the head's)
 * and the rest, which the report shows as diffs.
 */
export function placeEdits(
  edits: readonly ValidatedEdit[],
  hunks: ReadonlyMap<string, LineRange[]>,
  options: { prefix: string; matchesHead: (path: string) => boolean; read: (path: string) => string | null },
): Placement {
  const placement: Placement = { suggestions: [], elsewhere: [] };
  const lines = new Map<string, string[] | null>();
  for (const edit of edits) {
    if (!options.matchesHead(edit.path)) {
      placement.elsewhere.push(edit);
      continue;
    }
    if (!lines.has(edit.path)) lines.set(edit.path, options.read(edit.path)?.split(/\r?\n/) ?? null);
    const text = lines.get(edit.path);
    const target = text ? suggestionLines(edit, (n) => text[n - 1]) : undefined;
    if (!target || !insideOneHunk(hunks.get(edit.path), target.start, target.end)) {
      placement.elsewhere.push(edit);
      continue;
    }
    placement.suggestions.push({
      path: `${options.prefix}${edit.path}`,
      startLine: target.start,
      line: target.end,
      body: `${modelText(edit.explanation)}\n\n${codeBlock(target.lines.join('\n'), 'suggestion')}\n\n${SUGGESTION_MARKER}`,
    });
  }
  return placement;
}
