import { describe, expect, it } from 'vitest';
import { buildCodeGraph, fileNodeId } from '../../src/graph/code-graph.js';
import { FileLookup, resolveImport } from '../../src/graph/imports.js';
import { jsAliasTargets, loadModuleMaps, stripJsonComments } from '../../src/graph/module-maps.js';
import { buildRepoIndex } from '../../src/parse/repo-index.js';
import { tempDir, writeFiles } from '../helpers/repo.js';

/** A monorepo: a base tsconfig with paths, packages extending it, workspace manifests. */
function monorepo(): string {
  const dir = tempDir();
  writeFiles(dir, {
    'tsconfig.base.json': `{
      // comments and trailing commas are tsconfig's dialect
      "compilerOptions": {
        "baseUrl": ".",
        "paths": {
          "@app/*": ["packages/app/src/*"], /* block comment */
          "@app/core": ["packages/core/src/index.ts"],
          "~/*": ["packages/app/src/*",],
        },
      },
    }`,
    'packages/app/tsconfig.json': '{ "extends": "../../tsconfig.base.json" }',
    'packages/app/src/main.ts':
      "import { total } from '@app/core';\nimport { fmt } from '~/format';\nimport { helper } from '@acme/util/helpers';\nimport React from 'react';\nexport const run = () => fmt(total([1]), helper());\n",
    'packages/app/src/format.ts': 'export function fmt(n: number): string { return String(n); }\n',
    'packages/core/package.json': '{ "name": "@acme/core", "main": "dist/index.js" }',
    'packages/core/src/index.ts': "export * from './sum';\n",
    'packages/core/src/sum.ts': 'export function total(xs: number[]): number { return xs.length; }\n',
    'packages/other/sum.ts': 'export function total(xs: number[]): number { return 0; }\n',
    'packages/util/package.json': '{ "name": "@acme/util", "exports": { ".": { "import": "./dist/esm/index.js" } } }',
    'packages/util/src/index.ts': "export { helper } from './helpers';\n",
    'packages/util/src/helpers.ts': 'export function helper(): number { return 1; }\n',
    'packages/web/package.json': '{ "name": "@acme/web" }',
    'packages/web/index.js': "const { total } = require('@acme/core');\nconst u = require('@acme/util');\n",
    'packages/broken/tsconfig.json': '{ "compilerOptions": { "paths": ',
  });
  return dir;
}

describe('stripJsonComments', () => {
  it('removes comments and trailing commas but not text inside strings', () => {
    const text = '{ "a": "http://x/*y*/", // c\n "b": [1, 2, /* z */ ], }';
    expect(JSON.parse(stripJsonComments(text))).toEqual({ a: 'http://x/*y*/', b: [1, 2] });
  });
});

describe('loadModuleMaps', () => {
  it('follows extends for paths, reads workspace manifests and reports broken configs', async () => {
    const dir = monorepo();
    const index = await buildRepoIndex(dir);
    const modules = index.modules;
    expect(modules.broken).toEqual(['packages/broken/tsconfig.json']);
    expect(index.skipped.find((s) => s.path === 'packages/broken/tsconfig.json')?.reason).toBe('parse-error');
    const app = modules.configs.find((c) => c.scope === 'packages/app')!;
    expect(app.baseUrl).toBe('');
    expect(app.paths.find((p) => p.pattern === '@app/*')?.targets).toEqual(['packages/app/src/*']);
    expect(modules.packages.map((p) => p.name)).toEqual(['@acme/core', '@acme/util', '@acme/web']);
    expect(modules.packages[0]!.entries).toEqual(['packages/core/dist/index.js', 'packages/core/src/index.js']);
    expect(modules.packages[1]!.entries).toEqual(['packages/util/dist/esm/index.js', 'packages/util/src/index.js']);
  });

  it('prefers an exact pattern, then the longest prefix, as TypeScript does', () => {
    const modules = {
      configs: [
        {
          scope: '',
          paths: [
            { pattern: '@app/*', targets: ['a/*'] },
            { pattern: '@app/core/*', targets: ['core/*'] },
            { pattern: '@app/x', targets: ['exact'] },
          ],
        },
      ],
      packages: [],
      psr4: [],
      dart: [],
      broken: [],
    };
    expect(jsAliasTargets('src/m.ts', '@app/core/y', modules)).toEqual(['core/y']);
    expect(jsAliasTargets('src/m.ts', '@app/x', modules)).toEqual(['exact']);
    expect(jsAliasTargets('src/m.ts', '@app/z', modules)).toEqual(['a/z']);
    expect(jsAliasTargets('src/m.ts', 'lodash', modules)).toEqual([]);
  });

  it('ignores a repository without configs', () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.ts': 'export const a = 1;\n' });
    expect(loadModuleMaps(dir, ['a.ts'])).toEqual({ configs: [], packages: [], psr4: [], dart: [], broken: [] });
  });
});

describe('resolving bare specifiers', () => {
  it('maps tsconfig paths, workspace packages (entry and subpath) to repository files, leaving real packages external', async () => {
    const dir = monorepo();
    const index = await buildRepoIndex(dir);
    const files = new FileLookup(index.files.map((f) => f.path));
    const resolve = (from: string, spec: string): string[] =>
      resolveImport('typescript', from, spec, files, index.modules);
    expect(resolve('packages/app/src/main.ts', '@app/core')).toEqual(['packages/core/src/index.ts']);
    expect(resolve('packages/app/src/main.ts', '~/format')).toEqual(['packages/app/src/format.ts']);
    expect(resolve('packages/app/src/main.ts', '@acme/util/helpers')).toEqual(['packages/util/src/helpers.ts']);
    expect(resolve('packages/web/index.js', '@acme/core')).toEqual(['packages/core/src/index.ts']);
    expect(resolve('packages/web/index.js', '@acme/util')).toEqual(['packages/util/src/index.ts']);
    expect(resolve('packages/app/src/main.ts', 'react')).toEqual([]);
    // Without the repository's module map a bare specifier is a package, as before.
    expect(resolveImport('typescript', 'packages/app/src/main.ts', '@app/core', files)).toEqual([]);

    const graph = buildCodeGraph(index.files, { modules: index.modules });
    const imported = (from: string): string[] => {
      const out: string[] = [];
      graph.forEachDependencyEdge((edge, u, v) => {
        if (graph.node(u).path === from && graph.edge(edge).kind === 'imports') out.push(graph.key(v));
      });
      return out.sort();
    };
    expect(imported('packages/app/src/main.ts')).toEqual(
      [
        fileNodeId('packages/app/src/format.ts'),
        fileNodeId('packages/core/src/index.ts'),
        fileNodeId('packages/util/src/helpers.ts'),
        '<external>::react',
      ].sort(),
    );
    // `total` comes from @app/core, whose index re-exports ./sum: the reference is precise, not a name match.
    const references: string[] = [];
    graph.forEachDependencyEdge((edge, u, v) => {
      const attributes = graph.edge(edge);
      if (graph.node(u).path === 'packages/app/src/main.ts' && attributes.name === 'total')
        references.push(`${graph.key(v)} ${attributes.provenance}`);
    });
    expect([...new Set(references)]).toEqual(['./packages/core/src/sum.ts::sum.total import']);
  });
});

describe('composer PSR-4 roots', () => {
  /** A Laravel-style application: `App\` in app/, tests in tests/, a package splitting one namespace over two directories. */
  function application(): string {
    const dir = tempDir();
    writeFiles(dir, {
      'composer.json': JSON.stringify({
        autoload: { 'psr-4': { 'App\\': 'app/', 'App\\Support\\': ['lib/Macroable/', 'lib/Collections/'] } },
        'autoload-dev': { 'psr-4': { 'Tests\\': 'tests/' } },
      }),
      'app/Models/User.php':
        '<?php\nnamespace App\\Models;\n\nclass User\n{\n    public function name() { return "u"; }\n}\n',
      'lib/Collections/Collection.php': '<?php\nnamespace App\\Support;\n\nclass Collection\n{\n}\n',
      'other/App/Models/User.php': '<?php\nnamespace Legacy\\App\\Models;\n\nclass User\n{\n}\n',
      'tests/Feature/UserTest.php': [
        '<?php',
        'namespace Tests\\Feature;',
        '',
        'use App\\Models\\User;',
        'use App\\Support\\Collection;',
        'use function App\\Support\\helper;',
        'use Illuminate\\Support\\Str;',
        '',
        'class UserTest',
        '{',
        '    public function testName() { return (new User())->name(); }',
        '}',
        '',
      ].join('\n'),
      'packages/broken/composer.json': '{ "autoload": ',
    });
    return dir;
  }

  it('reads autoload and autoload-dev roots, longest namespace first, and reports a broken composer.json', async () => {
    const index = await buildRepoIndex(application());
    expect(index.modules.psr4).toEqual([
      { prefix: 'App\\Support', dirs: ['lib/Macroable', 'lib/Collections'] },
      { prefix: 'Tests', dirs: ['tests'] },
      { prefix: 'App', dirs: ['app'] },
    ]);
    expect(index.modules.broken).toEqual(['packages/broken/composer.json']);
  });

  it("resolves a class to the file its root puts it in, and keeps the repository's namespaces out of the externals", async () => {
    const index = await buildRepoIndex(application());
    const files = new FileLookup(index.files.map((f) => f.path));
    const resolve = (spec: string): string[] =>
      resolveImport('php', 'tests/Feature/UserTest.php', spec, files, index.modules);
    // Not other/App/Models/User.php, which a path suffix would find first.
    expect(resolve('App\\Models\\User')).toEqual(['app/Models/User.php']);
    // The second directory of a namespace split over two.
    expect(resolve('App\\Support\\Collection')).toEqual(['lib/Collections/Collection.php']);
    // Without the roots, the shortest path ending with the namespace's.
    expect(resolveImport('php', 'tests/Feature/UserTest.php', 'App\\Models\\User', files)).toEqual([
      'other/App/Models/User.php',
    ]);
    const graph = buildCodeGraph(index.files, { modules: index.modules });
    expect(graph.edgesBetween('./tests/Feature/UserTest.php', './app/Models/User.php')).toMatchObject([
      { kind: 'imports' },
    ]);
    expect(graph.hasNode('<external>::Illuminate\\Support\\Str')).toBe(true);
    expect(graph.hasNode('<external>::App\\Support\\helper')).toBe(false);
  });
});

describe('Dart packages', () => {
  /** A Dart monorepo: a package whose library exports its sources, an example copying its name, an app using it. */
  function workspace(): string {
    const dir = tempDir();
    writeFiles(dir, {
      'packages/shop/pubspec.yaml': 'name: shop # the library\nversion: 1.0.0\ndependencies:\n  meta: ^1.9.0\n',
      'packages/shop/lib/shop.dart': "library shop;\n\nexport 'src/cart.dart';\n",
      'packages/shop/lib/src/cart.dart': 'class Cart {\n  int total() => 0;\n}\n',
      'packages/shop/example/pubspec.yaml': "name: 'shop'\n",
      'packages/shop/example/lib/cart.dart': 'class Cart {}\n',
      'app/pubspec.yaml': 'name: app\ndependencies:\n  shop:\n    path: ../packages/shop\n',
      'app/lib/main.dart': [
        "import 'package:flutter/material.dart';",
        "import 'package:shop/shop.dart';",
        '',
        "part 'main.g.dart';",
        '',
        'int checkout() => Cart().total();',
        '',
      ].join('\n'),
      'tools/pubspec.yaml': 'description: no name\n',
    });
    return dir;
  }

  it('reads each pubspec.yaml name, the shallowest first, and reports one without a name', async () => {
    const index = await buildRepoIndex(workspace());
    expect(index.modules.dart).toEqual([
      { name: 'app', dir: 'app' },
      { name: 'shop', dir: 'packages/shop' },
      { name: 'shop', dir: 'packages/shop/example' },
    ]);
    expect(index.modules.broken).toEqual(['tools/pubspec.yaml']);
  });

  it("links package: imports to the package's library and through its exports, keeping the repository's URIs out of the externals", async () => {
    const index = await buildRepoIndex(workspace());
    const graph = buildCodeGraph(index.files, { modules: index.modules });
    expect(graph.edgesBetween('./app/lib/main.dart', './packages/shop/lib/shop.dart')).toMatchObject([
      { kind: 'imports' },
    ]);
    expect(graph.hasNode('<external>::package:flutter/material.dart')).toBe(true);
    // Two packages are named `shop`: an import means the one holding the importer, else the nearest.
    const files = new FileLookup(index.files.map((f) => f.path));
    expect(
      resolveImport('dart', 'packages/shop/example/lib/main.dart', 'package:shop/cart.dart', files, index.modules),
    ).toEqual(['packages/shop/example/lib/cart.dart']);
    expect(resolveImport('dart', 'app/lib/main.dart', 'package:shop/src/cart.dart', files, index.modules)).toEqual([
      'packages/shop/lib/src/cart.dart',
    ]);
    expect(graph.hasNode('<external>::main.g.dart')).toBe(false);
    // `Cart` is defined twice; the one the library exports is the precise target, not the example's.
    const references: string[] = [];
    graph.forEachDependencyEdge((edge, u, v) => {
      const attributes = graph.edge(edge);
      if (graph.node(u).path === 'app/lib/main.dart' && attributes.name === 'Cart')
        references.push(`${graph.key(v)} ${attributes.provenance}`);
    });
    expect([...new Set(references)]).toEqual(['./packages/shop/lib/src/cart.dart::cart.Cart import']);
  });
});
