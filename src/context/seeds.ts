import { execFileSync } from 'node:child_process';
import parseDiff from 'parse-diff';
import { GIT_DIFF_FORMAT, GIT_QUOTE_PATH_OFF } from '../repo/git-env.js';

/** Inclusive 1-based line range on the new side of a change. */
export interface LineRange {
  start: number;
  end: number;
}

export interface ChangedFile {
  path: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  /** Changed lines on the new side; empty when only the file is known (e.g. `--changed`). */
  ranges: LineRange[];
  /**
   * The text of the lines the change added, without the `+` markers, when a
   * diff gave them: with `removedText`, the words of the change itself.
   */
  addedText?: string;
  /** The text of the lines the change removed, without the `-` markers, when a diff gave them. */
  removedText?: string;
  previousPath?: string;
  /**
   * The change's lines on the old side, when a diff gave them: the lines it
   * removed or rewrote, and the lines either side of each insertion. `blob`
   * is the old side's blob id as the diff's `index` line abbreviates it.
   * Line history (see blameChange) asks which commits wrote these lines.
   * `shown`: when the diff names no blob (GitHub's patches, `diff -u`), the
   * old-side lines it shows (context and removed, the first
   * SHOWN_LINES_PER_HUNK of each hunk), by line number: a revision is the
   * old side only if it has them there. Such a diff keeps the old side of
   * its first SHOWN_HUNKS hunks only.
   */
  before?: { ranges: LineRange[]; blob?: string; shown?: [number, string][] };
}

/** What a ranking starts from: changed files and lines, and free text (issue, comment). */
export interface Seeds {
  changed: ChangedFile[];
  text?: string;
  /** The commit the changed files' old side is (`ChangedFile.before`), for line history. */
  base?: string;
  /**
   * `base` is a guess (the checkout, for a diff read from a file): only the
   * files whose diff names their old blob, and whose blob it is, are blamed.
   */
  guessedBase?: boolean;
}

const DEV_NULL = '/dev/null';
/** Old-side lines kept per hunk to check a revision against (ChangedFile.before.shown). */
export const SHOWN_LINES_PER_HUNK = 6;
/** Hunks of a diff without blob ids whose old side is kept: the rest cannot be checked, and are not blamed. */
export const SHOWN_HUNKS = 100;

/**
 * Changed files and new-side line ranges of a unified diff. Deletions are
 * anchored at the new-side line where the removed text stood.
 */
export function changedFilesFromDiff(text: string): ChangedFile[] {
  // parse-diff reads no header that ends in CR (a diff saved with CRLF line
  // endings); the lines' words and the shown-lines check ignore line endings.
  const diff = text.replace(/\r\n/g, '\n');
  const out: ChangedFile[] = [];
  for (const { file, move } of diffFiles(diff)) {
    let from = move?.from ?? (file.from && file.from !== DEV_NULL ? file.from : undefined);
    let to = move?.to ?? (file.to && file.to !== DEV_NULL ? file.to : undefined);
    if (from !== undefined && to !== undefined && from !== to && move === undefined) {
      // Two names for one file with no `rename from`/`copy from` saying it moved
      // (`diff -u x.orig x`): a plain diff cannot move a file, so it is one file.
      from = to = patchTarget(from, to);
    }
    const path = to ?? from;
    if (!path) continue;
    // A copy's source is still there, unchanged: the copy is a new file.
    if (move?.kind === 'copy') from = undefined;
    const status: ChangedFile['status'] =
      file.deleted || !to ? 'deleted' : file.new || !from ? 'added' : from !== to ? 'renamed' : 'modified';
    const lines: number[] = [];
    const oldLines: number[] = [];
    const shown: [number, string][] = [];
    const added: string[] = [];
    const removed: string[] = [];
    const blob = /^([0-9a-f]{7,64})\.\./.exec(file.index?.[0] ?? '')?.[1];
    for (const [hunk, chunk] of file.chunks.entries()) {
      // Without a blob id only the hunks whose lines are kept to check can say where the old side is.
      const oldSide = blob !== undefined || hunk < SHOWN_HUNKS;
      let shownHere = 0;
      const show = (line: number, content: string): void => {
        if (blob !== undefined || !oldSide || shownHere >= SHOWN_LINES_PER_HUNK) return;
        shown.push([line, content.slice(1)]);
        shownHere++;
      };
      let next = chunk.newStart;
      // The old side's last line so far: a hunk that removes nothing inserts after its start line.
      let previousOld = chunk.oldLines > 0 ? chunk.oldStart - 1 : chunk.oldStart;
      let removing = false;
      for (const change of chunk.changes) {
        if (change.content.startsWith('\\')) {
          // "\ No newline at end of file" repeats the line before it.
        } else if (change.type === 'normal') {
          previousOld = change.ln1;
          removing = false;
          show(change.ln1, change.content);
        } else if (change.type === 'del') {
          show(change.ln, change.content);
          if (oldSide) oldLines.push(change.ln);
          previousOld = change.ln;
          removing = true;
        } else if (!removing && oldSide) {
          // An insertion: the old lines either side of it.
          oldLines.push(Math.max(1, previousOld), previousOld + 1);
        }
        if (change.type !== 'normal' && !change.content.startsWith('\\'))
          (change.type === 'add' ? added : removed).push(change.content.slice(1));
        if (change.type === 'add') {
          lines.push(change.ln);
          next = change.ln + 1;
        } else if (change.type === 'normal') {
          next = change.ln2 + 1;
        } else if (status !== 'deleted') {
          lines.push(Math.max(1, next));
        }
      }
    }
    const entry: ChangedFile = { path, status, ranges: status === 'deleted' ? [] : toRanges(lines) };
    if (status !== 'added' && oldLines.length > 0) {
      entry.before = { ranges: toRanges(oldLines) };
      if (blob !== undefined) entry.before.blob = blob;
      else if (shown.length > 0) entry.before.shown = shown;
    }
    if (added.length > 0) entry.addedText = added.join('\n');
    if (removed.length > 0) entry.removedText = removed.join('\n');
    if (status === 'renamed' && from) entry.previousPath = from;
    out.push(entry);
  }
  return mergeChanged(out);
}

/**
 * parse-diff's files of a diff, each with the move its own git header
 * declares (`rename from`/`rename to`, `copy from`/`copy to`). Each `diff`
 * line starts a file's section, as it starts a file for parse-diff; the
 * header is matched to its file, not by name (parse-diff strips what looks
 * like a prefix, such as `c/` of a `--no-prefix` diff).
 */
function diffFiles(diff: string): { file: parseDiff.File; move?: DeclaredMove }[] {
  const out: { file: parseDiff.File; move?: DeclaredMove }[] = [];
  const unquote = (name: string): string => name.replace(/^"|"$/g, '');
  for (const section of diff.split(/^(?=diff )/m)) {
    const header = section.split(/^@@/m, 1)[0] ?? '';
    const found = /^(rename|copy) from (.+)\n\1 to (.+)$/m.exec(header);
    const move = found && { kind: found[1] as DeclaredMove['kind'], from: unquote(found[2]!), to: unquote(found[3]!) };
    for (const file of parseDiff(section)) out.push(move ? { file, move } : { file });
  }
  return out;
}

/** A move a git diff declares, with the names as its header gives them (no prefix to strip). */
interface DeclaredMove {
  kind: 'rename' | 'copy';
  from: string;
  to: string;
}

/**
 * The file a plain diff naming two paths changes, as GNU patch chooses when
 * both exist: the name with the fewest directories, then the shortest base
 * name, then the shortest name (`x` of `x.orig` and `x`, or of `x` and `x.new`).
 */
function patchTarget(from: string, to: string): string {
  const key = (name: string): [number, number, number] => [
    name.split('/').length,
    name.length - name.lastIndexOf('/') - 1,
    name.length,
  ];
  const [a, b] = [key(from), key(to)];
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? from : to;
  return to;
}

/** Sorted, merged ranges from a list of line numbers. */
export function toRanges(lines: number[]): LineRange[] {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const ranges: LineRange[] = [];
  for (const line of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && line <= last.end + 1) last.end = Math.max(last.end, line);
    else ranges.push({ start: line, end: line });
  }
  return ranges;
}

/** One entry per path, sorted by path. */
export function mergeChanged(files: ChangedFile[]): ChangedFile[] {
  const byPath = new Map<string, ChangedFile>();
  for (const file of files) {
    const seen = byPath.get(file.path);
    if (!seen) {
      byPath.set(file.path, { ...file, ranges: [...file.ranges] });
      continue;
    }
    const lines = [...seen.ranges, ...file.ranges].flatMap((r) => rangeLines(r));
    seen.ranges = toRanges(lines);
    // Two diffs of one path need not share an old side: neither says which lines it had.
    delete seen.before;
    for (const key of ['addedText', 'removedText'] as const) {
      const more = file[key];
      if (more !== undefined) seen[key] = seen[key] === undefined ? more : `${seen[key]}\n${more}`;
    }
  }
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Where a diff's old side is, for line history: `rev` when the diff is
 * `git diff REV`; otherwise (a diff read from a file) a guess, the checkout.
 */
export function diffBase(rev: string | undefined): Pick<Seeds, 'base' | 'guessedBase'> {
  return rev !== undefined ? { base: rev } : { base: 'HEAD', guessedBase: true };
}

/** The added and removed lines' text of a change, one after the other (empty when no diff gave them). */
export function changedText(file: ChangedFile): string {
  return [file.addedText, file.removedText].filter((t) => t !== undefined).join('\n');
}

function rangeLines(range: LineRange): number[] {
  const lines: number[] = [];
  for (let line = range.start; line <= range.end; line++) lines.push(line);
  return lines;
}

/** `git diff REV` of the work tree (committed and uncommitted changes since REV). */
export function gitDiff(root: string, rev: string): string {
  if (rev.startsWith('-')) throw new Error(`not a revision: ${rev}`);
  return execFileSync('git', ['-C', root, ...GIT_QUOTE_PATH_OFF, 'diff', ...GIT_DIFF_FORMAT, '-M', '-U0', rev, '--'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
