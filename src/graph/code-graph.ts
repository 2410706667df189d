import graphology from 'graphology';
import type { TaggedFile } from '../parse/tag-file.js';
import type { Tag } from '../parse/tags.js';

// graphology ships CommonJS with a default export; this is its multi-directed class.
const { MultiDirectedGraph } = graphology;

export type NodeKind = 'file' | 'symbol' | 'external';
export type EdgeKind = 'contains' | 'defines' | 'references' | 'imports' | 'cochanged';

export interface NodeAttributes {
  kind: NodeKind;
  path: string;
  /** Symbols: the definition's name, kind and lines. */
  name?: string;
  symbolKind?: string;
  line?: number;
  endLine?: number;
}

export interface EdgeAttributes {
  kind: EdgeKind;
  weight: number;
  /** For references: the reference kind (call, type, inherit, new, import) and the name used. */
  refKind?: string;
  name?: string;
  /** How the edge was found: `syntax` (nesting) or `name-match`. */
  provenance: 'syntax' | 'name-match';
}

export type CodeGraph = InstanceType<typeof MultiDirectedGraph<NodeAttributes, EdgeAttributes>>;

export const fileNodeId = (path: string): string => `./${path}`;

/** Candidates further away than this many definitions of one name get no name-matched edge. */
const MAX_NAME_CANDIDATES = 20;

const REF_KIND_WEIGHT: Readonly<Record<string, number>> = {
  call: 1,
  new: 1,
  inherit: 2,
  type: 0.7,
  import: 0.5,
};

/** Private by convention: `_x` (not dunder), which nobody outside should depend on. */
function isPrivateName(name: string): boolean {
  return name.startsWith('_') && !(name.startsWith('__') && name.endsWith('__'));
}

interface Definition {
  id: string;
  path: string;
  dir: string;
}

/** The definitions of one name, indexed by file and by directory on first use. */
class NameDefinitions {
  readonly all: Definition[] = [];
  private byPath?: Map<string, Definition[]>;
  private byDir?: Map<string, Definition[]>;

  add(definition: Definition): void {
    this.all.push(definition);
  }

  /** Same file first, then same directory, then anywhere when the name is rare enough. */
  candidates(path: string, dir: string): Definition[] {
    if (this.all.length === 1) return this.all;
    if (!this.byPath) {
      this.byPath = groupBy(this.all, (d) => d.path);
      this.byDir = groupBy(this.all, (d) => d.dir);
    }
    return this.byPath.get(path) ?? this.byDir!.get(dir) ?? (this.all.length <= MAX_NAME_CANDIDATES ? this.all : []);
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

const dirOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));

/**
 * Builds the code graph: one node per file and per definition, `defines`
 * (file → each of its symbols) and `contains` (file or enclosing symbol →
 * nested symbol) edges, and name-matched `references` edges from the
 * innermost definition enclosing a reference (or the file, at top level) to
 * the definitions of that name. Names defined in many places and private
 * names are discounted; candidates in the same file, then the same
 * directory, are preferred.
 */
export function buildCodeGraph(files: readonly TaggedFile[]): CodeGraph {
  const graph: CodeGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
  const byName = new Map<string, NameDefinitions>();

  for (const file of files) {
    const fileId = fileNodeId(file.path);
    graph.addNode(fileId, { kind: 'file', path: file.path });
    const dir = dirOf(file.path);
    for (const tag of file.tags) {
      if (tag.kind !== 'def' || !tag.id) continue;
      if (!graph.hasNode(tag.id)) {
        graph.addNode(tag.id, {
          kind: 'symbol',
          path: file.path,
          name: tag.name,
          symbolKind: tag.symbolKind,
          line: tag.line,
          endLine: tag.endLine,
        });
        graph.addDirectedEdge(fileId, tag.id, { kind: 'defines', weight: 1, provenance: 'syntax' });
        const parent = parentId(tag.id);
        graph.addDirectedEdge(parent && graph.hasNode(parent) ? parent : fileId, tag.id, {
          kind: 'contains',
          weight: 1,
          provenance: 'syntax',
        });
        let definitions = byName.get(tag.name);
        if (!definitions) byName.set(tag.name, (definitions = new NameDefinitions()));
        definitions.add({ id: tag.id, path: file.path, dir });
      }
    }
  }

  for (const file of files) {
    const fileId = fileNodeId(file.path);
    const dir = dirOf(file.path);
    // (source, name, refKind) → count, in first-seen order.
    const counts = new Map<string, { source: string; name: string; refKind: string; count: number }>();
    forEachReference(file.tags, (source, ref) => {
      const from = source ?? fileId;
      const key = `${from}\0${ref.name}\0${ref.symbolKind}`;
      const entry = counts.get(key);
      if (entry) entry.count++;
      else counts.set(key, { source: from, name: ref.name, refKind: ref.symbolKind, count: 1 });
    });
    for (const { source, name, refKind, count } of counts.values()) {
      const definitions = byName.get(name);
      if (!definitions) continue;
      const targets = definitions.candidates(file.path, dir);
      if (targets.length === 0) continue;
      let weight = ((REF_KIND_WEIGHT[refKind] ?? 1) * Math.sqrt(count)) / targets.length;
      if (isPrivateName(name)) weight *= 0.1;
      if (definitions.all.length > 5) weight *= 5 / definitions.all.length;
      for (const target of targets) {
        if (target.id === source) continue;
        graph.addDirectedEdge(source, target.id, {
          kind: 'references',
          weight,
          refKind,
          name,
          provenance: 'name-match',
        });
      }
    }
  }
  return graph;
}

/** `./a.py::a.Foo.bar` → `./a.py::a.Foo`; undefined for top-level symbols. */
function parentId(id: string): string | undefined {
  const sep = id.indexOf('::');
  const qualified = id.slice(sep + 2);
  const parts = qualified.split('.');
  if (parts.length <= 2) return undefined;
  return `${id.slice(0, sep + 2)}${parts.slice(0, -1).join('.')}`;
}

/**
 * Calls `visit` with each reference and the id of the innermost definition
 * whose lines enclose it (undefined at top level). Tags must be sorted by line
 * with definitions before references on the same line.
 */
export function forEachReference(tags: readonly Tag[], visit: (source: string | undefined, ref: Tag) => void): void {
  const open: Tag[] = [];
  for (const tag of tags) {
    while (open.length > 0 && open[open.length - 1]!.endLine < tag.line) open.pop();
    if (tag.kind === 'def') {
      if (tag.id) open.push(tag);
      continue;
    }
    visit(open[open.length - 1]?.id, tag);
  }
}
