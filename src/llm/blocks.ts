import { fitLines, fitWindow } from './fit.js';
import type { DataBlock, FittedBlock } from './prompt.js';

/** What a step is about: a change (its unified diff) or a text (an issue, a comment, a CI failure). */
export type Subject = { kind: 'change'; label: string; diff: string } | { kind: 'text'; label: string; text: string };

/** The subject as the prompt's first data block, cut by whole lines when it is too long. */
export function subjectBlock(subject: Subject, share: number): DataBlock {
  const text = subject.kind === 'change' ? subject.diff : subject.text;
  return {
    kind: subject.kind === 'change' ? 'diff' : 'text',
    label: subject.label,
    share,
    fit: (maxTokens) => fitLines(text, maxTokens, 1),
  };
}

/** The repository map, rendered for the allowance (the renderer itself never exceeds a token budget). */
export function mapBlock(render: (maxTokens: number) => { text: string; files: number }, share: number): DataBlock {
  return {
    kind: 'map',
    label: 'repository map (files in rank order, signature lines of their best definitions)',
    share,
    fit: (maxTokens) => {
      const map = render(maxTokens);
      if (!map.text) return undefined;
      return { text: map.text, truncation: undefined, files: [] } satisfies FittedBlock;
    },
  };
}

/** A piece of a repository file: lines `startLine`–`endLine` of `path`. */
export interface CodeSnippet {
  path: string;
  startLine: number;
  endLine: number;
  /** The lines, without numbers. */
  text: string;
}

/** A snippet with line numbers (`12│code`), for steps that reason about places, not exact text. */
export function snippetBlock(snippet: CodeSnippet, share: number): DataBlock {
  const lines = snippet.text.replace(/\n$/, '').split('\n');
  const width = String(snippet.startLine + lines.length - 1).length;
  const numbered = lines.map((line, i) => `${String(snippet.startLine + i).padStart(width)}│${line}`).join('\n');
  return {
    kind: 'code',
    label: `${snippet.path} lines ${snippet.startLine}-${snippet.endLine}`,
    share,
    fit: (maxTokens) => {
      const fitted = fitLines(numbered, maxTokens, Math.min(3, lines.length));
      return fitted ? { ...fitted, files: [snippet.path] } : undefined;
    },
  };
}

/**
 * A whole file, verbatim (edits must copy text from it exactly). When it
 * does not fit, a window of whole lines around `focus` (the line that
 * matters, e.g. the first changed line; default the first line), with a
 * note of what is left out.
 */
export function fileBlock(path: string, text: string, share: number, focus?: number): DataBlock {
  return {
    kind: 'file',
    label: path,
    share,
    fit: (maxTokens) => {
      const fitted = fitWindow(text, maxTokens, focus ?? 1);
      return fitted ? { ...fitted, files: [path] } : undefined;
    },
  };
}
