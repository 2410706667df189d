import { describe, expect, it } from 'vitest';
import { buildCodeGraph, packageScope } from '../../src/graph/code-graph.js';
import { rankFiles } from '../../src/graph/rank.js';
import { buildRepoIndex } from '../../src/parse/repo-index.js';
import { analyzeRepository } from '../../src/pipeline/analyze.js';
import { fixtureRepo, tempDir, writeFiles } from '../helpers/repo.js';

async function shop() {
  const dir = fixtureRepo('shop');
  const index = await buildRepoIndex(dir);
  return { index, graph: buildCodeGraph(index.files) };
}

describe('buildCodeGraph', () => {
  it('has file, symbol and external nodes with defines, contains, imports and references', async () => {
    const { graph } = await shop();
    expect(graph.getNodeAttributes('./shop/models.py')).toEqual({ kind: 'file', path: 'shop/models.py' });
    expect(graph.getNodeAttributes('./shop/models.py::models.Order.total_price')).toMatchObject({
      kind: 'symbol',
      name: 'total_price',
      symbolKind: 'method',
      line: 22,
      endLine: 23,
    });
    const edges = (source: string, target: string) => graph.edgesBetween(source, target);
    expect(
      edges('./shop/models.py', './shop/models.py::models.Order.total_price')
        .map((e) => e.kind)
        .sort(),
    ).toEqual(['defines']);
    expect(edges('./shop/models.py::models.Order', './shop/models.py::models.Order.total_price')).toMatchObject([
      { kind: 'contains' },
    ]);
    // Resolved through `from .models import Order`: a precise edge.
    expect(
      edges('./shop/pricing.py::pricing.apply_discount', './shop/models.py::models.Order.total_price'),
    ).toMatchObject([{ kind: 'references', refKind: 'call', name: 'total_price', provenance: 'import' }]);
    expect(edges('./shop/pricing.py', './shop/models.py')).toMatchObject([
      { kind: 'imports', provenance: 'import', name: 'shop/models.py' },
    ]);
    // `from dataclasses import dataclass` names a module outside the repository.
    expect(graph.getNodeAttributes('<external>::dataclasses')).toEqual({
      kind: 'external',
      path: '',
      name: 'dataclasses',
    });
    // JavaScript: `import { formatMoney } from './money.js'`.
    expect(edges('./web/cart.js::cart.Cart.total', './web/money.js::money.formatMoney')).toMatchObject([
      { kind: 'references', provenance: 'import' },
    ]);
  });

  it('is available as a graphology multi-directed graph with the same nodes and edges', async () => {
    const { graph } = await shop();
    const view = graph.toGraphology();
    expect(view.type).toBe('directed');
    expect(view.multi).toBe(true);
    expect(view.order).toBe(graph.order);
    expect(view.size).toBe(graph.size);
    const kinds = view
      .directedEdges('./shop/models.py', './shop/models.py::models.Order')
      .map((e) => view.getEdgeAttributes(e).kind);
    expect(kinds.sort()).toEqual(['contains', 'defines']);
  });

  it('matches names only within a language family', async () => {
    const dir = fixtureRepo('shop');
    writeFiles(dir, {
      'tools/Parser.java': 'class Parser {\n  static int parse(String s) { return 1; }\n}\n',
      'tools/run.ts': 'export function main(): number {\n  return parse("x");\n}\n',
      'tools/parse.js': 'export function parse(s) {\n  return 1;\n}\n',
    });
    const index = await buildRepoIndex(dir);
    const graph = buildCodeGraph(index.files);
    expect(graph.edgesBetween('./tools/run.ts::run.main', './tools/parse.js::parse.parse')).toMatchObject([
      { kind: 'references', provenance: 'name-match' },
    ]);
    expect(graph.edgesBetween('./tools/run.ts::run.main', './tools/Parser.java::Parser.Parser.parse')).toEqual([]);
  });

  it('makes external nodes of third-party modules only, not of names imported from repository modules', async () => {
    const { graph } = await shop();
    // `from dataclasses import dataclass, field`: the standard library, so external.
    expect(graph.hasNode('<external>::dataclasses')).toBe(true);
    expect(graph.hasNode('<external>::dataclasses.field')).toBe(true);
    // `from .models import Order` and `from shop.models import Order`: a class of a repository module.
    expect(graph.hasNode('<external>::.models.Order')).toBe(false);
    expect(graph.hasNode('<external>::shop.models.Order')).toBe(false);
    expect(graph.edgesBetween('./shop/pricing.py', './shop/models.py')).toMatchObject([{ kind: 'imports' }]);
  });

  it('makes no external node of a relative Python import, even in a namespace package without __init__.py', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'nspkg/core.py': 'from . import helpers\nfrom .gone import thing\n\n\ndef run():\n    return helpers.h()\n',
      'nspkg/helpers.py': 'def h():\n    return 1\n',
    });
    const index = await buildRepoIndex(dir);
    const graph = buildCodeGraph(index.files);
    expect(graph.edgesBetween('./nspkg/core.py', './nspkg/helpers.py')).toMatchObject([{ kind: 'imports' }]);
    for (const spec of ['.', '.helpers', '.gone', '.gone.thing'])
      expect(graph.hasNode(`<external>::${spec}`)).toBe(false);
  });

  it('makes no external node of an absolute import of a namespace package, but leaves single names to the libraries', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'src/nspkg/sub/core.py': 'def run():\n    return 1\n',
      'app.py':
        'import nspkg.sub\nimport nspkg.sub.core\nimport json\nimport xml.etree\n\n\ndef main():\n    return nspkg.sub.core.run()\n',
      // A directory named like a standard-library module: `import json` still means the library's.
      'json/util.py': 'X = 1\n',
    });
    const index = await buildRepoIndex(dir);
    const graph = buildCodeGraph(index.files);
    expect(graph.hasNode('<external>::nspkg.sub')).toBe(false);
    expect(graph.edgesBetween('./app.py', './src/nspkg/sub/core.py')).toMatchObject([{ kind: 'imports' }]);
    expect(graph.hasNode('<external>::json')).toBe(true);
    expect(graph.hasNode('<external>::xml.etree')).toBe(true);
  });

  it('links a Rust file to each module its use trees name, once, and makes no external node of the crate', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'src/lib.rs': 'mod flags;\nmod search;\n',
      'src/flags.rs': 'pub struct HiArgs {}\n\npub enum SearchMode {\n    Fast,\n}\n',
      'src/search.rs': [
        'use crate::{flags::{HiArgs, SearchMode}};',
        'use std::{fs, io};',
        '',
        'pub fn run(args: HiArgs) -> SearchMode {',
        '    SearchMode::Fast',
        '}',
        '',
        '#[cfg(test)]',
        'mod tests {',
        '    use super::*;',
        '}',
        '',
      ].join('\n'),
    });
    const index = await buildRepoIndex(dir);
    const graph = buildCodeGraph(index.files);
    // Both leaves name flags.rs: one edge, weighing what one import does.
    expect(graph.edgesBetween('./src/search.rs', './src/flags.rs')).toMatchObject([{ kind: 'imports', weight: 1 }]);
    expect(graph.edgesBetween('./src/search.rs::search.run', './src/flags.rs::flags.HiArgs')).toMatchObject([
      { kind: 'references', provenance: 'import' },
    ]);
    // The standard library is external, leaf by leaf; the crate itself and `super` are not.
    expect(graph.hasNode('<external>::std::fs')).toBe(true);
    expect(graph.hasNode('<external>::std::io')).toBe(true);
    for (const spec of ['crate', 'super', 'crate::flags::HiArgs'])
      expect(graph.hasNode(`<external>::${spec}`)).toBe(false);
  });

  it("links a C++ file to the repository's headers it includes with angle brackets, and to no system header", async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'include/acme/str.h': '#pragma once\nint acme_len(const char *s);\n',
      'tests/str_test.cc': '#include <sys/types.h>\n#include <acme/str.h>\n\nint check() { return acme_len("x"); }\n',
    });
    const index = await buildRepoIndex(dir);
    const graph = buildCodeGraph(index.files);
    expect(graph.edgesBetween('./tests/str_test.cc', './include/acme/str.h')).toMatchObject([{ kind: 'imports' }]);
    expect(graph.hasNode('<external>::<sys/types.h>')).toBe(false);
  });

  it('matches names within a JVM package across source sets, before guessing anywhere', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'lib/src/main/java/org/acme/Parser.java':
        'package org.acme;\n\npublic class Parser {\n  public int parse(String s) { return 1; }\n}\n',
      'lib/src/main/java/org/other/Reader.java':
        'package org.other;\n\npublic class Reader {\n  public int parse(String s) { return 2; }\n}\n',
      'lib/src/test/java/org/acme/ParserTest.java':
        'package org.acme;\n\nclass ParserTest {\n  void parses() { new Parser().parse("x"); }\n}\n',
    });
    const index = await buildRepoIndex(dir);
    const graph = buildCodeGraph(index.files);
    const from = './lib/src/test/java/org/acme/ParserTest.java::ParserTest.ParserTest.parses';
    expect(graph.edgesBetween(from, './lib/src/main/java/org/acme/Parser.java::Parser.Parser.parse')).toMatchObject([
      { kind: 'references', provenance: 'name-match' },
    ]);
    expect(graph.edgesBetween(from, './lib/src/main/java/org/other/Reader.java::Reader.Reader.parse')).toEqual([]);
    expect(packageScope('lib/src/test/java/org/acme', 'java')).toBe(packageScope('lib/src/main/java/org/acme', 'java'));
    expect(packageScope('okhttp/src/jvmTest/kotlin/okhttp3', 'kotlin')).toBe('jvm package:okhttp3');
    expect(packageScope('src/main/java', 'java')).toBe('jvm package:');
    expect(packageScope('lib/src/main/java/org/acme', 'python')).toBe('lib/src/main/java/org/acme');
    expect(packageScope('tools', 'java')).toBe('tools');
  });

  it('matches every reference by name alone when import resolution is off', async () => {
    const dir = fixtureRepo('shop');
    const index = await buildRepoIndex(dir);
    const graph = buildCodeGraph(index.files, { resolveImports: false });
    const edges = (source: string, target: string) => graph.edgesBetween(source, target);
    // The same reference the resolved graph marks `import` is now a guess by name.
    expect(
      edges('./shop/pricing.py::pricing.apply_discount', './shop/models.py::models.Order.total_price'),
    ).toMatchObject([{ kind: 'references', provenance: 'name-match' }]);
    expect(edges('./shop/pricing.py', './shop/models.py')).toEqual([]);
    expect(graph.hasNode('<external>::dataclasses')).toBe(false);
  });

  it('discounts private names', async () => {
    const { graph } = await shop();
    // _slugify is never referenced; a reference to it would weigh a tenth of a public one.
    expect(graph.inDegree('./shop/utils.py::utils._slugify')).toBe(2); // defines + contains only
  });
});

describe('rankFiles', () => {
  it('ranks what a changed file relies on and what relies on it, with roles and reasons', async () => {
    const { index, graph } = await shop();
    const ranking = rankFiles(graph, index.files, {
      changed: [{ path: 'shop/pricing.py', status: 'modified', ranges: [{ start: 7, end: 8 }] }],
    });
    const byPath = new Map(ranking.files.map((f) => [f.path, f]));
    expect(ranking.files[0]!.path).toBe('shop/pricing.py');
    expect(ranking.files[0]!.reasons).toEqual(['changed at lines 7–8']);
    // Context: what the change relies on.
    expect(byPath.get('shop/models.py')!.role).toBe('context');
    expect(byPath.get('shop/models.py')!.reasons[0]).toBe('`apply_discount` in shop/pricing.py calls `total_price`');
    expect(byPath.get('shop/utils.py')!.role).toBe('context');
    // Impact: what relies on the change.
    expect(byPath.get('shop/cli.py')!.role).toBe('impact');
    expect(byPath.get('shop/cli.py')!.reasons).toContain('`main` calls `apply_discount` (shop/pricing.py)');
    expect(byPath.get('tests/test_pricing.py')!.role).toBe('impact');
    // Everything connected outranks what is not.
    const top = ranking.files.slice(1, 5).map((f) => f.path);
    expect(top.sort()).toEqual(['shop/cli.py', 'shop/models.py', 'shop/utils.py', 'tests/test_pricing.py']);
    expect(ranking.files).toHaveLength(index.files.length);
    expect(ranking.converged).toBe(true);
    // The changed lines map to their enclosing definition, which ranks first among symbols.
    expect(ranking.symbols[0]!.id).toBe('./shop/pricing.py::pricing.apply_discount');
  });

  it('ranks from identifiers and paths mentioned in a text', async () => {
    const { index, graph } = await shop();
    const ranking = rankFiles(graph, index.files, {
      changed: [],
      text: 'After `free_shipping` was added, web/money.js formats cents wrongly.',
    });
    const top = ranking.files.slice(0, 3).map((f) => f.path);
    expect(top).toContain('shop/pricing.py');
    expect(top).toContain('web/money.js');
    // Files with no connection to the text stay at the bottom.
    expect(ranking.files.at(-1)!.score).toBe(0);
    expect(ranking.files.find((f) => f.path === 'web/money.js')!.reasons).toContain('mentioned in the text');
    expect(ranking.files.find((f) => f.path === 'shop/pricing.py')!.reasons).toContain(
      'defines `free_shipping`, named in the text',
    );
  });

  it("matches the words of a diff's changed lines, removed ones too, against the other files", async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'billing.py': 'def charge(amount):\n    return amount\n',
      'ledger.py': 'def post_entry(book):\n    return book.balance\n',
      'mailer.py': 'def send(message):\n    return message\n',
      'tuning.py': 'def xylophone_tuner(pitch):\n    return pitch\n',
    });
    // The change removed a call to xylophone_tuner: the word is no longer in the file, only in the diff.
    const changed = { path: 'billing.py', status: 'modified' as const, ranges: [{ start: 2, end: 2 }] };
    const withDiff = await analyzeRepository(
      dir,
      { changed: [{ ...changed, addedText: '    return amount', removedText: '    return xylophone_tuner(amount)' }] },
      { history: false },
    );
    const tuning = withDiff.ranking.files.find((f) => f.path === 'tuning.py')!;
    expect(withDiff.ranking.files.map((f) => f.path).indexOf('tuning.py')).toBe(1);
    expect(tuning.reasons).toContain('shares words with the changed lines: `tuner`, `xylophone`, `xylophone_tuner`');
    const withoutDiff = await analyzeRepository(dir, { changed: [changed] }, { history: false });
    expect(withoutDiff.ranking.files.find((f) => f.path === 'tuning.py')!.score).toBe(0);
  });

  it('explains a word match by the words that weigh most, not the most frequent ones', async () => {
    const dir = tempDir();
    // `end` closes every block of every file; `invoice` and `ledger` are the two files' own words.
    const block = (name: string, body: string): string => `def ${name} do\n  ${body}\nend\n`;
    writeFiles(dir, {
      'lib/billing.ex': `defmodule Billing do\n${block('invoice_total', 'ledger_sum()')}${block('a', 'x()')}${block('b', 'y()')}end\n`,
      'lib/ledger.ex': `defmodule Ledger do\n${block('invoice_total', 'ledger_sum()')}${block('c', 'z()')}${block('d', 'w()')}end\n`,
      'lib/mailer.ex': `defmodule Mailer do\n${block('e', 'v()')}${block('f', 'u()')}end\n`,
      'lib/queue.ex': `defmodule Queue do\n${block('g', 't()')}${block('h', 's()')}end\n`,
    });
    const { ranking } = await analyzeRepository(
      dir,
      { changed: [{ path: 'lib/billing.ex', status: 'modified', ranges: [{ start: 2, end: 4 }] }] },
      { history: false },
    );
    const ledger = ranking.files.find((f) => f.path === 'lib/ledger.ex')!;
    const words = ledger.reasons.find((r) => r.startsWith('uses the same words as the change'));
    expect(words).toBeDefined();
    expect(words).not.toContain('`end`');
    expect(words).toContain('`invoice`');
  });

  it('reports seeds that are not in the index', async () => {
    const { index, graph } = await shop();
    const ranking = rankFiles(graph, index.files, {
      changed: [
        { path: 'gone.py', status: 'deleted', ranges: [] },
        { path: 'README.md', status: 'modified', ranges: [] },
      ],
    });
    expect(ranking.unmatched).toEqual(['gone.py', 'README.md']);
  });

  it('is deterministic', async () => {
    const a = await shop();
    const b = await shop();
    const seeds = { changed: [{ path: 'shop/models.py', status: 'modified' as const, ranges: [] }] };
    expect(JSON.stringify(rankFiles(a.graph, a.index.files, seeds))).toBe(
      JSON.stringify(rankFiles(b.graph, b.index.files, seeds)),
    );
  });
});
