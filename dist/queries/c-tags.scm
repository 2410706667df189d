; C tags. Captures follow the tree-sitter tags convention:
; @name.definition.<kind> / @definition.<kind> for definitions,
; @name.reference.<kind> for references (see queries/README.md).
;
; Function prototypes and `extern` declarations are not definitions (as in
; universal-ctags, whose `prototype` and `externvar` kinds are off by default).

; ---------------------------------------------------------------- macros

(preproc_def
  name: (identifier) @name.definition.macro) @definition.macro

(preproc_function_def
  name: (identifier) @name.definition.macro) @definition.macro

; ------------------------------------------------- structs, unions, enums

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

(struct_specifier
  name: (type_identifier) @name.definition.struct
  body: (field_declaration_list)) @definition.struct

(union_specifier
  name: (type_identifier) @name.definition.union
  body: (field_declaration_list)) @definition.union

(enum_specifier
  name: (type_identifier) @name.definition.enum
  body: (enumerator_list)) @definition.enum

; ------------------------------------------------------------- typedefs
; The typedef's range is its own name, so that a struct defined inside the
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

; ------------------------------------------------------------ functions

(function_definition
  declarator: (function_declarator
    declarator: (identifier) @name.definition.function)) @definition.function

(function_definition
  declarator: (pointer_declarator
    declarator: (function_declarator
      declarator: (identifier) @name.definition.function))) @definition.function

(function_definition
  declarator: (pointer_declarator
    declarator: (pointer_declarator
      declarator: (function_declarator
        declarator: (identifier) @name.definition.function)))) @definition.function

; `int (*get_handler(void))(int) { ... }`
(function_definition
  declarator: (function_declarator
    declarator: (parenthesized_declarator
      (pointer_declarator
        declarator: (function_declarator
          declarator: (identifier) @name.definition.function))))) @definition.function

; ---------------------------------------------- file-level variables
; Declarations at file level, also inside file-level #if/#ifdef blocks (up to
; two levels: `#ifdef A ... #else ...`); the range of each is its declarator,
; so that `int a, b;` gives two siblings. The declarator may wrap the name in
; pointers, arrays and an initializer (nodes with a `declarator` field and no
; `parameters`: not a function prototype), or be a function pointer
; `int (*handler)(int)`. `const` ones are constants; `extern` ones are not
; definitions.

(translation_unit
  (declaration
    (type_qualifier) @_const
    declarator: [
      (identifier) @name.definition.constant @definition.constant
      (_ declarator: (identifier) @name.definition.constant !parameters) @definition.constant
      (_ declarator: (_ declarator: (identifier) @name.definition.constant !parameters) !parameters) @definition.constant
      (_ declarator: (_ declarator: (_ declarator: (identifier) @name.definition.constant !parameters) !parameters) !parameters) @definition.constant
      (function_declarator declarator: (parenthesized_declarator (pointer_declarator declarator: (identifier) @name.definition.constant))) @definition.constant
      (init_declarator declarator: (function_declarator declarator: (parenthesized_declarator (pointer_declarator declarator: (identifier) @name.definition.constant)))) @definition.constant
    ]) @_decl
  (#eq? @_const "const")
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
        (function_declarator declarator: (parenthesized_declarator (pointer_declarator declarator: (identifier) @name.definition.constant))) @definition.constant
        (init_declarator declarator: (function_declarator declarator: (parenthesized_declarator (pointer_declarator declarator: (identifier) @name.definition.constant)))) @definition.constant
      ]) @_decl) @_if
  (#match? @_if "^#")
  (#eq? @_const "const")
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
          (function_declarator declarator: (parenthesized_declarator (pointer_declarator declarator: (identifier) @name.definition.constant))) @definition.constant
          (init_declarator declarator: (function_declarator declarator: (parenthesized_declarator (pointer_declarator declarator: (identifier) @name.definition.constant)))) @definition.constant
        ]) @_decl) @_else) @_if
  (#match? @_if "^#")
  (#match? @_else "^#")
  (#eq? @_const "const")
  (#not-match? @_decl "^extern"))

(translation_unit
  (declaration
    declarator: [
      (identifier) @name.definition.variable @definition.variable
      (_ declarator: (identifier) @name.definition.variable !parameters) @definition.variable
      (_ declarator: (_ declarator: (identifier) @name.definition.variable !parameters) !parameters) @definition.variable
      (_ declarator: (_ declarator: (_ declarator: (identifier) @name.definition.variable !parameters) !parameters) !parameters) @definition.variable
      (function_declarator declarator: (parenthesized_declarator (pointer_declarator declarator: (identifier) @name.definition.variable))) @definition.variable
      (init_declarator declarator: (function_declarator declarator: (parenthesized_declarator (pointer_declarator declarator: (identifier) @name.definition.variable)))) @definition.variable
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
        (function_declarator declarator: (parenthesized_declarator (pointer_declarator declarator: (identifier) @name.definition.variable))) @definition.variable
        (init_declarator declarator: (function_declarator declarator: (parenthesized_declarator (pointer_declarator declarator: (identifier) @name.definition.variable)))) @definition.variable
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
          (function_declarator declarator: (parenthesized_declarator (pointer_declarator declarator: (identifier) @name.definition.variable))) @definition.variable
          (init_declarator declarator: (function_declarator declarator: (parenthesized_declarator (pointer_declarator declarator: (identifier) @name.definition.variable)))) @definition.variable
        ]) @_decl) @_else) @_if
  (#match? @_if "^#")
  (#match? @_else "^#")
  (#not-match? @_decl "^extern"))

; ------------------------------------------------------------ references

(preproc_include
  path: (string_literal (string_content) @name.reference.import))

(preproc_include
  path: (system_lib_string) @name.reference.import)

(call_expression
  function: (identifier) @name.reference.call)

(call_expression
  function: (field_expression
    field: (field_identifier) @name.reference.call))

; Compound literals: `(struct point){1, 2}`, `(Point){1, 2}`.
(compound_literal_expression
  type: (type_descriptor
    type: (type_identifier) @name.reference.new))

(compound_literal_expression
  type: (type_descriptor
    type: (struct_specifier
      name: (type_identifier) @name.reference.new)))

(compound_literal_expression
  type: (type_descriptor
    type: (union_specifier
      name: (type_identifier) @name.reference.new)))

; Type uses: declarations, fields, parameters, return types, casts, sizeof.
(_
  type: (type_identifier) @name.reference.type)

(_
  type: (struct_specifier
    name: (type_identifier) @name.reference.type
    !body))

(_
  type: (union_specifier
    name: (type_identifier) @name.reference.type
    !body))

(_
  type: (enum_specifier
    name: (type_identifier) @name.reference.type
    !body))
