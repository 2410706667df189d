; Kotlin tags (tree-sitter-kotlin 0.3.x, fwcd; the grammar has no field
; names, so patterns rely on node types and keyword tokens).
; Captures follow queries/README.md.

; ---------------------------------------------------------------------------
; Definitions

; `interface Foo`, `sealed interface Foo`
(class_declaration
  "interface"
  (type_identifier) @name.definition.interface) @definition.interface

; `enum class Color { ... }`
(class_declaration
  "enum"
  (type_identifier) @name.definition.enum) @definition.enum

; `class`, `data class`, `sealed class`, `abstract class`, `annotation class`,
; `value class`, `inner class`
(class_declaration
  (type_identifier) @name.definition.class) @definition.class

; `object Foo`, `companion object Foo`
(object_declaration
  (type_identifier) @name.definition.object) @definition.object

(companion_object
  (type_identifier) @name.definition.object) @definition.object

; An unnamed `companion object`: the grammar gives no name node, so the
; `companion` keyword stands for it, named as Kotlin names it: `Companion`.
(companion_object
  "companion" @name.definition.object
  .
  "object"
  .
  (class_body)
  (#set! name "Companion")) @definition.object

; Error recovery. The grammar predates `fun interface` and misreads some
; annotated or modified declarations; these patterns pick the names out of
; the resulting ERROR nodes.

; `fun interface Dns { ... }` at the top level: an ERROR for the header, the
; body a lambda (whose range stands for the interface).
(source_file
  (ERROR
    "fun"
    .
    (user_type
      (type_identifier) @_interface)
    .
    (simple_identifier) @name.definition.interface)
  .
  (lambda_literal) @definition.interface
  (#eq? @_interface "interface"))

; `fun interface Factory { fun newCall() }` in a class body reads as a
; function whose header holds an ERROR; the function's range stands for it.
(function_declaration
  (user_type
    (type_identifier) @_interface)
  .
  (ERROR
    .
    (simple_identifier) @name.definition.interface)
  (#eq? @_interface "interface")) @definition.interface

; `class Foo {` left in an ERROR that starts at the keyword (or modifiers).
(ERROR
  .
  "class"
  .
  (simple_identifier) @name.definition.class) @definition.class

(ERROR
  .
  (modifiers)
  .
  "class"
  .
  (simple_identifier) @name.definition.class) @definition.class

(ERROR
  .
  "interface"
  .
  (simple_identifier) @name.definition.interface) @definition.interface

(ERROR
  .
  "object"
  .
  (simple_identifier) @name.definition.object) @definition.object

; `@Ann(X::class) @Other class Foo` read as an expression: `class` becomes
; an identifier. Only the name is known (its range is the name).
(infix_expression
  (simple_identifier) @_class
  .
  (simple_identifier) @name.definition.class @definition.class
  (#eq? @_class "class"))

(infix_expression
  (simple_identifier) @_class
  .
  (call_expression
    .
    (simple_identifier) @name.definition.class) @definition.class
  (#eq? @_class "class"))

; Functions, methods (promoted inside classes/objects) and extension
; functions `fun String.shout()` (the receiver is a type reference).
(function_declaration
  (simple_identifier) @name.definition.function) @definition.function

; `constructor(...)` inside a class body
(secondary_constructor
  "constructor" @name.definition.function) @definition.function

; Top-level `const val` and UPPER_CASE `val` are constants, other top-level
; properties variables (including extension properties and destructuring).
(source_file
  (property_declaration
    (modifiers
      (property_modifier) @_const)
    (variable_declaration
      (simple_identifier) @name.definition.constant)) @definition.constant
  (#eq? @_const "const"))

(source_file
  (property_declaration
    (binding_pattern_kind) @_val
    (variable_declaration
      (simple_identifier) @name.definition.constant)) @definition.constant
  (#eq? @_val "val")
  (#match? @name.definition.constant "^_*[A-Z][A-Z0-9_]*$"))

(source_file
  (property_declaration
    (variable_declaration
      (simple_identifier) @name.definition.variable)) @definition.variable)

(source_file
  (property_declaration
    (multi_variable_declaration
      (variable_declaration
        (simple_identifier) @name.definition.variable))) @definition.variable)

; `const val` inside an object or companion object
(object_declaration
  (class_body
    (property_declaration
      (modifiers
        (property_modifier) @_const)
      (variable_declaration
        (simple_identifier) @name.definition.constant)) @definition.constant)
  (#eq? @_const "const"))

(companion_object
  (class_body
    (property_declaration
      (modifiers
        (property_modifier) @_const)
      (variable_declaration
        (simple_identifier) @name.definition.constant)) @definition.constant)
  (#eq? @_const "const"))

; `typealias Handler = (String) -> Unit`
(type_alias
  (type_identifier) @name.definition.type) @definition.type

; ---------------------------------------------------------------------------
; References

; Supertypes: `: Base(), Iface, Other by impl` (last name of a qualified type)
(delegation_specifier
  (constructor_invocation
    (user_type
      (type_identifier) @name.reference.inherit .)))

(delegation_specifier
  (constructor_invocation
    (user_type
      (type_identifier) @name.reference.inherit . (type_arguments) .)))

(delegation_specifier
  (user_type
    (type_identifier) @name.reference.inherit .))

(delegation_specifier
  (user_type
    (type_identifier) @name.reference.inherit . (type_arguments) .))

(delegation_specifier
  (explicit_delegation
    (user_type
      (type_identifier) @name.reference.inherit .)))

(delegation_specifier
  (explicit_delegation
    (user_type
      (type_identifier) @name.reference.inherit . (type_arguments) .)))

; Calls: `foo()`, `a.b.foo()`, `a?.foo {}`
(call_expression
  .
  (simple_identifier) @name.reference.call)

(call_expression
  .
  (navigation_expression
    (navigation_suffix
      (simple_identifier) @name.reference.call) .))

; `a to b`, `x shl 2`
(infix_expression
  (_)
  .
  (simple_identifier) @name.reference.call
  .
  (_))

; `Foo::bar`, `::bar`, `Foo::class`
(callable_reference
  (simple_identifier) @name.reference.call)

(callable_reference
  (type_identifier) @name.reference.type)

; Type uses (annotations, parameters, properties, generics, receivers);
; the last name of a qualified type.
(user_type
  (type_identifier) @name.reference.type .
  (#not-eq? @name.reference.type "interface"))

(user_type
  (type_identifier) @name.reference.type . (type_arguments) .)

; Imports: the imported name (the last segment of the path).
(import_header
  (identifier
    (simple_identifier) @name.reference.import .))
