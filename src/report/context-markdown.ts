import type { LineRange } from '../context/seeds.js';
import type { RankedFile } from '../graph/rank.js';
import type { ChangedEntry, ContextReport } from './context-report.js';
import { llmFailureNotes, llmSections } from './llm-markdown.js';
import { codeBlock, codeSpan, escapeText, reasonText } from './markdown-text.js';
import { fitList, fitToLimit, type Fitted, type Section, type TrimOptions } from './trim.js';

/** Skipped paths named per reason; the rest are counted. */
const SKIPPED_EXAMPLES = 5;

// Higher is more important: trimming cuts the lowest first.
const PRIORITY = {
  skipped: 10,
  map: 20,
  diagram: 30,
  changed: 50,
  ranked: 60,
  notes: 70,
} as const;

/** What the first trimming pass leaves each list (characters): its first items stay whatever else is cut. */
const LIST_MINIMUM = { changed: 3_000, ranked: 6_000, notes: 2_000 } as const;

const thousands = (n: number): string => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`): string => `${thousands(n)} ${n === 1 ? one : many}`;

function formatRanges(ranges: readonly LineRange[]): string {
  if (ranges.length === 0) return '';
  const shown = ranges.slice(0, 4).map((r) => (r.start === r.end ? `${r.start}` : `${r.start}–${r.end}`));
  const more = ranges.length > 4 ? `, +${ranges.length - 4} more` : '';
  const single = ranges.length === 1 && ranges[0]!.start === ranges[0]!.end;
  return `, line${single ? '' : 's'} ${shown.join(', ')}${more}`;
}

function changedLine(entry: ChangedEntry): string {
  const renamed = entry.previousPath ? ` from ${codeSpan(entry.previousPath)}` : '';
  const absent = entry.absent && entry.absent !== 'deleted' ? ` _(${escapeText(entry.absent)})_` : '';
  return `- ${codeSpan(entry.path)} — ${entry.status}${renamed}${formatRanges(entry.ranges)}${absent}`;
}

/** A section that is kept whole or dropped. */
function whole(priority: Section['priority'], text: string, cut: string): Section {
  return { priority, text, fit: (budget): Fitted => (text.length <= budget ? { text } : { text: '', cut }) };
}

function listSection(priority: number, heading: string, items: string[], what: string, minimum = 0): Section {
  const text = [heading, ...items].join('\n');
  return {
    priority,
    text,
    minimum,
    fit: (budget) =>
      fitList(heading, items, budget, (shown, total) =>
        shown === 0 ? what : `${what} (${total - shown} of ${total})`,
      ),
  };
}

function rankedItem(file: RankedFile, modelAgrees: boolean): string {
  const reasons = file.reasons.length > 0 ? ` — ${file.reasons.map(reasonText).join('; ')}` : '';
  return `- ${codeSpan(file.path)}${reasons}${modelAgrees ? ' · ✓ the model expects it to change' : ''}`;
}

/**
 * The ranked files with their one-line reasons. With seeds, impact (what
 * relies on the seeds) and context (what they rely on) are listed apart, each
 * in rank order.
 */
function rankedSections(report: ContextReport): Section[] {
  const predicted = new Set(report.llm?.localized?.files.map((f) => f.path) ?? []);
  const item = (file: RankedFile): string => rankedItem(file, predicted.has(file.path));
  const of = `${thousands(report.rankedTotal)} ranked`;
  if (report.ranked.length === 0)
    return [whole(PRIORITY.ranked, `#### Ranked files\n_No other file was ranked (${of})._`, 'ranked files')];
  if (report.seededBy === 'none')
    return [
      listSection(
        PRIORITY.ranked,
        `#### Ranked files (top ${thousands(report.ranked.length)} of ${of})`,
        report.ranked.map(item),
        'ranked files',
        LIST_MINIMUM.ranked,
      ),
    ];
  const subject = report.seededBy === 'change' ? 'the change' : 'the code the request names';
  const groups = [
    { role: 'impact', heading: `#### Impact: what relies on ${subject}` },
    { role: 'context', heading: `#### Context: what ${subject} relies on` },
  ];
  return groups.flatMap(({ role, heading }) => {
    const files = report.ranked.filter((f) => f.role === role);
    if (files.length === 0) return [];
    return [
      listSection(
        PRIORITY.ranked,
        `${heading} (${thousands(files.length)})`,
        files.map(item),
        `${role} files`,
        LIST_MINIMUM.ranked / 2,
      ),
    ];
  });
}

function headerSection(report: ContextReport): Section {
  const lines = [`### revloop · ${escapeText(report.title)}`];
  const facts = report.commits.map((c) => `${escapeText(c.label)} [${codeSpan(c.sha.slice(0, 7))}](${c.url})`);
  if (report.changeSource) facts.push(escapeText(report.changeSource));
  if (facts.length > 0) lines.push('', facts.join(' · '));
  if (report.request) {
    const who = `${codeSpan(report.request.author)} asked`;
    const link = report.request.url ? ` ([comment](${report.request.url}))` : '';
    lines.push('', `${who}: ${codeSpan(report.request.text)}${link}`);
  }
  return whole('fixed', lines.join('\n'), 'the heading');
}

function mapSection(report: ContextReport): Section {
  const { map } = report;
  const summary = (shownLines: number, totalLines: number): string =>
    `<summary>Repository map: ${plural(map.files, 'file')}, ${plural(map.definitions, 'definition')}, ` +
    `${thousands(map.tokens)} of ${thousands(map.budget)} tokens` +
    (shownLines < totalLines ? ` (first ${thousands(shownLines)} of ${thousands(totalLines)} lines)` : '') +
    '</summary>';
  const render = (lines: string[], total: number): string =>
    ['<details>', summary(lines.length, total), '', codeBlock(lines.join('\n'), 'text'), '', '</details>'].join('\n');
  if (!map.text) {
    const text = `_The repository map is empty: no ranked definition fits ${thousands(map.budget)} tokens (\`map-tokens\`)._`;
    return whole(PRIORITY.map, text, 'the repository map');
  }
  const lines = map.text.replace(/\n$/, '').split('\n');
  return {
    priority: PRIORITY.map,
    text: render(lines, lines.length),
    fit(budget) {
      let low = 1;
      let high = lines.length;
      let best = 0;
      while (low <= high) {
        const mid = Math.floor((low + high) / 2);
        if (render(lines.slice(0, mid), lines.length).length <= budget) {
          best = mid;
          low = mid + 1;
        } else high = mid - 1;
      }
      if (best === 0) return { text: '', cut: 'the repository map' };
      return {
        text: render(lines.slice(0, best), lines.length),
        cut: `the repository map (${thousands(lines.length - best)} of ${thousands(lines.length)} lines)`,
      };
    },
  };
}

function skippedSection(report: ContextReport): Section | undefined {
  const total = report.skipped.reduce((n, s) => n + s.paths.length, 0);
  if (total === 0 && report.excludedByInputs === 0) return undefined;
  const items = report.skipped.map(({ reason, paths }) => {
    const named = paths.slice(0, SKIPPED_EXAMPLES).map(codeSpan).join(', ');
    const more = paths.length > SKIPPED_EXAMPLES ? `, and ${thousands(paths.length - SKIPPED_EXAMPLES)} more` : '';
    return `- **${escapeText(reason)}** (${thousands(paths.length)}): ${named}${more}`;
  });
  if (report.excludedByInputs > 0)
    items.push(`- **left out by \`include\`/\`exclude\`** (${thousands(report.excludedByInputs)})`);
  const heading = `<details>\n<summary>Not in the map: ${plural(total + report.excludedByInputs, 'file')}</summary>\n`;
  const footer = '\n\n</details>';
  const section = listSection(PRIORITY.skipped, heading, items, 'the list of skipped files');
  return {
    priority: section.priority,
    text: `${section.text}${footer}`,
    fit(budget) {
      const fitted = section.fit(Math.max(0, budget - footer.length));
      return fitted.text ? { text: `${fitted.text}${footer}`, cut: fitted.cut } : fitted;
    },
  };
}

function footerSection(report: ContextReport): Section {
  const parts = ['revloop'];
  if (report.runUrl) parts.push(`[workflow run](${report.runUrl})`);
  parts.push('updated in place on every run');
  parts.push(`comment ${codeSpan(`${report.command} path/or/symbol …`)} to focus it`);
  return whole('fixed', `<sub>${parts.join(' · ')}</sub>`, 'the footer');
}

/**
 * The context report as GitHub-flavoured markdown, at most `limit`
 * characters: when it is longer, the least important sections are cut first
 * (skipped files, then the map, the diagram, the lists) and a note says what
 * was left out.
 */
export function renderContextMarkdown(
  report: ContextReport,
  limit: number,
  options: Omit<TrimOptions, 'separator'> = {},
): string {
  const sections: Section[] = [headerSection(report)];
  if (report.changed.length > 0)
    sections.push(
      listSection(
        PRIORITY.changed,
        `#### Changed files (${thousands(report.changed.length)})`,
        report.changed.map(changedLine),
        'changed files',
        LIST_MINIMUM.changed,
      ),
    );
  const llm = report.llm ? llmSections(report.llm) : {};
  if (llm.localized) sections.push(llm.localized);
  sections.push(...rankedSections(report));
  if (llm.edits) sections.push(llm.edits);
  if (report.diagram) {
    const heading =
      report.diagram.focus === 'changed' ? '#### How the changed files connect' : '#### How the top files connect';
    sections.push(
      whole(PRIORITY.diagram, `${heading}\n\n${codeBlock(report.diagram.mermaid, 'mermaid')}`, 'the Mermaid diagram'),
    );
  }
  sections.push(mapSection(report));
  const skipped = skippedSection(report);
  if (skipped) sections.push(skipped);
  if (llm.manifest) sections.push(llm.manifest);
  const notes = [...report.notes, ...(report.llm ? llmFailureNotes(report.llm) : [])];
  if (notes.length > 0)
    sections.push(
      listSection(
        PRIORITY.notes,
        '#### Notes',
        notes.map((n) => `- ${n}`),
        'notes',
        LIST_MINIMUM.notes,
      ),
    );
  sections.push(footerSection(report));
  return fitToLimit(sections, limit, options);
}
