; C# tags. Captures follow the tree-sitter tags convention:
; @name.definition.<kind> / @definition.<kind> for definitions,
; @name.reference.<kind> for references (see queries/README.md).
;
; Each part of a partial class is a class definition of its own (with the same
; id when they share a file). Properties, fields, events and enum members are
; not reported.

; ------------------------------------------------------------ namespaces

(namespace_declaration
  name: (identifier) @name.definition.namespace) @definition.namespace

; `namespace A.B.C { ... }`: `A.B` is the qualifier.
(namespace_declaration
  name: (qualified_name
    .
    (_) @qualifier
    (identifier) @name.definition.namespace
    .)) @definition.namespace

; `namespace A.B;` covers the rest of the file.
(file_scoped_namespace_declaration
  name: (identifier) @name.definition.namespace) @definition.namespace

(file_scoped_namespace_declaration
  name: (qualified_name
    .
    (_) @qualifier
    (identifier) @name.definition.namespace
    .)) @definition.namespace

; ----------------------------------------------------------------- types

(class_declaration
  name: (identifier) @name.definition.class) @definition.class

(struct_declaration
  name: (identifier) @name.definition.struct) @definition.struct

(interface_declaration
  name: (identifier) @name.definition.interface) @definition.interface

(enum_declaration
  name: (identifier) @name.definition.enum) @definition.enum

; `record Person(string Name);` is a class, `record struct Point(int X);` a struct.
(record_declaration
  name: (identifier) @name.definition.class) @definition.class

(record_struct_declaration
  name: (identifier) @name.definition.struct) @definition.struct

; `delegate void Handler(object sender);` names a function type.
(delegate_declaration
  name: (identifier) @name.definition.type) @definition.type

; --------------------------------------------------------------- methods
; Methods with or without a body (interface, abstract, extern, partial).

(method_declaration
  name: (identifier) @name.definition.method) @definition.method

(constructor_declaration
  name: (identifier) @name.definition.method) @definition.method

; Local functions stay functions, nested in their method.
(local_function_statement
  name: (identifier) @name.definition.function) @definition.function

; ------------------------------------------------------------ references

; `using System.Text;`, `using static System.Math;`, `using SB = System.Text.StringBuilder;`
(using_directive
  (identifier) @name.reference.import)

(using_directive
  (qualified_name
    (identifier) @name.reference.import
    .))

; Calls: `F()`, `F<T>()`, `obj.M()`, `Type.M<T>()`, `obj?.M()`.
(invocation_expression
  function: [
    (identifier) @name.reference.call
    (generic_name
      (identifier) @name.reference.call)
    (member_access_expression
      name: [
        (identifier) @name.reference.call
        (generic_name
          (identifier) @name.reference.call)
      ])
    (conditional_access_expression
      (member_binding_expression
        name: [
          (identifier) @name.reference.call
          (generic_name
            (identifier) @name.reference.call)
        ]))
  ]
  (#not-eq? @name.reference.call "nameof"))

; `new Foo()`, `new List<int>()`, `new System.Text.StringBuilder()`.
(object_creation_expression
  type: [
    (identifier) @name.reference.new
    (generic_name
      (identifier) @name.reference.new)
    (qualified_name
      [
        (identifier) @name.reference.new
        (generic_name
          (identifier) @name.reference.new)
      ]
      .)
  ])

; Base classes and implemented interfaces; a record's base takes arguments:
; `record B(int X) : A(X);`.
(base_list
  (primary_constructor_base_type
    [
      (identifier) @name.reference.inherit
      (generic_name
        (identifier) @name.reference.inherit)
      (qualified_name
        (identifier) @name.reference.inherit
        .)
    ]))

(base_list
  [
    (identifier) @name.reference.inherit
    (generic_name
      (identifier) @name.reference.inherit)
    (qualified_name
      [
        (identifier) @name.reference.inherit
        (generic_name
          (identifier) @name.reference.inherit)
      ]
      .)
  ])

; Type uses: parameters, return types, fields, properties, locals, casts,
; patterns, array element types, generic constraints (`where T : IFoo`).
(_
  type: [
    (identifier) @name.reference.type
    (generic_name
      (identifier) @name.reference.type)
    (qualified_name
      [
        (identifier) @name.reference.type
        (generic_name
          (identifier) @name.reference.type)
      ]
      .)
  ])

; `Foo?` wherever a type goes.
(nullable_type
  [
    (identifier) @name.reference.type
    (generic_name
      (identifier) @name.reference.type)
    (qualified_name
      (identifier) @name.reference.type
      .)
  ])

; Generic arguments: `List<Foo>`, `Dictionary<string, Acme.Bar>`.
(type_argument_list
  [
    (identifier) @name.reference.type
    (generic_name
      (identifier) @name.reference.type)
    (qualified_name
      (identifier) @name.reference.type
      .)
  ])

; `x as Foo`
(as_expression
  right: [
    (identifier) @name.reference.type
    (generic_name
      (identifier) @name.reference.type)
  ])

(type_of_expression
  [
    (identifier) @name.reference.type
    (generic_name
      (identifier) @name.reference.type)
  ])

; `Foo IBar.Explicit()`
(explicit_interface_specifier
  [
    (identifier) @name.reference.type
    (generic_name
      (identifier) @name.reference.type)
  ])

; Attributes name their attribute class: `[Serializable]`.
(attribute
  name: [
    (identifier) @name.reference.type
    (qualified_name
      (identifier) @name.reference.type
      .)
  ])
