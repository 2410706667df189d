/**
 * Lines of a text with their line endings kept, so a change to the last
 * line's newline (or a CRLF) is a change like any other.
 */
export function splitKeepingEol(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** A line without its `\n` or `\r\n`. */
export function withoutEol(line: string): string {
  return line.replace(/\r?\n$/, '');
}

/**
 * The lines two versions of a text differ in: everything between their
 * common leading and common trailing lines. `start` is the 1-based line of
 * the old text where the difference begins; `oldLines` / `newLines` keep
 * their line endings. Undefined when the texts are equal.
 */
export interface LineChange {
  start: number;
  oldLines: string[];
  newLines: string[];
  /** Every line of each version, for context around the change. */
  before: string[];
  after: string[];
}

export function lineChange(before: string, after: string): LineChange | undefined {
  if (before === after) return undefined;
  const a = splitKeepingEol(before);
  const b = splitKeepingEol(after);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  )
    suffix++;
  return {
    start: prefix + 1,
    oldLines: a.slice(prefix, a.length - suffix),
    newLines: b.slice(prefix, b.length - suffix),
    before: a,
    after: b,
  };
}
