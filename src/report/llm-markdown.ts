import { EDIT_REJECTION_TEXT, type EditRejectionReason, type ValidatedEdit } from '../edits/validate.js';
import { PATH_REJECTION_TEXT, type PathRejectionReason } from '../llm/steps/localize.js';
import { formatUsd } from '../llm/usage.js';
import type { LlmSection, LocalizedEntry } from './llm-section.js';
import { codeBlock, codeSpan, escapeText, modelText } from './markdown-text.js';
import { fitList, type Section } from './trim.js';

// Higher is cut later (see context-markdown.ts): the model's files sit just
// below the graph's, its edits below the lists, what was sent goes early.
export const LLM_PRIORITY = { manifest: 15, edits: 45, localized: 55 } as const;

const thousands = (n: number): string => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`): string => `${thousands(n)} ${n === 1 ? one : many}`;

function lines(start: number, end: number): string {
  return end <= start ? `line ${start}` : `lines ${start}–${end}`;
}

function graphCell(file: LocalizedEntry): string {
  const { changed, rank, role, agrees } = file.graph;
  const where = changed ? 'changed' : rank !== undefined ? `#${rank}${role ? `, ${role}` : ''}` : 'not ranked';
  return agrees ? `✓ ${where}` : where;
}

/** `3 edits (2 had a search text that matches nothing, 1 …)` from counted rejections. */
function rejectionText(
  rejected: readonly { reason: string; count: number }[],
  text: Readonly<Record<string, string>>,
  noun: string,
): string {
  const total = rejected.reduce((n, r) => n + r.count, 0);
  const parts = rejected.map(({ reason, count }) => `${thousands(count)} ${text[reason] ?? reason}`);
  return `${plural(total, noun)} (${parts.join(', ')})`;
}

/** A list that trims from its tail, with a footer (counts, notes) that stays whenever any item does. */
function listWithFooter(options: {
  priority: number;
  minimum?: number;
  heading: string;
  items: string[];
  footer: string;
  what: string;
  moreLine?: (hidden: number) => string;
}): Section {
  const { heading, items, footer, what } = options;
  return {
    priority: options.priority,
    text: `${[heading, ...items].join('\n')}${footer}`,
    ...(options.minimum ? { minimum: options.minimum } : {}),
    fit(budget) {
      const fitted = fitList(
        heading,
        items,
        Math.max(0, budget - footer.length),
        (shown, total) => (shown === 0 ? what : `${what} (${total - shown} of ${total})`),
        options.moreLine,
      );
      return fitted.text ? { text: `${fitted.text}${footer}`, cut: fitted.cut } : fitted;
    },
  };
}

function localizedSection(section: LlmSection): Section | undefined {
  const localized = section.localized;
  if (!localized) return undefined;
  const heading = `#### Files the model expects to change (${codeSpan(section.model)})`;
  const rejected =
    localized.rejected.length > 0
      ? `\n\n_Rejected and not shown: ${rejectionText(localized.rejected, PATH_REJECTION_TEXT as Record<PathRejectionReason, string>, 'path')}._`
      : '';
  if (localized.files.length === 0) {
    const text = `${heading}\n_The model expects no file to need changes._${rejected}`;
    return {
      priority: LLM_PRIORITY.localized,
      text,
      fit: (b) => (text.length <= b ? { text } : { text: '', cut: 'the model’s files' }),
    };
  }
  const agreement = `The model and the graph ranking agree on ${thousands(localized.agreeing)} of ${plural(localized.files.length, 'file')} (✓: a changed file, or one of the ranked files listed below).`;
  const tableHead = `${heading}\n\n| File | Confidence | The model's reason | Graph |\n| --- | --- | --- | --- |`;
  const rows = localized.files.map(
    (file) =>
      `| ${codeSpan(file.path)} | ${file.confidence} | ${modelText(file.reason).replace(/\n+/g, ' ')} | ${graphCell(file)} |`,
  );
  return listWithFooter({
    priority: LLM_PRIORITY.localized,
    minimum: 2_000,
    heading: tableHead,
    items: rows,
    footer: `\n\n${agreement}${rejected}`,
    what: 'the model’s files',
    moreLine: (hidden) => `| … | | ${hidden} more | |`,
  });
}

function editItem(edit: ValidatedEdit): string {
  const where = edit.oldLines.length === 0 ? `after line ${edit.startLine - 1}` : lines(edit.startLine, edit.endLine);
  return `**${codeSpan(edit.path)}** ${where} — ${modelText(edit.explanation).replace(/\n+/g, ' ')}\n\n${codeBlock(edit.diff, 'diff')}`;
}

function editsSection(section: LlmSection): Section | undefined {
  const edits = section.edits;
  if (!edits) return undefined;
  const intro: string[] = [];
  const checked = edits.checkedAgainst ? ` against ${codeSpan(edits.checkedAgainst.slice(0, 7))}` : '';
  if (edits.review && edits.review.posted + edits.review.alreadyPosted > 0) {
    const link = edits.review.url ? `[a review](${edits.review.url})` : 'a review';
    const posted =
      edits.review.posted > 0
        ? `${plural(edits.review.posted, 'suggestion')} posted in ${link} on lines this pull request changes`
        : '';
    const already =
      edits.review.alreadyPosted > 0
        ? `${plural(edits.review.alreadyPosted, 'suggestion')} already posted by an earlier run`
        : '';
    intro.push(`${[posted, already].filter(Boolean).join('; ')}.`);
  }
  if (edits.shown.length > 0)
    intro.push(
      `${edits.review ? `${plural(edits.shown.length, 'more edit')} below` : `${plural(edits.shown.length, 'edit')}`}; each passed \`git apply --check\`${checked}.`,
    );
  if (edits.note) intro.push(escapeText(edits.note));
  if (edits.valid === 0)
    intro.push(edits.proposed === 0 ? '_The model proposed no edit._' : '_No proposed edit was valid._');
  const rejected =
    edits.rejected.length > 0
      ? `_Rejected and not shown: ${rejectionText(edits.rejected, { ...EDIT_REJECTION_TEXT, 'over-limit': 'went beyond the number of edits asked for' } as Record<EditRejectionReason | 'over-limit', string>, 'edit')}._`
      : '';
  const heading = ['#### Suggested edits', intro.join(' ')].filter(Boolean).join('\n');
  return listWithFooter({
    priority: LLM_PRIORITY.edits,
    minimum: 3_000,
    heading,
    // A blank line between edits: each item starts with one.
    items: edits.shown.map((edit) => `\n${editItem(edit)}`),
    footer: rejected ? `\n\n${rejected}` : '',
    what: 'the suggested edits',
    moreLine: (hidden) => `\n_… and ${plural(hidden, 'more edit')}._`,
  });
}

function manifestSection(section: LlmSection): Section | undefined {
  if (section.calls.length === 0) return undefined;
  const { totals } = section;
  const cost = totals.costUsd === undefined ? '' : `, ${formatUsd(totals.costUsd)}`;
  const summary =
    `<summary>What was sent to the model: ${plural(totals.calls, 'call')} to ${codeSpan(section.model)} at ${codeSpan(section.endpoint)}, ` +
    `${thousands(totals.inputTokens)} input and ${thousands(totals.outputTokens)} output tokens${cost}</summary>`;
  const items = section.calls.map((call) => {
    const usage = call.usage
      ? `, ${thousands(call.usage.outputTokens)} output tokens${call.usage.costUsd === undefined ? '' : `, ${formatUsd(call.usage.costUsd)}`}${call.usage.attempts > 1 ? `, ${call.usage.attempts} attempts` : ''}`
      : ', no answer';
    const head = `- **${escapeText(call.step)}**: ${thousands(call.tokens)} of ${thousands(call.budget)} input tokens (instructions and answer schema ${thousands(call.instructionTokens)})${usage}`;
    const blocks = call.blocks.map(
      (b) =>
        `  - ${b.kind === 'file' || b.kind === 'code' ? codeSpan(b.label) : escapeText(b.label)}: ${thousands(b.tokens)} tokens${b.truncation ? ` (${escapeText(b.truncation)})` : ''}`,
    );
    if (call.omitted.length > 0) blocks.push(`  - left out, over the budget: ${call.omitted.map(codeSpan).join(', ')}`);
    return [head, ...blocks].join('\n');
  });
  const footer =
    `\n\nEverything above went to the model as data inside delimited blocks, never as instructions; tokens are counted with the o200k tokenizer (${escapeText(section.priceNote)}). ` +
    'Model output is validated before it is shown and never executed.\n\n</details>';
  return listWithFooter({
    priority: LLM_PRIORITY.manifest,
    heading: `<details>\n${summary}\n`,
    items,
    footer,
    what: 'the record of what was sent to the model',
  });
}

/** The report sections of the LLM steps, in display order: the model's files, its edits, what was sent. */
export function llmSections(section: LlmSection): { localized?: Section; edits?: Section; manifest?: Section } {
  const out: { localized?: Section; edits?: Section; manifest?: Section } = {};
  const localized = localizedSection(section);
  const edits = editsSection(section);
  const manifest = manifestSection(section);
  if (localized) out.localized = localized;
  if (edits) out.edits = edits;
  if (manifest) out.manifest = manifest;
  return out;
}

/** Notes for steps that produced nothing usable: escaped, and free of model text by construction. */
export function llmFailureNotes(section: LlmSection): string[] {
  return section.failures.map((f) => `LLM step ${codeSpan(f.step)} produced nothing: ${escapeText(f.message)}`);
}
