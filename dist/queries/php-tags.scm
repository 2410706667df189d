; PHP tags. Captures follow the tree-sitter tags convention:
; @name.definition.<kind> / @definition.<kind> for definitions,
; @name.reference.<kind> for references (see queries/README.md).

; ---------------------------------------------------------------- definitions

; Namespaces. `namespace App\Billing;` applies to the rest of the file: the
; whole program is its range, so that the declarations after it are nested in
; it. The leading segments are qualifiers, giving ids such as
; `file.App.Billing.Foo`. (Quantified captures such as `(name)* @qualifier`
; do not match more than two segments here, so each length up to five is
; spelled out; longer names keep only their last segment.)
(program
  (namespace_definition
    !body
    name: (namespace_name . (name) @qualifier . (name) @qualifier . (name) @qualifier . (name) @qualifier . (name) @name.definition.namespace .))) @definition.namespace

(program
  (namespace_definition
    !body
    name: (namespace_name . (name) @qualifier . (name) @qualifier . (name) @qualifier . (name) @name.definition.namespace .))) @definition.namespace

(program
  (namespace_definition
    !body
    name: (namespace_name . (name) @qualifier . (name) @qualifier . (name) @name.definition.namespace .))) @definition.namespace

(program
  (namespace_definition
    !body
    name: (namespace_name . (name) @qualifier . (name) @name.definition.namespace .))) @definition.namespace

(program
  (namespace_definition
    !body
    name: (namespace_name . (name) @name.definition.namespace .))) @definition.namespace

(program
  (namespace_definition
    !body
    name: (namespace_name (name) @name.definition.namespace .))) @definition.namespace

; `namespace App\Billing { ... }`
(namespace_definition
  name: (namespace_name . (name) @qualifier . (name) @qualifier . (name) @qualifier . (name) @qualifier . (name) @name.definition.namespace .)
  body: (compound_statement)) @definition.namespace

(namespace_definition
  name: (namespace_name . (name) @qualifier . (name) @qualifier . (name) @qualifier . (name) @name.definition.namespace .)
  body: (compound_statement)) @definition.namespace

(namespace_definition
  name: (namespace_name . (name) @qualifier . (name) @qualifier . (name) @name.definition.namespace .)
  body: (compound_statement)) @definition.namespace

(namespace_definition
  name: (namespace_name . (name) @qualifier . (name) @name.definition.namespace .)
  body: (compound_statement)) @definition.namespace

(namespace_definition
  name: (namespace_name . (name) @name.definition.namespace .)
  body: (compound_statement)) @definition.namespace

(namespace_definition
  name: (namespace_name (name) @name.definition.namespace .)
  body: (compound_statement)) @definition.namespace

(class_declaration
  name: (name) @name.definition.class) @definition.class

(interface_declaration
  name: (name) @name.definition.interface) @definition.interface

(trait_declaration
  name: (name) @name.definition.trait) @definition.trait

(enum_declaration
  name: (name) @name.definition.enum) @definition.enum

(function_definition
  name: (name) @name.definition.function) @definition.function

; Methods, including constructors and abstract/interface methods.
(method_declaration
  name: (name) @name.definition.method) @definition.method

; Constants: `const FOO = 1;` at top level or in a namespace (class constants
; are members, not reported), and `define('FOO', 1)` wherever it is called.
(program
  (const_declaration
    (const_element
      (name) @name.definition.constant)) @definition.constant)

(namespace_definition
  body: (compound_statement
    (const_declaration
      (const_element
        (name) @name.definition.constant)) @definition.constant))

(expression_statement
  (function_call_expression
    function: (name) @_define
    arguments: (arguments
      .
      (argument
        (string
          (string_content) @name.definition.constant)))) @definition.constant
  (#eq? @_define "define"))

; Top-level variables: `$config = [...];`
(program
  (expression_statement
    (assignment_expression
      left: (variable_name
        (name) @name.definition.variable))) @definition.variable)

(namespace_definition
  body: (compound_statement
    (expression_statement
      (assignment_expression
        left: (variable_name
          (name) @name.definition.variable))) @definition.variable))

; ----------------------------------------------------------------- references

; `use App\Models\Order;`, `use function App\f;`, `use App\{A, B as C};`
(namespace_use_clause
  (name) @name.reference.import)

(namespace_use_clause
  (qualified_name
    (name) @name.reference.import .))

(namespace_use_group_clause
  (namespace_name
    (name) @name.reference.import .))

; `require_once 'x.php'`, `include __DIR__ . '/x.php'`: imports by path.
(require_expression
  (string (string_content) @name.reference.import))

(require_expression
  (binary_expression
    right: (string (string_content) @name.reference.import)))

(require_once_expression
  (string (string_content) @name.reference.import))

(require_once_expression
  (binary_expression
    right: (string (string_content) @name.reference.import)))

(include_expression
  (string (string_content) @name.reference.import))

(include_expression
  (binary_expression
    right: (string (string_content) @name.reference.import)))

(include_once_expression
  (string (string_content) @name.reference.import))

(include_once_expression
  (binary_expression
    right: (string (string_content) @name.reference.import)))

; `extends Base`, `implements A, \B`, `use SomeTrait;` inside a class.
(base_clause
  (name) @name.reference.inherit)

(base_clause
  (qualified_name
    (name) @name.reference.inherit .))

(class_interface_clause
  (name) @name.reference.inherit)

(class_interface_clause
  (qualified_name
    (name) @name.reference.inherit .))

(use_declaration
  (name) @name.reference.inherit)

(use_declaration
  (qualified_name
    (name) @name.reference.inherit .))

; `new Foo()`, `new \App\Foo()`; `new static` / `new self` are not names.
(object_creation_expression
  (name) @name.reference.new
  (#not-any-of? @name.reference.new "static" "self" "parent"))

(object_creation_expression
  (qualified_name
    (name) @name.reference.new .))

; Calls: `f()`, `\App\f()`, `$x->m()`, `$x?->m()`, `Foo::m()`.
(function_call_expression
  function: (name) @name.reference.call)

(function_call_expression
  function: (qualified_name
    (name) @name.reference.call .))

(member_call_expression
  name: (name) @name.reference.call)

(nullsafe_member_call_expression
  name: (name) @name.reference.call)

(scoped_call_expression
  name: (name) @name.reference.call)

; Type uses: declared types (parameters, returns, properties, catch), the
; class of a static call, property or constant (`Foo::bar()`, `Foo::$x`,
; `Foo::class`),
; `instanceof Foo`, and attributes (`#[Route]`).
(named_type
  (name) @name.reference.type
  (#not-any-of? @name.reference.type "static" "self" "parent"))

(named_type
  (qualified_name
    (name) @name.reference.type .))

(scoped_call_expression
  scope: (name) @name.reference.type)

(scoped_call_expression
  scope: (qualified_name
    (name) @name.reference.type .))

(scoped_property_access_expression
  scope: (name) @name.reference.type)

(scoped_property_access_expression
  scope: (qualified_name
    (name) @name.reference.type .))

(class_constant_access_expression
  .
  (name) @name.reference.type)

(class_constant_access_expression
  .
  (qualified_name
    (name) @name.reference.type .))

(binary_expression
  "instanceof"
  right: (name) @name.reference.type)

(binary_expression
  "instanceof"
  right: (qualified_name
    (name) @name.reference.type .))

(attribute
  (name) @name.reference.type)

(attribute
  (qualified_name
    (name) @name.reference.type .))
