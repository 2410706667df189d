import { describe, expect, it } from 'vitest';
import { FileLookup, resolveImport, underscore } from '../../src/graph/imports.js';
import { NO_MODULE_MAPS } from '../../src/graph/module-maps.js';
import { normalizePath } from '../../src/graph/paths.js';
import { elixirModules, extractImports, useTreeLeaves } from '../../src/parse/imports.js';

const files = new FileLookup([
  'src/pkg/__init__.py',
  'src/pkg/models.py',
  'src/pkg/sub/__init__.py',
  'src/pkg/sub/util.py',
  'web/app.ts',
  'web/lib/index.ts',
  'web/lib/math.ts',
  'web/old.js',
  'go.mod',
  'internal/store/store.go',
  'internal/store/store_test.go',
  'cmd/tool/main.go',
  'src/main/java/com/acme/Order.java',
  'src/main/java/com/acme/util/Money.java',
  'okhttp/src/commonJvmAndroid/kotlin/okhttp3/HttpUrl.kt',
  'okhttp/src/commonJvmAndroid/kotlin/okhttp3/internal/-UtilCommon.kt',
  'okhttp/src/jvmMain/kotlin/okhttp3/internal/-UtilJvm.kt',
  'okhttp/src/jvmTest/kotlin/okhttp3/internal/UtilTest.kt',
  'tools/okio/Shim.kt',
  'core/src/main/scala/akka/actor/Actor.scala',
  'core/src/main/scala/akka/actor/Props.scala',
  'src/lib.rs',
  'src/net.rs',
  'src/net/tcp.rs',
  'src/util/mod.rs',
  'include/acme/str.h',
  'src/str.c',
  'lib/shop/cart.rb',
  'lib/shop.rb',
  'src/Acme/Billing/Invoice.php',
  'Src/Acme.Json/JsonReader.cs',
  'Src/Acme.Json/Linq/JObject.cs',
  'Src/Acme.Json/Linq/JArray.cs',
  'Src/Acme.Json/Linq/README.md',
  'Src/Acme.Json.Tests/Linq/JObjectTests.cs',
  'Sources/Shop/Cart.swift',
  'Sources/Shop/Models/Item.swift',
  'Tests/ShopTests/CartTests.swift',
  'scripts/common.sh',
  'scripts/deploy.sh',
  'lua/shop/init.lua',
  'lua/shop/cart.lua',
  'kong/init.lua',
  'kong/tools/cjson.lua',
  'kong/api/routes/kong.lua',
  'plugins/acme/vendor/pl/pretty.lua',
  'lib/my_app/http_client.ex',
  'lib/my_app/accounts.ex',
  'lib/my_app/accounts/user.ex',
  'lib/mix/tasks/my_app.gen.report.ex',
  'lib/my_app.ex',
  'lib/my_app/config.ex',
  'test/support/data_case.ex',
  'packages/shop/lib/shop.dart',
  'packages/shop/lib/src/cart.dart',
  'packages/shop/test/cart_test.dart',
  'app/lib/main.dart',
]);

describe('extractImports', () => {
  it('reads Python import forms, adding from-imported names as possible submodules', () => {
    const text =
      'import os, sys as system\nfrom . import models\nfrom .sub.util import (a,\n    b as c)\nfrom ..x import *\n';
    expect(extractImports('python', text)).toEqual([
      '.',
      '.models',
      '.sub.util',
      '.sub.util.a',
      '.sub.util.b',
      '..x',
      'os',
      'sys',
    ]);
  });

  it('reads ES imports, re-exports, require and dynamic import', () => {
    const text =
      "import a from './a';\nimport './side.css';\nexport { b } from \"../b.js\";\nconst c = require('c');\nawait import('./d');\n";
    expect(extractImports('typescript', text)).toEqual(['./a', '../b.js', './side.css', 'c', './d']);
  });

  it('reads Go single and grouped imports', () => {
    expect(
      extractImports('go', 'package x\n\nimport "fmt"\nimport (\n\tst "acme.dev/app/internal/store"\n\t"os"\n)\n'),
    ).toEqual(['fmt', 'acme.dev/app/internal/store', 'os']);
  });

  it('reads every leaf of a Rust use tree', () => {
    const text = [
      'pub(crate) use crate::{',
      '    flags::{self, lowargs::{Mode as SearchMode, *}}, // the flags',
      '    haystack::Haystack,',
      '};',
      'use super::*;',
      'use self::inner::Thing as Other;',
      '',
    ].join('\n');
    expect(extractImports('rust', text)).toEqual([
      'crate::flags',
      'crate::flags::lowargs::Mode',
      'crate::flags::lowargs',
      'crate::haystack::Haystack',
      'super',
      'self::inner::Thing',
    ]);
    expect(useTreeLeaves('{a::b, c}')).toEqual(['a::b', 'c']);
    expect(useTreeLeaves('std::io')).toEqual(['std::io']);
  });

  it('reads every selector of a Scala import, braces and several imports per statement included', () => {
    const text = [
      'package app',
      '',
      'import scala.collection.mutable',
      'import akka.actor.{Actor, Props => P, _}',
      'import app.util._, app.model.Order',
      'import app.http.{',
      '  Client,',
      '  Server as S,',
      '}',
      '// import commented.{Out}',
      '',
    ].join('\n');
    expect(extractImports('scala', text)).toEqual([
      'scala.collection.mutable',
      'akka.actor.Actor',
      'akka.actor.Props',
      'akka.actor.*',
      'app.util._',
      'app.model.Order',
      'app.http.Client',
      'app.http.Server',
    ]);
  });

  it('reads Swift imports, @testable and single-declaration ones included', () => {
    expect(extractImports('swift', '@testable import Shop\nimport Foundation\nimport struct Shop.Cart\n')).toEqual([
      'Shop',
      'Foundation',
      'Shop.Cart',
    ]);
  });

  it('reads Lua requires with and without parentheses, and pcall(require, …)', () => {
    expect(
      extractImports(
        'lua',
        'local u = require("shop.utils")\nlocal a = require "plenary.async"\nlocal c = require\'x.y\'\nlocal ok, d = pcall(require, "nvim-web-devicons")\n',
      ),
    ).toEqual(['shop.utils', 'plenary.async', 'x.y', 'nvim-web-devicons']);
    // A prefix completed at run time names no module.
    expect(extractImports('lua', 'local p = require("kong.plugins." .. name)\n')).toEqual([]);
  });

  it('reads Elixir directives, brace groups, aliases and qualified calls', () => {
    const text = [
      'defmodule MyApp.Web do',
      '  alias MyApp.Accounts.{User, Scope}',
      '  alias MyApp.Repo, as: R',
      '  import Plug.Conn',
      '  use MyApp.Web.Controller, namespace: MyApp',
      '  require Logger',
      '  alias MyApp.Billing',
      '  def f(x), do: Billing.Invoice.total(x) |> MyApp.Mailer.send() |> R.insert()',
      '  def g, do: %User{} || %MyApp.Cart{} || String.upcase("a") || __MODULE__.h()',
      'end',
    ].join('\n');
    expect(elixirModules(text)).toEqual([
      'MyApp.Accounts.User',
      'MyApp.Accounts.Scope',
      'MyApp.Repo',
      'Plug.Conn',
      'MyApp.Web.Controller',
      'Logger',
      'MyApp.Billing',
      // The module's own name: an import of itself, which the graph drops.
      'MyApp.Web',
      'MyApp.Billing.Invoice',
      'MyApp.Mailer',
      'MyApp.Cart',
    ]);
    expect(extractImports('elixir', text)).toEqual(elixirModules(text));
  });

  it('reads Elixir aliases of aliases, commented groups and modules used as values', () => {
    const text = [
      'alias MyApp.Accounts',
      'alias Accounts.User',
      'alias MyApp.Blog.{',
      '  Post, # the article',
      '  Comment',
      '}',
      'plug MyAppWeb.Plugs.Auth',
      'belongs_to :author, User',
      'has_many :tags, MyApp.Blog.Tag',
      'def f(x), do: Enum.map(x, &MyApp.Util.format/1)',
    ].join('\n');
    expect(elixirModules(text)).toEqual([
      'MyApp.Accounts',
      'MyApp.Accounts.User',
      'MyApp.Blog.Post',
      'MyApp.Blog.Comment',
      'MyAppWeb.Plugs.Auth',
      'MyApp.Blog.Tag',
      'MyApp.Util',
    ]);
  });

  it('reads Dart imports, exports and parts, each once', () => {
    const text =
      "library shop;\nimport 'package:shop/src/cart.dart' show Cart;\nimport \"dart:async\";\nexport 'src/cart.dart';\npart 'shop.g.dart';\npart of 'shop.dart';\nimport 'package:shop/src/cart.dart' as c;\n";
    expect(extractImports('dart', text)).toEqual([
      'package:shop/src/cart.dart',
      'dart:async',
      'src/cart.dart',
      'shop.g.dart',
      'shop.dart',
    ]);
  });

  it('reads Java, Rust, C, Ruby, PHP, shell and C# forms', () => {
    expect(
      extractImports('java', 'import com.acme.Order;\nimport static com.acme.util.Money.of;\nimport java.util.*;\n'),
    ).toEqual(['com.acme.Order', 'com.acme.util.Money.of', 'java.util.*']);
    expect(
      extractImports('rust', 'mod net;\npub mod util;\nuse crate::net::tcp::Conn;\nuse std::{io, fmt};\n'),
    ).toEqual(['net', 'util', 'crate::net::tcp::Conn', 'std::io', 'std::fmt']);
    expect(extractImports('c', '#include <stdio.h>\n#include "acme/str.h"\n')).toEqual(['acme/str.h']);
    // Angle brackets with a directory may be the repository's own header (`<spdlog/spdlog.h>`).
    expect(extractImports('cpp', '#include <vector>\n#include <acme/str.h>\n#  include <sys/types.h>\n')).toEqual([
      '<acme/str.h>',
      '<sys/types.h>',
    ]);
    expect(extractImports('ruby', "require 'json'\nrequire_relative 'shop/cart'\n")).toEqual(['json', './shop/cart']);
    expect(extractImports('php', 'use Acme\\Billing\\Invoice;\nrequire_once __DIR__ . "/boot.php";\n')).toEqual([
      'Acme\\Billing\\Invoice',
      '/boot.php',
    ]);
    expect(extractImports('bash', 'source ./common.sh\n. "$DIR/x.sh"\n')).toEqual(['./common.sh', '$DIR/x.sh']);
    expect(
      extractImports('csharp', 'using System;\nusing static Acme.Json.Util;\nusing Test = Xunit.FactAttribute;\n'),
    ).toEqual(['System', 'Acme.Json.Util', 'Xunit.FactAttribute']);
  });
});

describe('resolveImport', () => {
  it.each([
    ['python', 'src/pkg/models.py', '.sub.util', ['src/pkg/sub/util.py']],
    ['python', 'src/pkg/sub/util.py', '..models', ['src/pkg/models.py']],
    ['python', 'src/pkg/sub/util.py', '.', ['src/pkg/sub/__init__.py']],
    ['python', 'src/pkg/models.py', 'pkg.sub', ['src/pkg/sub/__init__.py']],
    ['python', 'src/pkg/models.py', 'os', []],
    ['typescript', 'web/app.ts', './lib', ['web/lib/index.ts']],
    ['typescript', 'web/app.ts', './lib/math.js', ['web/lib/math.ts']],
    ['typescript', 'web/lib/math.ts', '../old', ['web/old.js']],
    ['typescript', 'web/app.ts', 'react', []],
    ['typescript', 'web/app.ts', '../../../escape', []],
    ['go', 'cmd/tool/main.go', 'acme.dev/app/internal/store', ['internal/store/store.go']],
    ['go', 'cmd/tool/main.go', 'fmt', []],
    ['java', 'src/main/java/com/acme/util/Money.java', 'com.acme.Order', ['src/main/java/com/acme/Order.java']],
    ['java', 'src/main/java/com/acme/Order.java', 'com.acme.util.Money.of', ['src/main/java/com/acme/util/Money.java']],
    ['java', 'src/main/java/com/acme/Order.java', 'com.acme.util.*', ['src/main/java/com/acme/util/Money.java']],
    ['java', 'src/main/java/com/acme/util/Money.java', 'com.acme.Order.Line.of', ['src/main/java/com/acme/Order.java']],
    ['java', 'src/main/java/com/acme/Order.java', 'com.acme.util.helper', []],
    [
      'kotlin',
      'okhttp/src/jvmTest/kotlin/okhttp3/internal/UtilTest.kt',
      'okhttp3.HttpUrl.Companion.toHttpUrl',
      ['okhttp/src/commonJvmAndroid/kotlin/okhttp3/HttpUrl.kt'],
    ],
    [
      'kotlin',
      'okhttp/src/jvmTest/kotlin/okhttp3/internal/UtilTest.kt',
      'okhttp3.internal.closeQuietly',
      [
        'okhttp/src/jvmMain/kotlin/okhttp3/internal/-UtilJvm.kt',
        'okhttp/src/commonJvmAndroid/kotlin/okhttp3/internal/-UtilCommon.kt',
      ],
    ],
    ['kotlin', 'okhttp/src/commonJvmAndroid/kotlin/okhttp3/HttpUrl.kt', 'okio.buffer', []],
    [
      'scala',
      'core/src/main/scala/akka/actor/Actor.scala',
      'akka.actor.Props',
      ['core/src/main/scala/akka/actor/Props.scala'],
    ],
    [
      'scala',
      'app/Main.scala',
      'akka.actor.*',
      ['core/src/main/scala/akka/actor/Actor.scala', 'core/src/main/scala/akka/actor/Props.scala'],
    ],
    ['rust', 'src/lib.rs', 'net', ['src/net.rs']],
    ['rust', 'src/net.rs', 'tcp', ['src/net/tcp.rs']],
    ['rust', 'src/lib.rs', 'util', ['src/util/mod.rs']],
    ['rust', 'src/lib.rs', 'crate::net::tcp::Conn', ['src/net/tcp.rs']],
    ['rust', 'src/lib.rs', 'crate::net', ['src/net.rs']],
    ['rust', 'src/net/tcp.rs', 'super', []],
    ['c', 'src/str.c', 'acme/str.h', ['include/acme/str.h']],
    ['cpp', 'src/str.c', '<acme/str.h>', ['include/acme/str.h']],
    ['cpp', 'src/str.c', '<sys/types.h>', []],
    ['ruby', 'lib/shop.rb', './shop/cart', ['lib/shop/cart.rb']],
    ['ruby', 'lib/shop/cart.rb', 'shop', ['lib/shop.rb']],
    ['php', 'src/Acme/Billing/Invoice.php', 'Acme\\Billing\\Invoice', ['src/Acme/Billing/Invoice.php']],
    [
      'csharp',
      'Src/Acme.Json.Tests/Linq/JObjectTests.cs',
      'Acme.Json.Linq',
      ['Src/Acme.Json/Linq/JArray.cs', 'Src/Acme.Json/Linq/JObject.cs'],
    ],
    ['csharp', 'Src/Acme.Json/Linq/JObject.cs', 'Acme.Json', ['Src/Acme.Json/JsonReader.cs']],
    ['csharp', 'Src/Acme.Json/Linq/JObject.cs', 'System.Linq', []],
    // `using static` and an alias name a type: its file in the namespace's directory.
    ['csharp', 'Src/Acme.Json.Tests/Linq/JObjectTests.cs', 'Acme.Json.Linq.JArray', ['Src/Acme.Json/Linq/JArray.cs']],
    ['csharp', 'Src/Acme.Json.Tests/Linq/JObjectTests.cs', 'Acme.Json.Linq.Missing', []],
    ['csharp', 'Src/Acme.Json/Linq/JObject.cs', 'Json.Linq.Extra', []],
    // A SwiftPM module is every file of its target's directory.
    ['swift', 'Tests/ShopTests/CartTests.swift', 'Shop', ['Sources/Shop/Cart.swift', 'Sources/Shop/Models/Item.swift']],
    [
      'swift',
      'Tests/ShopTests/CartTests.swift',
      'Shop.Cart',
      ['Sources/Shop/Cart.swift', 'Sources/Shop/Models/Item.swift'],
    ],
    ['swift', 'Sources/Shop/Cart.swift', 'Foundation', []],
    ['bash', 'scripts/deploy.sh', './common.sh', ['scripts/common.sh']],
    // Lua's package.path: `?.lua`, then `?/init.lua`, under whatever root the files share.
    ['lua', 'lua/shop/init.lua', 'shop.cart', ['lua/shop/cart.lua']],
    ['lua', 'lua/shop/cart.lua', 'shop', ['lua/shop/init.lua']],
    ['lua', 'lua/shop/cart.lua', 'plenary.path', []],
    // From the module path's roots first; a single name found only deeper is another module's file.
    ['lua', 'kong/tools/cjson.lua', 'kong', ['kong/init.lua']],
    ['lua', 'kong/init.lua', 'kong.tools.cjson', ['kong/tools/cjson.lua']],
    ['lua', 'kong/init.lua', 'cjson', []],
    ['lua', 'kong/init.lua', 'pl.pretty', ['plugins/acme/vendor/pl/pretty.lua']],
    // Elixir modules by Mix's file naming.
    ['elixir', 'lib/my_app.ex', 'MyApp.HTTPClient', ['lib/my_app/http_client.ex']],
    ['elixir', 'lib/my_app.ex', 'MyApp.Accounts.User', ['lib/my_app/accounts/user.ex']],
    // A nested module lives in its parent's file; a Mix task's file keeps the task's dots.
    ['elixir', 'lib/my_app.ex', 'MyApp.Accounts.Scope', ['lib/my_app/accounts.ex']],
    ['elixir', 'lib/my_app.ex', 'Mix.Tasks.MyApp.Gen.Report', ['lib/mix/tasks/my_app.gen.report.ex']],
    // A single name only at the top of lib/ or test/: `Config` is Elixir's, not lib/my_app/config.ex.
    ['elixir', 'lib/my_app/accounts.ex', 'MyApp', ['lib/my_app.ex']],
    ['elixir', 'test/my_app_test.exs', 'DataCase', ['test/support/data_case.ex']],
    ['elixir', 'lib/my_app.ex', 'Config', []],
    ['elixir', 'lib/my_app.ex', 'Ecto.Changeset', []],
  ] as const)('%s: %s imports %s', (language, from, spec, expected) => {
    expect(resolveImport(language, from, spec, files)).toEqual(expected);
  });

  it('resolves Dart URIs: relative ones, and package: ones through the pubspec.yaml that names the package', () => {
    const modules = {
      ...NO_MODULE_MAPS,
      dart: [
        { name: 'shop', dir: 'packages/shop' },
        { name: 'app', dir: 'app' },
      ],
    };
    const resolve = (from: string, spec: string): string[] => resolveImport('dart', from, spec, files, modules);
    expect(resolve('packages/shop/lib/shop.dart', 'src/cart.dart')).toEqual(['packages/shop/lib/src/cart.dart']);
    expect(resolve('packages/shop/test/cart_test.dart', 'package:shop/shop.dart')).toEqual([
      'packages/shop/lib/shop.dart',
    ]);
    expect(resolve('app/lib/main.dart', 'package:shop/src/cart.dart')).toEqual(['packages/shop/lib/src/cart.dart']);
    expect(resolve('app/lib/main.dart', 'package:flutter/material.dart')).toEqual([]);
    expect(resolve('app/lib/main.dart', 'dart:async')).toEqual([]);
    expect(resolve('app/lib/main.dart', '../../escape.dart')).toEqual([]);
    // Without its pubspec.yaml a package is not the repository's.
    expect(resolveImport('dart', 'app/lib/main.dart', 'package:shop/shop.dart', files)).toEqual([]);
  });

  it('takes a guessed Elixir file only when it defines the module, and then looks further', () => {
    const lookup = new FileLookup(
      [
        'lib/phoenix/socket.ex',
        'lib/phoenix/socket/message.ex',
        'lib/phoenix/config.ex',
        'lib/ecto/exceptions.ex',
        'lib/ecto/query.ex',
        'lib/my_app_web/controllers/page_controller.ex',
        'test/phoenix/channel_test.exs',
        'lib/phoenix/test/channel_test.ex',
      ],
      new Map([
        ['lib/phoenix/socket.ex', new Set(['Socket', 'InvalidMessageError'])],
        ['lib/phoenix/socket/message.ex', new Set(['Message', 'Reply', 'Broadcast'])],
        ['lib/phoenix/config.ex', new Set(['Config'])],
        ['lib/ecto/exceptions.ex', new Set(['QueryError', 'CompileError'])],
        ['lib/ecto/query.ex', new Set(['Query'])],
        ['lib/my_app_web/controllers/page_controller.ex', new Set(['PageController'])],
        ['test/phoenix/channel_test.exs', new Set(['ChannelTestTest'])],
        ['lib/phoenix/test/channel_test.ex', new Set(['ChannelTest'])],
      ]),
    );
    const resolve = (spec: string): string[] => resolveImport('elixir', 'lib/app.ex', spec, lookup);
    // Not socket.ex, the parent's file, which does not define it: a file of its namespace's directory.
    expect(resolve('Phoenix.Socket.Broadcast')).toEqual(['lib/phoenix/socket/message.ex']);
    // An outer namespace's directory.
    expect(resolve('Ecto.Query.CompileError')).toEqual(['lib/ecto/exceptions.ex']);
    // Not the test file its name spells, which defines another module.
    expect(resolve('Phoenix.ChannelTest')).toEqual(['lib/phoenix/test/channel_test.ex']);
    // By its file name, wherever Phoenix's generators put it.
    expect(resolve('MyAppWeb.PageController')).toEqual(['lib/my_app_web/controllers/page_controller.ex']);
    // A namespace that is no module resolves to nothing, as does a standard module.
    expect(resolve('Phoenix.Socket.V1')).toEqual([]);
    expect(resolve('Config')).toEqual([]);
  });

  it('spells module names as Mix names their files', () => {
    expect(['HTTPClient', 'FooBar2', 'URI', 'MyApp', 'Phx'].map(underscore)).toEqual([
      'http_client',
      'foo_bar2',
      'uri',
      'my_app',
      'phx',
    ]);
  });
});

describe('normalizePath', () => {
  it('folds . and .., refusing to climb above the root', () => {
    expect(normalizePath('a/./b/../c')).toBe('a/c');
    expect(normalizePath('../x')).toBeUndefined();
  });
});
