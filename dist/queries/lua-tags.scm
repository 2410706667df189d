; Lua tags. Captures follow the tree-sitter tags convention:
; @name.definition.<kind> / @definition.<kind> for definitions,
; @name.reference.<kind> for references (see queries/README.md).
;
; Grammar: tree-sitter-lua 2.x (Azganoth) as shipped in tree-sitter-wasms.
; Quirks: a dotted or method name is a nested `variable` (`table:` /
; `field:` / `method:` fields, `table:` itself a `variable` for `a.b.c`);
; `local` and plain assignments keep names and values in two parallel lists
; (`variable_list`, `expression_list`), so patterns pair the first name with
; the first value; a `string` is a leaf that includes its quotes.
; In a call `a:m()` the table is a `variable` (`(variable name: …)`), in
; `a.f` and in `function a:m()` a bare `identifier`.
;
; Kinds: a function stored in a table (`function M.f()`, `function M:f()`,
; `M.f = function() end`, `{ f = function() end }`) is a method, named by
; its own name and qualified by the table (`file.M.f`); a plain or `local`
; function is a function, nested ones included. At module level, a table
; that gets `X.__index = X` is a class, a `local M = {…}` that the file
; returns is the module, UPPER_CASE names and `<const>` locals are
; constants, other locals (not `require`s or plain aliases) and global
; tables are variables.

; ---------------------------------------------------------------- definitions

; `function M.f()` / `function a.b.c:f()`: the table is the qualifier (a
; dotted path is split into its names), which makes the function a method.
(function_definition_statement
  name: (variable
    table: (_) @qualifier
    method: (identifier) @name.definition.method)) @definition.method

(function_definition_statement
  name: (variable
    table: (_) @qualifier
    field: (identifier) @name.definition.function)) @definition.function

; `function f()` (global) and `local function f()`.
(function_definition_statement
  name: (identifier) @name.definition.function) @definition.function

(local_function_definition_statement
  name: (identifier) @name.definition.function) @definition.function

; `M.f = function() end` / `a.b.f = function() end`.
(variable_assignment
  (variable_list
    .
    (variable
      table: (_) @qualifier
      field: (identifier) @name.definition.function))
  (expression_list
    .
    value: (function_definition))) @definition.function

; `local f = function() end` / `f = function() end`.
(local_variable_declaration
  (variable_list
    .
    (variable
      name: (identifier) @name.definition.function))
  (expression_list
    .
    value: (function_definition))) @definition.function

(variable_assignment
  (variable_list
    .
    (variable
      name: (identifier) @name.definition.function))
  (expression_list
    .
    value: (function_definition))) @definition.function

; Module level, a function built by a call: `M.f = wrap(function() … end)`
; (`defaulter(…)`, `load_once(…)`, `async.void(…)`), or by an immediately
; called function that returns one (directly or from an `if`):
; `M.f = (function() … return function() … end end)()`.
; (Inside functions such assignments mostly store a callback's result.)
(chunk
  (variable_assignment
    (variable_list
      .
      (variable
        table: (_) @qualifier
        field: (identifier) @name.definition.function) .)
    (expression_list
      .
      value: (call
        arguments: (argument_list
          (expression_list
            (function_definition)))) .)) @definition.function)

(chunk
  (variable_assignment
    (variable_list
      .
      (variable
        table: (_) @qualifier
        field: (identifier) @name.definition.function) .)
    (expression_list
      .
      value: (call
        function: (parenthesized_expression
          (function_definition
            body: (block
              [
                (return_statement
                  (expression_list
                    .
                    (function_definition) .))
                (if_statement
                  consequence: (block
                    (return_statement
                      (expression_list
                        .
                        (function_definition) .))))
              ])))) .)) @definition.function)

; `{ f = function() end }`, `{ f = opts.f or function() end }`: a function
; stored in a table constructor (nested under the table's variable when that
; is reported). `["f"] = function` has a quoted name and is not reported.
(field
  key: (identifier) @name.definition.method
  value: [
    (function_definition)
    (binary_expression
      "or"
      right: (function_definition))
  ]) @definition.method

; Module level: `local C = {}` (or `= setmetatable({}, …)`) followed right
; away by `C.__index = C` is a class (the metatable idiom for classes). The
; two statements must be adjacent (blank lines allowed, not a comment): over
; two unanchored siblings the pattern cost a partial match per pair of
; statements, 40% of the query's time on Kong. The value is spelled out (a
; table, or a call whose first argument is one) for the same reason.
(chunk
  [
    (local_variable_declaration
      (variable_list
        .
        (variable
          name: (identifier) @name.definition.class) .)
      (expression_list
        .
        value: [
          (table)
          (call
            arguments: (argument_list
              (expression_list
                .
                (table))))
        ] .))
    (variable_assignment
      (variable_list
        .
        (variable
          name: (identifier) @name.definition.class) .)
      (expression_list
        .
        value: [
          (table)
          (call
            arguments: (argument_list
              (expression_list
                .
                (table))))
        ] .))
  ] @definition.class
  .
  (variable_assignment
    (variable_list
      .
      (variable
        table: (identifier) @_table
        field: (identifier) @_index) .)
    (expression_list
      .
      value: (variable
        name: (identifier) @_value) .))
  (#eq? @_index "__index")
  (#eq? @_table @name.definition.class)
  (#eq? @_value @name.definition.class))

; `local M = {…}` (or `= setmetatable({}, …)`) … `return M`: the module table.
(chunk
  (local_variable_declaration
    (variable_list
      .
      (variable
        name: (identifier) @name.definition.module) .)
    (expression_list
      .
      value: (table) .)) @definition.module
  (return_statement
    (expression_list
      .
      (variable
        name: (identifier) @_returned) .))
  (#eq? @_returned @name.definition.module))

(chunk
  (local_variable_declaration
    (variable_list
      .
      (variable
        name: (identifier) @name.definition.module) .)
    (expression_list
      .
      value: (call
        function: (variable
          name: (identifier) @_setmetatable)
        arguments: (argument_list
          (expression_list
            .
            (table)))) .)) @definition.module
  (return_statement
    (expression_list
      .
      (variable
        name: (identifier) @_returned) .))
  (#eq? @_setmetatable "setmetatable")
  (#eq? @_returned @name.definition.module))

; Other module-level names. A `require` is an import, not a definition, and
; a local that only renames a global or a field (`local type = type`,
; `local insert = table.insert`, `local ERR = ngx.ERR`, `local api = vim.api`:
; the idiom that makes globals local) is an alias, not a definition.
; A single name's definition is the whole statement (so that functions in a
; table constructor nest under it); with several names (`local a, b = 1, 2`)
; each name's `variable` node is its definition.
;
; Constants: UPPER_CASE names of two letters or more (`local MAX = 10`,
; `DEFAULTS = {…}`; a lone `M` or `_M` is a table, not a constant) and
; `<const>` locals (`local x <const> = 5`).
(chunk
  (local_variable_declaration
    (variable_list
      .
      (variable
        name: (identifier) @name.definition.constant) .)
    (expression_list
      .
      (_) @_value)) @definition.constant
  (#match? @name.definition.constant "^_*[A-Z][A-Z0-9_]+$")
  (#not-match? @_value "^(require\\b|pcall\\(\\s*require\\b|(?!(true|false|nil)$)[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$)"))

(chunk
  (local_variable_declaration
    (variable_list
      .
      (variable
        name: (identifier) @name.definition.constant
        (attribute
          name: (identifier) @_attribute)) .)) @definition.constant
  (#eq? @_attribute "const"))

(chunk
  (variable_assignment
    (variable_list
      .
      (variable
        name: (identifier) @name.definition.constant) .)) @definition.constant
  (#match? @name.definition.constant "^_*[A-Z][A-Z0-9_]+$"))

(chunk
  (local_variable_declaration
    (variable_list
      (variable
        name: (identifier) @name.definition.constant) @definition.constant)
    (expression_list
      .
      (_) @_value))
  (#match? @name.definition.constant "^_*[A-Z][A-Z0-9_]+$")
  (#not-match? @_value "^(require\\b|pcall\\(\\s*require\\b|(?!(true|false|nil)$)[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$)"))

(chunk
  (local_variable_declaration
    (variable_list
      (variable
        name: (identifier) @name.definition.constant
        (attribute
          name: (identifier) @_attribute)) @definition.constant))
  (#eq? @_attribute "const"))

(chunk
  (variable_assignment
    (variable_list
      (variable
        name: (identifier) @name.definition.constant) @definition.constant))
  (#match? @name.definition.constant "^_*[A-Z][A-Z0-9_]+$"))

; Variables: other module-level locals (`local cache = {}`,
; `local ns = vim.api.nvim_create_namespace("x")`, `local state`), and global names assigned a table
; (`Account = {}`); other global assignments may be reassignments and are
; not reported.
(chunk
  (local_variable_declaration
    (variable_list
      .
      (variable
        name: (identifier) @name.definition.variable) .)
    (expression_list
      .
      (_) @_value)) @definition.variable
  (#not-match? @_value "^(require\\b|pcall\\(\\s*require\\b|(?!(true|false|nil)$)[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$)"))

(chunk
  (local_variable_declaration
    (variable_list
      .
      (variable
        name: (identifier) @name.definition.variable) .) .) @definition.variable)

(chunk
  (local_variable_declaration
    (variable_list
      (variable
        name: (identifier) @name.definition.variable) @definition.variable)
    (expression_list
      .
      (_) @_value))
  (#not-match? @_value "^(require\\b|pcall\\(\\s*require\\b|(?!(true|false|nil)$)[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$)"))

(chunk
  (local_variable_declaration
    (variable_list
      (variable
        name: (identifier) @name.definition.variable) @definition.variable) .))

(chunk
  (variable_assignment
    (variable_list
      .
      (variable
        name: (identifier) @name.definition.variable) .)
    (expression_list
      .
      value: (table) .)) @definition.variable)

; ----------------------------------------------------------------- references

; `require("a.b")`, `require "a.b"`, `require'a.b'`, `require [[a.b]]`: an
; import of the module string. The grammar's `string` is a leaf, so the name
; keeps its quotes (`"a.b"`), as Go's import paths do.
(call
  function: (variable
    name: (identifier) @_require)
  arguments: (argument_list
    [
      (string) @name.reference.import
      (expression_list
        .
        (string) @name.reference.import .)
    ])
  (#eq? @_require "require"))

; `pcall(require, "a.b")`: a guarded import.
(call
  function: (variable
    name: (identifier) @_pcall)
  arguments: (argument_list
    (expression_list
      .
      (variable
        name: (identifier) @_require)
      .
      (string) @name.reference.import))
  (#eq? @_pcall "pcall")
  (#eq? @_require "require"))

; `setmetatable(X, { __index = Base })` / `{ __index = pkg.Base }`:
; X inherits from Base.
(call
  function: (variable
    name: (identifier) @_setmetatable)
  arguments: (argument_list
    (expression_list
      .
      (_)
      .
      (table
        (field_list
          (field
            key: (identifier) @_index
            value: [
              (variable
                name: (identifier) @name.reference.inherit)
              (variable
                field: (identifier) @name.reference.inherit)
            ])))))
  (#eq? @_setmetatable "setmetatable")
  (#eq? @_index "__index"))

; `Class:new(…)` / `Class.new(…)` with a capitalised table: instantiation.
; (The table of a `:` call is a `variable`, of a `.` access an `identifier`.)
(call
  function: (variable
    table: (variable
      name: (identifier) @name.reference.new)
    method: (identifier) @_new)
  (#eq? @_new "new")
  (#match? @name.reference.new "^[A-Z]"))

(call
  function: (variable
    table: (identifier) @name.reference.new
    field: (identifier) @_new)
  (#eq? @_new "new")
  (#match? @name.reference.new "^[A-Z]"))

; Calls by their last name: `f()`, `M.f()`, `a.b.f()`, `obj:method()`,
; `f "str"`, `f {…}`. `require` is reported as an import above.
(call
  function: (variable
    name: (identifier) @name.reference.call)
  (#not-eq? @name.reference.call "require"))

(call
  function: (variable
    field: (identifier) @name.reference.call))

(call
  function: (variable
    method: (identifier) @name.reference.call))
