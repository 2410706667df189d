/** GitHub rejects issue and pull request comment bodies longer than this (characters). */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** A section's rendering within a character budget, and what was left out. */
export interface Fitted {
  text: string;
  /** Says what was cut, e.g. "the repository map (40 of 310 lines)"; undefined when nothing was. */
  cut?: string;
}

/**
 * One part of a report. `priority`: higher is more important and is cut
 * later. `fit(budget)` must return text no longer than `budget` (an empty
 * string drops the section).
 */
export interface Section {
  /** Higher is cut later; `fixed` sections (the heading, the footer) are never cut. */
  priority: number | 'fixed';
  text: string;
  fit(budget: number): Fitted;
  /** Characters the first pass leaves the section (a list keeps its first items); the second pass may cut more. */
  minimum?: number;
}

export interface TrimOptions {
  /** Between sections; default a blank line. */
  separator?: string;
  /** How the note names the limit, e.g. "GitHub's 65,536-character comment limit". */
  limitName?: string;
  /** A sentence for the note saying where the full report is. */
  whereIsTheRest?: string;
}

/** Room kept for the note that says what was trimmed. */
const NOTE_RESERVE = 600;

/**
 * Joins the sections, cutting the least important ones first (and each only
 * as much as needed) until the body fits `limit` characters, with a note
 * after the heading listing what was cut. The body is never rejected: if the fixed parts alone
 * are too long, it is cut at a line boundary.
 */
export function fitToLimit(sections: readonly Section[], limit: number, options: TrimOptions = {}): string {
  const separator = options.separator ?? '\n\n';
  const join = (texts: readonly string[]): string => texts.filter((t) => t.length > 0).join(separator);
  const texts = sections.map((s) => s.text);
  const full = join(texts);
  if (full.length <= limit) return full;

  const target = Math.max(0, limit - NOTE_RESERVE);
  const cuts = new Map<number, string>();
  const order = sections
    .map((s, i) => ({ s, i, priority: s.priority }))
    .filter((x): x is { s: Section; i: number; priority: number } => x.priority !== 'fixed')
    .sort((a, b) => a.priority - b.priority || b.i - a.i);
  // Two passes in order of importance: first down to each section's minimum, then further if still needed.
  for (const pass of ['minimum', 'all'] as const) {
    for (const { s, i } of order) {
      const total = join(texts).length;
      if (total <= target) break;
      const floor = pass === 'minimum' ? Math.min(s.minimum ?? 0, texts[i]!.length) : 0;
      const budget = Math.max(floor, texts[i]!.length - (total - target));
      if (budget >= texts[i]!.length) continue;
      const fitted = s.fit(budget);
      if (fitted.text.length > budget) throw new Error(`a report section rendered ${fitted.text.length} > ${budget}`);
      texts[i] = fitted.text;
      if (fitted.cut) cuts.set(i, fitted.cut);
    }
  }
  const what = cuts.size > 0 ? [...cuts].sort((a, b) => a[0] - b[0]).map(([, cut]) => cut) : ['the report'];
  const limitName = options.limitName ?? `the ${limit.toLocaleString('en-US')}-character limit`;
  const rest = options.whereIsTheRest ? ` ${options.whereIsTheRest}` : '';
  const note = `> [!NOTE]\n> Trimmed to fit ${limitName}: ${what.join('; ')} left out.${rest}`;
  // The note follows the first section (the heading), where a reader sees it.
  const body = join([texts[0]!, note, ...texts.slice(1)]);
  if (body.length <= limit) return body;
  // Only the fixed parts remain and they are still too long: cut at a line boundary.
  const room = Math.max(0, limit - note.length - separator.length);
  const head = join(texts).slice(0, room);
  const cut = head.lastIndexOf('\n');
  return `${cut > 0 ? head.slice(0, cut) : head}${separator}${note}`.slice(0, limit);
}

/**
 * The largest n in low..high for which `fits(n)` holds, by binary search
 * (`fits` must hold for every n below one that fits); low - 1 when none does.
 */
export function largestFitting(low: number, high: number, fits: (n: number) => boolean): number {
  let best = low - 1;
  while (low <= high) {
    const mid = Math.floor((low + high) / 2);
    if (fits(mid)) {
      best = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return best;
}

/**
 * A fit for list-like sections: the heading and as many leading items as the
 * budget allows, then a "… and N more" line; nothing when not even one item
 * fits. `describe` names what was cut for the note.
 */
export function fitList(
  heading: string,
  items: readonly string[],
  budget: number,
  describe: (shown: number, total: number) => string,
  moreLine: (hidden: number) => string = (hidden) => `- … and ${hidden} more`,
): Fitted {
  const render = (count: number): string =>
    [heading, ...items.slice(0, count), ...(count < items.length ? [moreLine(items.length - count)] : [])].join('\n');
  const best = Math.max(
    0,
    largestFitting(1, items.length, (count) => render(count).length <= budget),
  );
  if (best === items.length) return { text: render(best) };
  if (best === 0) return { text: '', cut: describe(0, items.length) };
  return { text: render(best), cut: describe(best, items.length) };
}
