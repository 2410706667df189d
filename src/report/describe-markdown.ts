import type { PullDescription } from '../llm/steps/describe.js';
import { formatUsd, type CallUsage } from '../llm/usage.js';
import { codeSpan, escapeText, modelText } from './markdown-text.js';

/** The hidden lines around revloop's part of a pull request body; the author's text outside them is kept. */
export const DESCRIBE_START = '<!-- revloop:describe:start -->';
export const DESCRIBE_END = '<!-- revloop:describe:end -->';

/** Walkthrough rows shown at most; the rest are counted. */
const WALKTHROUGH_ROWS = 60;

export interface DescriptionMeta {
  model: string;
  usage: CallUsage;
  /** Walkthrough entries the model gave for files the pull request does not change. */
  dropped: number;
}

/**
 * The suggested description as markdown: title, type, summary and a
 * walkthrough table. Every model-written string is plain text (escaped, no
 * mentions, no links).
 */
export function renderDescription(description: PullDescription, meta: DescriptionMeta, heading: string): string {
  const lines = [
    heading,
    '',
    `**Suggested title:** ${modelText(description.title)}`,
    `**Type of change:** ${codeSpan(description.type)}`,
    '',
    modelText(description.summary),
  ];
  if (description.walkthrough.length > 0) {
    lines.push('', '| File | What changed |', '| --- | --- |');
    for (const entry of description.walkthrough.slice(0, WALKTHROUGH_ROWS))
      lines.push(`| ${codeSpan(entry.path)} | ${modelText(entry.change).replace(/\n+/g, ' ')} |`);
    const more = description.walkthrough.length - WALKTHROUGH_ROWS;
    if (more > 0) lines.push(`| … | ${more} more files |`);
  }
  const cost = meta.usage.costUsd === undefined ? '' : `, ${formatUsd(meta.usage.costUsd)}`;
  const dropped =
    meta.dropped > 0
      ? `; ${meta.dropped} walkthrough entr${meta.dropped === 1 ? 'y' : 'ies'} for files the pull request does not change left out`
      : '';
  lines.push(
    '',
    `<sub>Written by ${codeSpan(meta.model)} from the diff (${meta.usage.inputTokens.toLocaleString('en-US')} input and ` +
      `${meta.usage.outputTokens.toLocaleString('en-US')} output tokens${cost})${escapeText(dropped)}. A suggestion: edit it freely.</sub>`,
  );
  return lines.join('\n');
}

/**
 * The pull request body with revloop's section between the markers: the
 * section is replaced when the markers are there (in order), otherwise
 * appended after the author's text, which is never changed.
 */
export function mergeIntoBody(body: string | null | undefined, section: string): string {
  const current = body ?? '';
  const wrapped = `${DESCRIBE_START}\n${section}\n${DESCRIBE_END}`;
  const start = current.indexOf(DESCRIBE_START);
  const end = start === -1 ? -1 : current.indexOf(DESCRIBE_END, start);
  if (start !== -1 && end !== -1)
    return `${current.slice(0, start)}${wrapped}${current.slice(end + DESCRIBE_END.length)}`;
  return current.trim() ? `${current.replace(/\s+$/, '')}\n\n${wrapped}` : wrapped;
}

/** The author's part of a body: everything outside revloop's markers. */
export function authorPart(body: string | null | undefined): string {
  const current = body ?? '';
  const start = current.indexOf(DESCRIBE_START);
  const end = start === -1 ? -1 : current.indexOf(DESCRIBE_END, start);
  if (start === -1 || end === -1) return current;
  return `${current.slice(0, start)}${current.slice(end + DESCRIBE_END.length)}`.trim();
}
