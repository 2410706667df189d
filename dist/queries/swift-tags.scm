; Swift tags (tree-sitter-swift 0.4.x, alex-pinkus). Captures follow
; queries/README.md. `struct`, `class`, `enum`, `actor` and `extension` are
; all `class_declaration` nodes told apart by their `declaration_kind`.

; ---------------------------------------------------------------------------
; Definitions

(class_declaration
  declaration_kind: "struct"
  name: (type_identifier) @name.definition.struct) @definition.struct

(class_declaration
  declaration_kind: "enum"
  name: (type_identifier) @name.definition.enum) @definition.enum

(class_declaration
  declaration_kind: "actor"
  name: (type_identifier) @name.definition.actor) @definition.actor

; `class` (also `final class`, `open class`) and `indirect enum`, which the
; grammar parses without a declaration kind.
(class_declaration
  declaration_kind: "class"
  name: (type_identifier) @name.definition.class) @definition.class

(class_declaration
  "indirect"
  name: (type_identifier) @name.definition.enum) @definition.enum

; `extension Point { ... }`, `extension Outer.Inner { ... }`: a scope named
; after the extended type (its last name; an outer name qualifies it).
(class_declaration
  declaration_kind: "extension"
  name: (user_type
    .
    (type_identifier) @qualifier
    .
    (type_identifier) @name.scope.extension .)) @scope.extension

(class_declaration
  declaration_kind: "extension"
  name: (user_type
    (type_identifier) @name.scope.extension .)) @scope.extension

(class_declaration
  declaration_kind: "extension"
  name: (user_type
    (type_identifier) @name.scope.extension . (type_arguments) .)) @scope.extension

(protocol_declaration
  name: (type_identifier) @name.definition.protocol) @definition.protocol

; Functions and methods (methods when inside a type or an extension).
(function_declaration
  name: (simple_identifier) @name.definition.function) @definition.function

(protocol_function_declaration
  name: (simple_identifier) @name.definition.function) @definition.function

; Operators: `static func == (lhs: A, rhs: A) -> Bool`, `prefix func !`
(function_declaration
  "func"
  .
  name: _ @name.definition.function) @definition.function

(protocol_function_declaration
  "func"
  .
  name: _ @name.definition.function) @definition.function

; `init(...)`, `init?(...)`, `convenience init(...)` are methods named `init`.
(init_declaration
  "init" @name.definition.function) @definition.function

; `subscript(i: Int) -> T`
(subscript_declaration
  "subscript" @name.definition.function) @definition.function

(typealias_declaration
  name: (type_identifier) @name.definition.type) @definition.type

(associatedtype_declaration
  name: (type_identifier) @name.definition.type) @definition.type

; Top-level `let` is a constant, top-level `var` a variable. In
; `let a = 1, b = 2` each name's range is its own pattern, so that `b` does
; not nest inside `a`.
(source_file
  (property_declaration
    (value_binding_pattern
      mutability: "let")
    name: (pattern
      bound_identifier: (simple_identifier) @name.definition.constant) @definition.constant
    name: (pattern)))

(source_file
  (property_declaration
    (value_binding_pattern
      mutability: "let")
    name: (pattern)
    name: (pattern
      bound_identifier: (simple_identifier) @name.definition.constant) @definition.constant))

(source_file
  (property_declaration
    (value_binding_pattern
      mutability: "var")
    name: (pattern
      bound_identifier: (simple_identifier) @name.definition.variable) @definition.variable
    name: (pattern)))

(source_file
  (property_declaration
    (value_binding_pattern
      mutability: "var")
    name: (pattern)
    name: (pattern
      bound_identifier: (simple_identifier) @name.definition.variable) @definition.variable))

(source_file
  (property_declaration
    (value_binding_pattern
      mutability: "let")
    name: (pattern
      bound_identifier: (simple_identifier) @name.definition.constant)) @definition.constant)

(source_file
  (property_declaration
    (value_binding_pattern
      mutability: "var")
    name: (pattern
      bound_identifier: (simple_identifier) @name.definition.variable)) @definition.variable)

; ---------------------------------------------------------------------------
; References

; `class A: Base, Proto`, `extension A: Proto`, `protocol P: Q`
(inheritance_specifier
  inherits_from: (user_type
    (type_identifier) @name.reference.inherit .))

(inheritance_specifier
  inherits_from: (user_type
    (type_identifier) @name.reference.inherit . (type_arguments) .))

; `Base<Int>(size: 1)`: explicit instantiation of a (generic) type
(constructor_expression
  constructed_type: (user_type
    (type_identifier) @name.reference.new .))

(constructor_expression
  constructed_type: (user_type
    (type_identifier) @name.reference.new . (type_arguments) .))

; Calls: `foo()`, `a.b.foo()`, `a?.foo { }` (the last name)
(call_expression
  .
  (simple_identifier) @name.reference.call)

(call_expression
  .
  (navigation_expression
    suffix: (navigation_suffix
      suffix: (simple_identifier) @name.reference.call)))

; Type uses (annotations, parameters, generics, attributes): the last name
; of a qualified type.
(user_type
  (type_identifier) @name.reference.type .)

(user_type
  (type_identifier) @name.reference.type . (type_arguments) .)

; `import Foundation`, `import struct Darwin.size_t`: the imported name.
(import_declaration
  (identifier
    (simple_identifier) @name.reference.import .))
