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
      each(/^\s*import\s*['"]([^'"\n]+)['"]/gm);
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
      each(/^\s*import\s+(?:static\s+)?(\w+(?:\.\w+)*(?:\.\*)?)/gm);
      break;
    case 'scala':
      // `import a.b.C`, `import a.b._`, `import a.b.{C, D => E}` (braces may span lines), `import a.B, c.D`.
      for (const match of text.matchAll(/^\s*import\s+((?:[^\n;{]|\{[^}]*\})+)/gm)) {
        for (const leaf of scalaImportLeaves(match[1]!)) if (/^\w+(\.\w+)*(\.\*)?$/.test(leaf)) add(leaf);
      }
      break;
    case 'rust':
      each(/^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;/gm);
      for (const match of text.matchAll(/^\s*(?:pub(?:\([^)]*\))?\s+)?use\s+([^;]+);/gm)) {
        for (const leaf of useTreeLeaves(match[1]!)) add(leaf);
      }
      break;
    case 'c':
    case 'cpp':
      each(/^\s*#\s*include\s*"([^"\n]+)"/gm);
      // `#include <lib/x.h>` with a directory may name the repository's own header; kept with its brackets.
      each(/^\s*#\s*include\s*(<[\w.+-]+(?:\/[\w.+-]+)+>)/gm);
      break;
    case 'ruby':
      for (const match of text.matchAll(/^\s*(require_relative|require)\s*\(?\s*['"]([^'"\n]+)['"]/gm)) {
        add(match[1] === 'require_relative' ? `./${match[2]}` : match[2]);
      }
      break;
    case 'php':
      each(/^\s*use\s+(?:function\s+|const\s+)?\\?([\w\\]+)/gm);
      each(/\b(?:require|include)(?:_once)?\s*\(?\s*(?:__DIR__\s*\.\s*)?['"]([^'"\n]+)['"]/g);
      break;
    case 'csharp':
      // `using A.B;`, `using static A.B.C;`, `using X = A.B.C;`
      each(/^\s*using\s+(?:static\s+|\w+\s*=\s*)?([\w.]+)\s*;/gm);
      break;
    case 'swift':
      // `import Foo`, `@testable import Foo` (a test's module under test), `import struct Foo.Bar`.
      each(/^\s*(?:@testable\s+)?import\s+(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?([\w.]+)/gm);
      break;
    case 'bash':
      each(/^\s*(?:source|\.)\s+['"]?([^\s'";]+)/gm);
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
