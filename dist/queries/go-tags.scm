; Go tags. Captures follow the tree-sitter tags convention:
; @name.definition.<kind> / @definition.<kind> for definitions,
; @name.reference.<kind> for references (see queries/README.md).

; ---------------------------------------------------------------------------
; Definitions
; ---------------------------------------------------------------------------

(function_declaration
  name: (identifier) @name.definition.function) @definition.function

; Methods: the receiver's type is the qualifier, with or without a pointer and
; with or without type parameters: (s T), (s *T), (s T[K]), (s *T[K]), (T).
(method_declaration
  receiver: (parameter_list
    (parameter_declaration
      type: [
        (type_identifier) @qualifier
        (pointer_type (type_identifier) @qualifier)
        (generic_type type: (type_identifier) @qualifier)
        (pointer_type (generic_type type: (type_identifier) @qualifier))
      ]))
  name: (field_identifier) @name.definition.method) @definition.method

; A receiver the patterns above do not understand still yields the method.
(method_declaration
  name: (field_identifier) @name.definition.method) @definition.method

; Type specs, in a `type` declaration or a grouped `type ( ... )` block.
(type_spec
  name: (type_identifier) @name.definition.struct
  type: (struct_type)) @definition.struct

(type_spec
  name: (type_identifier) @name.definition.interface
  type: (interface_type)) @definition.interface

; Defined types (`type Celsius float64`, function types, maps, ...).
(type_spec
  name: (type_identifier) @name.definition.type) @definition.type

; Aliases: `type A = B`.
(type_alias
  name: (type_identifier) @name.definition.type) @definition.type

; Interface methods.
(method_spec
  name: (field_identifier) @name.definition.method) @definition.method

; Package-level constants and variables, single or grouped; not locals.
; A spec with several names (`var a, b, c int`) gives each name its own
; range, so that the names are siblings rather than nested in each other: a
; name followed by another name, then a name preceded by another one. (The
; query engine yields only the first of several names through a `name:` field,
; and only the first match of `(identifier) . (identifier) @name`, hence these
; shapes.) The blank identifier `_` (`var _ Handler = (*T)(nil)`) defines
; nothing.
(source_file
  (const_declaration
    (const_spec
      (identifier) @name.definition.constant @definition.constant
      .
      (identifier)))
  (#not-eq? @name.definition.constant "_"))

(source_file
  (const_declaration
    (const_spec
      (identifier)
      (identifier) @name.definition.constant @definition.constant))
  (#not-eq? @name.definition.constant "_"))

(source_file
  (const_declaration
    (const_spec
      (identifier) @name.definition.constant) @definition.constant)
  (#not-eq? @name.definition.constant "_"))

(source_file
  (var_declaration
    (var_spec
      (identifier) @name.definition.variable @definition.variable
      .
      (identifier)))
  (#not-eq? @name.definition.variable "_"))

(source_file
  (var_declaration
    (var_spec
      (identifier)
      (identifier) @name.definition.variable @definition.variable))
  (#not-eq? @name.definition.variable "_"))

(source_file
  (var_declaration
    (var_spec
      (identifier) @name.definition.variable) @definition.variable)
  (#not-eq? @name.definition.variable "_"))

; ---------------------------------------------------------------------------
; References
; ---------------------------------------------------------------------------

; Imports: the alias when there is one, otherwise the quoted import path.
(import_spec
  name: (package_identifier) @name.reference.import)

(import_spec
  !name
  path: (interpreted_string_literal) @name.reference.import)

; Calls, including method calls and explicitly instantiated generic calls.
(call_expression
  function: (identifier) @name.reference.call)

(call_expression
  function: (selector_expression
    field: (field_identifier) @name.reference.call))

(call_expression
  function: (parenthesized_expression
    (identifier) @name.reference.call))

(call_expression
  function: (index_expression
    operand: (identifier) @name.reference.call))

(call_expression
  function: (index_expression
    operand: (selector_expression
      field: (field_identifier) @name.reference.call)))

; Composite literals instantiate their type: T{}, pkg.T{}, T[int]{}, &T{}.
(composite_literal
  type: (type_identifier) @name.reference.new)

(composite_literal
  type: (qualified_type
    name: (type_identifier) @name.reference.new))

(composite_literal
  type: (generic_type
    type: [
      (type_identifier) @name.reference.new
      (qualified_type name: (type_identifier) @name.reference.new)
    ]))

; new(T) allocates a T.
(call_expression
  function: (identifier) @_new
  arguments: (argument_list
    .
    [
      (type_identifier) @name.reference.new
      (qualified_type name: (type_identifier) @name.reference.new)
      (generic_type type: (type_identifier) @name.reference.new)
    ])
  (#eq? @_new "new"))

; Embedding is Go's inheritance: embedded struct fields and interfaces.
(field_declaration
  !name
  type: [
    (type_identifier) @name.reference.inherit
    (qualified_type name: (type_identifier) @name.reference.inherit)
    (pointer_type (type_identifier) @name.reference.inherit)
    (pointer_type (qualified_type name: (type_identifier) @name.reference.inherit))
    (generic_type type: (type_identifier) @name.reference.inherit)
  ])

(interface_type
  (constraint_elem
    [
      (type_identifier) @name.reference.inherit
      (qualified_type name: (type_identifier) @name.reference.inherit)
    ]))

; Type uses.
(parameter_declaration
  type: (type_identifier) @name.reference.type)

(variadic_parameter_declaration
  type: (type_identifier) @name.reference.type)

(field_declaration
  type: (type_identifier) @name.reference.type)

(function_declaration
  result: (type_identifier) @name.reference.type)

(method_declaration
  result: (type_identifier) @name.reference.type)

(method_spec
  result: (type_identifier) @name.reference.type)

(function_type
  result: (type_identifier) @name.reference.type)

(func_literal
  result: (type_identifier) @name.reference.type)

(pointer_type
  (type_identifier) @name.reference.type)

(slice_type
  element: (type_identifier) @name.reference.type)

(array_type
  element: (type_identifier) @name.reference.type)

(implicit_length_array_type
  element: (type_identifier) @name.reference.type)

(map_type
  key: (type_identifier) @name.reference.type)

(map_type
  value: (type_identifier) @name.reference.type)

(channel_type
  value: (type_identifier) @name.reference.type)

(parenthesized_type
  (type_identifier) @name.reference.type)

(generic_type
  type: (type_identifier) @name.reference.type)

(type_arguments
  (type_identifier) @name.reference.type)

(qualified_type
  name: (type_identifier) @name.reference.type)

(var_spec
  type: (type_identifier) @name.reference.type)

(const_spec
  type: (type_identifier) @name.reference.type)

(type_spec
  type: (type_identifier) @name.reference.type)

(type_alias
  type: (type_identifier) @name.reference.type)

(type_assertion_expression
  type: (type_identifier) @name.reference.type)

(type_case
  type: (type_identifier) @name.reference.type)

(type_conversion_expression
  type: (type_identifier) @name.reference.type)

(constraint_elem
  (type_identifier) @name.reference.type)

(union_type
  (type_identifier) @name.reference.type)

(negated_type
  (type_identifier) @name.reference.type)

(argument_list
  (type_identifier) @name.reference.type)
