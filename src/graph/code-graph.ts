import graphology from 'graphology';
import type { LanguageId } from '../parse/languages.js';
import type { TaggedFile } from '../parse/tag-file.js';
import type { Tag } from '../parse/tags.js';
import { isBuiltin } from './builtins.js';
import { FileLookup, jvmPackagePath, resolveImport } from './imports.js';
import { NO_MODULE_MAPS, type ModuleMaps } from './module-maps.js';
import { inNamespace } from './php-namespaces.js';
import { dirname as dirOf } from './paths.js';
import type { SparseGraph } from './pagerank.js';

// graphology ships CommonJS with a default export; this is its multi-directed class.
const { MultiDirectedGraph } = graphology;

export type NodeKind = 'file' | 'symbol' | 'external';
export type EdgeKind = 'contains' | 'defines' | 'references' | 'imports' | 'cochanged';
export type Provenance = 'syntax' | 'name-match' | 'import' | 'history';

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
  /** How the edge was found: `syntax` (nesting), `name-match`, `import` (resolved through an import), `history`. */
  provenance: Provenance;
}

type EdgeVisitor = (edge: number, source: number, target: number, weight: number) => void;

export type GraphologyCodeGraph = InstanceType<typeof MultiDirectedGraph<NodeAttributes, EdgeAttributes>>;

export const fileNodeId = (path: string): string => `./${path}`;
/** A module outside the repository (standard library, dependency), as RepoGraph names it. */
export const externalNodeId = (module: string): string => `<external>::${module}`;

const EDGE_KINDS: readonly EdgeKind[] = ['contains', 'defines', 'references', 'imports', 'cochanged'];
const PROVENANCES: readonly Provenance[] = ['syntax', 'name-match', 'import', 'history'];

/**
 * The code graph: file and symbol nodes, typed weighted edges. It is stored
 * as flat arrays because the graph of a large tree has about a million
 * edges: graphology spends ~5–15 µs and a few hundred bytes on each (measured
 * on the Go tree: 8 s and most of the garbage collection of a `rank`), while
 * ranking only needs compressed rows. `toGraphology()` gives the same graph
 * as a graphology MultiDirectedGraph for consumers that want its API.
 */
export class CodeGraph {
  private readonly keys: string[] = [];
  private readonly attributes: NodeAttributes[] = [];
  private readonly index = new Map<string, number>();
  private readonly edgeSource: number[] = [];
  private readonly edgeTarget: number[] = [];
  private readonly edgeWeight: number[] = [];
  /** Packed: kind index | provenance << 3 | refKind index << 5 (0 = none). */
  private readonly edgeMeta: number[] = [];
  private readonly refKinds: string[] = [''];
  private readonly refKindIndex = new Map<string, number>();

  get order(): number {
    return this.keys.length;
  }

  get size(): number {
    return this.edgeSource.length;
  }

  addNode(key: string, attributes: NodeAttributes): number {
    const existing = this.index.get(key);
    if (existing !== undefined) return existing;
    const i = this.keys.length;
    this.keys.push(key);
    this.attributes.push(attributes);
    this.index.set(key, i);
    return i;
  }

  hasNode(key: string): boolean {
    return this.index.has(key);
  }

  nodeIndex(key: string): number | undefined {
    return this.index.get(key);
  }

  key(node: number): string {
    return this.keys[node]!;
  }

  node(node: number): NodeAttributes {
    return this.attributes[node]!;
  }

  getNodeAttributes(key: string): NodeAttributes {
    const i = this.index.get(key);
    if (i === undefined) throw new Error(`no node ${key}`);
    return this.attributes[i]!;
  }

  addEdge(
    source: number,
    target: number,
    kind: EdgeKind,
    weight: number,
    provenance: Provenance,
    refKind?: string,
  ): void {
    let ref = 0;
    if (refKind) {
      ref = this.refKindIndex.get(refKind) ?? 0;
      if (ref === 0) {
        ref = this.refKinds.length;
        this.refKinds.push(refKind);
        this.refKindIndex.set(refKind, ref);
      }
    }
    this.edgeSource.push(source);
    this.edgeTarget.push(target);
    this.edgeWeight.push(weight);
    this.edgeMeta.push(EDGE_KINDS.indexOf(kind) | (PROVENANCES.indexOf(provenance) << 3) | (ref << 5));
  }

  /** Calls `visit` for every edge in insertion order. */
  forEachEdge(visit: (source: number, target: number, attributes: EdgeAttributes) => void): void {
    for (let e = 0; e < this.edgeSource.length; e++) visit(this.edgeSource[e]!, this.edgeTarget[e]!, this.edge(e));
  }

  /** Edges from `source` to `target`, in insertion order. */
  edgesBetween(source: string, target: string): EdgeAttributes[] {
    const s = this.index.get(source);
    const t = this.index.get(target);
    const out: EdgeAttributes[] = [];
    for (let e = 0; e < this.edgeSource.length; e++) {
      if (this.edgeSource[e] === s && this.edgeTarget[e] === t) out.push(this.edge(e));
    }
    return out;
  }

  inDegree(key: string): number {
    const t = this.index.get(key);
    return this.edgeTarget.reduce((n, target) => n + (target === t ? 1 : 0), 0);
  }

  edgeSourceAt(edge: number): number {
    return this.edgeSource[edge]!;
  }

  edgeTargetAt(edge: number): number {
    return this.edgeTarget[edge]!;
  }

  /** Calls `visit` for every `references` edge without building attribute objects (hot path). */
  forEachReferenceEdge(visit: EdgeVisitor): void {
    this.forEachEdgeOfKinds(['references'], visit);
  }

  /** Calls `visit` for every `references` and `imports` edge: what one piece of code relies on. */
  forEachDependencyEdge(visit: EdgeVisitor): void {
    this.forEachEdgeOfKinds(['references', 'imports'], visit);
  }

  private forEachEdgeOfKinds(kinds: EdgeKind[], visit: EdgeVisitor): void {
    const wanted = kinds.map((kind) => EDGE_KINDS.indexOf(kind));
    for (let e = 0; e < this.edgeSource.length; e++) {
      if (wanted.includes(this.edgeMeta[e]! & 7))
        visit(e, this.edgeSource[e]!, this.edgeTarget[e]!, this.edgeWeight[e]!);
    }
  }

  edge(e: number): EdgeAttributes {
    const meta = this.edgeMeta[e]!;
    const attributes: EdgeAttributes = {
      kind: EDGE_KINDS[meta & 7]!,
      weight: this.edgeWeight[e]!,
      provenance: PROVENANCES[(meta >> 3) & 3]!,
    };
    const ref = meta >> 5;
    if (ref > 0) {
      attributes.refKind = this.refKinds[ref]!;
      const target = this.attributes[this.edgeTarget[e]!]!;
      attributes.name = target.name ?? target.path;
    }
    return attributes;
  }

  /**
   * Compressed rows for the power iteration; parallel edges merged, targets
   * ascending. `forward` follows edges as stored (towards what code relies
   * on); `reverse` turns `references` and `imports` around (towards what
   * relies on it) while structure (`defines`, `contains`) still leads from a
   * file to its symbols. `cochanged` edges are left out unless
   * `cochangedFactor` is positive; then they are followed as stored in
   * both walks (history is symmetric), their weights times the factor.
   */
  toSparse(direction: 'forward' | 'reverse' = 'forward', cochangedFactor = 0): SparseGraph {
    const n = this.keys.length;
    const flip = direction === 'reverse';
    const contains = EDGE_KINDS.indexOf('contains');
    const defines = EDGE_KINDS.indexOf('defines');
    const cochanged = EDGE_KINDS.indexOf('cochanged');
    const total = this.edgeSource.length;
    // -1: edge left out of this walk; 0: followed as stored; 1: followed backwards.
    const orientation = (e: number): -1 | 0 | 1 => {
      const kind = this.edgeMeta[e]! & 7;
      if (kind === cochanged) return cochangedFactor > 0 ? 0 : -1;
      return flip && kind !== contains && kind !== defines ? 1 : 0;
    };
    const rowStart = new Uint32Array(n + 1);
    let m = 0;
    for (let e = 0; e < total; e++) {
      const o = orientation(e);
      if (o < 0) continue;
      rowStart[(o === 0 ? this.edgeSource[e]! : this.edgeTarget[e]!) + 1]!++;
      m++;
    }
    for (let u = 0; u < n; u++) rowStart[u + 1]! += rowStart[u]!;
    const fill = rowStart.slice(0, n);
    const rawTargets = new Uint32Array(m);
    const rawWeights = new Float64Array(m);
    for (let e = 0; e < total; e++) {
      const o = orientation(e);
      if (o < 0) continue;
      const [from, to] =
        o === 0 ? [this.edgeSource[e]!, this.edgeTarget[e]!] : [this.edgeTarget[e]!, this.edgeSource[e]!];
      const slot = fill[from]!++;
      rawTargets[slot] = to;
      rawWeights[slot] =
        (this.edgeMeta[e]! & 7) === cochanged ? cochangedFactor * this.edgeWeight[e]! : this.edgeWeight[e]!;
    }
    // Sort each row by target and merge duplicates, summing in insertion order;
    // merged rows are written in place (a row never grows when merged).
    const targets = new Uint32Array(m);
    const weights = new Float64Array(m);
    const merged = new Uint32Array(n + 1);
    let written = 0;
    let order = new Uint32Array(64);
    for (let u = 0; u < n; u++) {
      merged[u] = written;
      const start = rowStart[u]!;
      const length = rowStart[u + 1]! - start;
      if (length > order.length) order = new Uint32Array(length * 2);
      const row = order.subarray(0, length);
      for (let k = 0; k < length; k++) row[k] = start + k;
      row.sort((a, b) => rawTargets[a]! - rawTargets[b]! || a - b);
      for (const e of row) {
        const v = rawTargets[e]!;
        if (written > merged[u]! && targets[written - 1] === v) weights[written - 1]! += rawWeights[e]!;
        else {
          targets[written] = v;
          weights[written] = rawWeights[e]!;
          written++;
        }
      }
    }
    merged[n] = written;
    return { size: n, rowStart: merged, targets: targets.slice(0, written), weights: weights.slice(0, written) };
  }

  /** The same graph as a graphology MultiDirectedGraph (node keys are RepoGraph ids). */
  toGraphology(): GraphologyCodeGraph {
    const graph: GraphologyCodeGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
    this.keys.forEach((key, i) => graph.addNode(key, { ...this.attributes[i]! }));
    this.forEachEdge((source, target, attributes) =>
      graph.addDirectedEdge(this.keys[source]!, this.keys[target]!, attributes),
    );
    return graph;
  }
}

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
  node: number;
  path: string;
  /** Where a name is visible without an import: see packageScope. */
  scope: string;
  /** Languages that can call each other share a family (JS/TS, C/C++, JVM). */
  family: string;
}

const FAMILY: Partial<Record<LanguageId, string>> = {
  javascript: 'js',
  typescript: 'js',
  tsx: 'js',
  c: 'c',
  cpp: 'c',
  java: 'jvm',
  kotlin: 'jvm',
  scala: 'jvm',
};
const familyOf = (language: LanguageId): string => FAMILY[language] ?? language;

/**
 * Where a name is visible without an import: the directory, except that a
 * JVM package spans its source sets, so a test under `src/test/java/a/b`
 * sees the classes of `src/main/java/a/b` (keyed by the package's path).
 */
export function packageScope(dir: string, language: LanguageId): string {
  if (familyOf(language) !== 'jvm') return dir;
  const jvmPackage = jvmPackagePath(dir);
  return jvmPackage === undefined ? dir : `jvm package:${jvmPackage}`;
}

interface Candidates {
  definitions: Definition[];
  provenance: Provenance;
  /** Confidence in the resolution, applied to the edge weight. */
  factor: number;
}

/**
 * Whether an unresolved import names something inside the repository, so
 * it is no third-party object. Python: a relative import always is (`from .
 * import x` in a namespace package, which has no `__init__.py`);
 * `from .models import Order` is read as `.models` and, in case Order is a
 * submodule, `.models.Order`; when it is not, Order is a class of .models
 * (which the import already links). An absolute import of a dotted name
 * that is a directory of modules is a namespace package's (`import
 * nspkg.sub`, nothing to link to but the modules it holds).
 * Rust: a path from `crate`, `self` or `super` is the crate's own (`use
 * super::*` in a file's test module names the file itself). PHP: a name in
 * a namespace of the repository's PSR-4 roots (`use function
 * App\Support\helper`) is the repository's, though no class file has it.
 */
function namesInRepositoryModule(
  file: TaggedFile,
  spec: string,
  resolve: (file: TaggedFile, spec: string) => string[],
  modules: ModuleMaps,
  files: FileLookup,
): boolean {
  if (file.language === 'rust') return /^(crate|self|super)(::|$)/.test(spec);
  if (file.language === 'php') return modules.psr4.some((root) => root.prefix !== '' && inNamespace(spec, root.prefix));
  // A relative Dart URI or one of the repository's packages (a generated `part` not checked in).
  if (file.language === 'dart')
    return spec.startsWith('package:')
      ? modules.dart.some((p) => spec.startsWith(`package:${p.name}/`))
      : !/^\w+:/.test(spec);
  if (file.language !== 'python') return false;
  if (spec.startsWith('.')) return true;
  // `import a.b` of a namespace package (a directory of modules without __init__.py). A single
  // name is left to the libraries: a regular module such as `json` wins over a namespace package.
  const parts = spec.split('.');
  if (parts.length >= 2 && files.dirsWithSuffix(parts.join('/')).some((dir) => files.inDir(dir).some(isPythonModule)))
    return true;
  const lastDot = spec.lastIndexOf('.');
  // `from shop.models import Order`: Order is inside shop.models when that module is the repository's.
  return lastDot > 0 && lastDot < spec.length - 1 && resolve(file, spec.slice(0, lastDot)).length > 0;
}

const isPythonModule = (path: string): boolean => path.endsWith('.py') || path.endsWith('.pyi');

/** The definitions of one name, indexed by file and by package scope on first use. */
class NameDefinitions {
  readonly all: Definition[] = [];
  private byPath?: Map<string, Definition[]>;
  private byScope?: Map<string, Definition[]>;

  add(definition: Definition): void {
    this.all.push(definition);
  }

  /**
   * Where a name used in `path` is defined: in the same file; else in files
   * it imports (resolved, so precise); else in the same package (a
   * directory; a JVM package across source sets); else anywhere, when the
   * name is rare enough — a guess, weighted down.
   */
  candidates(path: string, scope: string, imported: ReadonlySet<string>, family: string): Candidates | undefined {
    if (!this.byPath) {
      this.byPath = groupBy(this.all, (d) => d.path);
      this.byScope = groupBy(this.all, (d) => d.scope);
    }
    const local = this.byPath.get(path);
    if (local) return { definitions: local, provenance: 'syntax', factor: 1 };
    if (imported.size > 0) {
      const viaImports = this.all.filter((d) => imported.has(d.path));
      if (viaImports.length > 0) return { definitions: viaImports, provenance: 'import', factor: 1 };
    }
    // By name alone, only code that could call it: a TypeScript `parse` is not a Java one.
    const sameScope = this.byScope!.get(scope)?.filter((d) => d.family === family);
    if (sameScope && sameScope.length > 0) return { definitions: sameScope, provenance: 'name-match', factor: 0.8 };
    if (this.all.length > MAX_NAME_CANDIDATES) return undefined;
    const anywhere = this.all.filter((d) => d.family === family);
    return anywhere.length > 0 ? { definitions: anywhere, provenance: 'name-match', factor: 0.5 } : undefined;
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

export interface GraphOptions {
  /**
   * Resolve imports into `imports` edges and precise references (default).
   * `false` matches every reference by name alone, as aider's repository map
   * does: the benchmark's ablation of precise edges.
   */
  resolveImports?: boolean;
  /** How the repository names its own modules: tsconfig paths, workspaces, composer PSR-4 roots. */
  modules?: ModuleMaps;
}

/**
 * Builds the code graph: one node per file and per definition, `defines`
 * (file → each of its symbols) and `contains` (file or enclosing symbol →
 * nested symbol) edges, and name-matched `references` edges from the
 * innermost definition enclosing a reference (or the file, at top level) to
 * the definitions of that name. Names defined in many places and private
 * names are discounted; candidates in the same file, then the same
 * directory, are preferred.
 */
export function buildCodeGraph(files: readonly TaggedFile[], options: GraphOptions = {}): CodeGraph {
  const resolveImports = options.resolveImports ?? true;
  const graph = new CodeGraph();
  const byName = new Map<string, NameDefinitions>();

  for (const file of files) {
    const fileNode = graph.addNode(fileNodeId(file.path), { kind: 'file', path: file.path });
    const scope = packageScope(dirOf(file.path), file.language);
    for (const tag of file.tags) {
      if (tag.kind !== 'def' || !tag.id || graph.hasNode(tag.id)) continue;
      const node = graph.addNode(tag.id, {
        kind: 'symbol',
        path: file.path,
        name: tag.name,
        symbolKind: tag.symbolKind,
        line: tag.line,
        endLine: tag.endLine,
      });
      graph.addEdge(fileNode, node, 'defines', 1, 'syntax');
      const parent = parentId(tag.id);
      const parentNode = parent === undefined ? undefined : graph.nodeIndex(parent);
      graph.addEdge(parentNode ?? fileNode, node, 'contains', 1, 'syntax');
      let definitions = byName.get(tag.name);
      if (!definitions) byName.set(tag.name, (definitions = new NameDefinitions()));
      definitions.add({ node, path: file.path, scope, family: familyOf(file.language) });
    }
  }

  const modules = options.modules ?? NO_MODULE_MAPS;
  const lookup = new FileLookup(
    files.map((f) => f.path),
    moduleNamesByFile(files),
  );
  const resolved = new Map<string, string[]>();
  const resolve = (file: TaggedFile, spec: string): string[] => {
    const key = `${file.language}\0${dirOf(file.path)}\0${spec}`;
    let targets = resolved.get(key);
    if (!targets) resolved.set(key, (targets = resolveImport(file.language, file.path, spec, lookup, modules)));
    return targets;
  };
  const barrels = resolveImports ? barrelExports(files, resolve) : new Map<string, string[]>();
  for (const file of files) {
    const fileNode = graph.nodeIndex(fileNodeId(file.path))!;
    const scope = packageScope(dirOf(file.path), file.language);
    const imported = new Set<string>();
    // One imports edge per file imported, however many statements or items name it
    // (`use crate::flags::{HiArgs, SearchMode}`, `import okhttp3.HttpUrl` and its Companion).
    const importWeights = new Map<string, number>();
    for (const spec of resolveImports ? file.imports : []) {
      const targets = resolve(file, spec);
      const others = targets.filter((t) => t !== file.path);
      for (const target of others) {
        imported.add(target);
        // A name imported from a package's index is defined in a module the index re-exports.
        for (const inner of barrels.get(target) ?? []) if (inner !== file.path) imported.add(inner);
        importWeights.set(target, Math.max(importWeights.get(target) ?? 0, 1 / others.length));
      }
      // An unresolved `#include <…>` is a system or third-party header, read only in case it was the repository's.
      if (
        targets.length === 0 &&
        !spec.startsWith('<') &&
        !namesInRepositoryModule(file, spec, resolve, modules, lookup)
      ) {
        const external = graph.addNode(externalNodeId(spec), { kind: 'external', path: '', name: spec });
        graph.addEdge(fileNode, external, 'imports', 0.5, 'import', 'import');
      }
    }
    for (const [target, weight] of importWeights)
      graph.addEdge(fileNode, graph.nodeIndex(fileNodeId(target))!, 'imports', weight, 'import', 'import');
    // (source, name, refKind) → count, in first-seen order.
    const counts = new Map<string, { source: number; name: string; refKind: string; count: number }>();
    forEachReference(file.tags, (source, ref) => {
      const from = source === undefined ? fileNode : graph.nodeIndex(source)!;
      const key = `${from}\0${ref.name}\0${ref.symbolKind}`;
      const entry = counts.get(key);
      if (entry) entry.count++;
      else counts.set(key, { source: from, name: ref.name, refKind: ref.symbolKind, count: 1 });
    });
    for (const { source, name, refKind, count } of counts.values()) {
      const candidates = byName.get(name)?.candidates(file.path, scope, imported, familyOf(file.language));
      if (!candidates) continue;
      if (candidates.provenance === 'name-match' && isBuiltin(file.language, name)) continue;
      const targets = candidates.definitions;
      let weight = (candidates.factor * (REF_KIND_WEIGHT[refKind] ?? 1) * Math.sqrt(count)) / targets.length;
      if (isPrivateName(name)) weight *= 0.1;
      if (candidates.provenance === 'name-match' && targets.length > 5) weight *= 5 / targets.length;
      for (const target of targets) {
        if (target.node !== source) {
          graph.addEdge(source, target.node, 'references', weight, candidates.provenance, refKind);
        }
      }
    }
  }
  return graph;
}

/**
 * The modules each Elixir file defines (`defmodule A.B` is `B`), for
 * checking the files imports guess from module names; undefined when the
 * repository has no Elixir.
 */
function moduleNamesByFile(files: readonly TaggedFile[]): Map<string, Set<string>> | undefined {
  const out = new Map<string, Set<string>>();
  for (const file of files) {
    if (file.language !== 'elixir') continue;
    const names = new Set<string>();
    for (const tag of file.tags)
      if (tag.kind === 'def' && (tag.symbolKind === 'module' || tag.symbolKind === 'protocol')) names.add(tag.name);
    out.set(file.path, names);
  }
  return out.size > 0 ? out : undefined;
}

const JS_FAMILY = new Set(['javascript', 'typescript', 'tsx']);
const INDEX_MODULE = /(^|\/)index\.(d\.ts|[mc]?[jt]sx?)$/;
/** A Dart package's public library, `lib/x.dart`, which mostly exports `lib/src/…`. */
const DART_LIBRARY = /(^|\/)lib\/[^/]+\.dart$/;
const isBarrel = (file: TaggedFile): boolean =>
  JS_FAMILY.has(file.language)
    ? INDEX_MODULE.test(file.path)
    : file.language === 'dart' && DART_LIBRARY.test(file.path);
/** Index modules re-exporting index modules are followed this deep. */
const BARREL_DEPTH = 2;

/**
 * For each JavaScript/TypeScript index module (a package's or directory's
 * `index.ts`) and Dart package library (`lib/bloc.dart`), the repository
 * files it imports or re-exports, through nested ones: where the names
 * imported from `@scope/pkg`, `./dir` or `package:bloc/bloc.dart` are
 * really defined.
 */
function barrelExports(
  files: readonly TaggedFile[],
  resolve: (file: TaggedFile, spec: string) => string[],
): Map<string, string[]> {
  const direct = new Map<string, string[]>();
  for (const file of files) {
    if (!isBarrel(file)) continue;
    const targets = new Set<string>();
    for (const spec of file.imports) for (const t of resolve(file, spec)) if (t !== file.path) targets.add(t);
    direct.set(file.path, [...targets].sort());
  }
  const out = new Map<string, string[]>();
  for (const [barrel, targets] of direct) {
    const all = new Set(targets);
    let frontier = targets.filter((t) => direct.has(t));
    for (let depth = 1; depth < BARREL_DEPTH && frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const inner of frontier)
        for (const t of direct.get(inner)!) {
          if (all.has(t)) continue;
          all.add(t);
          next.push(t);
        }
      frontier = next.filter((t) => direct.has(t));
    }
    all.delete(barrel);
    out.set(barrel, [...all].sort());
  }
  return out;
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
