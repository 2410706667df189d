; Rust tags. Captures follow the tree-sitter tags convention:
; @name.definition.<kind> / @definition.<kind> for definitions,
; @name.reference.<kind> for references (see queries/README.md).

; ---------------------------------------------------------------------------
; Definitions
; ---------------------------------------------------------------------------

(struct_item
  name: (type_identifier) @name.definition.struct) @definition.struct

(union_item
  name: (type_identifier) @name.definition.union) @definition.union

(enum_item
  name: (type_identifier) @name.definition.enum) @definition.enum

(trait_item
  name: (type_identifier) @name.definition.trait) @definition.trait

(type_item
  name: (type_identifier) @name.definition.type) @definition.type

; `type Item;` in a trait.
(associated_type
  name: (type_identifier) @name.definition.type) @definition.type

; Functions; inside an impl, trait or mod they are reported as methods.
(function_item
  name: (identifier) @name.definition.function) @definition.function

; Trait methods without a body and functions in `extern` blocks.
(function_signature_item
  name: (identifier) @name.definition.function) @definition.function

(mod_item
  name: (identifier) @name.definition.module) @definition.module

(macro_definition
  name: (identifier) @name.definition.macro) @definition.macro

; Constants and statics at the top level or in a module, not in functions or
; impls. `static mut` is a variable, other statics are constants.
(source_file
  (const_item
    name: (identifier) @name.definition.constant) @definition.constant)

(mod_item
  body: (declaration_list
    (const_item
      name: (identifier) @name.definition.constant) @definition.constant))

(source_file
  (static_item
    (mutable_specifier)
    name: (identifier) @name.definition.variable) @definition.variable)

(mod_item
  body: (declaration_list
    (static_item
      (mutable_specifier)
      name: (identifier) @name.definition.variable) @definition.variable))

(source_file
  (static_item
    name: (identifier) @name.definition.constant) @definition.constant)

(mod_item
  body: (declaration_list
    (static_item
      name: (identifier) @name.definition.constant) @definition.constant))

; impl blocks are scopes named after their self type: methods become Type.method.
(impl_item
  type: [
    (type_identifier) @name.scope.impl
    (scoped_type_identifier name: (type_identifier) @name.scope.impl)
    (generic_type type: (type_identifier) @name.scope.impl)
    (generic_type type: (scoped_type_identifier name: (type_identifier) @name.scope.impl))
    (reference_type type: (type_identifier) @name.scope.impl)
    (reference_type type: (generic_type type: (type_identifier) @name.scope.impl))
  ]) @scope.impl

; ---------------------------------------------------------------------------
; References
; ---------------------------------------------------------------------------

; Imports: the last name of each imported path (`use a::b::{C, D as E}` → C, D).
(use_declaration
  argument: (identifier) @name.reference.import)

(use_declaration
  argument: (scoped_identifier
    name: (identifier) @name.reference.import))

(use_as_clause
  path: (identifier) @name.reference.import)

(use_as_clause
  path: (scoped_identifier
    name: (identifier) @name.reference.import))

(use_list
  (identifier) @name.reference.import)

(use_list
  (scoped_identifier
    name: (identifier) @name.reference.import))

(extern_crate_declaration
  name: (identifier) @name.reference.import)

; Trait implementations and supertraits.
(impl_item
  trait: [
    (type_identifier) @name.reference.inherit
    (scoped_type_identifier name: (type_identifier) @name.reference.inherit)
    (generic_type type: (type_identifier) @name.reference.inherit)
    (generic_type type: (scoped_type_identifier name: (type_identifier) @name.reference.inherit))
  ])

(trait_item
  bounds: (trait_bounds
    [
      (type_identifier) @name.reference.inherit
      (scoped_type_identifier name: (type_identifier) @name.reference.inherit)
      (generic_type type: (type_identifier) @name.reference.inherit)
    ]))

; Struct literals instantiate their type: `Point { x: 1 }`, `geo::Point { .. }`.
(struct_expression
  name: [
    (type_identifier) @name.reference.new
    (scoped_type_identifier name: (type_identifier) @name.reference.new)
    (generic_type_with_turbofish type: (type_identifier) @name.reference.new)
    (generic_type_with_turbofish type: (scoped_identifier name: (identifier) @name.reference.new))
  ])

; Calls: plain, path (`Vec::new`), method (`x.push`) and turbofish calls.
(call_expression
  function: (identifier) @name.reference.call)

(call_expression
  function: (scoped_identifier
    name: (identifier) @name.reference.call))

(call_expression
  function: (field_expression
    field: (field_identifier) @name.reference.call))

(call_expression
  function: (generic_function
    function: [
      (identifier) @name.reference.call
      (scoped_identifier name: (identifier) @name.reference.call)
      (field_expression field: (field_identifier) @name.reference.call)
    ]))

; Macro invocations are calls of the macro.
(macro_invocation
  macro: (identifier) @name.reference.call)

(macro_invocation
  macro: (scoped_identifier
    name: (identifier) @name.reference.call))

; The type in a path call: `Config::default()`, `Vec::<u8>::new()`.
(scoped_identifier
  path: (identifier) @name.reference.type
  (#match? @name.reference.type "^[A-Z]")
  (#not-match? @name.reference.type "^(Self|_)$"))

(scoped_identifier
  path: (scoped_identifier
    name: (identifier) @name.reference.type)
  (#match? @name.reference.type "^[A-Z]"))

(scoped_identifier
  path: (generic_type
    type: (type_identifier) @name.reference.type)
  (#not-match? @name.reference.type "^(Self|_)$"))

; Type uses: every type_identifier in a type position (not `Self`).
(_
  type: (type_identifier) @name.reference.type
  (#not-match? @name.reference.type "^(Self|_)$"))

(_
  return_type: (type_identifier) @name.reference.type
  (#not-match? @name.reference.type "^(Self|_)$"))

(_
  trait: (type_identifier) @name.reference.type)

(type_arguments
  (type_identifier) @name.reference.type
  (#not-match? @name.reference.type "^(Self|_)$"))

(tuple_type
  (type_identifier) @name.reference.type
  (#not-match? @name.reference.type "^(Self|_)$"))

(array_type
  element: (type_identifier) @name.reference.type
  (#not-match? @name.reference.type "^(Self|_)$"))

(trait_bounds
  (type_identifier) @name.reference.type)

(scoped_type_identifier
  name: (type_identifier) @name.reference.type)

(scoped_type_identifier
  path: (identifier) @name.reference.type
  (#match? @name.reference.type "^[A-Z]")
  (#not-match? @name.reference.type "^(Self|_)$"))
