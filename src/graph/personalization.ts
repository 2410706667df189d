import type { TaggedFile } from '../parse/tag-file.js';
import type { ChangedFile, Seeds } from '../context/seeds.js';
import { fileNodeId, type CodeGraph } from './code-graph.js';

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface SeedInfo {
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

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;
/** A name defined in more places than this says nothing about which one is meant. */
const MAX_DEFINERS = 20;

/**
 * Identifiers the text writes as code: inside backticks or fenced or
 * indented code blocks, in stack-trace lines, or shaped like code anywhere
 * (snake_case, camelCase, `a.b` access, `name(` calls). Plain words are left
 * to lexical retrieval: "clear" in a sentence is not `clear()`.
 */
export function codeIdentifiers(text: string): string[] {
  const out = new Set<string>();
  const code: string[] = [];
  for (const match of text.matchAll(/```[\s\S]*?```|`[^`\n]+`/g)) code.push(match[0]);
  for (const line of text.split('\n')) {
    if (/^( {4}|\t)\S/.test(line) || /^\s*(File "|at |Traceback|\w+Error\b|\w+Exception\b)/.test(line)) code.push(line);
  }
  for (const span of code) for (const match of span.matchAll(IDENTIFIER)) if (match[0].length >= 3) out.add(match[0]);
  for (const match of text.matchAll(IDENTIFIER)) {
    const token = match[0];
    if (token.length < 3) continue;
    const end = match.index! + token.length;
    const access =
      (text[end] === '.' && /[A-Za-z_]/.test(text[end + 1] ?? '')) ||
      /[A-Za-z0-9_)]\.$/.test(text.slice(Math.max(0, match.index! - 2), match.index!));
    const shaped = /[a-z][A-Z]|[A-Za-z]_[A-Za-z]|^[A-Z][a-z]+[A-Z]/.test(token);
    if (shaped || text[end] === '(' || access) out.add(token);
  }
  return [...out];
}
const PATH_LIKE = /[A-Za-z0-9_.\-/]+\.[A-Za-z0-9]+/g;

/**
 * The personalization of the walk: which nodes a ranking starts from and how
 * much, and for each seed file why it is one.
 */
export function seedMass(graph: CodeGraph, files: readonly TaggedFile[], seeds: Seeds): SeedInfo {
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
    // Identifiers the repository defines, where the text writes them as code;
    // rarer names weigh more.
    const definers = new Map<string, string[]>();
    for (let i = 0; i < graph.order; i++) {
      const attributes = graph.node(i);
      if (attributes.kind !== 'symbol' || !attributes.name) continue;
      const list = definers.get(attributes.name);
      if (list) list.push(graph.key(i));
      else definers.set(attributes.name, [graph.key(i)]);
    }
    const named = new Map<string, string[]>();
    for (const token of codeIdentifiers(text)) {
      const keys = definers.get(token);
      if (!keys || keys.length > MAX_DEFINERS) continue;
      for (const key of keys) {
        add(key, 1 / keys.length);
        const path = graph.getNodeAttributes(key).path;
        const list = named.get(path) ?? [];
        if (!list.includes(token)) list.push(token);
        named.set(path, list);
      }
    }
    for (const [path, tokens] of named) {
      const shown = tokens.slice(0, 3).map((t) => `\`${t}\``);
      const more = tokens.length > 3 ? ` and ${tokens.length - 3} more` : '';
      because(path, `defines ${shown.join(', ')}${more}, named in the text`);
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
