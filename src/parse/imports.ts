import type { LanguageId } from './languages.js';

/**
 * Module specifiers a file imports, as written: `.models`, `../lib/x.js`,
 * `net/http`, `com.acme.Foo`, `crate::a::b`, `"util/str.h"`. Read from the
 * source text with one expression per statement form; resolution to files is
 * the graph's job (src/graph/imports.ts). Comments are not stripped: an
 * import inside a comment at the start of a line may be read, and resolves
 * to a real file only when it names one.
 */
export function extractImports(language: LanguageId, text: string): string[] {
  const found: string[] = [];
  const add = (spec: string | undefined): void => {
    if (spec && spec.length <= 300 && !found.includes(spec)) found.push(spec);
  };
  const each = (pattern: RegExp, group = 1): void => {
    for (const match of text.matchAll(pattern)) add(match[group]);
  };
  switch (language) {
    case 'python':
      // from .a.b import x, y  → ".a.b" plus ".a.b.x" / ".a.b.y" (x may be a submodule)
      for (const match of text.matchAll(/^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]+)/gm)) {
        const module = match[1]!;
        add(module);
        for (const name of match[2]!.replace(/[()\\\n]/g, ' ').split(',')) {
          const imported = name.trim().split(/\s+/)[0];
          if (imported && imported !== '*' && /^\w+$/.test(imported)) {
            add(module.endsWith('.') ? `${module}${imported}` : `${module}.${imported}`);
          }
        }
      }
      for (const match of text.matchAll(/^[ \t]*import[ \t]+([^\n#;]+)/gm)) {
        for (const part of match[1]!.split(',')) add(part.trim().split(/\s+/)[0]);
      }
      break;
    case 'javascript':
    case 'typescript':
    case 'tsx':
      each(/\bfrom\s*['"]([^'"\n]+)['"]/g);
      each(/^[ \t]*import\s*['"]([^'"\n]+)['"]/gm);
      each(/\b(?:require|import)\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g);
      break;
    case 'go':
      for (const match of text.matchAll(/^import\s*(?:\(([^)]*)\)|(?:[\w.]+\s+)?"([^"]+)")/gm)) {
        if (match[2]) add(match[2]);
        else for (const spec of match[1]!.matchAll(/"([^"]+)"/g)) add(spec[1]);
      }
      break;
    case 'java':
    case 'kotlin':
      each(/^[ \t]*import\s+(?:static\s+)?(\w+(?:\.\w+)*(?:\.\*)?)/gm);
      break;
    case 'scala':
      // `import a.b.C`, `import a.b._`, `import a.b.{C, D => E}` (braces may span lines), `import a.B, c.D`.
      for (const match of text.matchAll(/^[ \t]*import\s+((?:[^\n;{]|\{[^}]*\})+)/gm)) {
        for (const leaf of scalaImportLeaves(match[1]!)) if (/^\w+(\.\w+)*(\.\*)?$/.test(leaf)) add(leaf);
      }
      break;
    case 'rust':
      each(/^[ \t]*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;/gm);
      for (const match of text.matchAll(/^[ \t]*(?:pub(?:\([^)]*\))?\s+)?use\s+([^;]+);/gm)) {
        for (const leaf of useTreeLeaves(match[1]!)) add(leaf);
      }
      break;
    case 'c':
    case 'cpp':
      each(/^[ \t]*#\s*include\s*"([^"\n]+)"/gm);
      // `#include <lib/x.h>` with a directory may name the repository's own header; kept with its brackets.
      each(/^[ \t]*#\s*include\s*(<[\w.+-]+(?:\/[\w.+-]+)+>)/gm);
      break;
    case 'ruby':
      for (const match of text.matchAll(/^[ \t]*(require_relative|require)\s*\(?\s*['"]([^'"\n]+)['"]/gm)) {
        add(match[1] === 'require_relative' ? `./${match[2]}` : match[2]);
      }
      break;
    case 'php':
      each(/^[ \t]*use\s+(?:function\s+|const\s+)?\\?([\w\\]+)/gm);
      each(/\b(?:require|include)(?:_once)?\s*\(?\s*(?:__DIR__\s*\.\s*)?['"]([^'"\n]+)['"]/g);
      break;
    case 'csharp':
      // `using A.B;`, `using static A.B.C;`, `using X = A.B.C;`
      each(/^[ \t]*using\s+(?:static\s+|\w+\s*=\s*)?([\w.]+)\s*;/gm);
      break;
    case 'swift':
      // `import Foo`, `@testable import Foo` (a test's module under test), `import struct Foo.Bar`.
      each(/^[ \t]*(?:@testable\s+)?import\s+(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?([\w.]+)/gm);
      break;
    case 'bash':
      each(/^[ \t]*(?:source|\.)\s+['"]?([^\s'";]+)/gm);
      break;
    case 'lua':
      // `require("a.b")`, `require "a.b"`, `require'a.b'`, `pcall(require, "a.b")`
      // (not `require("kong.plugins." .. name)`, a prefix).
      each(/\brequire\s*(?:\(\s*)?['"]([\w\-/]+(?:\.[\w\-/]+)*)['"]/g);
      each(/\bpcall\s*\(\s*require\s*,\s*['"]([\w\-/]+(?:\.[\w\-/]+)*)['"]/g);
      break;
    case 'elixir':
      for (const module of elixirModules(text)) add(module);
      break;
    case 'dart':
      // `import 'package:a/b.dart' as x show Y;`, `export '…';`, `part '…';`, `part of '…';`
      each(/^[ \t]*(?:import|export|part(?:\s+of)?)\s+['"]([^'"\n]+)['"]/gm);
      break;
  }
  return found;
}

/** How a language writes import trees: `a::{b, c::d}` (Rust), `a.{B, C => D}` (Scala). */
interface TreeSyntax {
  separator: string;
  /** What a glob item (`*`, and Scala's `_`) inside braces names, given the path before it. */
  glob: (prefix: string) => string;
  globs: readonly string[];
  /** An item that names the path before the braces itself (Rust's `self`). */
  self?: string;
  /** A renaming suffix of an item (`as E`, `=> E`), dropped. */
  rename: RegExp;
}

const RUST_TREE: TreeSyntax = {
  separator: '::',
  glob: (prefix) => prefix,
  globs: ['*'],
  self: 'self',
  rename: /\s+as\s+\w+\s*$/,
};
const SCALA_TREE: TreeSyntax = {
  separator: '.',
  glob: (prefix) => `${prefix}.*`,
  globs: ['*', '_', 'given'],
  rename: /\s*(?:=>|\bas\b)\s*\w+\s*$/,
};

/**
 * The paths a Rust use tree names, one per leaf: `crate::{a::B, c::{self,
 * D as E}}` → `crate::a::B`, `crate::c`, `crate::c::D`. A glob names its
 * module (`a::*` → `a`); comments inside the braces are ignored.
 */
export function useTreeLeaves(tree: string): string[] {
  return treeLeaves(tree, RUST_TREE).map((leaf) => leaf.replace(/::\*$/, ''));
}

/**
 * The paths a Scala import names, one per selector: `a.b.{C, D => E, _}`
 * → `a.b.C`, `a.b.D`, `a.b.*`; several imports in one statement
 * (`import a.B, c.D`) each.
 */
export function scalaImportLeaves(statement: string): string[] {
  return topLevelItems(statement).flatMap((item) => treeLeaves(item, SCALA_TREE));
}

function treeLeaves(tree: string, syntax: TreeSyntax): string[] {
  const leaves: string[] = [];
  const join = (prefix: string, path: string): string =>
    prefix && path ? `${prefix}${syntax.separator}${path}` : prefix || path;
  const walk = (prefix: string, part: string): void => {
    const open = part.indexOf('{');
    if (open < 0) {
      const path = part.replace(syntax.rename, '').replace(/\s+/g, '');
      if (prefix && syntax.globs.includes(path)) leaves.push(syntax.glob(prefix));
      else if (path === syntax.self || path === '') {
        if (prefix) leaves.push(prefix);
      } else leaves.push(join(prefix, path));
      return;
    }
    const close = part.lastIndexOf('}');
    const head = part.slice(0, open).replace(/\s+/g, '');
    const base = join(prefix, head.endsWith(syntax.separator) ? head.slice(0, -syntax.separator.length) : head);
    for (const item of topLevelItems(part.slice(open + 1, close > open ? close : part.length))) walk(base, item);
  };
  walk('', tree.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, ' '));
  return leaves;
}

/** A brace group's comma-separated items, nested groups kept whole. */
function topLevelItems(list: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === '{') depth++;
    else if (list[i] === '}') depth--;
    else if (list[i] === ',' && depth === 0) {
      items.push(list.slice(start, i));
      start = i + 1;
    }
  }
  items.push(list.slice(start));
  return items.filter((item) => item.trim().length > 0);
}

/**
 * The modules an Elixir file names: `alias`, `import`, `use` and `require`
 * (`alias A.{B, C.D}` names `A.B` and `A.C.D`), and every other dotted
 * module name it writes (`A.B.f(x)`, `%A.B{}`, `plug A.Auth`,
 * `belongs_to :org, A.Org`, `&A.Util.f/1`): Elixir needs no alias to use a
 * module, so a qualified name is a dependency too. A name starting with an
 * alias is read through it (`alias A.B` then `B.C.f()` names `A.B.C`;
 * `alias A.B, as: X` then `X.f()`; `alias B.C` after `alias A.B`).
 * `__MODULE__` and single names that are no alias (a standard module, or
 * one aliased already) are left out.
 */
export function elixirModules(text: string): string[] {
  const found = new Set<string>();
  const aliases = new Map<string, string>();
  const expand = (name: string): string | undefined => {
    const dot = name.indexOf('.');
    const alias = aliases.get(dot < 0 ? name : name.slice(0, dot));
    if (alias !== undefined) return dot < 0 ? alias : `${alias}${name.slice(dot)}`;
    return dot > 0 ? name : undefined;
  };
  const directive =
    /^[ \t]*(alias|import|use|require)[ \t]+([A-Z]\w*(?:\.[A-Z]\w*)*)(?:\.\{([^}]*)\}|,[ \t]*as:[ \t]*([A-Z]\w*))?/gm;
  for (const match of text.matchAll(directive)) {
    const [, keyword, written, group, as] = match;
    const base = expand(written!) ?? written!;
    const modules =
      group === undefined
        ? [base]
        : group
            .replace(/#[^\n]*/g, '')
            .split(',')
            .map((item) => item.trim())
            .filter((item) => /^[A-Z][\w.]*$/.test(item))
            .map((item) => `${base}.${item}`);
    for (const module of modules) {
      found.add(module);
      if (keyword === 'alias') aliases.set(as ?? module.slice(module.lastIndexOf('.') + 1), module);
    }
  }
  // Dotted names anywhere, and single ones called or built as structs (`R.insert()`, `%User{}`).
  // A group's base (`A` of `alias A.{B, C}`) is a namespace, not a use.
  for (const match of text.matchAll(/(?<![\w.])([A-Z]\w*(?:\.[A-Z]\w*)*)(?!\w|\.[A-Z{])(\.[a-z_]\w*[?!]?\s*\(|\{)?/g)) {
    const [, name, used] = match;
    if (!name!.includes('.') && used === undefined) continue;
    const module = expand(name!);
    if (module !== undefined) found.add(module);
  }
  return [...found];
}
