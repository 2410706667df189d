import { countTokens } from 'gpt-tokenizer';
import type { TaggedFile } from '../parse/tag-file.js';
import type { Ranking } from '../graph/rank.js';

export const DEFAULT_MAP_TOKENS = 1024;

export interface RepoMap {
  text: string;
  tokens: number;
  /** Files and definitions that made it under the budget. */
  files: number;
  definitions: number;
}

interface Item {
  path: string;
  /** Definition line, or 0 for a file listed without definitions. */
  line: number;
}

const ELLIPSIS = '⋮';

/**
 * The repository map: files in rank order, each with the signature lines of
 * its best-ranked definitions (and of the definitions enclosing them), `⋮`
 * where lines are left out. The number of definitions shown is the largest
 * that fits the token budget, found by binary search; the map never exceeds
 * the budget (an empty map is returned when not even one entry fits).
 */
export function renderRepoMap(files: readonly TaggedFile[], ranking: Ranking, maxTokens = DEFAULT_MAP_TOKENS): RepoMap {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const fileOrder = new Map(ranking.files.map((f, i) => [f.path, i]));
  const items: Item[] = [];
  const withDefinitions = new Set<string>();
  for (const symbol of ranking.symbols) {
    items.push({ path: symbol.path, line: symbol.line });
    withDefinitions.add(symbol.path);
  }
  for (const file of ranking.files) if (!withDefinitions.has(file.path)) items.push({ path: file.path, line: 0 });

  const render = (count: number): string => renderItems(items.slice(0, count), byPath, fileOrder);
  let low = 0;
  let high = items.length;
  let best = '';
  let bestTokens = 0;
  let bestCount = 0;
  // Each shown line costs at least a couple of tokens: no need to try more items than that allows.
  high = Math.min(high, Math.max(1, maxTokens));
  while (low <= high) {
    const mid = Math.floor((low + high) / 2);
    const text = render(mid);
    const tokens = text ? countTokens(text) : 0;
    if (tokens <= maxTokens) {
      best = text;
      bestTokens = tokens;
      bestCount = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  const shown = items.slice(0, bestCount);
  return {
    text: best,
    tokens: bestTokens,
    files: new Set(shown.map((i) => i.path)).size,
    definitions: shown.filter((i) => i.line > 0).length,
  };
}

function renderItems(items: Item[], byPath: Map<string, TaggedFile>, fileOrder: Map<string, number>): string {
  if (items.length === 0) return '';
  const lines = new Map<string, Set<number>>();
  for (const item of items) {
    let set = lines.get(item.path);
    if (!set) lines.set(item.path, (set = new Set()));
    if (item.line > 0) {
      set.add(item.line);
      const file = byPath.get(item.path);
      if (file) for (const outer of enclosingLines(file, item.line)) set.add(outer);
    }
  }
  const paths = [...lines.keys()].sort(
    (a, b) => (fileOrder.get(a) ?? Infinity) - (fileOrder.get(b) ?? Infinity) || (a < b ? -1 : 1),
  );
  const out: string[] = [];
  for (const path of paths) {
    const file = byPath.get(path);
    const shown = [...lines.get(path)!].sort((a, b) => a - b);
    out.push(shown.length > 0 ? `${path}:` : path);
    if (!file || shown.length === 0) continue;
    const signatures = new Map(file.signatures);
    let previous = 0;
    for (const line of shown) {
      if (line > previous + 1) out.push(ELLIPSIS);
      out.push(`│${signatures.get(line) ?? ''}`);
      previous = line;
    }
    if (previous < file.lineCount) out.push(ELLIPSIS);
  }
  return `${out.join('\n')}\n`;
}

/** Lines of the definitions that enclose a definition line (its class, its module). */
function enclosingLines(file: TaggedFile, line: number): number[] {
  const target = file.tags.find((t) => t.kind === 'def' && t.line === line);
  if (!target) return [];
  const out: number[] = [];
  for (const tag of file.tags) {
    if (tag.kind !== 'def' || tag === target) continue;
    if (tag.line < line && tag.endLine >= target.endLine) out.push(tag.line);
  }
  return out;
}
