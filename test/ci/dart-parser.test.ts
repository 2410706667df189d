import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CI_FIXTURES, readText } from './corpus.js';
import { mapped, parse } from './parse-helpers.js';

function located(failure: ReturnType<typeof parse>[number]) {
  return failure.frames.map((f) => [f.path, f.line, f.external]);
}

describe('dart test', () => {
  it('names the test of a github-reporter group the job log kept as printed', () => {
    const failures = parse(
      [
        '::group::✅ Passing tests',
        '✅ test/cart_test.dart: Cart starts empty',
        '::endgroup::',
        '::group::❌ test/cart_test.dart: Cart total counts every item (failed)',
        'Expected: <3>',
        '  Actual: <2>',
        '',
        'package:matcher           expect',
        'test/cart_test.dart 24:7  main.<fn>.<fn>.<fn>',
        '::endgroup::',
        '',
        '::error::1 test passed, 1 failed.',
      ].join('\n'),
    );
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      kind: 'test-failure',
      message: 'Expected: <3>',
      test: 'test/cart_test.dart: Cart total counts every item',
    });
    expect(located(failures[0]!)).toEqual([
      ['package:matcher', null, true],
      ['test/cart_test.dart', 24, false],
    ]);
  });

  it('reads the compile errors of a suite that failed to load, once each', () => {
    const failures = parse(
      [
        '00:00 +0: loading /home/runner/work/shop/shop/test/checkout_test.dart',
        "test/checkout_test.dart:12:20: Error: The method 'placeOrder' isn't defined for the type 'Checkout'.",
        '    await checkout.placeOrder(cart);',
        '                   ^^^^^^^^^^',
        '00:00 +0 -1: loading /home/runner/work/shop/shop/test/checkout_test.dart [E]',
        '  Failed to load "/home/runner/work/shop/shop/test/checkout_test.dart":',
        "  Compilation failed for testPath=/home/runner/work/shop/shop/test/checkout_test.dart: test/checkout_test.dart:12:20: Error: The method 'placeOrder' isn't defined for the type 'Checkout'.",
        '      await checkout.placeOrder(cart);',
        '                     ^^^^^^^^^^',
        '  .',
        '00:00 +0 -1: Some tests failed.',
      ].join('\n'),
    );
    expect(failures).toEqual([
      {
        kind: 'compile-error',
        message: "The method 'placeOrder' isn't defined for the type 'Checkout'.",
        test: null,
        frames: [{ path: 'test/checkout_test.dart', line: 12, column: 20, function: null, external: false }],
      },
    ]);
  });

  it('reads a load failure without compile errors as an error of the suite', () => {
    const [failure] = parse(
      [
        '00:00 +0 -1: loading test/probe_test.dart [E]',
        '  Failed to load "test/probe_test.dart":',
        '  Cannot retrieve length of file: /tmp/dart_test.kernel.x/probe_test.dart_.dill (errno 2)',
        '',
        '00:00 +0 -1: Some tests failed.',
      ].join('\n'),
    );
    expect(failure).toMatchObject({
      kind: 'error',
      message:
        'Failed to load "test/probe_test.dart": Cannot retrieve length of file: /tmp/dart_test.kernel.x/probe_test.dart_.dill (errno 2)',
      test: null,
    });
  });

  it('makes a test timeout a timeout', () => {
    const [failure] = parse(
      [
        '00:30 +1 -1: test/sync_test.dart: Sync pulls the warehouse stock [E]',
        '  TimeoutException after 0:00:30.000000: Test timed out after 30 seconds. See https://pub.dev/packages/test#timeouts',
        '  dart:isolate  _RawReceivePort._handleMessage',
        '  ',
      ].join('\n'),
    );
    expect(failure).toMatchObject({ kind: 'timeout', test: 'test/sync_test.dart: Sync pulls the warehouse stock' });
  });
});

describe('ordinary Dart output', () => {
  it('finds nothing in a stack a passing test printed', () => {
    const log = [
      '00:01 +1: test/a_test.dart: logs',
      'Some output',
      'package:my_app/src/a.dart 12:3   A.b',
      '00:01 +2: All tests passed!',
    ].join('\n');
    expect(parse(log)).toEqual([]);
  });
});

describe('Dart outside tests', () => {
  it('reads an unhandled exception whose message runs over several lines', () => {
    const [failure] = parse(
      [
        'Building catalog from data/products.csv',
        'Unhandled exception:',
        'FormatException: Invalid radix-10 number (at character 1)',
        '12,50',
        '^',
        '',
        '#0      int._throwFormatException (dart:core-patch/integers_patch.dart:195:5)',
        '#1      int.parse (dart:core-patch/integers_patch.dart:59:15)',
        '#2      Catalog.fromCsv (package:shop/src/catalog.dart:41:22)',
        '#3      main (file:///home/runner/work/shop/shop/bin/build_catalog.dart:9:27)',
        '<asynchronous suspension>',
        '#4      _RawReceivePort._handleMessage (dart:isolate-patch/isolate_patch.dart:184:12)',
      ].join('\n'),
    );
    expect(failure).toMatchObject({
      kind: 'exception',
      message: 'FormatException: Invalid radix-10 number (at character 1)',
    });
    expect(located(failure!)).toEqual([
      ['dart:core-patch/integers_patch.dart', 195, true],
      ['dart:core-patch/integers_patch.dart', 59, true],
      // The repository's own package, as far as the log tells; mapping reads pubspec.yaml to place it.
      ['package:shop/src/catalog.dart', 41, false],
      ['bin/build_catalog.dart', 9, false],
      ['dart:isolate-patch/isolate_patch.dart', 184, true],
    ]);
  });

  it("reads dart analyze's errors and leaves its warnings and infos", () => {
    const failures = parse(
      [
        'Analyzing shop...',
        '',
        "  error - lib/src/cart.dart:44:12 - The argument type 'String' can't be assigned to the parameter type 'int'.  - argument_type_not_assignable",
        "warning - lib/src/cart.dart:12:8 - Unused import: 'dart:math'. Try removing the import directive. - unused_import",
        '   info - test/cart_test.dart:3:1 - Use const. - prefer_const_constructors',
        '',
        '3 issues found.',
      ].join('\n'),
    );
    expect(failures).toEqual([
      {
        kind: 'compile-error',
        message: "The argument type 'String' can't be assigned to the parameter type 'int'.",
        test: null,
        frames: [{ path: 'lib/src/cart.dart', line: 44, column: 12, function: null, external: false }],
      },
    ]);
  });

  it('finds nothing in passing runs, clean analysis and pub output', () => {
    const log = [
      'Resolving dependencies...',
      '+ test 1.25.15',
      'Changed 48 dependencies!',
      'Analyzing shop...',
      'No issues found!',
      '00:00 +0: loading test/cart_test.dart',
      '00:01 +0: test/cart_test.dart: Cart starts empty',
      '00:01 +1: test/cart_test.dart: Cart adds an item',
      'Loading fixtures from test/fixtures/prices.json  (12 entries)',
      '00:02 +2 ~1: All tests passed!',
      '✅ test/cart_test.dart: Cart starts empty',
      '🎉 2 tests passed.',
      'Warning: A call to tap() with finder "Found 1 widget with key [<\'buy\'>]" derived an Offset that would not hit test on the specified widget.',
      '#0      WidgetController._getElementPoint (package:flutter_test/src/controller.dart:2095:7)',
    ].join('\n');
    expect(parse(log)).toEqual([]);
  });
});

describe('mapping Dart frames', () => {
  it("finds the own package's sources under lib/ and leaves dart: and other packages out", () => {
    const log = readText(join(CI_FIXTURES, 'dart', 'flutter-test-expanded.log'));
    const paths = [
      'lib/src/pricing/price_parser.dart',
      'test/price_parser_test.dart',
      'test/cart_test.dart',
      'pubspec.yaml',
    ];
    expect(mapped(log, paths, { 'pubspec.yaml': 'name: shop_app\n' })[1]).toEqual([
      [null, null, true],
      [null, 211, true],
      ['lib/src/pricing/price_parser.dart', 18, false],
      ['test/price_parser_test.dart', 14, false],
    ]);
    // Without a pubspec.yaml naming it, `shop_app` is another package: its file is not ours.
    expect(mapped(log, paths)[1]![2]).toEqual([null, 18, true]);
  });

  it("never takes another package's file for the repository's by its path's tail", () => {
    const log = [
      '00:01 +0 -1: test/storage_test.dart: saves [E]',
      '  MissingPluginException(No implementation found for method getApplicationDocumentsDirectory)',
      '  package:sentry/src/utils.dart 40:5                         Utils.wrap',
      '  package:path_provider_android/path_provider_android.dart 55:3  PathProviderAndroid.getPath',
      '  package:my_app/src/storage/utils.dart 12:3                 Storage.open',
      '  test/storage_test.dart 9:5                                  main.<fn>',
      '',
      '00:01 +0 -1: Some tests failed.',
    ].join('\n');
    const paths = ['lib/src/utils.dart', 'lib/src/storage/utils.dart', 'test/storage_test.dart', 'pubspec.yaml'];
    expect(mapped(log, paths, { 'pubspec.yaml': 'name: my_app\n' })).toEqual([
      [
        [null, 40, true],
        [null, 55, true],
        ['lib/src/storage/utils.dart', 12, false],
        ['test/storage_test.dart', 9, false],
      ],
    ]);
  });
});
