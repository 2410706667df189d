import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeLog } from '../../src/ci/normalize.js';
import { parseBusted, parseBustedTap, parseLuaErrors, parsePlenary } from '../../src/ci/parsers/lua.js';
import { CI_FIXTURES, readText } from './corpus.js';
import { mapped, parse } from './parse-helpers.js';

function located(failure: ReturnType<typeof parse>[number]) {
  return failure.frames.map((f) => [f.path, f.line, f.function, f.external]);
}

describe('busted', () => {
  it("takes the message's location and the test's without --verbose", () => {
    const failures = parse(
      [
        '●◼✱●',
        '2 successes / 1 failure / 1 error / 0 pending : 0.004162 seconds',
        '',
        'Failure → spec/cart_spec.lua @ 18',
        'Cart total applies the discount code',
        'spec/cart_spec.lua:22: Expected objects to be the same.',
        'Passed in:',
        '(number) 15',
        'Expected:',
        '(number) 13.5',
        '',
        'Error → spec/cart_spec.lua @ 27',
        'Cart total ignores items without a price',
        "./src/shop/cart.lua:41: attempt to perform arithmetic on a nil value (field 'price')",
      ].join('\n'),
    );
    expect(failures.map((f) => [f.kind, f.message, f.test])).toEqual([
      ['test-failure', 'Expected objects to be the same.', 'Cart total applies the discount code'],
      [
        'test-failure',
        "attempt to perform arithmetic on a nil value (field 'price')",
        'Cart total ignores items without a price',
      ],
    ]);
    expect(located(failures[0]!)).toEqual([['spec/cart_spec.lua', 22, null, false]]);
    expect(located(failures[1]!)).toEqual([
      ['src/shop/cart.lua', 41, null, false],
      ['spec/cart_spec.lua', 27, null, false],
    ]);
  });

  it("reads plainTerminal's arrows and a spec file that did not load", () => {
    const failures = parse(
      [
        '0 successes / 0 failures / 1 error / 0 pending : 0.0 seconds',
        '',
        "Error -> spec/broken_spec.lua:12: unexpected symbol near ')'",
        'spec/broken_spec.lua',
      ].join('\n'),
    );
    expect(failures).toEqual([
      {
        kind: 'compile-error',
        message: "unexpected symbol near ')'",
        test: null,
        frames: [{ path: 'spec/broken_spec.lua', line: 12, column: null, function: null, external: false }],
      },
    ]);
  });

  it('reads TAP output with its traceback', () => {
    const failures = parse(
      [
        'ok 1 - Cart starts empty',
        'not ok 2 - Cart total applies the discount code',
        '# spec/cart_spec.lua @ 18',
        '# Failure message: spec/cart_spec.lua:22: Expected objects to be the same.',
        '# Passed in:',
        '# (number) 15',
        '# stack traceback:',
        '# \tspec/cart_spec.lua:22: in function <spec/cart_spec.lua:18>',
        'ok 3 - Cart empties',
        '1..3',
      ].join('\n'),
    );
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      kind: 'test-failure',
      message: 'Expected objects to be the same.',
      test: 'Cart total applies the discount code',
    });
    expect(located(failures[0]!)).toEqual([['spec/cart_spec.lua', 22, null, false]]);
  });
});

describe('uncaught Lua errors', () => {
  it("reads LuaJIT's traceback with its C frames", () => {
    const [failure] = parse(
      [
        "luajit: ./src/shop/cart.lua:41: attempt to perform arithmetic on field 'price' (a nil value)",
        'stack traceback:',
        "\t./src/shop/cart.lua:41: in function 'total'",
        '\tscripts/report.lua:7: in main chunk',
        '\t[C]: at 0x5603e0e5b170',
      ].join('\n'),
    );
    expect(failure).toMatchObject({
      kind: 'exception',
      message: "attempt to perform arithmetic on field 'price' (a nil value)",
    });
    expect(located(failure!)).toEqual([
      ['src/shop/cart.lua', 41, 'total', false],
      ['scripts/report.lua', 7, 'main chunk', false],
      [null, null, null, true],
    ]);
  });

  it("reads resty's ERROR with the traceback below it", () => {
    const [failure] = parse(
      [
        "ERROR: ./bin/sync.lua:12: attempt to index local 'res' (a nil value)",
        'stack traceback:',
        "        ./bin/sync.lua:12: in function 'file_gen'",
        '        init_worker_by_lua(nginx.conf:130):45: in function <init_worker_by_lua(nginx.conf:130):43>',
        "        [C]: in function 'xpcall'",
      ].join('\n'),
    );
    expect(failure).toMatchObject({ kind: 'exception', message: "attempt to index local 'res' (a nil value)" });
    expect(located(failure!)).toEqual([
      ['bin/sync.lua', 12, 'file_gen', false],
      [null, null, null, true],
      [null, null, 'xpcall', true],
    ]);
  });

  it('reads a syntax error the interpreter printed without a traceback, and luacheck errors', () => {
    expect(
      parse(
        [
          "lua: scripts/import.lua:3: '=' expected near 'rows'",
          "    src/shop/cart.lua:12:5: (E011) expected '=' near 'total'",
          "    src/shop/cart.lua:3:7: (W211) unused variable 'x'",
          'Total: 1 warning / 1 error in 4 files',
        ].join('\n'),
      ),
    ).toEqual([
      {
        kind: 'compile-error',
        message: "'=' expected near 'rows'",
        test: null,
        frames: [{ path: 'scripts/import.lua', line: 3, column: null, function: null, external: false }],
      },
      {
        kind: 'compile-error',
        message: "expected '=' near 'total'",
        test: null,
        frames: [{ path: 'src/shop/cart.lua', line: 12, column: 5, function: null, external: false }],
      },
    ]);
  });
});

describe('ordinary Lua output', () => {
  it('finds nothing in passing runs, pending tests and look-alike lines', () => {
    const log = [
      '●●●◌',
      '3 successes / 0 failures / 0 errors / 1 pending : 0.002 seconds',
      '',
      'Pending → spec/inventory_spec.lua @ 30',
      'Inventory syncs with the warehouse API',
      'spec/inventory_spec.lua:30: needs a sandbox account',
      '',
      'Error -> connection refused while fetching rocks manifest',
      'ERROR: ./bin/sync.lua:12: could not reach the warehouse',
      'Success\t||\tcart adds an item\t',
      'Success: \t1\t',
      "    src/shop/cart.lua:3:7: (W211) unused variable 'x'",
      'Checking src/shop/cart.lua                        1 warning',
      'ok 1 - Cart starts empty',
      '1..1',
    ].join('\n');
    // (The generic fallback may still read `ERROR: file:line: …` when nothing else explains a job.)
    const { lines } = normalizeLog(log);
    for (const parser of [parseBusted, parseBustedTap, parsePlenary, parseLuaErrors]) expect(parser(lines)).toEqual([]);
  });
});

describe('mapping Lua frames', () => {
  it('resolves shortened chunk names and leaves LuaRocks trees and C out', () => {
    const busted = readText(join(CI_FIXTURES, 'lua', 'busted-verbose.log'));
    const paths = ['src/shop/pricing.lua', 'spec/pricing_spec.lua', 'spec/cart_spec.lua', 'shop-dev-1.rockspec'];
    expect(mapped(busted, paths)[1]).toEqual([
      ['src/shop/pricing.lua', 23, false],
      [null, 357, true],
      ['src/shop/pricing.lua', 31, false],
      ['spec/pricing_spec.lua', 16, false],
    ]);
    const plenary = readText(join(CI_FIXTURES, 'lua', 'plenary.log'));
    expect(mapped(plenary, ['lua/cart/format.lua', 'tests/format_spec.lua', 'tests/cart_spec.lua'])[1]).toEqual([
      ['lua/cart/format.lua', 14, false],
      ['tests/format_spec.lua', 9, false],
    ]);
  });
});
