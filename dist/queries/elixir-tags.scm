; Elixir tags (tree-sitter-elixir). Captures follow queries/README.md.
;
; Grammar quirks:
; - Everything is a `call`: `defmodule`, `def`, `alias`, `if`, `case` are
;   calls whose `target` is an identifier, so each pattern matches the
;   target's text with a predicate.
; - An alias `Foo.Bar.Baz` is ONE token. `(#set! last-segment ".")` names
;   a tag after its last segment (`Baz`, as ctags does), so that `Baz.f()`
;   and `%Baz{}` meet the definition of `defmodule Foo.Bar.Baz` by name.
; - Module attributes are calls under a unary `@` (`@doc "x"` is `@` applied
;   to the call `doc("x")`); local-call patterns below skip them.
; - A function head is a call too (`def f(x)`), and so is the head of a
;   typespec (`@spec f(x) :: y`): local-call patterns name their parents so
;   that neither is reported as a call.
;
; Not reported: `def unquote(name)(…)` (a name computed at compile time;
; ctags calls it `unquote`); `defstruct` and `defexception`, which make the
; enclosing module a struct or exception (the module is the definition that
; `%Mod{}` and `raise Mod` meet); ExUnit `test "…"`/`describe` blocks (calls
; to `test`, not definitions); module attributes (`@timeout 5_000`). Types
; used in typespecs (`String.t()`, `integer()`) come out as calls: the
; grammar does not mark a typespec, and queries cannot look at arbitrary
; ancestors.

; ---------------------------------------------------------------------------
; Definitions

; `defmodule Foo.Bar do`: a module named `Bar`; nested defmodules nest.
(call
  target: (identifier) @_keyword
  (arguments
    .
    (alias) @name.definition.module)
  (#eq? @_keyword "defmodule")
  (#set! last-segment ".")) @definition.module

; `defprotocol Foo.Size do`: its `def size(x)` heads are its methods.
(call
  target: (identifier) @_keyword
  (arguments
    .
    (alias) @name.definition.protocol)
  (#eq? @_keyword "defprotocol")
  (#set! last-segment ".")) @definition.protocol

; `defimpl Proto, for: Type do`: a scope (not reported) named after the
; implementing type, as Rust's `impl Trait for Type` is: its functions are
; methods `Type.f`, and several `defimpl`s of one protocol in a file keep
; distinct ids. Without a `for:` alias (`defimpl Proto do` inside the
; implementing module, `for: [A, B]`, `for: __MODULE__`) the scope is named
; after the protocol.
(call
  target: (identifier) @_keyword
  (arguments
    .
    (alias)
    (keywords
      (pair
        key: (keyword) @_for
        value: (alias) @name.scope.impl)))
  (#eq? @_keyword "defimpl")
  (#match? @_for "^for:")
  (#set! last-segment ".")) @scope.impl

(call
  target: (identifier) @_keyword
  (arguments
    .
    (alias) @name.scope.impl
    .)
  (#eq? @_keyword "defimpl")
  (#set! last-segment ".")) @scope.impl

(call
  target: (identifier) @_keyword
  (arguments
    .
    (alias) @name.scope.impl
    (keywords
      (pair
        key: (keyword) @_for
        value: [(list) (identifier) (dot) (call)])))
  (#eq? @_keyword "defimpl")
  (#match? @_for "^for:")
  (#set! last-segment ".")) @scope.impl

; `def f(x)`, `def f(x) when guard`, `def f, do: x`, `def f do` and
; `def f when guard do`; the same for `defp`, `defguard(p)` (a guard is a
; function usable in guards) and `defdelegate f(x), to: M`. Each clause of a
; multi-clause function is a definition at its own line, as ctags reports.
; `def unquote(name)(x)` (a name computed at compile time) is skipped.
(call
  target: (identifier) @_keyword
  (arguments
    .
    [
      (call
        target: (identifier) @name.definition.function)
      (identifier) @name.definition.function
      (binary_operator
        left: (call
          target: (identifier) @name.definition.function)
        operator: "when")
      (binary_operator
        left: (identifier) @name.definition.function
        operator: "when")
    ])
  (#any-of? @_keyword "def" "defp" "defguard" "defguardp" "defdelegate")) @definition.function

(call
  target: (identifier) @_keyword
  (arguments
    .
    [
      (call
        target: (identifier) @name.definition.macro)
      (identifier) @name.definition.macro
      (binary_operator
        left: (call
          target: (identifier) @name.definition.macro)
        operator: "when")
      (binary_operator
        left: (identifier) @name.definition.macro
        operator: "when")
    ])
  (#any-of? @_keyword "defmacro" "defmacrop")) @definition.macro

; Operators: `def a ~> b`, `defmacro left <<< right` (ctags' `operator`).
(call
  target: (identifier) @_keyword
  (arguments
    .
    (binary_operator
      left: (identifier)
      operator: _ @name.definition.function
      right: (identifier)))
  (#any-of? @_keyword "def" "defp")
  (#not-eq? @name.definition.function "when")) @definition.function

(call
  target: (identifier) @_keyword
  (arguments
    .
    (binary_operator
      left: (identifier)
      operator: _ @name.definition.macro
      right: (identifier)))
  (#any-of? @_keyword "defmacro" "defmacrop")
  (#not-eq? @name.definition.macro "when")) @definition.macro

; `@type t :: …`, `@typep t(a) :: …`, `@opaque t :: …`.
(unary_operator
  operator: "@"
  operand: (call
    target: (identifier) @_keyword
    (arguments
      .
      (binary_operator
        left: [
          (identifier) @name.definition.type
          (call
            target: (identifier) @name.definition.type)
        ]
        operator: "::")))
  (#any-of? @_keyword "type" "typep" "opaque")) @definition.type

; `@callback f(a) :: r` (optionally `… when a: t`): a function of the
; behaviour; `@macrocallback m(a) :: Macro.t()` a macro.
(unary_operator
  operator: "@"
  operand: (call
    target: (identifier) @_keyword
    (arguments
      .
      [
        (binary_operator
          left: [
            (identifier) @name.definition.function
            (call
              target: (identifier) @name.definition.function)
          ]
          operator: "::")
        (binary_operator
          left: (binary_operator
            left: [
              (identifier) @name.definition.function
              (call
                target: (identifier) @name.definition.function)
            ]
            operator: "::")
          operator: "when")
      ]))
  (#eq? @_keyword "callback")) @definition.function

(unary_operator
  operator: "@"
  operand: (call
    target: (identifier) @_keyword
    (arguments
      .
      [
        (binary_operator
          left: [
            (identifier) @name.definition.macro
            (call
              target: (identifier) @name.definition.macro)
          ]
          operator: "::")
        (binary_operator
          left: (binary_operator
            left: [
              (identifier) @name.definition.macro
              (call
                target: (identifier) @name.definition.macro)
            ]
            operator: "::")
          operator: "when")
      ]))
  (#eq? @_keyword "macrocallback")) @definition.macro

; ---------------------------------------------------------------------------
; References

; `alias Foo.Bar`, `import Foo.Bar, only: […]`, `require Logger`: the module
; by its last segment; `alias Foo.{Bar, Baz.Qux}` → `Bar`, `Qux`;
; `alias __MODULE__.Sub` → `Sub`.
(call
  target: (identifier) @_keyword
  (arguments
    .
    (alias) @name.reference.import)
  (#any-of? @_keyword "alias" "import" "require")
  (#set! last-segment "."))

(call
  target: (identifier) @_keyword
  (arguments
    .
    (dot
      right: (tuple
        (alias) @name.reference.import)))
  (#any-of? @_keyword "alias" "import" "require")
  (#set! last-segment "."))

(call
  target: (identifier) @_keyword
  (arguments
    .
    (dot
      left: (identifier)
      right: (alias) @name.reference.import))
  (#any-of? @_keyword "alias" "import" "require")
  (#set! last-segment "."))

; `use GenServer`, `use Phoenix.Controller, opts`: `use` injects the module's
; `__using__` code, like a mixin; `@behaviour Plug` declares the callbacks the
; module implements; `defimpl Proto, …` implements `Proto`.
(call
  target: (identifier) @_keyword
  (arguments
    .
    (alias) @name.reference.inherit)
  (#any-of? @_keyword "use" "defimpl")
  (#set! last-segment "."))

(unary_operator
  operator: "@"
  operand: (call
    target: (identifier) @_keyword
    (arguments
      .
      (alias) @name.reference.inherit))
  (#eq? @_keyword "behaviour")
  (#set! last-segment "."))

; A struct in a pattern matches a `Bar`, it builds none: the left of `=`
; (`%Bar{} = bar`, also in heads), a function head's parameters
; (`def f(%Bar{id: id})`, `def f(bar = %Bar{}) when …`) and the left of a
; `case`/`fn` clause (`%Bar{} -> …`).
(binary_operator
  left: (map
    (struct
      (alias) @name.reference.type))
  operator: "="
  (#set! last-segment "."))

(call
  target: (identifier) @_keyword
  (arguments
    .
    [
      (call
        (arguments
          [
            (map
              (struct
                (alias) @name.reference.type))
            (binary_operator
              operator: "="
              right: (map
                (struct
                  (alias) @name.reference.type)))
          ]))
      (binary_operator
        left: (call
          (arguments
            [
              (map
                (struct
                  (alias) @name.reference.type))
              (binary_operator
                operator: "="
                right: (map
                  (struct
                    (alias) @name.reference.type)))
            ]))
        operator: "when")
    ])
  (#any-of? @_keyword "def" "defp" "defmacro" "defmacrop" "defguard" "defguardp")
  (#set! last-segment "."))

(stab_clause
  left: (arguments
    [
      (map
        (struct
          (alias) @name.reference.type))
      (binary_operator
        operator: "="
        right: (map
          (struct
            (alias) @name.reference.type)))
      (binary_operator
        left: [
          (map
            (struct
              (alias) @name.reference.type))
          (binary_operator
            operator: "="
            right: (map
              (struct
                (alias) @name.reference.type)))
        ]
        operator: "when")
    ])
  (#set! last-segment "."))

; `%Foo.Bar{…}` elsewhere: a struct literal builds a `Bar` (`%__MODULE__{}`
; is skipped).
(struct
  (alias) @name.reference.new
  (#set! last-segment "."))

; The module of a remote call: `Foo.Bar.baz(x)`, `Foo.bar`, `&Foo.bar/1` → `Bar`;
; `__MODULE__.Sub.f()` → `Sub`.
(call
  target: (dot
    left: (alias) @name.reference.type)
  (#set! last-segment "."))

(call
  target: (dot
    left: (dot
      right: (alias) @name.reference.type))
  (#set! last-segment "."))

; Modules passed as values: call arguments (`raise ArgumentError`,
; `plug Plug.Parsers`, `Enum.into(x, MapSet)`, `defimpl …, for: Integer`),
; keyword values (`to: Foo`; not `as: Short`, a local name), list and tuple
; elements (`children = [Repo, {PubSub, name: X}]`), `rescue Foo ->` and
; the right of an operator (`e in Foo.Error`, `mod == Foo`).
(call
  target: (identifier) @_keyword
  (arguments
    (alias) @name.reference.type)
  (#not-any-of? @_keyword "defmodule" "defprotocol" "defimpl")
  (#set! last-segment "."))

(call
  target: (dot)
  (arguments
    (alias) @name.reference.type)
  (#set! last-segment "."))

(pair
  key: (keyword) @_key
  value: (alias) @name.reference.type
  (#not-match? @_key "^as:")
  (#set! last-segment "."))

(list
  (alias) @name.reference.type
  (#set! last-segment "."))

(tuple
  (alias) @name.reference.type
  (#set! last-segment "."))

(stab_clause
  left: (arguments
    (alias) @name.reference.type)
  (#set! last-segment "."))

(binary_operator
  right: (alias) @name.reference.type
  (#set! last-segment "."))

; Remote calls by their function name: `Foo.bar(x)`, `Foo.bar` and
; `&Foo.bar/1` (a remote call on a module needs no parentheses),
; `conn.assigns.user.name(x)`, `x |> Enum.map(f)`. `map.field` without
; parentheses is field access, not a call; `fun.(x)` has no name.
(call
  target: (dot
    left: (alias)
    right: (identifier) @name.reference.call))

(call
  target: (dot
    right: (identifier) @name.reference.call)
  (arguments))

; Local calls `f(x)`, `f x`, `f x do … end`, found through their parent so
; that function heads (`def f(x)`, `def f(x) when …`), typespec heads
; (`@spec f(x) :: t`) and attributes (`@doc "…"`, a call under `@`) are not
; calls. Kernel special forms and syntax macros (`if`, `case`, `def`, …) are
; not reported.
([
  (source
    (call
      target: (identifier) @name.reference.call))
  (do_block
    (call
      target: (identifier) @name.reference.call))
  (block
    (call
      target: (identifier) @name.reference.call))
  (body
    (call
      target: (identifier) @name.reference.call))
  (else_block
    (call
      target: (identifier) @name.reference.call))
  (after_block
    (call
      target: (identifier) @name.reference.call))
  (rescue_block
    (call
      target: (identifier) @name.reference.call))
  (catch_block
    (call
      target: (identifier) @name.reference.call))
  (interpolation
    (call
      target: (identifier) @name.reference.call))
  (list
    (call
      target: (identifier) @name.reference.call))
  (tuple
    (call
      target: (identifier) @name.reference.call))
  (bitstring
    (call
      target: (identifier) @name.reference.call))
  (map_content
    (call
      target: (identifier) @name.reference.call))
  (pair
    value: (call
      target: (identifier) @name.reference.call))
  (access_call
    (call
      target: (identifier) @name.reference.call))
  (dot
    left: (call
      target: (identifier) @name.reference.call))
  ; Arguments of a remote call, of `cond` clauses (`is_nil(x) -> …`).
  (call
    target: (dot)
    (arguments
      (call
        target: (identifier) @name.reference.call)))
  (stab_clause
    left: (arguments
      (call
        target: (identifier) @name.reference.call)))
  ; The right of an operator: a guard `when is_map(x)`, a pipe `x |> f()`,
  ; a default argument `opts \\ default()`.
  (binary_operator
    right: (call
      target: (identifier) @name.reference.call))
]
  (#not-any-of? @name.reference.call
    "def" "defp" "defmacro" "defmacrop" "defmodule" "defprotocol" "defimpl"
    "defstruct" "defexception" "defdelegate" "defguard" "defguardp"
    "defoverridable" "alias" "import" "require" "use" "if" "unless" "case"
    "cond" "with" "for" "try" "receive" "quote" "unquote" "unquote_splicing"
    "super"))

; The same under parents that need a second predicate: arguments of a local
; call but not of `def`-like keywords (`def f(x)`: `f` is the head); the left
; of an operator but not of `when` (`def f(x) when …`) or `::` (`@spec f(x)
; :: t`, `@callback f(x) :: t`); the operand of a unary operator but not of
; `@` (`@doc "…"`, `@moduledoc false`, `@impl true`).
((call
  target: (identifier) @_outer
  (arguments
    (call
      target: (identifier) @name.reference.call)))
  (#not-any-of? @_outer
    "def" "defp" "defmacro" "defmacrop" "defguard" "defguardp" "defdelegate")
  (#not-any-of? @name.reference.call
    "def" "defp" "defmacro" "defmacrop" "defmodule" "defprotocol" "defimpl"
    "defstruct" "defexception" "defdelegate" "defguard" "defguardp"
    "defoverridable" "alias" "import" "require" "use" "if" "unless" "case"
    "cond" "with" "for" "try" "receive" "quote" "unquote" "unquote_splicing"
    "super"))

((binary_operator
  left: (call
    target: (identifier) @name.reference.call)
  operator: _ @_operator)
  (#not-any-of? @_operator "when" "::")
  (#not-any-of? @name.reference.call
    "def" "defp" "defmacro" "defmacrop" "defmodule" "defprotocol" "defimpl"
    "defstruct" "defexception" "defdelegate" "defguard" "defguardp"
    "defoverridable" "alias" "import" "require" "use" "if" "unless" "case"
    "cond" "with" "for" "try" "receive" "quote" "unquote" "unquote_splicing"
    "super"))

((unary_operator
  operator: _ @_operator
  operand: (call
    target: (identifier) @name.reference.call))
  (#not-eq? @_operator "@")
  (#not-any-of? @name.reference.call
    "def" "defp" "defmacro" "defmacrop" "defmodule" "defprotocol" "defimpl"
    "defstruct" "defexception" "defdelegate" "defguard" "defguardp"
    "defoverridable" "alias" "import" "require" "use" "if" "unless" "case"
    "cond" "with" "for" "try" "receive" "quote" "unquote" "unquote_splicing"
    "super"))

; Chained guards `def f(x) when is_atom(x) when is_nil(x)` nest to the
; right: `is_atom` is the left of the inner `when`.
(binary_operator
  operator: "when"
  right: (binary_operator
    left: (call
      target: (identifier) @name.reference.call)
    operator: "when"))

; `x |> f` (a pipe into a bare name) and the capture `&f/1`.
(binary_operator
  operator: "|>"
  right: (identifier) @name.reference.call)

(unary_operator
  operator: "&"
  operand: (binary_operator
    left: (identifier) @name.reference.call
    operator: "/"
    right: (integer)))
