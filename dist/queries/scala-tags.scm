; Scala tags (tree-sitter-scala 0.19.x: Scala 2 only, no `enum`, `given`
; or `extension`; modifiers before `trait` and `extends A(x) with B` do not
; parse, so some patterns below pick definitions out of ERROR nodes).
; Captures follow queries/README.md.

; ---------------------------------------------------------------------------
; Definitions

(trait_definition
  name: (identifier) @name.definition.trait) @definition.trait

; `class`, `case class`, `abstract class`, `implicit class`. The anchor after
; the keyword skips the misparse of `class A(x: Int) extends B(x) with C`,
; whose `name` field is `C`; the pattern after it takes `A` from the ERROR.
(class_definition
  "class"
  .
  name: (identifier) @name.definition.class) @definition.class

(class_definition
  "class"
  .
  (ERROR
    .
    (identifier) @name.definition.class
    .
    [(class_parameters) (extends_clause) (type_parameters)])) @definition.class

(object_definition
  "object"
  .
  name: (identifier) @name.definition.object) @definition.object

(object_definition
  "object"
  .
  (ERROR
    .
    (identifier) @name.definition.object
    .
    (extends_clause))) @definition.object

(package_object
  name: (identifier) @name.definition.object) @definition.object

; A top-level `sealed trait X` (the grammar knows no modifiers before
; `trait`) leaves an ERROR holding the identifiers `trait` and `X`. When the
; trait's first member is a def, the grammar wraps the header into that def
; (`sealed trait X { def a: Int` reads as a def `a` with an ERROR), whose
; range then stands for the trait so that `a` nests inside it. Otherwise the
; range is the name only: the ERROR node does not span the trait's body.
(function_declaration
  (ERROR
    (identifier) @_keyword
    .
    (identifier) @name.definition.trait
    (#eq? @_keyword "trait"))) @definition.trait

(function_definition
  (ERROR
    (identifier) @_keyword
    .
    (identifier) @name.definition.trait
    (#eq? @_keyword "trait"))) @definition.trait

(ERROR
  (identifier) @_keyword
  .
  (identifier) @name.definition.trait @definition.trait
  (#eq? @_keyword "trait"))

; Likewise `class X` and `object X` swallowed by an ERROR (for instance
; after an annotation on its own line).
(ERROR
  (identifier) @_keyword
  .
  (identifier) @name.definition.class @definition.class
  (#eq? @_keyword "class"))

(ERROR
  (identifier) @_keyword
  .
  (identifier) @name.definition.object @definition.object
  (#eq? @_keyword "object"))

; Methods (functions inside a class, trait or object), abstract methods,
; auxiliary constructors (`def this(...)`, named `this`) and local defs.
; The anchor after `def` skips misparsed symbolic names (`def :::[B]`,
; whose `name` field is a type parameter).
(function_definition
  "def"
  .
  name: (identifier) @name.definition.function) @definition.function

(function_declaration
  "def"
  .
  name: (identifier) @name.definition.function) @definition.function

; Where a construct the grammar does not know (a self-type `{ self =>`, a
; multi-line `extends A\n  with B`) turns the following declarations into
; chains of infix expressions, the keyword ends up as the left operand's
; last identifier and the name as the operator: `(self => def) first ...`,
; `(... with B object) name extends ...`. The range is the name only.
(infix_expression
  left: (infix_expression
    right: (identifier) @_keyword)
  operator: (identifier) @name.definition.function @definition.function
  (#eq? @_keyword "def"))

(infix_expression
  left: (infix_expression
    right: (identifier) @_keyword)
  operator: (identifier) @name.definition.object @definition.object
  (#eq? @_keyword "object"))

(infix_expression
  left: (infix_expression
    right: (identifier) @_keyword)
  operator: (identifier) @name.definition.class @definition.class
  (#eq? @_keyword "class"))

(infix_expression
  left: (infix_expression
    right: (identifier) @_keyword)
  operator: (identifier) @name.definition.trait @definition.trait
  (#eq? @_keyword "trait"))

; `type Handler = String => Unit`, abstract `type T`
(type_definition
  name: (type_identifier) @name.definition.type) @definition.type

; vals and vars at the top level and in objects: UpperCamelCase vals
; (Scala's convention for constants) are constants, others variables.
(compilation_unit
  (val_definition
    pattern: (identifier) @name.definition.constant) @definition.constant
  (#match? @name.definition.constant "^[A-Z]"))

(compilation_unit
  (val_definition
    pattern: (identifier) @name.definition.variable) @definition.variable)

(compilation_unit
  (var_definition
    pattern: (identifier) @name.definition.variable) @definition.variable)

(object_definition
  body: (template_body
    (val_definition
      pattern: (identifier) @name.definition.constant) @definition.constant)
  (#match? @name.definition.constant "^[A-Z]"))

(object_definition
  body: (template_body
    (val_definition
      pattern: (identifier) @name.definition.variable) @definition.variable))

(object_definition
  body: (template_body
    (var_definition
      pattern: (identifier) @name.definition.variable) @definition.variable))

(package_object
  body: (template_body
    (val_definition
      pattern: (identifier) @name.definition.constant) @definition.constant)
  (#match? @name.definition.constant "^[A-Z]"))

(package_object
  body: (template_body
    (val_definition
      pattern: (identifier) @name.definition.variable) @definition.variable))

; ---------------------------------------------------------------------------
; References

; `extends Base(x) with Mixin with Other[T]`
(extends_clause
  type: (type_identifier) @name.reference.inherit)

(extends_clause
  type: (generic_type
    type: (type_identifier) @name.reference.inherit))

(extends_clause
  type: (stable_type_identifier
    (type_identifier) @name.reference.inherit .))

(compound_type
  [(type_identifier) @name.reference.inherit
   (generic_type
     type: (type_identifier) @name.reference.inherit)
   (stable_type_identifier
     (type_identifier) @name.reference.inherit .)])

; Recovery for `extends Base(x) with Mixin`: the `with` parts end up in an
; ERROR node, the last one as the class's misparsed name.
(ERROR
  (identifier) @_with
  .
  (identifier) @name.reference.inherit
  (#eq? @_with "with"))

(class_definition
  (ERROR
    (extends_clause))
  name: (identifier) @name.reference.inherit)

; Multi-line `extends A\n  with B` read as infix expressions (see above):
; `with B {`, `(... extends) A ...`, `(... with) B ...`.
(infix_expression
  left: (identifier) @_with
  operator: (identifier) @name.reference.inherit
  (#eq? @_with "with"))

(infix_expression
  left: (infix_expression
    right: (identifier) @_with)
  operator: (identifier) @name.reference.inherit
  (#match? @_with "^(with|extends)$"))

(object_definition
  (ERROR
    (extends_clause))
  name: (identifier) @name.reference.inherit)

; `new Foo`, `new Foo(x)`, `new Foo[T](x)`, `new pkg.Foo(x)`
(instance_expression
  (identifier) @name.reference.new)

(instance_expression
  (call_expression
    function: (identifier) @name.reference.new))

(instance_expression
  (call_expression
    function: (generic_function
      function: (identifier) @name.reference.new)))

(instance_expression
  (call_expression
    function: (field_expression
      field: (identifier) @name.reference.new)))

; Calls: `f(x)`, `a.b.f(x)`, `f[T](x)`, `a.f[T](x)`
(call_expression
  function: (identifier) @name.reference.call)

(call_expression
  function: (field_expression
    field: (identifier) @name.reference.call))

(generic_function
  function: (identifier) @name.reference.call)

(generic_function
  function: (field_expression
    field: (identifier) @name.reference.call))

; `xs.map { x => ... }`: the grammar leaves `xs.map` in an ERROR before
; the block argument.
(ERROR
  (field_expression
    field: (identifier) @name.reference.call) .)

; Type uses: parameters, return types, vals, bounds, generics, tuples,
; function types, patterns, annotations; the last name of `a.b.Type`.
(parameter
  type: (type_identifier) @name.reference.type)

(class_parameter
  type: (type_identifier) @name.reference.type)

(function_definition
  return_type: (type_identifier) @name.reference.type)

(function_declaration
  return_type: (type_identifier) @name.reference.type)

(val_definition
  type: (type_identifier) @name.reference.type)

(var_definition
  type: (type_identifier) @name.reference.type)

(val_declaration
  type: (type_identifier) @name.reference.type)

(var_declaration
  type: (type_identifier) @name.reference.type)

(type_definition
  type: (type_identifier) @name.reference.type)

(typed_pattern
  type: (type_identifier) @name.reference.type)

(generic_type
  type: (type_identifier) @name.reference.type)

(type_arguments
  (type_identifier) @name.reference.type)

(stable_type_identifier
  (type_identifier) @name.reference.type .)

(tuple_type
  (type_identifier) @name.reference.type)

(parameter_types
  (type_identifier) @name.reference.type)

(function_type
  return_type: (type_identifier) @name.reference.type)

(infix_type
  (type_identifier) @name.reference.type)

(upper_bound
  type: (type_identifier) @name.reference.type)

(lower_bound
  type: (type_identifier) @name.reference.type)

(view_bound
  type: (type_identifier) @name.reference.type)

(context_bound
  type: (type_identifier) @name.reference.type)

(lazy_parameter_type
  type: (type_identifier) @name.reference.type)

(repeated_parameter_type
  type: (type_identifier) @name.reference.type)

(annotation
  name: (type_identifier) @name.reference.type)

; Imports: `import a.b.C`, `import a.b.{C, D => E}`, `import a.b._` (the
; package `b` for wildcards).
(import_declaration
  path: (stable_identifier
    (identifier) @name.reference.import .) .)

(import_declaration
  path: (stable_identifier
    (identifier) @name.reference.import .)
  .
  (wildcard))

(import_declaration
  path: (identifier) @name.reference.import .)

(import_selectors
  (identifier) @name.reference.import)

(import_selectors
  (renamed_identifier
    name: (identifier) @name.reference.import))
