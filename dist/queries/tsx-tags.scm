; TSX tags (.tsx): the TypeScript query plus JSX. The loader prepends the
; query named by the `inherits:` line below.
; inherits: typescript

; Named functions written inside JSX expressions: `onClick={function save() {…}}`.
(jsx_expression
  [
    (function_expression
      name: (identifier) @name.definition.function)
    (generator_function
      name: (identifier) @name.definition.function)
  ] @definition.function)

; JSX elements of components instantiate them: `<Foo />`, `<ui.Button>`
; (lower-case tags are HTML elements).
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
