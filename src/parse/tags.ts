import type { Node, QueryMatch } from 'web-tree-sitter';
import type { LanguageId } from './languages.js';
import { loadLanguage, sharedParser } from './loader.js';

export type TagKind = 'def' | 'ref';

/**
 * One definition or reference found by a tags query.
 *
 * `line` is the 1-based line of the name identifier (not of a decorator or of
 * the start of the declaration); `endLine` is the last line of the whole
 * definition (equal to `line` for references).
 */
export interface Tag {
  path: string;
  line: number;
  endLine: number;
  kind: TagKind;
  name: string;
  symbolKind: string;
  /** RepoGraph id for definitions: `./dir/file.py::file.Class.method`. */
  id?: string;
}

/**
 * Kinds that make the functions directly inside them methods. A `module` does
 * so only in Ruby, where `def` in a module defines a method; a Rust `mod`
 * holds plain functions.
 */
const TYPE_SCOPES = new Set([
  'class',
  'struct',
  'union',
  'interface',
  'trait',
  'protocol',
  'enum',
  'object',
  'impl',
  'actor',
  'extension',
  'record',
]);

interface DefCandidate {
  kind: 'def' | 'scope';
  name: string;
  symbolKind: string;
  nameStart: number;
  line: number;
  start: number;
  end: number;
  endLine: number;
  qualifier: string[];
  pattern: number;
}

/** `a/b/c.py` → `c`: the module part of a RepoGraph id. */
export function moduleName(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.indexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** Splits a qualifier such as `ns::Outer<T>` or `pkg.Type` into plain names. */
function qualifierParts(text: string): string[] {
  return text
    .replace(/<[^<>]*>/g, '')
    .split(/::|\./)
    .map((part) => part.trim())
    .filter((part) => /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(part));
}

/**
 * C++ operator names with white space folded as ctags prints them:
 * `operator ()` → `operator()`, `operator  new []` → `operator new[]`,
 * `operator bool`. Anything else (a capture that swallowed the parameters)
 * is no name.
 */
export function operatorName(text: string): string | undefined {
  const folded = text.replace(/\s+/g, ' ').replace(/ (?=\W)|(?<=\W) /g, '');
  return /^operator(?:\(\)|\[\]|[^\w\s()[\]]+| (?:new|delete)(?:\[\])?| [\w:<>,*&]+)$/.test(folded)
    ? folded
    : undefined;
}

/**
 * One string object per distinct name in this thread: a large tree has
 * hundreds of thousands of tags over a few tens of thousands of names, and
 * structured cloning sends a repeated string object once.
 */
const interned = new Map<string, string>();
function intern(text: string): string {
  const seen = interned.get(text);
  if (seen !== undefined) return seen;
  if (interned.size > 1_000_000) interned.clear();
  interned.set(text, text);
  return text;
}

function collect(matches: QueryMatch[]): { defs: DefCandidate[]; refs: DefCandidate[] } {
  const defs: DefCandidate[] = [];
  const refs: DefCandidate[] = [];
  for (const match of matches) {
    let nameNode: Node | undefined;
    let rangeNode: Node | undefined;
    let endNode: Node | undefined;
    let role: 'def' | 'ref' | 'scope' | undefined;
    let symbolKind = '';
    const qualifier: string[] = [];
    for (const capture of match.captures) {
      const captureName = capture.name;
      if (captureName.startsWith('name.definition.')) {
        role = 'def';
        symbolKind = intern(captureName.slice('name.definition.'.length));
        nameNode = capture.node;
      } else if (captureName.startsWith('name.reference.')) {
        role = 'ref';
        symbolKind = intern(captureName.slice('name.reference.'.length));
        nameNode = capture.node;
      } else if (captureName.startsWith('name.scope.')) {
        role = 'scope';
        symbolKind = intern(captureName.slice('name.scope.'.length));
        nameNode = capture.node;
      } else if (captureName.startsWith('definition.') || captureName.startsWith('scope.')) {
        rangeNode = capture.node;
      } else if (captureName === 'end') {
        endNode = capture.node;
      } else if (captureName === 'qualifier') {
        qualifier.push(...qualifierParts(capture.node.text));
      }
    }
    if (!nameNode || !role) continue;
    // `(#set! name "X")` names what the source leaves unnamed (Kotlin's
    // `companion object` is `Companion`); Rust raw identifiers (`r#async`) name `async`.
    const setName = match.setProperties?.name;
    let text = typeof setName === 'string' ? setName : nameNode.text;
    // `(#set! last-segment ".")`: the name is what follows the last separator
    // (an Elixir alias `Foo.Bar` is one token; its name is `Bar`).
    const separator = match.setProperties?.['last-segment'];
    if (typeof separator === 'string' && separator !== '' && text.includes(separator)) {
      text = text.slice(text.lastIndexOf(separator) + separator.length);
    }
    let name = intern(text.startsWith('r#') ? text.slice(2) : text);
    if (/^operator\b/.test(name)) name = operatorName(name) ?? '';
    if (!name || name.length > 200 || (/\s/.test(name) && !name.startsWith('operator '))) continue;
    const range = rangeNode ?? nameNode.parent ?? nameNode;
    // `@end`: a node after the definition's own that it spans to (Dart's body is the signature's sibling).
    const last = endNode && endNode.endIndex > range.endIndex ? endNode : range;
    const candidate: DefCandidate = {
      kind: role === 'ref' ? 'def' : role,
      name,
      symbolKind,
      nameStart: nameNode.startIndex,
      line: nameNode.startPosition.row + 1,
      start: range.startIndex,
      end: last.endIndex,
      endLine: last.endPosition.row + 1,
      qualifier,
      pattern: match.patternIndex,
    };
    (role === 'ref' ? refs : defs).push(candidate);
  }
  return { defs, refs };
}

/** Keeps the first pattern's answer for each name node: earlier patterns are more specific. */
function firstPerName<T extends DefCandidate>(items: T[], key: (item: T) => string): T[] {
  const sorted = [...items].sort((a, b) => a.nameStart - b.nameStart || a.pattern - b.pattern);
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of sorted) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  return out;
}

/**
 * Turns query matches into tags: resolves nesting into RepoGraph ids, makes
 * functions inside type-like scopes methods, and drops duplicate matches.
 */
export function tagsFromMatches(path: string, matches: QueryMatch[], language?: LanguageId): Tag[] {
  const promotes = (kind: string): boolean => TYPE_SCOPES.has(kind) || (kind === 'module' && language === 'ruby');
  const { defs: rawDefs, refs: rawRefs } = collect(matches);
  const defs = firstPerName(rawDefs, (d) => `${d.nameStart}`);
  const refs = firstPerName(rawRefs, (r) => `${r.nameStart}`);

  // Nesting by byte range: sort by start, longest first, and walk a stack.
  const scoped = [...defs].sort((a, b) => a.start - b.start || b.end - a.end || a.nameStart - b.nameStart);
  const stack: { node: DefCandidate; path: string[] }[] = [];
  const module = moduleName(path);
  const tags: Tag[] = [];
  for (const def of scoped) {
    while (stack.length > 0 && stack[stack.length - 1]!.node.end <= def.start) stack.pop();
    // A node that does not fit inside the top of the stack (overlapping
    // ranges from odd captures) is treated as a sibling.
    while (stack.length > 0 && stack[stack.length - 1]!.node.end < def.end) stack.pop();
    const parent = stack[stack.length - 1];
    const parentPath = parent ? parent.path : [];
    const ownPath = [...parentPath, ...def.qualifier, def.name];
    stack.push({ node: def, path: ownPath });
    if (def.kind === 'scope') continue;
    let symbolKind = def.symbolKind;
    if (symbolKind === 'function' && (def.qualifier.length > 0 || (parent && promotes(parent.node.symbolKind)))) {
      symbolKind = 'method';
    }
    tags.push({
      path,
      line: def.line,
      endLine: def.endLine,
      kind: 'def',
      name: def.name,
      symbolKind,
      id: `./${path}::${[module, ...ownPath].join('.')}`,
    });
  }
  for (const ref of refs) {
    tags.push({ path, line: ref.line, endLine: ref.line, kind: 'ref', name: ref.name, symbolKind: ref.symbolKind });
  }
  tags.sort(compareTags);
  return tags;
}

export function compareTags(a: Tag, b: Tag): number {
  return (
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.line - b.line ||
    (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
    (a.symbolKind < b.symbolKind ? -1 : a.symbolKind > b.symbolKind ? 1 : 0)
  );
}

/** Time spent per phase of tag extraction, accumulated by the caller. */
export interface TagTimings {
  readMs: number;
  parseMs: number;
  queryMs: number;
}

export const newTagTimings = (): TagTimings => ({ readMs: 0, parseMs: 0, queryMs: 0 });

/** Parses one file and returns its tags; the syntax tree is freed before returning. */
export async function extractTags(
  path: string,
  source: string,
  language: LanguageId,
  timings?: TagTimings,
): Promise<Tag[]> {
  const { language: grammar, query } = await loadLanguage(language);
  const parser = await sharedParser();
  parser.setLanguage(grammar);
  const t0 = performance.now();
  const tree = parser.parse(source);
  const t1 = performance.now();
  if (!tree) throw new Error(`tree-sitter returned no tree for ${path}`);
  try {
    return tagsFromMatches(path, query.matches(tree.rootNode), language);
  } finally {
    tree.delete();
    if (timings) {
      timings.parseMs += t1 - t0;
      timings.queryMs += performance.now() - t1;
    }
  }
}
