import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeFramePath, isExternalPath } from '../../src/ci/frame-paths.js';
import { mapFrames, pathResolver, repoViewFromIndex, traceSeeds, type RepoView } from '../../src/ci/map-frames.js';
import { parseLog } from '../../src/ci/parse-log.js';
import type { Frame } from '../../src/ci/types.js';
import { buildRepoIndex } from '../../src/parse/repo-index.js';
import { tempDir } from '../helpers/repo.js';
import { CI_FIXTURES, readText } from './corpus.js';

describe('normalizeFramePath', () => {
  const cases: [string, string][] = [
    ['/home/runner/work/shop/shop/src/app.py', 'src/app.py'],
    ['/Users/runner/work/shop/shop/lib/x.rb', 'lib/x.rb'],
    ['D:\\a\\shop\\shop\\src\\app.py', 'src/app.py'],
    ['/__w/shop/shop/pkg/x.go', 'pkg/x.go'],
    ['/opt/actions-runner/_work/shop/shop/a/b.ts', 'a/b.ts'],
    ['/github/workspace/src/main.rs', 'src/main.rs'],
    ['/app/shop/models.py', 'shop/models.py'],
    ['/src/lib/index.js', 'lib/index.js'],
    ['/workspace/x/y.c', 'x/y.c'],
    ['file:///home/runner/work/shop/shop/src/a.mjs', 'src/a.mjs'],
    ['./src/lib.rs', 'src/lib.rs'],
    ['/tmp/build/src/a.py', '/tmp/build/src/a.py'],
  ];
  for (const [raw, path] of cases)
    it(`${raw} → ${path}`, () => {
      expect(normalizeFramePath(raw)).toBe(path);
    });

  it('recognises standard-library, runtime, dependency and build-output paths', () => {
    for (const path of [
      '/opt/hostedtoolcache/Python/3.11.7/x64/lib/python3.11/json/decoder.py',
      '/home/runner/.local/lib/python3.12/site-packages/requests/api.py',
      'node_modules/express/lib/router/layer.js',
      'node:internal/timers',
      '/usr/local/go/src/runtime/panic.go',
      '/home/runner/go/pkg/mod/github.com/stretchr/testify@v1.9.0/assert/assertions.go',
      '/rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/option.rs',
      '/home/runner/.cargo/registry/src/index.crates.io-6f17d22bba15001f/tokio-1.0.0/src/lib.rs',
      '/usr/local/bundle/gems/rspec-core-3.13.0/lib/rspec/core.rb',
      '../sysdeps/nptl/libc_start_call_main.h',
      'dist/index.js',
    ])
      expect(isExternalPath(path), path).toBe(true);
    for (const path of ['src/app.py', 'lib/cart.rb', 'store/store.go', 'src/dist.ts', 'build.gradle'])
      expect(isExternalPath(path), path).toBe(false);
  });
});

function view(paths: string[], foreign: string[] = []): RepoView {
  return { paths, foreign: new Set(foreign), tagsOf: () => [], read: () => null };
}

function frame(path: string | null, extra: Partial<Frame> = {}): Frame {
  return { path, line: 1, column: null, function: null, external: false, ...extra };
}

describe('pathResolver', () => {
  const resolve = pathResolver(
    view([
      'src/main/java/com/example/shop/Inventory.java',
      'web/src/cart.js',
      'api/src/cart.js',
      'shop/utils.py',
      'tools/utils.py',
      'main.py',
      'lib/cart.rb',
    ]),
  );
  it('finds files by their longest suffix', () => {
    expect(resolve(frame('com/example/shop/Inventory.java'))).toBe('src/main/java/com/example/shop/Inventory.java');
    expect(resolve(frame('/tmp/build/web/src/cart.js'))).toBe('web/src/cart.js');
    expect(resolve(frame('/tmp/build/main.py'))).toBe('main.py');
    expect(resolve(frame('cart.rb'))).toBe('lib/cart.rb');
  });
  it('does not guess between equally good files, nor from a file name alone inside a foreign directory', () => {
    expect(resolve(frame('src/cart.js'))).toBeNull();
    expect(resolve(frame('utils.py'))).toBeNull();
    expect(resolve(frame('/usr/lib/python3/dist-packages/somewhere/utils.py'))).toBeNull();
    expect(resolve(frame(null))).toBeNull();
  });
});

function copyRepo(name: string): string {
  const dir = tempDir();
  cpSync(join(CI_FIXTURES, 'repos', name), dir, { recursive: true });
  return dir;
}

describe('mapFrames', () => {
  it('maps a pytest report to files, enclosing symbols and code', async () => {
    const root = copyRepo('python');
    const index = await buildRepoIndex(root);
    const parsed = parseLog(readText(join(CI_FIXTURES, 'python', 'pytest-long.log')));
    const mapped = mapFrames(parsed.failures, repoViewFromIndex(index));
    const load = mapped[1]!;
    expect(load.failure.test).toBe('tests/test_calc.py::test_load');
    expect(load.projectFrames.map((f) => `${f.resolved}:${f.line} ${f.symbol?.id}`)).toEqual([
      'pkg/calc.py:10 ./pkg/calc.py::calc.load',
      'pkg/calc.py:5 ./pkg/calc.py::calc.parse_config',
      'tests/test_calc.py:9 ./tests/test_calc.py::test_calc.test_load',
      'pkg/calc.py:12 ./pkg/calc.py::calc.load',
    ]);
    expect(load.frames.filter((f) => f.external)).toHaveLength(3);
    expect(load.projectFrames[0]!.snippet).toEqual([
      { line: 8, text: 'def load(text):' },
      { line: 9, text: '    try:' },
      { line: 10, text: '        return parse_config(text)' },
      { line: 11, text: '    except ValueError as error:' },
      { line: 12, text: '        raise RuntimeError("config is broken") from error' },
    ]);
    const method = mapped[3]!.projectFrames[0]!;
    expect(method.symbol).toMatchObject({
      name: 'test_method',
      symbolKind: 'method',
      id: './tests/test_calc.py::test_calc.TestGroup.test_method',
    });

    const seeds = traceSeeds(mapped);
    expect(seeds.frames[0]).toEqual({ path: 'tests/test_calc.py', line: 5 });
    expect(seeds.identifiers).toContain('parse_config');
    expect(seeds.text).toContain('RuntimeError: config is broken');
  });

  it('maps package-relative go test file names through go.mod', async () => {
    const root = copyRepo('go');
    const index = await buildRepoIndex(root);
    const parsed = parseLog(readText(join(CI_FIXTURES, 'go', 'gotest-example-module.log')));
    expect(parsed.failures[0]!.frames[0]!.path).toBe('store_test.go');
    const mapped = mapFrames(parsed.failures, repoViewFromIndex(index));
    expect(mapped.map((m) => m.projectFrames.map((f) => `${f.resolved}:${f.line} ${f.symbol?.name ?? '-'}`))).toEqual([
      ['store/store_test.go:11 TestPrice'],
      ['store/store_test.go:15 TestPrice'],
      ['store/store.go:13 Lookup', 'store/store_test.go:27 TestLookupPanics'],
    ]);
  });

  it('treats vendored files as external', () => {
    const repo = view(['src/app.js', 'vendor/lib.js'], ['vendor/lib.js']);
    const [mapped] = mapFrames(
      [{ kind: 'exception', message: 'x', test: null, frames: [frame('vendor/lib.js'), frame('src/app.js')] }],
      repo,
    );
    expect(mapped!.frames.map((f) => f.external)).toEqual([true, false]);
  });
});
