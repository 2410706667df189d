import type { LineChange } from './text-lines.js';

/** Lines of unchanged context around a change, as `git diff` shows by default. */
export const DIFF_CONTEXT = 3;

const NO_NEWLINE = '\\ No newline at end of file';

/**
 * A path as git writes it in a patch: C-quoted when it holds anything but
 * plain characters, so spaces, quotes or control characters cannot shift
 * what `git apply` reads as the file name.
 */
export function quotePatchPath(path: string): string {
  if (/^[A-Za-z0-9._/+@,=-]+$/.test(path)) return path;
  const escaped = [...Buffer.from(path, 'utf8')]
    .map((byte) => {
      if (byte === 0x22) return '\\"';
      if (byte === 0x5c) return '\\\\';
      if (byte === 0x09) return '\\t';
      if (byte === 0x0a) return '\\n';
      if (byte < 0x20 || byte >= 0x7f) return `\\${byte.toString(8).padStart(3, '0')}`;
      return String.fromCharCode(byte);
    })
    .join('');
  return `"${escaped}"`;
}

function prefixed(prefix: 'a/' | 'b/', path: string): string {
  const quoted = quotePatchPath(path);
  return quoted.startsWith('"') ? `"${prefix}${quoted.slice(1)}` : `${prefix}${quoted}`;
}

/** One line of a hunk; a last line without a newline gets git's marker line after it. */
function hunkLine(mark: ' ' | '-' | '+', line: string): string[] {
  if (line.endsWith('\n')) return [`${mark}${line.slice(0, -1)}`];
  return [`${mark}${line}`, NO_NEWLINE];
}

/** `start,count` of a hunk header; an empty side names the line before it, as git does. */
function range(start: number, count: number): string {
  const first = count === 0 ? start - 1 : start;
  return count === 1 ? `${first}` : `${first},${count}`;
}

/**
 * The change as a one-hunk unified diff of `path` (git's format, with
 * `context` lines around it), which `git apply` reads.
 */
export function unifiedDiff(path: string, change: LineChange, context = DIFF_CONTEXT): string {
  const index = change.start - 1;
  const leading = change.before.slice(Math.max(0, index - context), index);
  const oldEnd = index + change.oldLines.length;
  const trailing = change.before.slice(oldEnd, oldEnd + context);
  const oldStart = index - leading.length + 1;
  const oldCount = leading.length + change.oldLines.length + trailing.length;
  const newCount = leading.length + change.newLines.length + trailing.length;
  const lines = [
    `diff --git ${prefixed('a/', path)} ${prefixed('b/', path)}`,
    `--- ${prefixed('a/', path)}`,
    `+++ ${prefixed('b/', path)}`,
    `@@ -${range(oldStart, oldCount)} +${range(oldStart, newCount)} @@`,
    ...leading.flatMap((line) => hunkLine(' ', line)),
    ...change.oldLines.flatMap((line) => hunkLine('-', line)),
    ...change.newLines.flatMap((line) => hunkLine('+', line)),
    ...trailing.flatMap((line) => hunkLine(' ', line)),
  ];
  return `${lines.join('\n')}\n`;
}
