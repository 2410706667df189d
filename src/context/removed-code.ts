import type { ChangedFile } from './seeds.js';

/**
 * What a change took out of the code: the lines its diff removed (and did
 * not add back) and the names those lines used that no added line uses any
 * more. Another file that still has such a line or name is likely to need
 * the same edit: a copy of the replaced code, a caller of a renamed or
 * removed function, a user of a deleted constant.
 */
export interface RemovedCode {
  /** Removed lines, trimmed and with runs of white space as one space; in diff order, each once. */
  lines: string[];
  /** Names (identifiers of 3+ characters) the removed lines use and no added line does; in diff order. */
  names: string[];
}

/** Shorter lines (`return x;`, `} else {`) are in every file and say nothing of the change. */
const MIN_LINE_CHARS = 12;
/** A large diff is still one change: enough of it to find its copies, not all of it. */
const MAX_LINES = 2000;
const MAX_NAMES = 1000;
const NAME = /[A-Za-z_$][A-Za-z0-9_$]{2,}/g;
const LETTER = /[A-Za-z]/;
const INNER_SPACE = /\s\s|[^\S ]/;

/** A line as removed code is compared: trimmed, white space collapsed. */
export function normalizeCodeLine(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}

function comparableLines(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .split('\n')
    .map(normalizeCodeLine)
    .filter((line) => line.length >= MIN_LINE_CHARS && LETTER.test(line));
}

function namesOf(text: string | undefined): string[] {
  return text === undefined ? [] : (text.match(NAME) ?? []);
}

/** The removed code of a change (all its files together: code moved between them was not removed). */
export function removedCode(changed: readonly ChangedFile[]): RemovedCode {
  const addedLines = new Set(changed.flatMap((c) => comparableLines(c.addedText)));
  const addedNames = new Set(changed.flatMap((c) => namesOf(c.addedText)));
  const lines = new Set<string>();
  const names = new Set<string>();
  for (const file of changed) {
    for (const line of comparableLines(file.removedText)) {
      if (lines.size < MAX_LINES && !addedLines.has(line)) lines.add(line);
    }
    for (const name of namesOf(file.removedText)) {
      if (names.size < MAX_NAMES && !addedNames.has(name)) names.add(name);
    }
  }
  return { lines: [...lines], names: [...names] };
}

export function hasRemovedCode(code: RemovedCode | undefined): code is RemovedCode {
  return code !== undefined && (code.lines.length > 0 || code.names.length > 0);
}

/** Which of a change's removed lines and names a file has, as indexes into RemovedCode's lists. */
export interface RemovedCodeHits {
  lines: number[];
  names: number[];
}

/** Looks for removed code in one file's text (where the text is read: the parse worker). */
export class RemovedCodeMatcher {
  private readonly lines: Map<string, number>;
  private readonly names: Map<string, number>;

  constructor(code: RemovedCode) {
    this.lines = new Map(code.lines.map((line, i) => [line, i]));
    this.names = new Map(code.names.map((name, i) => [name, i]));
  }

  find(text: string): RemovedCodeHits | undefined {
    const lines = new Set<number>();
    if (this.lines.size > 0) {
      for (const raw of text.split('\n')) {
        if (raw.length < MIN_LINE_CHARS) continue;
        const trimmed = raw.trim();
        // Most lines have white space only around them: collapsing inner runs is rarely needed.
        const line = INNER_SPACE.test(trimmed) ? normalizeCodeLine(trimmed) : trimmed;
        const i = this.lines.get(line);
        if (i !== undefined) lines.add(i);
      }
    }
    const names = new Set<number>();
    if (this.names.size > 0) {
      const pattern = new RegExp(NAME.source, 'g');
      for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
        const i = this.names.get(match[0]);
        if (i !== undefined) names.add(i);
      }
    }
    if (lines.size === 0 && names.size === 0) return undefined;
    const sorted = (set: Set<number>): number[] => [...set].sort((a, b) => a - b);
    return { lines: sorted(lines), names: sorted(names) };
  }
}

/** Per file, the evidence of removed code it still has: IDF-weighted, each part a distribution over files. */
export interface RemovedCodeScores {
  /** Square root of the summed IDF of the removed lines the file has, as shares of the total. */
  lines: Map<string, number>;
  /** Summed IDF of the removed names the file uses, as shares of the total. */
  names: Map<string, number>;
  /** Per file, its removed lines' count and its rarest removed names (up to 3), for its reason. */
  found: Map<string, { lines: number; names: string[] }>;
}

/**
 * Scores the files that still have a change's removed code. A line or name
 * in many files (a common idiom, `self`, `return`) counts little: each one
 * weighs ln(N / (df + 1)), df the files other than the changed ones having
 * it, N all indexed files. The lines' sums are square-rooted so that one
 * long copy does not outweigh everything else.
 */
export function removedCodeScores(
  code: RemovedCode,
  files: readonly { path: string; removedCode?: RemovedCodeHits }[],
  changed: ReadonlySet<string>,
): RemovedCodeScores {
  const candidates = files.filter((f) => f.removedCode && !changed.has(f.path));
  const lineDf = new Float64Array(code.lines.length);
  const nameDf = new Float64Array(code.names.length);
  for (const file of candidates) {
    for (const i of file.removedCode!.lines) lineDf[i]!++;
    for (const i of file.removedCode!.names) nameDf[i]!++;
  }
  const idf = (df: number): number => Math.max(0, Math.log(files.length / (df + 1)));
  const lines = new Map<string, number>();
  const names = new Map<string, number>();
  const found = new Map<string, { lines: number; names: string[] }>();
  for (const file of candidates) {
    const hits = file.removedCode!;
    const lineScore = hits.lines.reduce((sum, i) => sum + idf(lineDf[i]!), 0);
    const nameScore = hits.names.reduce((sum, i) => sum + idf(nameDf[i]!), 0);
    if (lineScore > 0) lines.set(file.path, Math.sqrt(lineScore));
    if (nameScore > 0) names.set(file.path, nameScore);
    if (lineScore > 0 || nameScore > 0) {
      const rarest = hits.names
        .filter((i) => idf(nameDf[i]!) > 0)
        .sort((a, b) => nameDf[a]! - nameDf[b]! || a - b)
        .slice(0, 3)
        .map((i) => code.names[i]!);
      const telling = hits.lines.filter((i) => idf(lineDf[i]!) > 0).length;
      found.set(file.path, { lines: telling, names: rarest });
    }
  }
  return { lines: shares(lines), names: shares(names), found };
}

function shares(scores: Map<string, number>): Map<string, number> {
  const total = [...scores.values()].reduce((a, b) => a + b, 0);
  if (total > 0) for (const [path, value] of scores) scores.set(path, value / total);
  return scores;
}

/** "still has 2 lines the change removed; mentions `old_name`, which the change no longer uses" */
export function describeRemovedCode(found: { lines: number; names: string[] }): string {
  const parts: string[] = [];
  if (found.lines > 0) parts.push(`still has ${found.lines} line${found.lines === 1 ? '' : 's'} the change removed`);
  if (found.names.length > 0) {
    const list = found.names.map((n) => `\`${n}\``).join(', ');
    parts.push(`mentions ${list}, which the change no longer uses`);
  }
  return parts.join('; ');
}
