; TypeScript tags (.ts .mts .cts). Captures follow the tree-sitter tags
; convention: @name.definition.<kind> / @definition.<kind> for definitions,
; @name.reference.<kind> for references (see queries/README.md).
; queries/tsx-tags.scm inherits this file and adds the JSX patterns.

; ---------------------------------------------------------------------------
; Definitions
; ---------------------------------------------------------------------------

(class_declaration
  name: (type_identifier) @name.definition.class) @definition.class

(abstract_class_declaration
  name: (type_identifier) @name.definition.class) @definition.class

; `const Foo = class { … }`: the class is named after the variable.
(variable_declarator
  name: (identifier) @name.definition.class
  value: (class)) @definition.class

(class
  name: (type_identifier) @name.definition.class) @definition.class

(interface_declaration
  name: (type_identifier) @name.definition.interface) @definition.interface

(type_alias_declaration
  name: (type_identifier) @name.definition.type) @definition.type

(enum_declaration
  name: (identifier) @name.definition.enum) @definition.enum

; `namespace A.B.C { … }`: C qualified by A.B.
(internal_module
  name: (nested_identifier
    object: (_) @qualifier
    property: (_) @name.definition.namespace)) @definition.namespace

(internal_module
  name: (identifier) @name.definition.namespace) @definition.namespace

; `module Foo { … }` is the old spelling of a namespace (`declare module 'x'`
; has a string name and is not reported).
(module
  name: (identifier) @name.definition.namespace) @definition.namespace

; Class members: methods (constructors included), accessors, overload and
; abstract signatures, and fields holding functions. They are captured as
; functions and reported as methods because they sit inside a class.
(class_body
  (method_definition
    name: [
      (property_identifier)
      (private_property_identifier)
    ] @name.definition.function) @definition.function)

(class_body
  (method_signature
    name: [
      (property_identifier)
      (private_property_identifier)
    ] @name.definition.function) @definition.function)

(class_body
  (abstract_method_signature
    name: [
      (property_identifier)
      (private_property_identifier)
    ] @name.definition.function) @definition.function)

(class_body
  (public_field_definition
    name: [
      (property_identifier)
      (private_property_identifier)
    ] @name.definition.function
    value: [
      (arrow_function)
      (function_expression)
      (generator_function)
    ]) @definition.function)

(interface_body
  (method_signature
    name: (property_identifier) @name.definition.function) @definition.function)

(function_declaration
  name: (identifier) @name.definition.function) @definition.function

(generator_function_declaration
  name: (identifier) @name.definition.function) @definition.function

; `declare function f(): void;` and overload signatures.
(function_signature
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

([
  (return_statement
    [
      (function_expression
        name: (identifier) @name.definition.function)
      (generator_function
        name: (identifier) @name.definition.function)
    ] @definition.function)
  (pair
    value: [
      (function_expression
        name: (identifier) @name.definition.function)
      (generator_function
        name: (identifier) @name.definition.function)
    ] @definition.function)
  (parenthesized_expression
    [
      (function_expression
        name: (identifier) @name.definition.function)
      (generator_function
        name: (identifier) @name.definition.function)
    ] @definition.function)
  (array
    [
      (function_expression
        name: (identifier) @name.definition.function)
      (generator_function
        name: (identifier) @name.definition.function)
    ] @definition.function)
])

; Module-level constants (`const`) and variables (`let`, `var`), plain,
; exported or declared, at the top of the file or of a namespace. A `require`
; is an import, not a definition.
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
      kind: "const"
      (variable_declarator
        name: (identifier) @name.definition.constant
        !value) @definition.constant)
    (export_statement
      declaration: (lexical_declaration
        kind: "const"
        (variable_declarator
          name: (identifier) @name.definition.constant
          !value) @definition.constant))
    (ambient_declaration
      (lexical_declaration
        kind: "const"
        (variable_declarator
          name: (identifier) @name.definition.constant) @definition.constant))
    (export_statement
      declaration: (ambient_declaration
        (lexical_declaration
          kind: "const"
          (variable_declarator
            name: (identifier) @name.definition.constant) @definition.constant)))
  ])

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
    (ambient_declaration
      [
        (lexical_declaration
          kind: "let"
          (variable_declarator
            name: (identifier) @name.definition.variable) @definition.variable)
        (variable_declaration
          (variable_declarator
            name: (identifier) @name.definition.variable) @definition.variable)
      ])
    (export_statement
      declaration: (ambient_declaration
        [
          (lexical_declaration
            kind: "let"
            (variable_declarator
              name: (identifier) @name.definition.variable) @definition.variable)
          (variable_declaration
            (variable_declarator
              name: (identifier) @name.definition.variable) @definition.variable)
        ]))
  ])

; Inside `namespace N { … }`, `declare module 'x' { … }` and `declare global { … }`.
([
  (internal_module
    body: (statement_block
      [
        (lexical_declaration
          kind: "const"
          (variable_declarator
            name: (identifier) @name.definition.constant) @definition.constant)
        (export_statement
          declaration: (lexical_declaration
            kind: "const"
            (variable_declarator
              name: (identifier) @name.definition.constant) @definition.constant))
      ]))
  (module
    body: (statement_block
      [
        (lexical_declaration
          kind: "const"
          (variable_declarator
            name: (identifier) @name.definition.constant) @definition.constant)
        (export_statement
          declaration: (lexical_declaration
            kind: "const"
            (variable_declarator
              name: (identifier) @name.definition.constant) @definition.constant))
      ]))
  (ambient_declaration
    (statement_block
      (lexical_declaration
        kind: "const"
        (variable_declarator
          name: (identifier) @name.definition.constant) @definition.constant)))
])

([
  (internal_module
    body: (statement_block
      [
        (lexical_declaration
          kind: "let"
          (variable_declarator
            name: (identifier) @name.definition.variable) @definition.variable)
        (variable_declaration
          (variable_declarator
            name: (identifier) @name.definition.variable) @definition.variable)
        (export_statement
          declaration: [
            (lexical_declaration
              kind: "let"
              (variable_declarator
                name: (identifier) @name.definition.variable) @definition.variable)
            (variable_declaration
              (variable_declarator
                name: (identifier) @name.definition.variable) @definition.variable)
          ])
      ]))
  (module
    body: (statement_block
      [
        (lexical_declaration
          kind: "let"
          (variable_declarator
            name: (identifier) @name.definition.variable) @definition.variable)
        (variable_declaration
          (variable_declarator
            name: (identifier) @name.definition.variable) @definition.variable)
        (export_statement
          declaration: [
            (lexical_declaration
              kind: "let"
              (variable_declarator
                name: (identifier) @name.definition.variable) @definition.variable)
            (variable_declaration
              (variable_declarator
                name: (identifier) @name.definition.variable) @definition.variable)
          ])
      ]))
  (ambient_declaration
    (statement_block
      [
        (lexical_declaration
          kind: "let"
          (variable_declarator
            name: (identifier) @name.definition.variable) @definition.variable)
        (variable_declaration
          (variable_declarator
            name: (identifier) @name.definition.variable) @definition.variable)
      ]))
])

; ---------------------------------------------------------------------------
; References
; ---------------------------------------------------------------------------

; Inheritance: `extends Base`, `implements I<T>`, interface `extends J`.
(extends_clause
  value: (identifier) @name.reference.inherit)

(extends_clause
  value: (member_expression
    property: (property_identifier) @name.reference.inherit))

(implements_clause
  [
    (type_identifier) @name.reference.inherit
    (nested_type_identifier
      name: (type_identifier) @name.reference.inherit)
    (generic_type
      name: (type_identifier) @name.reference.inherit)
    (generic_type
      name: (nested_type_identifier
        name: (type_identifier) @name.reference.inherit))
  ])

(extends_type_clause
  type: [
    (type_identifier) @name.reference.inherit
    (nested_type_identifier
      name: (type_identifier) @name.reference.inherit)
    (generic_type
      name: (type_identifier) @name.reference.inherit)
    (generic_type
      name: (nested_type_identifier
        name: (type_identifier) @name.reference.inherit))
  ])

; Instantiation.
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
; `import x = require('m')`, re-exports `export { a } from 'm'`, and
; `const x = require('m')` / `const { a, b: c } = require('m')`.
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

(import_require_clause
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

; Type uses: annotations, generics, unions, `as`, constraints, conditional
; and mapped types, qualified names. Declared names (type parameters, `infer
; X`, mapped keys) are not uses.
(generic_type
  name: (type_identifier) @name.reference.type)

(nested_type_identifier
  name: (type_identifier) @name.reference.type)

[
  (type_annotation
    (type_identifier) @name.reference.type)
  (type_arguments
    (type_identifier) @name.reference.type)
  (union_type
    (type_identifier) @name.reference.type)
  (intersection_type
    (type_identifier) @name.reference.type)
  (array_type
    (type_identifier) @name.reference.type)
  (lookup_type
    (type_identifier) @name.reference.type)
  (as_expression
    (type_identifier) @name.reference.type)
  (satisfies_expression
    (type_identifier) @name.reference.type)
  (constraint
    (type_identifier) @name.reference.type)
  (default_type
    (type_identifier) @name.reference.type)
  (index_type_query
    (type_identifier) @name.reference.type)
  (tuple_type
    (type_identifier) @name.reference.type)
  (optional_type
    (type_identifier) @name.reference.type)
  (rest_type
    (type_identifier) @name.reference.type)
  (readonly_type
    (type_identifier) @name.reference.type)
  (parenthesized_type
    (type_identifier) @name.reference.type)
  (template_type
    (type_identifier) @name.reference.type)
  (conditional_type
    (type_identifier) @name.reference.type)
  (type_predicate
    type: (type_identifier) @name.reference.type)
  (function_type
    return_type: (type_identifier) @name.reference.type)
  (constructor_type
    (type_identifier) @name.reference.type)
  (index_signature
    (type_identifier) @name.reference.type)
  (mapped_type_clause
    type: (type_identifier) @name.reference.type)
  (type_alias_declaration
    value: (type_identifier) @name.reference.type)
  (opting_type_annotation
    (type_identifier) @name.reference.type)
  (omitting_type_annotation
    (type_identifier) @name.reference.type)
  (adding_type_annotation
    (type_identifier) @name.reference.type)
]
