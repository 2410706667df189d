; Python tags. Captures follow the tree-sitter tags convention:
; @name.definition.<kind> / @definition.<kind> for definitions,
; @name.reference.<kind> for references (see queries/README.md).

(class_definition
  name: (identifier) @name.definition.class) @definition.class

(function_definition
  name: (identifier) @name.definition.function) @definition.function

; Module-level assignments: UPPER_CASE names are constants, others variables.
(module
  (expression_statement
    (assignment
      left: (identifier) @name.definition.constant)) @definition.constant
  (#match? @name.definition.constant "^_*[A-Z][A-Z0-9_]*$"))

(module
  (expression_statement
    (assignment
      left: (identifier) @name.definition.variable)) @definition.variable)

(call
  function: (identifier) @name.reference.call)

(call
  function: (attribute
    attribute: (identifier) @name.reference.call))

(class_definition
  superclasses: (argument_list
    (identifier) @name.reference.inherit))

(class_definition
  superclasses: (argument_list
    (attribute
      attribute: (identifier) @name.reference.inherit)))

(type
  (identifier) @name.reference.type)

(type
  (generic_type
    (identifier) @name.reference.type))

(decorator
  (identifier) @name.reference.call)

(decorator
  (attribute
    attribute: (identifier) @name.reference.call))

(import_from_statement
  name: (dotted_name
    (identifier) @name.reference.import .))

(import_from_statement
  name: (aliased_import
    name: (dotted_name
      (identifier) @name.reference.import .)))

(import_statement
  name: (dotted_name
    (identifier) @name.reference.import .))

(import_statement
  name: (aliased_import
    name: (dotted_name
      (identifier) @name.reference.import .)))
