import type { TaggedFile } from '../parse/tag-file.js';
import type { ChangedFile, Seeds } from '../context/seeds.js';
import { fileNodeId, type CodeGraph } from './code-graph.js';
import { personalizedPageRank } from './pagerank.js';

export interface RankedFile {
  path: string;
  score: number;
  reasons: string[];
}

export interface RankedSymbol {
  id: string;
  path: string;
  name: string;
  symbolKind: string;
  line: number;
  score: number;
}

export interface Ranking {
  files: RankedFile[];
  symbols: RankedSymbol[];
  /** Seeds that named something the index does not have (deleted or skipped files). */
  unmatched: string[];
  iterations: number;
  converged: boolean;
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const DAMPING = 0.85;
/** Edges kept per file to explain its rank; two are shown. */
const KEPT_EDGES = 6;

interface SeedInfo {
  /** Node key → personalization mass. */
  mass: Map<string, number>;
  /** File path → why it is a seed. */
  reasons: Map<string, string[]>;
  unmatched: string[];
}

function formatRanges(file: ChangedFile): string {
  if (file.ranges.length === 0) return '';
  const shown = file.ranges.slice(0, 3).map((r) => (r.start === r.end ? `${r.start}` : `${r.start}–${r.end}`));
  const more = file.ranges.length > 3 ? `, +${file.ranges.length - 3} more` : '';
  const plural = file.ranges.length > 1 || file.ranges[0]!.start !== file.ranges[0]!.end;
  return ` at line${plural ? 's' : ''} ${shown.join(', ')}${more}`;
}

/** Identifiers that look like code: snake_case, camelCase, dotted, or long enough to be specific. */
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;
const PATH_LIKE = /[A-Za-z0-9_.\-/]+\.[A-Za-z0-9]+/g;

function seedMass(graph: CodeGraph, files: readonly TaggedFile[], seeds: Seeds): SeedInfo {
  const mass = new Map<string, number>();
  const reasons = new Map<string, string[]>();
  const unmatched: string[] = [];
  const add = (key: string, value: number): void => {
    mass.set(key, (mass.get(key) ?? 0) + value);
  };
  const because = (path: string, reason: string): void => {
    const list = reasons.get(path) ?? [];
    if (!list.includes(reason)) list.push(reason);
    reasons.set(path, list);
  };
  const byPath = new Map(files.map((f) => [f.path, f]));

  for (const changed of seeds.changed) {
    const file = byPath.get(changed.path);
    if (!file || changed.status === 'deleted') {
      unmatched.push(changed.path);
      continue;
    }
    const enclosing = new Set<string>();
    for (const range of changed.ranges) {
      for (const id of enclosingDefinitions(file, range.start, range.end)) enclosing.add(id);
    }
    if (enclosing.size === 0) add(fileNodeId(file.path), 1);
    else {
      add(fileNodeId(file.path), 0.5);
      for (const id of [...enclosing].sort(byCodeUnit)) add(id, 0.5 / enclosing.size);
    }
    const verb =
      changed.status === 'added' ? 'added' : changed.status === 'renamed' ? 'renamed and changed' : 'changed';
    because(file.path, `${verb}${formatRanges(changed)}`);
  }

  if (seeds.text) {
    const text = seeds.text;
    // Paths: an exact repository path or a unique path suffix after a `/`.
    const mentionedPaths = new Set<string>();
    for (const match of text.matchAll(PATH_LIKE)) {
      const token = match[0].replace(/^\.\//, '').replace(/[.]+$/, '');
      if (byPath.has(token)) mentionedPaths.add(token);
      else if (token.includes('/') || token.includes('.')) {
        const hits = files.filter((f) => f.path.endsWith(`/${token}`));
        if (hits.length === 1) mentionedPaths.add(hits[0]!.path);
      }
    }
    for (const path of [...mentionedPaths].sort(byCodeUnit)) {
      add(fileNodeId(path), 1);
      because(path, 'mentioned in the text');
    }
    // Identifiers the repository defines; rarer names weigh more.
    const definers = new Map<string, string[]>();
    for (let i = 0; i < graph.order; i++) {
      const attributes = graph.node(i);
      if (attributes.kind !== 'symbol' || !attributes.name) continue;
      const list = definers.get(attributes.name);
      if (list) list.push(graph.key(i));
      else definers.set(attributes.name, [graph.key(i)]);
    }
    const mentioned = new Set<string>();
    for (const match of text.matchAll(IDENTIFIER)) {
      const token = match[0];
      if (token.length < 3 || mentioned.has(token)) continue;
      const keys = definers.get(token);
      if (!keys) continue;
      const codeLike = /[a-z][A-Z]|_|^[A-Z][a-z]+[A-Z]/.test(token) || text.includes(`\`${token}`);
      if (!codeLike && keys.length > 3) continue;
      mentioned.add(token);
      const share = (codeLike ? 1 : 0.3) / keys.length;
      for (const key of keys) {
        add(key, share);
        because(graph.getNodeAttributes(key).path, `defines \`${token}\`, mentioned in the text`);
      }
    }
  }
  return { mass, reasons, unmatched };
}

/** Ids of the innermost definitions overlapping lines start..end. */
function enclosingDefinitions(file: TaggedFile, start: number, end: number): string[] {
  const ids: string[] = [];
  for (const tag of file.tags) {
    if (tag.kind !== 'def' || !tag.id) continue;
    if (tag.line > end || tag.endLine < start) continue;
    // Keep only innermost: drop any already-picked definition that encloses this one.
    ids.push(tag.id);
  }
  const defs = file.tags.filter((t) => t.kind === 'def' && t.id && ids.includes(t.id));
  return defs
    .filter(
      (outer) =>
        !defs.some(
          (inner) =>
            inner !== outer &&
            inner.line >= outer.line &&
            inner.endLine <= outer.endLine &&
            (inner.line > outer.line || inner.endLine < outer.endLine),
        ),
    )
    .map((t) => t.id!);
}

const REF_VERB: Readonly<Record<string, string>> = {
  call: 'calls',
  new: 'instantiates',
  inherit: 'inherits from',
  type: 'uses type',
  import: 'imports',
};

/**
 * Ranks every file (and symbol) of the index by personalized PageRank from
 * the seeds; without seeds, by plain PageRank. Each file carries its reasons:
 * why it is a seed, and the strongest edges that brought rank into it.
 */
export function rankFiles(graph: CodeGraph, files: readonly TaggedFile[], seeds: Seeds): Ranking {
  const sparse = graph.toSparse();
  const { mass, reasons: seedReasons, unmatched } = seedMass(graph, files, seeds);
  const personalization = new Float64Array(graph.order);
  for (const [key, value] of mass) {
    const i = graph.nodeIndex(key);
    if (i !== undefined) personalization[i] = value;
  }
  const result = personalizedPageRank(sparse, personalization, { damping: DAMPING });
  const scores = result.scores;

  // File score: its own node plus all its symbols.
  const fileScore = new Map<string, number>();
  for (let i = 0; i < graph.order; i++) {
    const path = graph.node(i).path;
    fileScore.set(path, (fileScore.get(path) ?? 0) + scores[i]!);
  }

  // Incoming contributions from other files: d · rank(u) · w(u→v) / W(u).
  // Only the strongest few edges per file are kept, then described.
  const outWeight = new Float64Array(graph.order);
  for (let u = 0; u < graph.order; u++) {
    for (let e = sparse.rowStart[u]!; e < sparse.rowStart[u + 1]!; e++) outWeight[u]! += sparse.weights[e]!;
  }
  const strongest = new Map<string, { edge: number; amount: number }[]>();
  graph.forEachReferenceEdge((edge, u, v, weight) => {
    if (outWeight[u]! <= 0 || scores[u] === 0) return;
    const path = graph.node(v).path;
    if (graph.node(u).path === path) return;
    const amount = (DAMPING * scores[u]! * weight) / outWeight[u]!;
    let best = strongest.get(path);
    if (!best) strongest.set(path, (best = []));
    if (best.length === KEPT_EDGES && amount <= best[KEPT_EDGES - 1]!.amount) return;
    best.push({ edge, amount });
    best.sort((a, b) => b.amount - a.amount || a.edge - b.edge);
    if (best.length > KEPT_EDGES) best.pop();
  });
  const describe = (edge: number): string => {
    const attributes = graph.edge(edge);
    const source = graph.node(graph.edgeSourceAt(edge));
    const who = source.kind === 'file' ? source.path : `\`${source.name}\` in ${source.path}`;
    return `${who} ${REF_VERB[attributes.refKind ?? ''] ?? 'references'} \`${attributes.name}\``;
  };
  const contributions = new Map<string, Map<string, number>>();
  for (const [path, best] of strongest) {
    const texts = new Map<string, number>();
    for (const { edge, amount } of best) {
      const text = describe(edge);
      texts.set(text, (texts.get(text) ?? 0) + amount);
    }
    contributions.set(path, texts);
  }

  const ranked: RankedFile[] = files.map((file) => {
    const reasons = [...(seedReasons.get(file.path) ?? [])];
    const incoming = [...(contributions.get(file.path)?.entries() ?? [])]
      .sort((a, b) => b[1] - a[1] || byCodeUnit(a[0], b[0]))
      .slice(0, 2)
      .map(([text]) => text);
    reasons.push(...incoming);
    return { path: file.path, score: round(fileScore.get(file.path) ?? 0), reasons };
  });
  ranked.sort((a, b) => b.score - a.score || byCodeUnit(a.path, b.path));

  const symbols: RankedSymbol[] = [];
  for (let i = 0; i < graph.order; i++) {
    const attributes = graph.node(i);
    if (attributes.kind !== 'symbol') continue;
    symbols.push({
      id: graph.key(i),
      path: attributes.path,
      name: attributes.name!,
      symbolKind: attributes.symbolKind!,
      line: attributes.line!,
      score: round(scores[i]!),
    });
  }
  symbols.sort((a, b) => b.score - a.score || byCodeUnit(a.id, b.id));
  return { files: ranked, symbols, unmatched, iterations: result.iterations, converged: result.converged };
}

/** Scores are printed with 6 significant digits: stable, and enough to order. */
function round(value: number): number {
  return Number(value.toPrecision(6));
}
