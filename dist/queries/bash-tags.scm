; Bash tags. Captures follow the tree-sitter tags convention:
; @name.definition.<kind> / @definition.<kind> for definitions,
; @name.reference.<kind> for references (see queries/README.md).

; ---------------------------------------------------------------- definitions

; `function name { ... }`, `name() { ... }`, `function name() ( ... )`
(function_definition
  name: (word) @name.definition.function) @definition.function

; Top-level variables: `readonly` ones and UPPER_CASE names are constants,
; other names variables (`export`/`declare` included). Assignments inside
; functions, loops or conditionals are not reported.
(program
  (declaration_command
    "readonly"
    (variable_assignment
      name: (variable_name) @name.definition.constant)) @definition.constant)

(program
  (variable_assignment
    name: (variable_name) @name.definition.constant) @definition.constant
  (#match? @name.definition.constant "^_*[A-Z][A-Z0-9_]*$"))

(program
  (declaration_command
    (variable_assignment
      name: (variable_name) @name.definition.constant)) @definition.constant
  (#match? @name.definition.constant "^_*[A-Z][A-Z0-9_]*$"))

(program
  (variable_assignment
    name: (variable_name) @name.definition.variable) @definition.variable)

(program
  (declaration_command
    (variable_assignment
      name: (variable_name) @name.definition.variable)) @definition.variable)

; ----------------------------------------------------------------- references

; `source lib.sh` / `. "$DIR/lib.sh"`: imports by path (for a quoted or
; concatenated path, its last literal part).
(command
  name: (command_name
    (word) @_source)
  argument: (word) @name.reference.import
  (#any-of? @_source "source" "."))

(command
  name: (command_name
    (word) @_source)
  argument: (string
    (string_content) @name.reference.import .)
  (#any-of? @_source "source" "."))

(command
  name: (command_name
    (word) @_source)
  argument: (concatenation
    (word) @name.reference.import .)
  (#any-of? @_source "source" "."))

; Commands whose name looks like a function name (not a path, an expansion
; or `source`) are calls. Reserved words only show up as command names when
; error recovery went astray (a missing `fi` leaves a stray `done`).
(command
  name: (command_name
    (word) @name.reference.call)
  (#match? @name.reference.call "^[A-Za-z_][A-Za-z0-9_:.-]*$")
  (#not-any-of? @name.reference.call
    "source" "if" "then" "elif" "else" "fi" "case" "esac" "for" "select"
    "while" "until" "do" "done" "in" "function" "time" "coproc"))
