import type { CodeGraph } from '../graph/code-graph.js';

/**
 * A file-level link: `dependency` — code in `from` refers to or imports
 * definitions in `to` (weights summed); `cochange` — the two files changed
 * together in the mined history (undirected; `from` sorts first).
 */
export interface FileLink {
  from: string;
  to: string;
  weight: number;
  kind: 'dependency' | 'cochange';
  /** Dependencies: the reference kind carrying most weight (call, import, inherit, type, new). */
  refKind?: string;
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * File-level links touching the focus files, strongest first: every
 * `references`, `imports` and `cochanged` edge between two different
 * repository files, one of them in focus, summed per pair.
 */
export function fileLinks(graph: CodeGraph, focus: ReadonlySet<string>): FileLink[] {
  const pairs = new Map<string, { link: FileLink; kinds: Map<string, number> }>();
  graph.forEachEdge((source, target, attributes) => {
    if (attributes.kind !== 'references' && attributes.kind !== 'imports' && attributes.kind !== 'cochanged') return;
    const a = graph.node(source);
    const b = graph.node(target);
    if (a.kind === 'external' || b.kind === 'external' || a.path === b.path) return;
    if (!focus.has(a.path) && !focus.has(b.path)) return;
    const cochange = attributes.kind === 'cochanged';
    const [from, to] = cochange && b.path < a.path ? [b.path, a.path] : [a.path, b.path];
    const key = `${cochange ? 'c' : 'd'}\0${from}\0${to}`;
    let pair = pairs.get(key);
    if (!pair) {
      pair = { link: { from, to, weight: 0, kind: cochange ? 'cochange' : 'dependency' }, kinds: new Map() };
      pairs.set(key, pair);
    }
    // History edges exist in both directions with the same count: the stronger share stands for the pair.
    if (cochange) pair.link.weight = Math.max(pair.link.weight, attributes.weight);
    else {
      pair.link.weight += attributes.weight;
      const refKind = attributes.kind === 'imports' ? 'import' : (attributes.refKind ?? 'reference');
      pair.kinds.set(refKind, (pair.kinds.get(refKind) ?? 0) + attributes.weight);
    }
  });
  return [...pairs.values()]
    .map(({ link, kinds }) => {
      const dominant = [...kinds].sort((x, y) => y[1] - x[1] || byCodeUnit(x[0], y[0]))[0];
      return dominant ? { ...link, refKind: dominant[0] } : link;
    })
    .sort(
      (x, y) =>
        y.weight - x.weight || byCodeUnit(x.kind, y.kind) || byCodeUnit(x.from, y.from) || byCodeUnit(x.to, y.to),
    );
}

/**
 * The files to draw: the focus files (at most `maxFocus`) and, for each, its
 * `perFile` strongest neighbours in either direction; and the links among
 * them that touch a focus file. Deterministic: ties are broken by path.
 */
export function strongestNeighbourhood(
  links: readonly FileLink[],
  focus: readonly string[],
  options: { maxFocus: number; perFile: number },
): { files: string[]; links: FileLink[] } {
  const shownFocus = focus.slice(0, options.maxFocus);
  const focusSet = new Set(shownFocus);
  const files = new Set(shownFocus);
  for (const path of shownFocus) {
    const weights = new Map<string, number>();
    for (const link of links) {
      const other = link.from === path ? link.to : link.to === path ? link.from : undefined;
      if (other !== undefined && !focusSet.has(other)) weights.set(other, (weights.get(other) ?? 0) + link.weight);
    }
    const strongest = [...weights].sort((a, b) => b[1] - a[1] || byCodeUnit(a[0], b[0])).slice(0, options.perFile);
    for (const [other] of strongest) files.add(other);
  }
  const shown = links.filter(
    (l) => files.has(l.from) && files.has(l.to) && (focusSet.has(l.from) || focusSet.has(l.to)),
  );
  return { files: [...files], links: shown };
}
