; Java tags. Captures follow the tree-sitter tags convention:
; @name.definition.<kind> / @definition.<kind> for definitions,
; @name.reference.<kind> for references (see queries/README.md).

; ---------------------------------------------------------------------------
; Definitions
; ---------------------------------------------------------------------------

(class_declaration
  name: (identifier) @name.definition.class) @definition.class

; Records are classes.
(record_declaration
  name: (identifier) @name.definition.class) @definition.class

(interface_declaration
  name: (identifier) @name.definition.interface) @definition.interface

; `@interface Name` declares an annotation type, a kind of interface.
(annotation_type_declaration
  name: (identifier) @name.definition.interface) @definition.interface

(enum_declaration
  name: (identifier) @name.definition.enum) @definition.enum

; An enum constant with a body is an anonymous class: its methods are
; qualified with the constant (Enum.CONSTANT.method) without reporting it.
(enum_constant
  name: (identifier) @name.scope.class
  body: (class_body)) @scope.class

(method_declaration
  name: (identifier) @name.definition.method) @definition.method

; Constructors, including compact record constructors, are methods.
(constructor_declaration
  name: (identifier) @name.definition.method) @definition.method

(compact_constructor_declaration
  name: (identifier) @name.definition.method) @definition.method

; Annotation type elements: `String value() default "";`
(annotation_type_element_declaration
  name: (identifier) @name.definition.method) @definition.method

; ---------------------------------------------------------------------------
; References
; ---------------------------------------------------------------------------

; Imports: the last name (`import a.b.C;`, `import static a.B.c;`), not `a.b.*`.
(import_declaration
  (scoped_identifier
    name: (identifier) @name.reference.import)
  .)

(import_declaration
  (identifier) @name.reference.import
  .)

; Base classes and implemented / extended interfaces.
(superclass
  [
    (type_identifier) @name.reference.inherit
    (generic_type [
      (type_identifier) @name.reference.inherit
      (scoped_type_identifier (type_identifier) @name.reference.inherit .)
    ])
    (scoped_type_identifier (type_identifier) @name.reference.inherit .)
  ])

(super_interfaces
  (type_list
    [
      (type_identifier) @name.reference.inherit
      (generic_type [
        (type_identifier) @name.reference.inherit
        (scoped_type_identifier (type_identifier) @name.reference.inherit .)
      ])
      (scoped_type_identifier (type_identifier) @name.reference.inherit .)
    ]))

(extends_interfaces
  (type_list
    [
      (type_identifier) @name.reference.inherit
      (generic_type [
        (type_identifier) @name.reference.inherit
        (scoped_type_identifier (type_identifier) @name.reference.inherit .)
      ])
      (scoped_type_identifier (type_identifier) @name.reference.inherit .)
    ]))

; Instantiation: `new Foo()`, `new Foo<>()`, `new a.b.Foo()`, anonymous classes.
(object_creation_expression
  type: [
    (type_identifier) @name.reference.new
    (generic_type [
      (type_identifier) @name.reference.new
      (scoped_type_identifier (type_identifier) @name.reference.new .)
    ])
    (scoped_type_identifier (type_identifier) @name.reference.new .)
  ])

; Calls: method invocations by their name.
(method_invocation
  name: (identifier) @name.reference.call)

; Method references: `Foo::bar` calls bar, `Foo::new` instantiates Foo.
(method_reference
  (_)
  (identifier) @name.reference.call .)

(method_reference
  .
  (identifier) @name.reference.new .)

(method_reference
  .
  (identifier) @name.reference.type
  (#match? @name.reference.type "^[A-Z][A-Za-z0-9_]*[a-z][A-Za-z0-9_]*$"))

; Annotations refer to their annotation type.
(marker_annotation
  name: [
    (identifier) @name.reference.type
    (scoped_identifier name: (identifier) @name.reference.type)
  ])

(annotation
  name: [
    (identifier) @name.reference.type
    (scoped_identifier name: (identifier) @name.reference.type)
  ])

; Type uses: declared types of fields, locals, parameters and results, casts,
; generics, bounds, throws, array elements and qualified names.
(_
  type: (type_identifier) @name.reference.type
  (#not-eq? @name.reference.type "var"))

(instanceof_expression
  right: (type_identifier) @name.reference.type)

(generic_type
  (type_identifier) @name.reference.type)

(type_arguments
  (type_identifier) @name.reference.type)

(array_type
  element: (type_identifier) @name.reference.type)

(type_bound
  (type_identifier) @name.reference.type)

(throws
  (type_identifier) @name.reference.type)

(spread_parameter
  (type_identifier) @name.reference.type)

(catch_type
  (type_identifier) @name.reference.type)

(wildcard
  (type_identifier) @name.reference.type)

; Segments of qualified names: `Map.Entry` → Map, Entry; `java.io.File` → File.
(scoped_type_identifier
  (type_identifier) @name.reference.type
  (#match? @name.reference.type "^[A-Z]"))

(annotated_type
  (type_identifier) @name.reference.type)

(class_literal
  (type_identifier) @name.reference.type)

; `Foo.bar()` / `Foo.CONSTANT`: a capitalised receiver is most likely a type.
(method_invocation
  object: (identifier) @name.reference.type
  (#match? @name.reference.type "^[A-Z][A-Za-z0-9_]*[a-z][A-Za-z0-9_]*$"))
