; Tags shared by JavaScript and TypeScript: the patterns both grammars spell
; alike. javascript-tags.scm and typescript-tags.scm inherit this file and
; add what only their grammar has (TypeScript's type_identifier names,
; interfaces, enums, signatures; JavaScript's identifier class names).

; ---------------------------------------------------------------------------
; Definitions
; ---------------------------------------------------------------------------

; `const Foo = class { … }`: the class is named after the variable.
(variable_declarator
  name: (identifier) @name.definition.class
  value: (class)) @definition.class

; Class members: methods (constructors included), accessors and fields
; holding functions. They are captured as functions and reported as methods
; because they sit inside a class.
(class_body
  (method_definition
    name: [
      (property_identifier)
      (private_property_identifier)
    ] @name.definition.function) @definition.function)

(function_declaration
  name: (identifier) @name.definition.function) @definition.function

(generator_function_declaration
  name: (identifier) @name.definition.function) @definition.function

; `const Foo = (props) => …`, `const foo = function () { … }` at any depth.
(variable_declarator
  name: (identifier) @name.definition.function
  value: [
    (arrow_function)
    (function_expression)
    (generator_function)
  ]) @definition.function

; `var next = function () { … }.bind(this)`
(variable_declarator
  name: (identifier) @name.definition.function
  value: (call_expression
    function: (member_expression
      object: [
        (function_expression)
        (arrow_function)
      ]
      property: (property_identifier) @_bind))
  (#eq? @_bind "bind")) @definition.function

; `Foo.prototype.bar = function () { … }`: bar qualified by Foo.
(assignment_expression
  left: (member_expression
    object: (member_expression
      object: (identifier) @qualifier
      property: (property_identifier) @_prototype)
    property: (property_identifier) @name.definition.function)
  right: [
    (arrow_function)
    (function_expression)
    (generator_function)
  ]
  (#eq? @_prototype "prototype")) @definition.function

; `exports.foo = …` and `module.exports.foo = …` define plain functions.
(assignment_expression
  left: (member_expression
    object: (_) @_exports
    property: (property_identifier) @name.definition.function)
  right: [
    (arrow_function)
    (function_expression)
    (generator_function)
  ]
  (#match? @_exports "^(module\\.)?exports$")) @definition.function

; `obj.foo = function () { … }`: foo qualified by obj.
(assignment_expression
  left: (member_expression
    object: [
      (identifier)
      (member_expression)
    ] @qualifier
    property: (property_identifier) @name.definition.function)
  right: [
    (arrow_function)
    (function_expression)
    (generator_function)
  ]
  (#not-eq? @name.definition.function "exports")) @definition.function

(assignment_expression
  left: (identifier) @name.definition.function
  right: [
    (arrow_function)
    (function_expression)
    (generator_function)
  ]) @definition.function

; `module.exports = function name() { … }`
(assignment_expression
  left: (member_expression) @_exports
  right: (function_expression
    name: (identifier) @name.definition.function) @definition.function
  (#eq? @_exports "module.exports"))

; `this.onChange = function () { … }` in a constructor function.
(assignment_expression
  left: (member_expression
    object: (this)
    property: (property_identifier) @name.definition.function)
  right: [
    (arrow_function)
    (function_expression)
    (generator_function)
  ]) @definition.function

; Functions in a module-level object literal: `const api = { get() { … },
; post: (url) => … }`, `module.exports = { … }`.
(program
  [
    (lexical_declaration
      (variable_declarator
        value: (object
          [
            (method_definition
              name: (property_identifier) @name.definition.function) @definition.function
            (pair
              key: (property_identifier) @name.definition.function
              value: [
                (arrow_function)
                (function_expression
                  !name)
                (generator_function
                  !name)
              ]) @definition.function
          ])))
    (variable_declaration
      (variable_declarator
        value: (object
          [
            (method_definition
              name: (property_identifier) @name.definition.function) @definition.function
            (pair
              key: (property_identifier) @name.definition.function
              value: [
                (arrow_function)
                (function_expression
                  !name)
                (generator_function
                  !name)
              ]) @definition.function
          ])))
    (export_statement
      declaration: (lexical_declaration
        (variable_declarator
          value: (object
            [
              (method_definition
                name: (property_identifier) @name.definition.function) @definition.function
              (pair
                key: (property_identifier) @name.definition.function
                value: [
                  (arrow_function)
                  (function_expression
                    !name)
                  (generator_function
                    !name)
                ]) @definition.function
            ]))))
    (expression_statement
      (assignment_expression
        right: (object
          [
            (method_definition
              name: (property_identifier) @name.definition.function) @definition.function
            (pair
              key: (property_identifier) @name.definition.function
              value: [
                (arrow_function)
                (function_expression
                  !name)
                (generator_function
                  !name)
              ]) @definition.function
          ])))
  ])

; ... and in an object literal that is returned or exported as default (a
; factory's API, ESLint rule visitors, Vue option objects):
; `return { Identifier(node) { … } }`, `export default { setup() { … } }`.
([
  (return_statement
    (object
      [
        (method_definition
          name: (property_identifier) @name.definition.function) @definition.function
        (pair
          key: (property_identifier) @name.definition.function
          value: [
            (arrow_function)
            (function_expression
              !name)
            (generator_function
              !name)
          ]) @definition.function
      ]))
  (export_statement
    value: (object
      [
        (method_definition
          name: (property_identifier) @name.definition.function) @definition.function
        (pair
          key: (property_identifier) @name.definition.function
          value: [
            (arrow_function)
            (function_expression
              !name)
            (generator_function
              !name)
          ]) @definition.function
      ]))
])

; React components wrapped in `memo` / `forwardRef`: `const Button =
; forwardRef((props, ref) => …)` and `export default memo(function Card() …)`.
(variable_declarator
  name: (identifier) @name.definition.function
  value: (call_expression
    function: (_) @_wrapper
    arguments: (arguments
      .
      [
        (arrow_function)
        (function_expression)
      ]))
  (#match? @_wrapper "^(React\\.)?(memo|forwardRef)$")) @definition.function

(export_statement
  value: (call_expression
    function: (_) @_wrapper
    arguments: (arguments
      .
      (function_expression
        name: (identifier) @name.definition.function) @definition.function))
  (#match? @_wrapper "^(React\\.)?(memo|forwardRef)$"))

; Named function expressions passed as callbacks, returned, or used as
; property values: `app.use(function mounted(req, res) { … })`. (As the value
; of a variable or an assignment they are named by the left-hand side above,
; and inside `memo(…)` / `forwardRef(…)` by the variable.)
(call_expression
  function: (_) @_callee
  arguments: (arguments
    [
      (function_expression
        name: (identifier) @name.definition.function)
      (generator_function
        name: (identifier) @name.definition.function)
    ] @definition.function)
  (#not-match? @_callee "^(React\\.)?(memo|forwardRef)$"))

; Module-level constants (`const`) and variables (`let`, `var`), plain or
; exported. A `require` is an import, not a definition.
(program
  [
    (lexical_declaration
      kind: "const"
      (variable_declarator
        name: (identifier) @name.definition.constant
        value: (_) @_value) @definition.constant)
    (export_statement
      declaration: (lexical_declaration
        kind: "const"
        (variable_declarator
          name: (identifier) @name.definition.constant
          value: (_) @_value) @definition.constant))
  ]
  (#not-match? @_value "^require\\s*\\("))

(program
  [
    (lexical_declaration
      kind: "let"
      (variable_declarator
        name: (identifier) @name.definition.variable
        value: (_) @_value) @definition.variable)
    (variable_declaration
      (variable_declarator
        name: (identifier) @name.definition.variable
        value: (_) @_value) @definition.variable)
    (export_statement
      declaration: [
        (lexical_declaration
          kind: "let"
          (variable_declarator
            name: (identifier) @name.definition.variable
            value: (_) @_value) @definition.variable)
        (variable_declaration
          (variable_declarator
            name: (identifier) @name.definition.variable
            value: (_) @_value) @definition.variable)
      ])
  ]
  (#not-match? @_value "^require\\s*\\("))

; Module-level variables declared without a value.
(program
  [
    (lexical_declaration
      kind: "let"
      (variable_declarator
        name: (identifier) @name.definition.variable
        !value) @definition.variable)
    (variable_declaration
      (variable_declarator
        name: (identifier) @name.definition.variable
        !value) @definition.variable)
    (export_statement
      declaration: [
        (lexical_declaration
          kind: "let"
          (variable_declarator
            name: (identifier) @name.definition.variable
            !value) @definition.variable)
        (variable_declaration
          (variable_declarator
            name: (identifier) @name.definition.variable
            !value) @definition.variable)
      ])
  ])

; ---------------------------------------------------------------------------
; References
; ---------------------------------------------------------------------------

; Instantiation: `new Foo()`, and JSX elements of components (`<Foo />`,
; `<ui.Button>`; lower-case tags are HTML elements).
(new_expression
  constructor: (identifier) @name.reference.new)

(new_expression
  constructor: (member_expression
    property: (property_identifier) @name.reference.new))

; Calls, including method calls by their last name, and decorators.
(call_expression
  function: (identifier) @name.reference.call
  (#not-eq? @name.reference.call "require"))

(call_expression
  function: (member_expression
    property: [
      (property_identifier)
      (private_property_identifier)
    ] @name.reference.call))

(decorator
  (identifier) @name.reference.call)

(decorator
  (member_expression
    property: (property_identifier) @name.reference.call))

; Imports: `import D, { a as b } from 'm'`, `import * as ns from 'm'`,
; re-exports `export { a } from 'm'`, and `const x = require('m')` /
; `const { a, b: c } = require('m')`.
(import_clause
  (identifier) @name.reference.import)

(import_specifier
  name: (identifier) @name.reference.import
  (#not-eq? @name.reference.import "default"))

; `import { default as Foo }` imports the default export as Foo.
(import_specifier
  name: (identifier) @_default
  alias: (identifier) @name.reference.import
  (#eq? @_default "default"))

(namespace_import
  (identifier) @name.reference.import)

(export_statement
  (export_clause
    (export_specifier
      name: (identifier) @name.reference.import
      (#not-eq? @name.reference.import "default")))
  source: (_))

(export_statement
  (export_clause
    (export_specifier
      name: (identifier) @_default
      alias: (identifier) @name.reference.import
      (#eq? @_default "default")))
  source: (_))

(variable_declarator
  name: [
    (identifier) @name.reference.import
    (object_pattern
      (shorthand_property_identifier_pattern) @name.reference.import)
    (object_pattern
      (pair_pattern
        key: (property_identifier) @name.reference.import))
  ]
  value: [
    (call_expression
      function: (identifier) @_require)
    (member_expression
      object: (call_expression
        function: (identifier) @_require))
    (call_expression
      function: (call_expression
        function: (identifier) @_require))
  ]
  (#eq? @_require "require"))
