import { countTokens } from 'gpt-tokenizer';
import { fitLines, type DataBlock, type FittedBlock } from './prompt.js';

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
 * does not fit, a window of whole lines around `focus` (the lines that
 * matter, e.g. changed lines), else its first lines, with a note of what is
 * left out.
 */
export function fileBlock(path: string, text: string, share: number, focus?: number): DataBlock {
  return {
    kind: 'file',
    label: path,
    share,
    fit: (maxTokens) => {
      if (countTokens(text) <= maxTokens) return { text, files: [path] };
      const lines = text.replace(/\n$/, '').split('\n');
      const center = Math.min(Math.max(1, focus ?? 1), lines.length) - 1;
      const render = (radius: number): { text: string; from: number; to: number } => {
        const from = Math.max(0, center - radius);
        const to = Math.min(lines.length, center + radius + 1);
        const head = from > 0 ? [`[… lines 1-${from} not shown]`] : [];
        const tail = to < lines.length ? [`[… lines ${to + 1}-${lines.length} not shown]`] : [];
        return { text: [...head, ...lines.slice(from, to), ...tail].join('\n'), from, to };
      };
      let low = 0;
      let high = lines.length;
      let best: ReturnType<typeof render> | undefined;
      while (low <= high) {
        const mid = Math.floor((low + high) / 2);
        const candidate = render(mid);
        if (countTokens(candidate.text) <= maxTokens) {
          best = candidate;
          low = mid + 1;
        } else high = mid - 1;
      }
      if (!best || best.to - best.from < 3) return undefined;
      return {
        text: best.text,
        truncation: `lines ${best.from + 1}-${best.to} of ${lines.length}`,
        files: [path],
      };
    },
  };
}
