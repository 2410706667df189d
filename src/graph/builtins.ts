import type { LanguageId } from '../parse/languages.js';

/**
 * Names every program of a language has without defining them: builtins,
 * predeclared identifiers, globals. A reference to one of these means the
 * builtin unless the file defines or imports the name, so it gets no
 * name-matched edge (Python's `super()` is not Django's `BlockNode.super`).
 */
const BUILTINS: Partial<Record<LanguageId, ReadonlySet<string>>> = {
  python: words(
    'abs all any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex delattr dict dir ' +
      'divmod enumerate eval exec filter float format frozenset getattr globals hasattr hash help hex id input int ' +
      'isinstance issubclass iter len list locals map max memoryview min next object oct open ord pow print property ' +
      'range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip __import__ ' +
      'Exception BaseException ValueError TypeError KeyError IndexError AttributeError RuntimeError NotImplementedError ' +
      'StopIteration OSError IOError ImportError AssertionError',
  ),
  javascript: words(JS_GLOBALS()),
  typescript: words(JS_GLOBALS()),
  tsx: words(JS_GLOBALS()),
  go: words(
    'append cap clear close complex copy delete imag len make max min new panic print println real recover ' +
      'bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string uint uint8 ' +
      'uint16 uint32 uint64 uintptr any comparable Error String',
  ),
  java: words(
    'String Object Integer Long Double Boolean Character Math System Exception RuntimeException List Map Set',
  ),
  kotlin: words(
    'println print listOf mapOf setOf mutableListOf mutableMapOf arrayOf require check error String Any Int',
  ),
  rust: words('Some None Ok Err Box Vec String Option Result println format vec panic assert assert_eq Default Clone'),
  ruby: words('puts print p require require_relative raise new attr_accessor attr_reader include extend'),
  php: words('count isset unset empty array strlen implode explode sprintf printf'),
};

function JS_GLOBALS(): string {
  return (
    'Object Array String Number Boolean Symbol Map Set WeakMap Promise Error TypeError JSON Math Date RegExp ' +
    'console require setTimeout clearTimeout parseInt parseFloat isNaN fetch push map filter reduce forEach ' +
    'then catch toString keys values entries join slice splice includes indexOf'
  );
}

function words(text: string): ReadonlySet<string> {
  return new Set(text.split(/\s+/).filter(Boolean));
}

export function isBuiltin(language: LanguageId, name: string): boolean {
  return BUILTINS[language]?.has(name) ?? false;
}
