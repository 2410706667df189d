; Dart tags (tree-sitter-dart, UserNobody14, as shipped in
; tree-sitter-wasms 0.1.13: knows Dart 3 class modifiers, records, patterns
; and `extension type`). Captures follow queries/README.md.
;
; Grammar quirks that shape these patterns:
; - A function or method is two sibling nodes, its signature and its body
;   (`function_signature` + `function_body`, or `method_signature` +
;   `function_body` in a class body); the patterns capture the body as
;   `@end`, so a function's range runs to the end of its body.
; - Top-level declarations are not wrapped: `const x = 1;` is the program's
;   children `const_builtin`, `static_final_declaration_list`, `;`.
; - Expressions are flat: `a.b.f(x)` is `identifier`, then `selector`
;   siblings (`.b`, `.f`, `(x)`), so a call is a name followed by a selector
;   holding an `argument_part`.
; - String literals have no content node, so import URIs keep their quotes.
; - Lowercase type names are not reported as type uses: they are the
;   built-in `int`, `double`, `num`, `bool`, `dynamic` (nothing to link to)
;   or import prefixes (`m` in `m.Widget` is a `type_identifier` too).

; ---------------------------------------------------------------------------
; Definitions

; `class`, `abstract class`, `sealed class`, `base/final/interface class`,
; `mixin class`: modifiers are children before the `class` keyword.
(class_definition
  name: (identifier) @name.definition.class) @definition.class

; `mixin M on A implements B`, `base mixin M` (the name has no field).
(mixin_declaration
  (mixin)
  .
  (identifier) @name.definition.trait) @definition.trait

; `enum Color { red, green }` and enhanced enums with members.
(enum_declaration
  name: (identifier) @name.definition.enum) @definition.enum

; `extension StringX on String { ... }`: a named extension has a name of its
; own (used in `StringX(s).shout()` and in `show`/`hide`), reported as a
; class whose members are its methods. `extension type Meters(int v)`
; (Dart 3.3) is a class as well.
(extension_declaration
  name: (identifier) @name.definition.class) @definition.class

(extension_type_declaration
  name: (identifier) @name.definition.class) @definition.class

; An unnamed `extension on int { ... }` is a scope named after the extended
; type (as Swift extensions are): its members are methods `int.twice`.
(extension_declaration
  !name
  class: (type_identifier) @name.scope.extension) @scope.extension

; Error recovery: after an unclosed parenthesis the rest of the file can
; end up in ERROR nodes that keep `class Name` as tokens (`class` a keyword,
; `enum`/`mixin`/`extension` plain identifiers). The range is the name
; only: the ERROR node does not stand for the declaration's body.
(ERROR
  "class"
  .
  (identifier) @name.definition.class @definition.class)

(ERROR
  (identifier) @_keyword
  .
  (identifier) @name.definition.enum @definition.enum
  (#eq? @_keyword "enum"))

(ERROR
  (identifier) @_keyword
  .
  (identifier) @name.definition.trait @definition.trait
  (#eq? @_keyword "mixin")
  (#not-eq? @name.definition.trait "class"))

(ERROR
  (identifier) @_keyword
  .
  (identifier) @name.definition.class @definition.class
  (#eq? @_keyword "extension")
  (#not-any-of? @name.definition.class "on" "type"))

; `typedef Json = Map<String, dynamic>;` and the old style
; `typedef void Callback(int x);`: the name is the type_identifier right
; before `=`, the type parameters or the parameter list.
(type_alias
  (type_identifier) @name.definition.type
  .
  "=") @definition.type

(type_alias
  (type_identifier) @name.definition.type
  .
  [(type_parameters) (formal_parameter_list)]) @definition.type

; Functions at the top level, methods in class, mixin, enum and extension
; bodies (`method_signature` has a body after it, `declaration` is abstract
; or external). The body is the signature's next sibling: `@end` makes the
; definition span it, so that a changed line inside a body belongs to its
; function. Local functions (`local_function_declaration`) are not
; reported. Error recovery can read a statement `return Todo.fromJson(x);`
; as a method `fromJson` with the return type `return`: such "types" are
; skipped.
(program
  (function_signature
    .
    (_) @_first
    name: (identifier) @name.definition.function) @definition.function
  .
  (function_body)? @end
  (#not-any-of? @_first "return" "await" "yield" "else" "case"))

(program
  (function_signature
    .
    name: (identifier) @name.definition.function) @definition.function
  .
  (function_body)? @end)

(_
  (method_signature
    (function_signature
      .
      (_) @_first
      name: (identifier) @name.definition.function) @definition.function)
  .
  (function_body)? @end
  (#not-any-of? @_first "return" "await" "yield" "else" "case"))

(_
  (method_signature
    (function_signature
      .
      name: (identifier) @name.definition.function) @definition.function)
  .
  (function_body)? @end)

; The same without the body, for a signature whose parent is an ERROR
; (which the wildcard parent above does not match).
(method_signature
  (function_signature
    .
    (_) @_first
    name: (identifier) @name.definition.function) @definition.function
  (#not-any-of? @_first "return" "await" "yield" "else" "case"))

(method_signature
  (function_signature
    .
    name: (identifier) @name.definition.function) @definition.function)

(declaration
  (function_signature
    .
    (_) @_first
    name: (identifier) @name.definition.function) @definition.function
  (#not-any-of? @_first "return" "await" "yield" "else" "case"))

(declaration
  (function_signature
    .
    name: (identifier) @name.definition.function) @definition.function)

; Getters and setters, top level or members: `int get x => ...`,
; `set x(int v) {...}`, `static T get instance`.
(program
  [(getter_signature
    name: (identifier) @name.definition.function)
   (setter_signature
    name: (identifier) @name.definition.function)] @definition.function
  .
  (function_body)? @end)

(_
  (method_signature
    [(getter_signature
      name: (identifier) @name.definition.function)
     (setter_signature
      name: (identifier) @name.definition.function)] @definition.function)
  .
  (function_body)? @end)

(method_signature
  [(getter_signature
    name: (identifier) @name.definition.function)
   (setter_signature
    name: (identifier) @name.definition.function)] @definition.function)

(declaration
  [(getter_signature
    name: (identifier) @name.definition.function)
   (setter_signature
    name: (identifier) @name.definition.function)] @definition.function)

; Operators, named by their symbol: `operator ==` is `==`, `operator []=`
; is `[]=`, `operator ~` is `~`.
(_
  (method_signature
    (operator_signature
      "operator"
      .
      [(binary_operator) "~" "[]" "[]="] @name.definition.method) @definition.method)
  .
  (function_body) @end)

(operator_signature
  "operator"
  .
  [(binary_operator) "~" "[]" "[]="] @name.definition.method) @definition.method

; Constructors are methods named by their last name: `Foo(...)` is `Foo`,
; `Foo.named(...)` is `named` (a call `Foo.named()` is a call of `named`),
; likewise `const Foo.c(...)`, `factory Foo.create(...)` and the redirecting
; `factory Foo.of(...) = Bar;` (the id is `<module>.Foo.named`).
; With a body (the signature's sibling), the constructor spans it.
(_
  (method_signature
    [(constructor_signature
      name: (identifier) @name.definition.method
      .
      parameters: (formal_parameter_list))
     (factory_constructor_signature
      (identifier) @name.definition.method
      .
      (formal_parameter_list))] @definition.method)
  .
  (function_body) @end)

(constructor_signature
  name: (identifier) @name.definition.method
  .
  parameters: (formal_parameter_list)) @definition.method

(constant_constructor_signature
  (identifier) @name.definition.method
  .
  (formal_parameter_list)) @definition.method

(factory_constructor_signature
  (identifier) @name.definition.method
  .
  (formal_parameter_list)) @definition.method

(redirecting_factory_constructor_signature
  (identifier) @name.definition.method
  .
  (formal_parameter_list)) @definition.method

; Top-level `const` and `final` declarations are constants (`const a = 1,
; b = 2;` gives two), `var`, typed and `late` ones variables.
(program
  (static_final_declaration_list
    (static_final_declaration
      .
      (identifier) @name.definition.constant) @definition.constant))

(program
  (initialized_identifier_list
    (initialized_identifier
      .
      (identifier) @name.definition.variable) @definition.variable))

; `static const` / `static final` members are constants (`static late final
; x;` has no initializer and uses the other list node). Instance fields and
; `static var` are not reported.
(declaration
  "static"
  (static_final_declaration_list
    (static_final_declaration
      .
      (identifier) @name.definition.constant) @definition.constant))

(declaration
  "static"
  (final_builtin)
  (initialized_identifier_list
    (initialized_identifier
      .
      (identifier) @name.definition.constant) @definition.constant))

; ---------------------------------------------------------------------------
; References

; Imports: `import 'package:bloc/bloc.dart';`, `export 'src/x.dart';`,
; `part 'x.g.dart';`, `part of 'x.dart';` report the URI (with its quotes:
; the grammar has no node for a string's content); `part of a.b;` reports
; the library name's last part. Names after `show` are imported names too.
(import_specification
  (configurable_uri
    (uri
      (string_literal) @name.reference.import)))

(library_export
  (configurable_uri
    (uri
      (string_literal) @name.reference.import)))

(part_directive
  (uri
    (string_literal) @name.reference.import))

(part_of_directive
  (uri
    (string_literal) @name.reference.import))

(part_of_directive
  (dotted_identifier_list
    (identifier) @name.reference.import .))

(combinator
  "show"
  (identifier) @name.reference.import)

; Inheritance: `extends A with M implements I, J`, `mixin M on A, B`,
; `extension X on T` (the extended type), `enum E with M implements I`.
; Type arguments (`Comparable<Animal>`) are type uses, not inheritance.
(superclass
  (type_identifier) @name.reference.inherit
  (#match? @name.reference.inherit "^_*[A-Z]"))

(mixins
  (type_identifier) @name.reference.inherit
  (#match? @name.reference.inherit "^_*[A-Z]"))

(interfaces
  (type_identifier) @name.reference.inherit
  (#match? @name.reference.inherit "^_*[A-Z]"))

(mixin_declaration
  (type_identifier) @name.reference.inherit
  (#match? @name.reference.inherit "^_*[A-Z]"))

(extension_declaration
  class: (type_identifier) @name.reference.inherit)

; Instantiation. `new Foo()`, `const Foo()`, `const Foo.named()`,
; `List<int>.filled()`, `factory A() = B;`; a prefixed `const m.Text()`
; has the class as its identifier.
(new_expression
  (type_identifier) @name.reference.new
  (#match? @name.reference.new "^_*[A-Z]"))

(const_object_expression
  (type_identifier) @name.reference.new
  (#match? @name.reference.new "^_*[A-Z]"))

(constructor_invocation
  (type_identifier) @name.reference.new
  (#match? @name.reference.new "^_*[A-Z]"))

(redirecting_factory_constructor_signature
  (formal_parameter_list)
  .
  (type_identifier) @name.reference.new
  (#match? @name.reference.new "^_*[A-Z]"))

([(new_expression
   (identifier) @name.reference.new)
  (const_object_expression
   (identifier) @name.reference.new)]
 (#match? @name.reference.new "^_*[A-Z]"))

; The lowercase identifier there is a named constructor: a call.
[(new_expression
  (identifier) @name.reference.call)
 (const_object_expression
  (identifier) @name.reference.call)
 (constructor_invocation
  (identifier) @name.reference.call)]

; Annotations with arguments are const constructor calls:
; `@JsonSerializable()`, `@Deprecated('x')`. Bare `@override` (a constant)
; is not reported.
(annotation
  name: (identifier) @name.reference.new
  (arguments))

; Calls: a name followed by an argument list, `f()`, `a.b.f()`, `a?.f()`,
; `super.f()`, `f<T>()`. An UpperCamelCase name called is a class being
; instantiated (`Foo()`, `m.Foo()`): Dart has no `new` in idiomatic code,
; and the case is the only sign.
(_
  [(identifier) @name.reference.new
   (selector
    [(unconditional_assignable_selector
      (identifier) @name.reference.new)
     (conditional_assignable_selector
      (identifier) @name.reference.new)])
   (unconditional_assignable_selector
    (identifier) @name.reference.new)]
  .
  (selector
    (argument_part))
  (#match? @name.reference.new "^_*[A-Z]"))

(_
  [(identifier) @name.reference.call
   (selector
    [(unconditional_assignable_selector
      (identifier) @name.reference.call)
     (conditional_assignable_selector
      (identifier) @name.reference.call)])
   (unconditional_assignable_selector
    (identifier) @name.reference.call)]
  .
  (selector
    (argument_part)))

; Constructor initializers: `: this.other(x)` and `: super.named(x)` call
; the named constructor.
(redirection
  (identifier) @name.reference.call
  .
  (arguments))

(initializer_list_entry
  (super)
  .
  (identifier) @name.reference.call
  .
  (arguments))

; Grammar quirk: a generic call with one argument, `BlocProvider.of<T>(x)`,
; `await f<T>(x)`, `Change<int>(a: 1)`, reads as the comparisons
; `(BlocProvider.of < T) > (x)` (named arguments as a record), which would
; not type-check, so the reading is always a call. The name before `<` is
; called (or instantiated), the name after it is a type use.
(relational_expression
  (relational_expression
    [(identifier) @name.reference.new
     (selector
      [(unconditional_assignable_selector
        (identifier) @name.reference.new)
       (conditional_assignable_selector
        (identifier) @name.reference.new)])
     (unary_expression
      (await_expression
        [(identifier) @name.reference.new
         (selector
          (unconditional_assignable_selector
            (identifier) @name.reference.new))]
        .))]
    .
    (relational_operator
      "<"))
  .
  (relational_operator
    ">")
  .
  [(parenthesized_expression) (record_literal)]
  (#match? @name.reference.new "^_*[A-Z]"))

(relational_expression
  (relational_expression
    [(identifier) @name.reference.call
     (selector
      [(unconditional_assignable_selector
        (identifier) @name.reference.call)
       (conditional_assignable_selector
        (identifier) @name.reference.call)])
     (unary_expression
      (await_expression
        [(identifier) @name.reference.call
         (selector
          (unconditional_assignable_selector
            (identifier) @name.reference.call))]
        .))]
    .
    (relational_operator
      "<"))
  .
  (relational_operator
    ">")
  .
  [(parenthesized_expression) (record_literal)])

(relational_expression
  (relational_expression
    (relational_operator
      "<")
    .
    (identifier) @name.reference.type)
  .
  (relational_operator
    ">")
  .
  [(parenthesized_expression) (record_literal)]
  (#match? @name.reference.type "^_*[A-Z]"))

; Likewise `[BlocListener<A, B>(...), ...]` in a list literal, and
; `f(x, Change<A, B>(y))` after a first argument, read as two elements
; (or arguments) `BlocListener < A` and `B > (...)` (Dart itself reads a
; generic call there). Three or more type arguments are not recovered.
(_
  [(relational_expression
     (identifier) @name.reference.new
     .
     (relational_operator
       "<"))
   (argument
    (relational_expression
      (identifier) @name.reference.new
      .
      (relational_operator
        "<")))]
  .
  [(relational_expression
     .
     (identifier)
     .
     (relational_operator
       ">")
     .
     [(parenthesized_expression) (record_literal)])
   (argument
    (relational_expression
      .
      (identifier)
      .
      (relational_operator
        ">")
      .
      [(parenthesized_expression) (record_literal)]))]
  (#match? @name.reference.new "^_*[A-Z]"))

(_
  [(relational_expression
     (identifier) @name.reference.call
     .
     (relational_operator
       "<"))
   (argument
    (relational_expression
      (identifier) @name.reference.call
      .
      (relational_operator
        "<")))]
  .
  [(relational_expression
     .
     (identifier)
     .
     (relational_operator
       ">")
     .
     [(parenthesized_expression) (record_literal)])
   (argument
    (relational_expression
      .
      (identifier)
      .
      (relational_operator
        ">")
      .
      [(parenthesized_expression) (record_literal)]))])

(_
  [(relational_expression
     (relational_operator
       "<")
     .
     (identifier) @name.reference.type)
   (argument
    (relational_expression
      (relational_operator
        "<")
      .
      (identifier) @name.reference.type))]
  .
  [(relational_expression
     .
     (identifier)
     .
     (relational_operator
       ">")
     .
     [(parenthesized_expression) (record_literal)])
   (argument
    (relational_expression
      .
      (identifier)
      .
      (relational_operator
        ">")
      .
      [(parenthesized_expression) (record_literal)]))]
  (#match? @name.reference.type "^_*[A-Z]"))

(_
  [(relational_expression
     (relational_operator
       "<"))
   (argument
    (relational_expression
      (relational_operator
        "<")))]
  .
  [(relational_expression
     .
     (identifier) @name.reference.type
     .
     (relational_operator
       ">")
     .
     [(parenthesized_expression) (record_literal)])
   (argument
    (relational_expression
      .
      (identifier) @name.reference.type
      .
      (relational_operator
        ">")
      .
      [(parenthesized_expression) (record_literal)]))]
  (#match? @name.reference.type "^_*[A-Z]"))

; Grammar quirk: in a lambda `(c) => c..add(x)` the arguments of the last
; cascade call end up after the lambda, as if the lambda were called.
(_
  (function_expression
    body: (function_expression_body
      (cascade_section
        [(cascade_selector
          (identifier) @name.reference.call)
         (unconditional_assignable_selector
          (identifier) @name.reference.call)]
        .)
      .))
  .
  (selector
    (argument_part)))

; Cascades: `a..f()..b.g()` (the selectors of a cascade section are not
; wrapped in `selector` nodes).
(cascade_section
  [(cascade_selector
    (identifier) @name.reference.call)
   (unconditional_assignable_selector
    (identifier) @name.reference.call)
   (conditional_assignable_selector
    (identifier) @name.reference.call)]
  .
  (argument_part))

; An UpperCamelCase name before `.member` or `<T>.member` is a class used
; for a static member or a named constructor (`Foo.named()`,
; `BlocProvider.of(context)`, `Colors.red`): a type use; the member is a
; call when called.
(_
  (identifier) @name.reference.type
  .
  (selector
    [(unconditional_assignable_selector) (type_arguments)])
  (#match? @name.reference.type "^_*[A-Z]"))

; Type uses: parameters, return types, fields, variables, type arguments,
; bounds, `is`/`as`, `on E catch`, patterns, function types, typedefs.
([(formal_parameter
   (type_identifier) @name.reference.type)
  (function_signature
   (type_identifier) @name.reference.type)
  (getter_signature
   (type_identifier) @name.reference.type)
  (operator_signature
   (type_identifier) @name.reference.type)
  (declaration
   (type_identifier) @name.reference.type)
  (initialized_variable_definition
   (type_identifier) @name.reference.type)
  (program
   (type_identifier) @name.reference.type)
  (type_arguments
   (type_identifier) @name.reference.type)
  (type_bound
   (type_identifier) @name.reference.type)
  (type_test
   (type_identifier) @name.reference.type)
  (type_cast
   (type_identifier) @name.reference.type)
  (try_statement
   (type_identifier) @name.reference.type)
  (object_pattern
   (type_identifier) @name.reference.type)
  (variable_pattern
   (type_identifier) @name.reference.type)
  (qualified
   (type_identifier) @name.reference.type)
  (function_type
   (type_identifier) @name.reference.type)
  (typed_identifier
   (type_identifier) @name.reference.type)
  (normal_parameter_type
   (type_identifier) @name.reference.type)
  (record_type_field
   (type_identifier) @name.reference.type)
  (representation_declaration
   (type_identifier) @name.reference.type)]
 (#match? @name.reference.type "^_*[A-Z]"))

; `typedef Json = Map<...>` (the aliased type), `typedef Foo Cb(...)` (the
; return type): every type_identifier of a type alias but its name.
(type_alias
  "="
  .
  (type_identifier) @name.reference.type
  (#match? @name.reference.type "^_*[A-Z]"))

(type_alias
  (type_identifier) @name.reference.type
  .
  (type_identifier)
  .
  [(type_parameters) (formal_parameter_list)]
  (#match? @name.reference.type "^_*[A-Z]"))
