; TypeScript tags (.ts .mts .cts). Captures follow the tree-sitter tags
; convention: @name.definition.<kind> / @definition.<kind> for definitions,
; @name.reference.<kind> for references (see queries/README.md).
; queries/tsx-tags.scm inherits this file and adds the JSX patterns.
; inherits: ecmascript

; ---------------------------------------------------------------------------
; Definitions
; ---------------------------------------------------------------------------

(class_declaration
  name: (type_identifier) @name.definition.class) @definition.class

(abstract_class_declaration
  name: (type_identifier) @name.definition.class) @definition.class

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

; Class members only TypeScript has: method and abstract signatures, and
; fields holding functions (methods and accessors are in ecmascript-tags.scm).
; Captured as functions and reported as methods, as there.
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

; `declare function f(): void;` and overload signatures.
(function_signature
  name: (identifier) @name.definition.function) @definition.function

; A named function expression returned, in an object literal, in parentheses
; or in an array is defined under its own name.
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

; Module-level constants without a value (`declare const x: T`), and ambient
; constants and variables (variables without a value are in ecmascript-tags.scm).
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

; `import x = require('y')`.
(import_require_clause
  (identifier) @name.reference.import)

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
