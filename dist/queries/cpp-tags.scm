; C++ tags (also used for C headers, `.h`). Captures follow the tree-sitter
; tags convention: @name.definition.<kind> / @definition.<kind> for
; definitions, @name.reference.<kind> for references (see queries/README.md).
;
; Function prototypes and in-class member function declarations are not
; definitions (as in universal-ctags, whose `prototype` kind is off by
; default); definitions out of their class (`void Foo::bar() {}`) carry the
; class as @qualifier.

; ---------------------------------------------------------------- macros

(preproc_def
  name: (identifier) @name.definition.macro) @definition.macro

(preproc_function_def
  name: (identifier) @name.definition.macro) @definition.macro

; ------------------------------------------------------------ namespaces

(namespace_definition
  name: (namespace_identifier) @name.definition.namespace) @definition.namespace

; `namespace a::b { ... }`, `namespace a::b::c { ... }`
(namespace_definition
  name: (nested_namespace_specifier
    .
    (namespace_identifier) @qualifier
    .
    (namespace_identifier) @name.definition.namespace
    .)) @definition.namespace

(namespace_definition
  name: (nested_namespace_specifier
    .
    (namespace_identifier) @qualifier
    .
    (nested_namespace_specifier
      .
      (namespace_identifier) @qualifier
      .
      (namespace_identifier) @name.definition.namespace
      .))) @definition.namespace

; ------------------------------------------- classes, structs, unions, enums

; `typedef struct { ... } Point;`: the anonymous type is named by the typedef.

(type_definition
  type: (struct_specifier
    !name
    body: (field_declaration_list))
  declarator: (type_identifier) @name.definition.struct) @definition.struct

(type_definition
  type: (union_specifier
    !name
    body: (field_declaration_list))
  declarator: (type_identifier) @name.definition.union) @definition.union

(type_definition
  type: (enum_specifier
    !name
    body: (enumerator_list))
  declarator: (type_identifier) @name.definition.enum) @definition.enum

(type_definition
  type: (class_specifier
    !name
    body: (field_declaration_list))
  declarator: (type_identifier) @name.definition.class) @definition.class

; Named types with a body; the name may be a specialization (`Foo<int>`,
; `Foo<T*>`) or qualified (`struct Outer::Inner { ... }`).

(class_specifier
  name: [
    (type_identifier) @name.definition.class
    (template_type
      name: (type_identifier) @name.definition.class)
    (qualified_identifier
      scope: (_) @qualifier
      name: [
        (type_identifier) @name.definition.class
        (template_type
          name: (type_identifier) @name.definition.class)
      ])
  ]
  body: (field_declaration_list)) @definition.class

(struct_specifier
  name: [
    (type_identifier) @name.definition.struct
    (template_type
      name: (type_identifier) @name.definition.struct)
    (qualified_identifier
      scope: (_) @qualifier
      name: [
        (type_identifier) @name.definition.struct
        (template_type
          name: (type_identifier) @name.definition.struct)
      ])
  ]
  body: (field_declaration_list)) @definition.struct

(union_specifier
  name: [
    (type_identifier) @name.definition.union
    (template_type
      name: (type_identifier) @name.definition.union)
    (qualified_identifier
      scope: (_) @qualifier
      name: [
        (type_identifier) @name.definition.union
        (template_type
          name: (type_identifier) @name.definition.union)
      ])
  ]
  body: (field_declaration_list)) @definition.union

(enum_specifier
  name: [
    (type_identifier) @name.definition.enum
    (template_type
      name: (type_identifier) @name.definition.enum)
    (qualified_identifier
      scope: (_) @qualifier
      name: [
        (type_identifier) @name.definition.enum
        (template_type
          name: (type_identifier) @name.definition.enum)
      ])
  ]
  body: (enumerator_list)) @definition.enum

; Error recovery for an export or attribute macro before the name
; (`class LEVELDB_EXPORT Snapshot : public Base { ... }`), which the grammar
; reads as a function definition whose return type is `class LEVELDB_EXPORT`.

(function_definition
  type: (class_specifier
    name: (type_identifier) @_macro
    !body)
  declarator: (identifier) @name.definition.class
  body: (compound_statement)
  (#match? @_macro "^[A-Z][A-Z0-9_]*$")) @definition.class

(function_definition
  type: (struct_specifier
    name: (type_identifier) @_macro
    !body)
  declarator: (identifier) @name.definition.struct
  body: (compound_statement)
  (#match? @_macro "^[A-Z][A-Z0-9_]*$")) @definition.struct

; ... and its base classes, which end up in an ERROR node.
(function_definition
  type: [(class_specifier) (struct_specifier)]
  declarator: (identifier)
  (ERROR
    (identifier) @name.reference.inherit)
  body: (compound_statement))

; ------------------------------------------------------- type aliases
; A typedef's range is its own name, so that a struct defined inside the
; typedef is not nested under it.

(type_definition
  declarator: (type_identifier) @name.definition.type @definition.type)

(type_definition
  declarator: (_
    declarator: (type_identifier) @name.definition.type @definition.type))

(type_definition
  declarator: (_
    declarator: (_
      declarator: (type_identifier) @name.definition.type @definition.type)))

; `typedef int (*handler_fn)(int);`
(type_definition
  declarator: (function_declarator
    declarator: (parenthesized_declarator
      (pointer_declarator
        declarator: (type_identifier) @name.definition.type @definition.type))))

; `using Alias = ...;`, also under `template <...>`.
(alias_declaration
  name: (type_identifier) @name.definition.type) @definition.type

; ------------------------------------------------------------ functions
; Functions and methods defined in place (free functions, methods in a class
; body, friends), including constructors (`Foo()`), destructors (`~Foo()`),
; operators (`operator==`) and explicit specializations (`foo<int>()`).

; Out-of-class definitions (`void Foo::bar() {}`, `Foo<T>::Foo()`,
; `Foo::~Foo()`, `a::Foo::operator==()`) take each scope as a @qualifier.
(function_definition
  declarator: (function_declarator
    declarator: [
      (identifier) @name.definition.function
      (field_identifier) @name.definition.function
      (operator_name) @name.definition.function
      (destructor_name) @name.definition.function
      (template_function
        name: (identifier) @name.definition.function)
      (qualified_identifier
        scope: (_) @qualifier
        name: [
          (identifier) @name.definition.function
          (operator_name) @name.definition.function
          (destructor_name) @name.definition.function
          (template_function
            name: (identifier) @name.definition.function)
          (qualified_identifier
            scope: (_) @qualifier
            name: [
              (identifier) @name.definition.function
              (operator_name) @name.definition.function
              (destructor_name) @name.definition.function
              (template_function
                name: (identifier) @name.definition.function)
              (qualified_identifier
                scope: (_) @qualifier
                name: [
                  (identifier) @name.definition.function
                  (operator_name) @name.definition.function
                  (destructor_name) @name.definition.function
                ])
            ])
        ])
    ])) @definition.function

; Returning a pointer or a reference: `Foo* make()`, `Foo& Foo::operator=()`.
(function_definition
  declarator: (_
    (function_declarator
      declarator: [
        (identifier) @name.definition.function
        (field_identifier) @name.definition.function
        (operator_name) @name.definition.function
        (destructor_name) @name.definition.function
        (template_function
          name: (identifier) @name.definition.function)
        (qualified_identifier
          scope: (_) @qualifier
          name: [
            (identifier) @name.definition.function
            (operator_name) @name.definition.function
            (destructor_name) @name.definition.function
            (template_function
              name: (identifier) @name.definition.function)
            (qualified_identifier
              scope: (_) @qualifier
              name: [
                (identifier) @name.definition.function
                (operator_name) @name.definition.function
                (destructor_name) @name.definition.function
                (template_function
                  name: (identifier) @name.definition.function)
                (qualified_identifier
                  scope: (_) @qualifier
                  name: [
                    (identifier) @name.definition.function
                    (operator_name) @name.definition.function
                    (destructor_name) @name.definition.function
                  ])
              ])
          ])
      ]))) @definition.function

; Error recovery for an annotation macro between the parameters and the body
; (`void Lock() EXCLUSIVE_LOCK_FUNCTION() { ... }` in a class, read as a
; declaration missing its `;` followed by a typeless function
; `EXCLUSIVE_LOCK_FUNCTION()`; `void Bar() LOCKS_EXCLUDED(mu) { ... }`, and
; `void Bar() NO_THREAD_SAFETY_ANALYSIS { ... }` at file level).
(field_declaration_list
  (field_declaration
    declarator: (function_declarator
      declarator: [(field_identifier) (identifier) (operator_name) (destructor_name)] @name.definition.function)
    (MISSING ";")) @definition.function
  .
  (function_definition
    !type
    declarator: (function_declarator
      declarator: (identifier) @_macro))
  (#match? @_macro "^[A-Z][A-Z0-9_]*$"))

(translation_unit
  (declaration
    declarator: (function_declarator
      declarator: [
        (identifier) @name.definition.function
        (qualified_identifier
          scope: (_) @qualifier
          name: (identifier) @name.definition.function)
      ])
    (MISSING ";")) @definition.function
  .
  (function_definition
    !type
    declarator: (function_declarator
      declarator: (identifier) @_macro))
  (#match? @_macro "^[A-Z][A-Z0-9_]*$"))

(declaration_list
  (declaration
    declarator: (function_declarator
      declarator: [
        (identifier) @name.definition.function
        (qualified_identifier
          scope: (_) @qualifier
          name: (identifier) @name.definition.function)
      ])
    (MISSING ";")) @definition.function
  .
  (function_definition
    !type
    declarator: (function_declarator
      declarator: (identifier) @_macro))
  (#match? @_macro "^[A-Z][A-Z0-9_]*$"))

(function_definition
  (ERROR
    (init_declarator
      declarator: [
        (identifier) @name.definition.function
        (qualified_identifier
          scope: (_) @qualifier
          name: (identifier) @name.definition.function)
      ]
      value: (argument_list)))
  declarator: (identifier) @_macro
  body: (compound_statement)
  (#match? @_macro "^[A-Z][A-Z0-9_]*$")) @definition.function


; `int (*get_handler(void))(int) { ... }`
(function_definition
  declarator: (function_declarator
    declarator: (parenthesized_declarator
      (pointer_declarator
        declarator: (function_declarator
          declarator: (identifier) @name.definition.function))))) @definition.function

; ------------------------------------- file- and namespace-level variables
; Declarations at file level or in a namespace, also inside #if/#ifdef
; blocks there (up to two levels: `#ifdef A ... #else ...`); the range of
; each is its declarator, so that `int a, b;` gives two siblings. The
; declarator may wrap the name in pointers, arrays and an initializer (nodes
; with a `declarator` field and no `parameters`: not a function prototype).
; `const`/`constexpr` ones are constants; `extern` ones are not definitions.

(translation_unit
  (declaration
    (type_qualifier) @_const
    declarator: [
      (identifier) @name.definition.constant @definition.constant
      (_ declarator: (identifier) @name.definition.constant !parameters) @definition.constant
      (_ declarator: (_ declarator: (identifier) @name.definition.constant !parameters) !parameters) @definition.constant
      (_ declarator: (_ declarator: (_ declarator: (identifier) @name.definition.constant !parameters) !parameters) !parameters) @definition.constant
    ]) @_decl
  (#any-of? @_const "const" "constexpr")
  (#not-match? @_decl "^extern"))

(translation_unit
  (_
    (declaration
      (type_qualifier) @_const
      declarator: [
        (identifier) @name.definition.constant @definition.constant
        (_ declarator: (identifier) @name.definition.constant !parameters) @definition.constant
        (_ declarator: (_ declarator: (identifier) @name.definition.constant !parameters) !parameters) @definition.constant
        (_ declarator: (_ declarator: (_ declarator: (identifier) @name.definition.constant !parameters) !parameters) !parameters) @definition.constant
      ]) @_decl) @_if
  (#match? @_if "^#")
  (#any-of? @_const "const" "constexpr")
  (#not-match? @_decl "^extern"))

(declaration_list
  (declaration
    (type_qualifier) @_const
    declarator: [
      (identifier) @name.definition.constant @definition.constant
      (_ declarator: (identifier) @name.definition.constant !parameters) @definition.constant
      (_ declarator: (_ declarator: (identifier) @name.definition.constant !parameters) !parameters) @definition.constant
      (_ declarator: (_ declarator: (_ declarator: (identifier) @name.definition.constant !parameters) !parameters) !parameters) @definition.constant
    ]) @_decl
  (#any-of? @_const "const" "constexpr")
  (#not-match? @_decl "^extern"))

(declaration_list
  (_
    (declaration
      (type_qualifier) @_const
      declarator: [
        (identifier) @name.definition.constant @definition.constant
        (_ declarator: (identifier) @name.definition.constant !parameters) @definition.constant
        (_ declarator: (_ declarator: (identifier) @name.definition.constant !parameters) !parameters) @definition.constant
        (_ declarator: (_ declarator: (_ declarator: (identifier) @name.definition.constant !parameters) !parameters) !parameters) @definition.constant
      ]) @_decl) @_if
  (#match? @_if "^#")
  (#any-of? @_const "const" "constexpr")
  (#not-match? @_decl "^extern"))

(translation_unit
  (_
    (_
      (declaration
        (type_qualifier) @_const
        declarator: [
          (identifier) @name.definition.constant @definition.constant
          (_ declarator: (identifier) @name.definition.constant !parameters) @definition.constant
          (_ declarator: (_ declarator: (identifier) @name.definition.constant !parameters) !parameters) @definition.constant
          (_ declarator: (_ declarator: (_ declarator: (identifier) @name.definition.constant !parameters) !parameters) !parameters) @definition.constant
        ]) @_decl) @_else) @_if
  (#match? @_if "^#")
  (#match? @_else "^#")
  (#any-of? @_const "const" "constexpr")
  (#not-match? @_decl "^extern"))

(translation_unit
  (declaration
    declarator: [
      (identifier) @name.definition.variable @definition.variable
      (_ declarator: (identifier) @name.definition.variable !parameters) @definition.variable
      (_ declarator: (_ declarator: (identifier) @name.definition.variable !parameters) !parameters) @definition.variable
      (_ declarator: (_ declarator: (_ declarator: (identifier) @name.definition.variable !parameters) !parameters) !parameters) @definition.variable
    ]) @_decl
  (#not-match? @_decl "^extern"))

(translation_unit
  (_
    (declaration
      declarator: [
        (identifier) @name.definition.variable @definition.variable
        (_ declarator: (identifier) @name.definition.variable !parameters) @definition.variable
        (_ declarator: (_ declarator: (identifier) @name.definition.variable !parameters) !parameters) @definition.variable
        (_ declarator: (_ declarator: (_ declarator: (identifier) @name.definition.variable !parameters) !parameters) !parameters) @definition.variable
      ]) @_decl) @_if
  (#match? @_if "^#")
  (#not-match? @_decl "^extern"))

(declaration_list
  (declaration
    declarator: [
      (identifier) @name.definition.variable @definition.variable
      (_ declarator: (identifier) @name.definition.variable !parameters) @definition.variable
      (_ declarator: (_ declarator: (identifier) @name.definition.variable !parameters) !parameters) @definition.variable
      (_ declarator: (_ declarator: (_ declarator: (identifier) @name.definition.variable !parameters) !parameters) !parameters) @definition.variable
    ]) @_decl
  (#not-match? @_decl "^extern"))

(declaration_list
  (_
    (declaration
      declarator: [
        (identifier) @name.definition.variable @definition.variable
        (_ declarator: (identifier) @name.definition.variable !parameters) @definition.variable
        (_ declarator: (_ declarator: (identifier) @name.definition.variable !parameters) !parameters) @definition.variable
        (_ declarator: (_ declarator: (_ declarator: (identifier) @name.definition.variable !parameters) !parameters) !parameters) @definition.variable
      ]) @_decl) @_if
  (#match? @_if "^#")
  (#not-match? @_decl "^extern"))

(translation_unit
  (_
    (_
      (declaration
        declarator: [
          (identifier) @name.definition.variable @definition.variable
          (_ declarator: (identifier) @name.definition.variable !parameters) @definition.variable
          (_ declarator: (_ declarator: (identifier) @name.definition.variable !parameters) !parameters) @definition.variable
          (_ declarator: (_ declarator: (_ declarator: (identifier) @name.definition.variable !parameters) !parameters) !parameters) @definition.variable
        ]) @_decl) @_else) @_if
  (#match? @_if "^#")
  (#match? @_else "^#")
  (#not-match? @_decl "^extern"))

; ------------------------------------------------------------ references

(preproc_include
  path: (string_literal (string_content) @name.reference.import))

(preproc_include
  path: (system_lib_string) @name.reference.import)

; `using std::string;`, `using namespace std::chrono;`
(using_declaration
  (identifier) @name.reference.import)

(using_declaration
  (qualified_identifier
    name: (identifier) @name.reference.import))

(using_declaration
  (qualified_identifier
    name: (qualified_identifier
      name: (identifier) @name.reference.import)))

(using_declaration
  (qualified_identifier
    name: (qualified_identifier
      name: (qualified_identifier
        name: (identifier) @name.reference.import))))

; Calls: `f()`, `ns::f()`, `f<T>()`, `obj.m()`, `ptr->m()`, `obj.template m<T>()`.
(call_expression
  function: (identifier) @name.reference.call)

(call_expression
  function: (template_function
    name: (identifier) @name.reference.call)
  (#not-any-of? @name.reference.call "static_cast" "dynamic_cast" "const_cast" "reinterpret_cast"))

(call_expression
  function: (qualified_identifier
    name: [
      (identifier) @name.reference.call
      (template_function
        name: (identifier) @name.reference.call)
      (qualified_identifier
        name: [
          (identifier) @name.reference.call
          (template_function
            name: (identifier) @name.reference.call)
        ])
    ]))

(call_expression
  function: (field_expression
    field: [
      (field_identifier) @name.reference.call
      (template_method
        name: (field_identifier) @name.reference.call)
      (dependent_name
        (template_method
          name: (field_identifier) @name.reference.call))
    ]))

; Instantiation: `new Foo(...)`, `new ns::Foo<T>`, `Foo{...}`, `(Point){...}`.
(new_expression
  type: [
    (type_identifier) @name.reference.new
    (template_type
      name: (type_identifier) @name.reference.new)
    (qualified_identifier
      name: [
        (type_identifier) @name.reference.new
        (template_type
          name: (type_identifier) @name.reference.new)
      ])
  ])

(compound_literal_expression
  type: [
    (type_identifier) @name.reference.new
    (template_type
      name: (type_identifier) @name.reference.new)
    (qualified_identifier
      name: [
        (type_identifier) @name.reference.new
        (template_type
          name: (type_identifier) @name.reference.new)
      ])
    (type_descriptor
      type: (type_identifier) @name.reference.new)
    (type_descriptor
      type: (struct_specifier
        name: (type_identifier) @name.reference.new))
  ])

; Base classes.
(base_class_clause
  [
    (type_identifier) @name.reference.inherit
    (template_type
      name: (type_identifier) @name.reference.inherit)
    (qualified_identifier
      name: [
        (type_identifier) @name.reference.inherit
        (template_type
          name: (type_identifier) @name.reference.inherit)
      ])
  ])

; Type uses: declarations, fields, parameters, return types, template
; arguments, casts, aliases, constraints (`requires Concept<T>`,
; `template <std::integral T>`).
(_
  type: [
    (type_identifier) @name.reference.type
    (template_type
      name: (type_identifier) @name.reference.type)
    (qualified_identifier
      name: [
        (type_identifier) @name.reference.type
        (template_type
          name: (type_identifier) @name.reference.type)
        (qualified_identifier
          name: [
            (type_identifier) @name.reference.type
            (template_type
              name: (type_identifier) @name.reference.type)
          ])
      ])
    (class_specifier
      name: (type_identifier) @name.reference.type
      !body)
    (struct_specifier
      name: (type_identifier) @name.reference.type
      !body)
    (union_specifier
      name: (type_identifier) @name.reference.type
      !body)
    (enum_specifier
      name: (type_identifier) @name.reference.type
      !body)
  ])

(enum_specifier
  base: (type_identifier) @name.reference.type)

(requires_clause
  constraint: (template_type
    name: (type_identifier) @name.reference.type))
