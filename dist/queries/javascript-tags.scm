; JavaScript tags (.js .jsx .mjs .cjs, JSX included). Captures follow the
; tree-sitter tags convention: @name.definition.<kind> / @definition.<kind> for
; definitions, @name.reference.<kind> for references (see queries/README.md).
; inherits: ecmascript

; ---------------------------------------------------------------------------
; Definitions
; ---------------------------------------------------------------------------

; Class names are plain identifiers in this grammar (TypeScript's are type
; identifiers).
(class_declaration
  name: (identifier) @name.definition.class) @definition.class

(class
  name: (identifier) @name.definition.class) @definition.class

; A class field holding a function is a method (TypeScript calls the node
; public_field_definition).
(class_body
  (field_definition
    property: [
      (property_identifier)
      (private_property_identifier)
    ] @name.definition.function
    value: [
      (arrow_function)
      (function_expression)
      (generator_function)
    ]) @definition.function)

; A named function expression returned, in an object literal, in parentheses,
; in an array or in a JSX expression is defined under its own name.
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
  (jsx_expression
    [
      (function_expression
        name: (identifier) @name.definition.function)
      (generator_function
        name: (identifier) @name.definition.function)
    ] @definition.function)
])

; ---------------------------------------------------------------------------
; References
; ---------------------------------------------------------------------------

; Inheritance: `class A extends Base`, `extends ns.Base`.
(class_heritage
  (identifier) @name.reference.inherit)

(class_heritage
  (member_expression
    property: (property_identifier) @name.reference.inherit))

; A capitalised JSX element instantiates a component.
(jsx_opening_element
  name: (identifier) @name.reference.new
  (#not-match? @name.reference.new "^[a-z]"))

(jsx_self_closing_element
  name: (identifier) @name.reference.new
  (#not-match? @name.reference.new "^[a-z]"))

(jsx_opening_element
  name: (member_expression
    property: (property_identifier) @name.reference.new))

(jsx_self_closing_element
  name: (member_expression
    property: (property_identifier) @name.reference.new))
