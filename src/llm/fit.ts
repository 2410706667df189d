import { countTokens } from 'gpt-tokenizer';
import type { FittedBlock } from './prompt.js';

/**
 * A text's lines with the tokens of each (its newline included) summed from
 * the start, so a run of lines can be costed without encoding it again: a
 * diff of ten thousand lines is encoded once, not once per step of a search.
 */
interface LineTokens {
  lines: string[];
  /** prefix[i]: tokens of lines 0..i-1, each with its newline. */
  prefix: number[];
  /** Tokens of the whole text, counted exactly. */
  total: number;
}

/** Texts are fitted several times (two passes, two steps): the last few are kept. */
const cache = new Map<string, LineTokens>();
const CACHE_SIZE = 16;

function lineTokens(text: string): LineTokens {
  const cached = cache.get(text);
  if (cached) return cached;
  const lines = text.replace(/\n$/, '').split('\n');
  const prefix = [0];
  for (const line of lines) prefix.push(prefix[prefix.length - 1]! + countTokens(`${line}\n`));
  const counted = { lines, prefix, total: countTokens(text) };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(text, counted);
  return counted;
}

/**
 * The largest `n` in [low, high] whose rendering fits: estimated from the
 * per-line counts (binary search), then checked by encoding the candidate
 * and stepping down until the exact count fits. `high` when all fit;
 * `low - 1` when none does.
 */
function largestFitting(
  low: number,
  high: number,
  estimate: (n: number) => number,
  render: (n: number) => string,
  maxTokens: number,
): number {
  let lo = low;
  let hi = high;
  let best = low - 1;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (estimate(mid) <= maxTokens) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Tokens can merge across line boundaries: the estimate is close, not exact.
  while (best >= low) {
    const over = countTokens(render(best)) - maxTokens;
    if (over <= 0) return best;
    best -= Math.max(1, Math.ceil(over / 8));
  }
  return low - 1;
}

/**
 * Fits text by whole lines: all of it when it fits, else the longest
 * leading run of lines with a last line saying how many were left out.
 * Undefined when not even `minLines` lines fit.
 */
export function fitLines(text: string, maxTokens: number, minLines = 1): FittedBlock | undefined {
  const counted = lineTokens(text);
  if (counted.total <= maxTokens) return { text };
  const { lines, prefix } = counted;
  const note = (n: number): string => `[… ${lines.length - n} more lines not shown]`;
  const render = (n: number): string => `${lines.slice(0, n).join('\n')}\n${note(n)}`;
  const best = largestFitting(minLines, lines.length - 1, (n) => prefix[n]! + countTokens(note(n)), render, maxTokens);
  if (best < minLines) return undefined;
  return { text: render(best), truncation: `first ${best} of ${lines.length} lines` };
}

/**
 * Fits text by a window of whole lines around line `focus` (1-based): all
 * of it when it fits, else the widest window, with a line before and after
 * saying which lines are left out. Undefined when fewer than `minLines` fit.
 */
export function fitWindow(text: string, maxTokens: number, focus: number, minLines = 3): FittedBlock | undefined {
  const counted = lineTokens(text);
  const { lines, prefix } = counted;
  if (counted.total <= maxTokens) return { text };
  const center = Math.min(Math.max(1, focus), lines.length) - 1;
  const bounds = (radius: number): [number, number] => [
    Math.max(0, center - radius),
    Math.min(lines.length, center + radius + 1),
  ];
  const markers = (from: number, to: number): [string[], string[]] => [
    from > 0 ? [`[… lines 1-${from} not shown]`] : [],
    to < lines.length ? [`[… lines ${to + 1}-${lines.length} not shown]`] : [],
  ];
  const render = (radius: number): string => {
    const [from, to] = bounds(radius);
    const [head, tail] = markers(from, to);
    return [...head, ...lines.slice(from, to), ...tail].join('\n');
  };
  const estimate = (radius: number): number => {
    const [from, to] = bounds(radius);
    const [head, tail] = markers(from, to);
    return prefix[to]! - prefix[from]! + countTokens([...head, ...tail].join('\n')) + 2;
  };
  const radius = largestFitting(0, lines.length, estimate, render, maxTokens);
  if (radius < 0) return undefined;
  const [from, to] = bounds(radius);
  if (to - from < Math.min(minLines, lines.length)) return undefined;
  return { text: render(radius), truncation: `lines ${from + 1}-${to} of ${lines.length}` };
}
