import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CI_FIXTURES, readText } from './corpus.js';
import { mapped, parse } from './parse-helpers.js';

function located(failure: ReturnType<typeof parse>[number]) {
  return failure.frames.map((f) => [f.path, f.line, f.external]);
}

describe('Elixir compile errors', () => {
  it('reads the CompileError of Elixir before 1.15', () => {
    const [failure, ...rest] = parse(
      [
        'Compiling 3 files (.ex)',
        '',
        '== Compilation error in file lib/shop/cart.ex ==',
        '** (CompileError) lib/shop/cart.ex:31: undefined function totl/0',
        '    (elixir 1.14.5) src/elixir_locals.erl:78: :elixir_locals."-ensure_no_undefined_local/3-lc$^0/1-0-"/2',
        '    (stdlib 4.3.1) erl_eval.erl:748: :erl_eval.do_apply/7',
      ].join('\n'),
    );
    expect(rest).toEqual([]);
    expect(failure).toMatchObject({ kind: 'compile-error', message: 'undefined function totl/0', test: null });
    expect(located(failure!)).toEqual([
      ['lib/shop/cart.ex', 31, false],
      ['src/elixir_locals.erl', 78, true],
      ['erl_eval.erl', 748, true],
    ]);
  });

  it('reads the two-line diagnostics of 1.15 and drops the "errors have been logged" restatement', () => {
    const failures = parse(
      [
        'warning: variable "tax" is unused (if the variable is not meant to be used, prefix it with an underscore)',
        '  lib/shop/cart.ex:30: Shop.Cart.total/1',
        '',
        'error: undefined variable "totl"',
        '  lib/shop/cart.ex:31: Shop.Cart.total/1',
        '',
        '',
        '== Compilation error in file lib/shop/cart.ex ==',
        '** (CompileError) lib/shop/cart.ex: cannot compile module Shop.Cart (errors have been logged)',
        '    (elixir 1.15.7) expanding macro: Kernel.def/2',
        '    lib/shop/cart.ex:29: Shop.Cart (module)',
      ].join('\n'),
    );
    expect(failures).toEqual([
      {
        kind: 'compile-error',
        message: 'undefined variable "totl"',
        test: null,
        frames: [{ path: 'lib/shop/cart.ex', line: 31, column: null, function: 'Shop.Cart.total/1', external: false }],
      },
    ]);
  });

  it('keeps the restatement when no diagnostic was printed', () => {
    const [failure] = parse(
      [
        '== Compilation error in file lib/shop/cart.ex ==',
        '** (CompileError) lib/shop/cart.ex: cannot compile module Shop.Cart (errors have been logged)',
      ].join('\n'),
    );
    expect(failure).toMatchObject({
      kind: 'compile-error',
      message: 'cannot compile module Shop.Cart (errors have been logged)',
    });
    expect(located(failure!)).toEqual([['lib/shop/cart.ex', null, false]]);
  });

  it('reads a SyntaxError whose details are in a snippet (1.16+)', () => {
    const failures = parse(
      [
        '== Compilation error in file lib/shop/cart.ex ==',
        '** (SyntaxError) invalid syntax found on lib/shop/cart.ex:12:18:',
        "    error: syntax error before: ')'",
        '    │',
        ' 12 │     Enum.sum(items))',
        '    │                  ^',
        '    │',
        '    └─ lib/shop/cart.ex:12:18',
        '    (elixir 1.17.2) lib/kernel/parallel_compiler.ex:428: anonymous fn/5 in Kernel.ParallelCompiler.spawn_workers/8',
      ].join('\n'),
    );
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ kind: 'compile-error', message: "syntax error before: ')'" });
    expect(failures[0]!.frames.map((f) => [f.path, f.line, f.column, f.external])).toEqual([
      ['lib/shop/cart.ex', 12, 18, false],
      ['lib/kernel/parallel_compiler.ex', 428, null, true],
    ]);
  });
});

describe('ExUnit', () => {
  it('gives an umbrella app directory to the entries of the failing app', () => {
    const [failure] = parse(
      [
        '==> shop_web',
        'Running ExUnit with seed: 1, max_cases: 4',
        '',
        '  1) test renders the cart (ShopWeb.CartLiveTest)',
        '     apps/shop_web/test/shop_web/live/cart_live_test.exs:14',
        '     ** (RuntimeError) no price for SKU-2',
        '     stacktrace:',
        '       (shop 0.1.0) lib/shop/catalog.ex:40: Shop.Catalog.price!/1',
        '       (shop_web 0.1.0) lib/shop_web/live/cart_live.ex:22: ShopWeb.CartLive.mount/3',
        '       test/shop_web/live/cart_live_test.exs:17: (test)',
        '',
        'Finished in 0.1 seconds (0.00s async, 0.1s sync)',
        '3 tests, 1 failure',
      ].join('\n'),
    );
    expect(failure).toMatchObject({
      kind: 'test-failure',
      message: '(RuntimeError) no price for SKU-2',
      test: 'test renders the cart (ShopWeb.CartLiveTest)',
    });
    expect(located(failure!)).toEqual([
      ['lib/shop/catalog.ex', 40, false],
      ['apps/shop_web/lib/shop_web/live/cart_live.ex', 22, false],
      ['apps/shop_web/test/shop_web/live/cart_live_test.exs', 17, false],
    ]);
  });

  it('names the module of a setup_all failure', () => {
    const [failure] = parse(
      [
        '  1) Shop.ImportTest: failure on setup_all callback, all tests have been invalidated',
        '     ** (File.Error) could not read file "test/fixtures/catalog.csv": no such file or directory',
        '     stacktrace:',
        '       (elixir 1.17.2) lib/file.ex:358: File.read!/1',
        '       test/shop/import_test.exs:6: Shop.ImportTest.__ex_unit_setup_all_0/1',
      ].join('\n'),
    );
    expect(failure).toMatchObject({
      kind: 'test-failure',
      message: '(File.Error) could not read file "test/fixtures/catalog.csv": no such file or directory',
      test: 'Shop.ImportTest',
    });
    expect(located(failure!)).toEqual([
      ['lib/file.ex', 358, true],
      ['test/shop/import_test.exs', 6, false],
    ]);
  });

  it('makes a timeout of a test timed out', () => {
    const [failure] = parse(
      [
        '  1) test syncs the warehouse (Shop.SyncTest)',
        '     test/shop/sync_test.exs:9',
        '     ** (ExUnit.TimeoutError) test timed out after 60000ms. You can change the timeout:',
        '',
        '       1. per test by setting "@tag timeout: x" (accepts :infinity)',
        '',
        '     stacktrace:',
        '       (shop 0.1.0) lib/shop/sync.ex:33: Shop.Sync.await/1',
        '       test/shop/sync_test.exs:12: (test)',
      ].join('\n'),
    );
    expect(failure).toMatchObject({ kind: 'timeout', test: 'test syncs the warehouse (Shop.SyncTest)' });
  });
});

describe('uncaught Elixir exceptions', () => {
  it('reads the stack below nested exceptions of an application that did not start', () => {
    const [failure, ...rest] = parse(
      [
        'Generated shop app',
        '** (Mix) Could not start application shop: exited in: Shop.Application.start(:normal, [])',
        '    ** (EXIT) an exception was raised:',
        '        ** (ArgumentError) missing the :database key in options for Shop.Repo',
        '            (ecto_sql 3.11.3) lib/ecto/adapters/postgres.ex:151: Ecto.Adapters.Postgres.init/1',
        '            (shop 0.1.0) lib/shop/application.ex:12: Shop.Application.start/2',
        '            (kernel 9.2.4) application_master.erl:293: :application_master.start_it_old/4',
      ].join('\n'),
    );
    expect(rest).toEqual([]);
    expect(failure).toMatchObject({
      kind: 'exception',
      message: '(Mix) Could not start application shop: exited in: Shop.Application.start(:normal, [])',
    });
    expect(located(failure!)).toEqual([
      ['lib/ecto/adapters/postgres.ex', 151, true],
      ['lib/shop/application.ex', 12, false],
      ['application_master.erl', 293, true],
    ]);
  });

  it('takes a lone `** (Mix)` error, but not one that restates failures above it', () => {
    expect(parse('** (Mix) Could not find an SCM for dependency :jason from Shop.MixProject')).toMatchObject([
      { kind: 'error', message: '(Mix) Could not find an SCM for dependency :jason from Shop.MixProject' },
    ]);
    const failures = parse(
      [
        '    error: undefined variable "totl"',
        '    │',
        ' 31 │     Decimal.add(totl, tax)',
        '    │                 ^^^^',
        '    │',
        '    └─ lib/shop/cart.ex:31:17: Shop.Cart.total/1',
        '',
        'could not compile dependency :shop, "mix compile" failed.',
        '** (Mix) verify.compile failed (1)',
      ].join('\n'),
    );
    expect(failures.map((f) => f.message)).toEqual(['undefined variable "totl"']);
  });
});

describe('ordinary Elixir output', () => {
  it('finds nothing in a passing run with warnings and a crash report Logger printed', () => {
    const log = [
      'Compiling 2 files (.ex)',
      '    warning: variable "x" is unused (if the variable is not meant to be used, prefix it with an underscore)',
      '    │',
      '  3 │   def f(x), do: :ok',
      '    │         ~',
      '    │',
      '    └─ lib/shop/a.ex:3:9: Shop.A.f/1',
      '',
      'warning: Shop.Old.call/0 is deprecated',
      '  lib/shop/b.ex:7: Shop.B.run/0',
      '',
      'Generated shop app',
      'Running ExUnit with seed: 1, max_cases: 4',
      '..........',
      '12:00:00.000 [error] GenServer Shop.Worker terminating',
      '** (RuntimeError) boom',
      '    (shop 0.1.0) lib/shop/worker.ex:10: Shop.Worker.handle_cast/2',
      '    (stdlib 5.2.3) gen_server.erl:1123: :gen_server.try_handle_cast/3',
      'Last message: {:"$gen_cast", :boom}',
      '..',
      'Finished in 0.2 seconds (0.1s async, 0.1s sync)',
      '12 tests, 0 failures',
    ].join('\n');
    expect(parse(log)).toEqual([]);
  });

  // Phoenix logs a request that raised (a test of a 500 page, `assert_error_sent`) with the
  // server and request between the Logger line and the exception, nested under `** (exit)`.
  it('finds nothing in the request error report of a passing Phoenix test', () => {
    const log = [
      '....',
      '12:00:00.123 [error] #PID<0.500.0> running MyAppWeb.Endpoint (connection #PID<0.499.0>, stream id 1) terminated',
      'Server: www.example.com:80 (http)',
      'Request: GET /boom',
      '** (exit) an exception was raised:',
      '    ** (RuntimeError) boom',
      '        (my_app 0.1.0) lib/my_app_web/controllers/page_controller.ex:8: MyAppWeb.PageController.boom/2',
      '        (phoenix 1.7.14) lib/phoenix/router.ex:484: Phoenix.Router.__call__/5',
      '....',
      'Finished in 0.1 seconds (0.1s async, 0.0s sync)',
      '12 tests, 0 failures',
    ].join('\n');
    expect(parse(log)).toEqual([]);
  });
});

describe('mapping Elixir frames', () => {
  it("resolves the project's entries and leaves the standard library and dependencies out", () => {
    const log = readText(join(CI_FIXTURES, 'elixir', 'exunit-failures.log'));
    const paths = [
      'lib/shop/catalog.ex',
      'lib/shop/cart.ex',
      'lib/shop/discount.ex',
      'test/shop/catalog_test.exs',
      'test/shop/cart_test.exs',
      'mix.exs',
    ];
    expect(mapped(log, paths)[2]).toEqual([
      [null, null, true],
      ['lib/shop/catalog.ex', 22, false],
      [null, 1703, true],
      [null, 472, true],
      ['lib/shop/catalog.ex', 19, false],
      ['test/shop/catalog_test.exs', 10, false],
    ]);
  });
});
