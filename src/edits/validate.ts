import { readSourceFile } from '../repo/read.js';
import { gitApplyCheck, type ApplyCheck } from './git-apply.js';
import { normalizeModelPath } from './paths.js';
import { lineChange, withoutEol } from './text-lines.js';
import { unifiedDiff } from './unified-diff.js';

/** An edit as a model proposes it: replace the one place `search` occurs in `path` with `replace`. */
export interface ProposedEdit {
  path: string;
  search: string;
  replace: string;
  /** Why, in the model's words (rendered as plain text, never as markdown or HTML). */
  explanation: string;
}

/**
 * An edit proven to apply to the checkout: its search text occurs exactly
 * once and the resulting diff passes `git apply --check`. Lines are those of
 * the file as it is in the checkout.
 */
export interface ValidatedEdit {
  path: string;
  explanation: string;
  /** First replaced line (1-based). With nothing replaced (a pure insertion), the line the new lines go before. */
  startLine: number;
  /** Last replaced line; `startLine - 1` for a pure insertion. */
  endLine: number;
  /** Replaced lines and their replacement, without line endings. */
  oldLines: string[];
  newLines: string[];
  /** The unified diff (git format, 3 lines of context) that `git apply --check` accepted. */
  diff: string;
}

/** Why a proposed edit was not shown. */
export type EditRejectionReason =
  | 'unsafe-path'
  | 'not-in-repository'
  | 'unreadable'
  | 'empty-search'
  | 'search-not-found'
  | 'search-ambiguous'
  | 'no-change'
  | 'overlapping'
  | 'git-apply-failed';

export interface EditRejection {
  reason: EditRejectionReason;
  /** For logs only: a path or git's message. Model text is never put here. */
  detail?: string;
}

/** Reasons as a reader sees them, for the report's "rejected" line. */
export const EDIT_REJECTION_TEXT: Readonly<Record<EditRejectionReason, string>> = {
  'unsafe-path': 'named a path outside the repository',
  'not-in-repository': 'named a file that is not in the repository',
  unreadable: 'named a file that is not readable text',
  'empty-search': 'had an empty search text',
  'search-not-found': 'had a search text that matches nothing',
  'search-ambiguous': 'had a search text that matches more than once',
  'no-change': 'changed nothing',
  overlapping: 'overlapped an earlier edit of the same lines',
  'git-apply-failed': 'did not pass `git apply --check`',
};

/** The checkout edits are validated against. */
export interface EditTarget {
  root: string;
  /** The path (normalized, repository-relative) is a file of the repository that edits may touch. */
  isEditable(path: string): boolean;
  /** The file's text, or null when it cannot be read as text. */
  read(path: string): string | null;
  /** `git apply --check` of a patch in `root`; replaceable in unit tests of other rules. */
  applyCheck?: (patch: string) => ApplyCheck;
}

/** An edit target over a plain checkout: any regular text file under `root` that is not vendored or generated. */
export function editTargetFromRoot(root: string, isListed?: (path: string) => boolean): EditTarget {
  return {
    root,
    isEditable: (path) => (isListed ? isListed(path) : true),
    read: (path) => {
      const result = readSourceFile(root, path);
      return result.ok ? result.text : null;
    },
  };
}

/** Offsets of every occurrence of `search` in `text`, overlapping ones included, up to `limit`. */
function occurrences(text: string, search: string, limit: number): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(search); at !== -1 && found.length < limit; at = text.indexOf(search, at + 1))
    found.push(at);
  return found;
}

/**
 * Validates one edit against the file's current text. `taken` holds the
 * line ranges earlier valid edits of the same file replace: an overlapping
 * edit is rejected, since both could not be applied.
 */
function validateOne(
  edit: ProposedEdit,
  target: EditTarget,
  taken: Map<string, { start: number; end: number }[]>,
): ValidatedEdit | EditRejection {
  const path = normalizeModelPath(edit.path);
  if (path === undefined) return { reason: 'unsafe-path' };
  if (!target.isEditable(path)) return { reason: 'not-in-repository', detail: path };
  const text = target.read(path);
  if (text === null) return { reason: 'unreadable', detail: path };
  if (edit.search.length === 0) return { reason: 'empty-search', detail: path };
  const found = occurrences(text, edit.search, 2);
  if (found.length === 0) return { reason: 'search-not-found', detail: path };
  if (found.length > 1) return { reason: 'search-ambiguous', detail: path };
  const at = found[0]!;
  const updated = text.slice(0, at) + edit.replace + text.slice(at + edit.search.length);
  const change = lineChange(text, updated);
  if (!change) return { reason: 'no-change', detail: path };
  const startLine = change.start;
  const endLine = change.start + change.oldLines.length - 1;
  // A pure insertion occupies the gap before startLine: it overlaps what touches startLine - 1 or startLine.
  const span = { start: change.oldLines.length === 0 ? startLine - 1 : startLine, end: Math.max(endLine, startLine) };
  const earlier = taken.get(path) ?? [];
  if (earlier.some((r) => r.start <= span.end && span.start <= r.end)) return { reason: 'overlapping', detail: path };
  const diff = unifiedDiff(path, change);
  const check = (target.applyCheck ?? ((patch: string) => gitApplyCheck(target.root, patch)))(diff);
  if (!check.ok) return { reason: 'git-apply-failed', detail: `${path}: ${check.message}` };
  earlier.push(span);
  taken.set(path, earlier);
  return {
    path,
    explanation: edit.explanation,
    startLine,
    endLine,
    oldLines: change.oldLines.map(withoutEol),
    newLines: change.newLines.map(withoutEol),
    diff,
  };
}

export interface EditValidation {
  valid: ValidatedEdit[];
  rejected: EditRejection[];
}

/**
 * Validates proposed edits in order. Each must name an editable file of the
 * repository, match exactly once, change something, not overlap an earlier
 * valid edit of the same file, and give a diff that `git apply --check`
 * accepts against the checkout.
 */
export function validateEdits(edits: readonly ProposedEdit[], target: EditTarget): EditValidation {
  const taken = new Map<string, { start: number; end: number }[]>();
  const valid: ValidatedEdit[] = [];
  const rejected: EditRejection[] = [];
  for (const edit of edits) {
    const result = validateOne(edit, target, taken);
    if ('reason' in result) rejected.push(result);
    else valid.push(result);
  }
  return { valid, rejected };
}

/** Rejections counted per reason, in a fixed order, for the report. */
export function countRejections(rejected: readonly { reason: string }[]): { reason: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const { reason } of rejected) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
}
