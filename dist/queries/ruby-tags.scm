; Ruby tags. Captures follow the tree-sitter tags convention:
; @name.definition.<kind> / @definition.<kind> for definitions,
; @name.reference.<kind> for references (see queries/README.md).

; ---------------------------------------------------------------- definitions

; `class A::B` / `module A::B`: the scope is an explicit owner.
(class
  name: (scope_resolution
    scope: (_) @qualifier
    name: (constant) @name.definition.class)) @definition.class

(class
  name: (scope_resolution
    name: (constant) @name.definition.class)) @definition.class

(class
  name: (constant) @name.definition.class) @definition.class

(module
  name: (scope_resolution
    scope: (_) @qualifier
    name: (constant) @name.definition.module)) @definition.module

(module
  name: (scope_resolution
    name: (constant) @name.definition.module)) @definition.module

(module
  name: (constant) @name.definition.module) @definition.module

; `def name`: a function at top level, a method inside a class or module
; (also inside `class << self`, which is not itself reported).
(method
  name: (_) @name.definition.function) @definition.function

; `def self.name` is a method of the enclosing class or module.
(singleton_method
  object: (self)
  name: (_) @name.definition.method) @definition.method

; `def Foo.name` / `def Foo::Bar.name` names its owner explicitly.
(singleton_method
  object: [(constant) (scope_resolution)] @qualifier
  name: (_) @name.definition.method) @definition.method

(singleton_method
  name: (_) @name.definition.method) @definition.method

; Constants: `FOO = 1` (Ruby forbids constant assignment inside methods, so
; these are always top level or class/module level), `Foo::BAR = 1`.
(assignment
  left: (scope_resolution
    scope: (_) @qualifier
    name: (constant) @name.definition.constant)) @definition.constant

(assignment
  left: (constant) @name.definition.constant) @definition.constant

; ----------------------------------------------------------------- references

; `require 'x'` / `require_relative 'x'`: imports by path.
(call
  !receiver
  method: (identifier) @_require
  arguments: (argument_list
    .
    (string
      (string_content) @name.reference.import))
  (#any-of? @_require "require" "require_relative"))

; `include M` / `extend M` / `prepend M`: mixins.
(call
  !receiver
  method: (identifier) @_mixin
  arguments: (argument_list
    [
      (constant) @name.reference.inherit
      (scope_resolution
        name: (constant) @name.reference.inherit)
    ])
  (#any-of? @_mixin "include" "extend" "prepend"))

(superclass
  (constant) @name.reference.inherit)

(superclass
  (scope_resolution
    name: (constant) @name.reference.inherit))

; `Foo.new` / `Foo::Bar.new`: instantiation.
(call
  receiver: (constant) @name.reference.new
  method: (identifier) @_new
  (#eq? @_new "new"))

(call
  receiver: (scope_resolution
    name: (constant) @name.reference.new)
  method: (identifier) @_new
  (#eq? @_new "new"))

; Calls by method name; `require` and mixin calls are reported above.
(call
  receiver: (_)
  method: (identifier) @name.reference.call)

(call
  !receiver
  method: (identifier) @name.reference.call
  (#not-any-of? @name.reference.call "require" "require_relative" "include" "extend" "prepend"))

; Type uses: a class as the receiver of a call (`Foo.bar`), as an argument
; (`raise Foo`, `is_a?(Foo)`) or in a `rescue` clause.
(call
  receiver: (constant) @name.reference.type)

(call
  receiver: (scope_resolution
    name: (constant) @name.reference.type))

(argument_list
  (constant) @name.reference.type)

(argument_list
  (scope_resolution
    name: (constant) @name.reference.type))

(exceptions
  (constant) @name.reference.type)

(exceptions
  (scope_resolution
    name: (constant) @name.reference.type))
