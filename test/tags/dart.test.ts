import { describe, expect, it } from 'vitest';
import { extractTags } from '../../src/parse/tags.js';
import { tagLines } from './harness.js';

// Dart fixtures (tree-sitter-dart as shipped in tree-sitter-wasms 0.1.13,
// which knows Dart 3 class modifiers, records, patterns and extension types):
// counter_bloc.dart covers imports with `show`/`hide`/`as`, `export`, `part`,
// top-level const/final/var, a `typedef`, `sealed`/`final`/`abstract
// interface` classes, a mixin with `on`, `extends ... with ... implements`,
// unnamed, named, redirecting and factory constructors, static constants,
// cascades, an enhanced enum with a constructor and an operator.
// counter_view.dart is a `part of` file with a named extension, an unnamed
// extension (a scope named after `int`), an extension type, Flutter widgets
// built without `new` (UpperCamelCase calls are instantiations), a switch
// expression, `new`, `is`, a setter, operator `==` and top-level getter, and
// the grammar's misreading of `BlocProvider.of<CounterBloc>(this)` as two
// comparisons (recovered by the query: `of` is still a call).
// Import URIs keep their quotes: Dart string literals have no content node.

describe('dart tags', () => {
  it('finds every definition and reference in counter_bloc.dart', async () => {
    expect(await tagLines('dart', 'counter_bloc.dart')).toEqual([
      "ref import 'dart:async' 1",
      "ref import 'package:bloc/bloc.dart' 3",
      "ref import 'package:equatable/equatable.dart' 4",
      'ref import Equatable 4',
      "ref import 'src/storage.dart' 5",
      "ref import 'src/counter_view.dart' 7",
      "ref import 'counter_event.dart' 9",
      'def constant kMaxCount 11 ./counter_bloc.dart::counter_bloc.kMaxCount',
      'def constant defaultStep 12 ./counter_bloc.dart::counter_bloc.defaultStep',
      'ref new Step 12',
      'def variable instances 13 ./counter_bloc.dart::counter_bloc.instances',
      'def type CounterTransformer 15 ./counter_bloc.dart::counter_bloc.CounterTransformer',
      'ref type Stream 15',
      'ref type Stream 15',
      'def class CounterEvent 17 ./counter_bloc.dart::counter_bloc.CounterEvent',
      'ref inherit Equatable 17',
      'def method CounterEvent 18 ./counter_bloc.dart::counter_bloc.CounterEvent.CounterEvent',
      'def method props 21 ./counter_bloc.dart::counter_bloc.CounterEvent.props',
      'ref type List 21',
      'ref type Object 21',
      'def class Incremented 24 ./counter_bloc.dart::counter_bloc.Incremented',
      'ref inherit CounterEvent 24',
      'def trait Logging 26 ./counter_bloc.dart::counter_bloc.Logging',
      'ref inherit Bloc 26',
      'ref type CounterEvent 26',
      'def method log 27 ./counter_bloc.dart::counter_bloc.Logging.log',
      'ref type String 27',
      'ref call print 27',
      'def class Repository 30 ./counter_bloc.dart::counter_bloc.Repository',
      'def method load 31 ./counter_bloc.dart::counter_bloc.Repository.load',
      'ref type Future 31',
      'def class CounterBloc 34 ./counter_bloc.dart::counter_bloc.CounterBloc',
      'ref inherit Bloc 34',
      'ref type CounterEvent 34',
      'ref inherit Logging 35',
      'ref inherit Comparable 36',
      'ref type CounterBloc 36',
      'def method CounterBloc 37 ./counter_bloc.dart::counter_bloc.CounterBloc.CounterBloc',
      'ref type Incremented 38',
      'ref call on 38',
      'ref call sequential 38',
      'def method seeded 42 ./counter_bloc.dart::counter_bloc.CounterBloc.seeded',
      'ref type Repository 42',
      'def method fromJson 44 ./counter_bloc.dart::counter_bloc.CounterBloc.fromJson',
      'ref type Map 44',
      'ref type String 44',
      'ref new CounterBloc 45',
      'ref new MemoryRepository 45',
      'def constant name 47 ./counter_bloc.dart::counter_bloc.CounterBloc.name',
      'ref type String 47',
      'ref type Repository 49',
      'def method _onIncremented 51 ./counter_bloc.dart::counter_bloc.CounterBloc._onIncremented',
      'ref type Emitter 51',
      'ref type Future 51',
      'ref type Incremented 51',
      'ref call load 52',
      'ref call emit 54',
      'ref call log 55',
      'ref call toString 55',
      'def method compareTo 59 ./counter_bloc.dart::counter_bloc.CounterBloc.compareTo',
      'ref type CounterBloc 59',
      'ref call compareTo 59',
      'def enum Step 62 ./counter_bloc.dart::counter_bloc.Step',
      'def method Step 66 ./counter_bloc.dart::counter_bloc.Step.Step',
      'def method * 70 ./counter_bloc.dart::counter_bloc.Step.*',
      'def function sequential 73 ./counter_bloc.dart::counter_bloc.sequential',
      'ref type CounterTransformer 73',
      'ref type Stream 73',
      'ref call asyncExpand 73',
    ]);
  });

  it('finds every definition and reference in counter_view.dart', async () => {
    expect(await tagLines('dart', 'counter_view.dart')).toEqual([
      "ref import 'counter_bloc.dart' 1",
      'def class CounterContext 3 ./counter_view.dart::counter_view.CounterContext',
      'ref inherit BuildContext 3',
      'def method counter 4 ./counter_view.dart::counter_view.CounterContext.counter',
      'ref type BlocProvider 4',
      'ref type CounterBloc 4',
      'ref type CounterBloc 4',
      'ref call of 4',
      'def method increment 6 ./counter_view.dart::counter_view.CounterContext.increment',
      'ref type CounterBloc 6',
      'ref new Incremented 6',
      'ref call add 6',
      'ref call read 6',
      'ref inherit int 9',
      'def method label 10 ./counter_view.dart::counter_view.int.label',
      'ref type String 10',
      'def class Count 13 ./counter_view.dart::counter_view.Count',
      'ref inherit Object 13',
      'def class CounterPage 15 ./counter_view.dart::counter_view.CounterPage',
      'ref inherit StatelessWidget 15',
      'def method CounterPage 16 ./counter_view.dart::counter_view.CounterPage.CounterPage',
      'def method route 18 ./counter_view.dart::counter_view.CounterPage.route',
      'ref new CounterPage 18',
      'ref new MaterialPageRoute 18',
      'ref type Route 18',
      'def method build 21 ./counter_view.dart::counter_view.CounterPage.build',
      'ref type BuildContext 21',
      'ref type Widget 21',
      'ref new BlocProvider 22',
      'ref type CounterBloc 23',
      'ref new Incremented 23',
      'ref new LocalRepository 23',
      'ref call add 23',
      'ref call seeded 23',
      'ref new CounterView 24',
      'def class CounterView 29 ./counter_view.dart::counter_view.CounterView',
      'ref inherit StatefulWidget 29',
      'def method CounterView 30 ./counter_view.dart::counter_view.CounterView.CounterView',
      'ref type Key 30',
      'def method createState 33 ./counter_view.dart::counter_view.CounterView.createState',
      'ref type CounterView 33',
      'ref type State 33',
      'ref new _CounterViewState 33',
      'def class _CounterViewState 36 ./counter_view.dart::counter_view._CounterViewState',
      'ref type CounterView 36',
      'ref inherit State 36',
      'ref new ScrollController 37',
      'ref type ScrollController 37',
      'def method offset 39 ./counter_view.dart::counter_view._CounterViewState.offset',
      'ref call jumpTo 39',
      'def method build 42 ./counter_view.dart::counter_view._CounterViewState.build',
      'ref type BuildContext 42',
      'ref type Widget 42',
      'ref type CounterBloc 43',
      'ref call watch 43',
      'ref new Text 45',
      'ref type Colors 46',
      'ref new Text 46',
      'ref new TextStyle 46',
      'ref new Text 47',
      'def method == 52 ./counter_view.dart::counter_view._CounterViewState.==',
      'ref type Object 52',
      'ref type _CounterViewState 52',
      'def method hashCode 55 ./counter_view.dart::counter_view._CounterViewState.hashCode',
      'ref type Object 55',
      'ref call hash 55',
      'def function appTitle 58 ./counter_view.dart::counter_view.appTitle',
      'ref type String 58',
    ]);
  });

  // broken_repository.dart misses the `)` of `if (response.statusCode == 404 {`
  // (line 25). Everything from the start of the file becomes one ERROR node
  // that keeps the first class whole (TodoNotFound) but not the class after
  // it: TodoRepository survives as a bare `class` token and name (recovered
  // by an ERROR pattern, its range the name only), so its constructor,
  // constant and methods lose their owner (the constructor's id equals the
  // class's) and the methods `delete` and `dispose` (lines 31, 33) are lost,
  // as are the call `fromJson` (line 28) and `TodoNotFound(id)` as an
  // instantiation (only a type use remains). After the error the enum and
  // the extension are plain identifiers in ERROR nodes: their names are
  // recovered, their bodies (the getter `completed`) and `on List<Todo>` are
  // not.
  it('recovers from the syntax error in broken_repository.dart', async () => {
    expect(await tagLines('dart', 'broken_repository.dart')).toEqual([
      "ref import 'package:http/http.dart' 1",
      "ref import 'models/todo.dart' 2",
      'def class TodoNotFound 4 ./broken_repository.dart::broken_repository.TodoNotFound',
      'ref inherit Exception 4',
      'def method TodoNotFound 5 ./broken_repository.dart::broken_repository.TodoNotFound.TodoNotFound',
      'ref type String 7',
      'def class TodoRepository 10 ./broken_repository.dart::broken_repository.TodoRepository',
      'def method TodoRepository 11 ./broken_repository.dart::broken_repository.TodoRepository',
      'ref new Client 11',
      'ref type Client 11',
      'ref type Client 13',
      'def constant baseUri 15 ./broken_repository.dart::broken_repository.baseUri',
      'ref type Uri 15',
      'ref type Uri 15',
      'ref call parse 15',
      'def function fetchAll 17 ./broken_repository.dart::broken_repository.fetchAll',
      'ref type Future 17',
      'ref type List 17',
      'ref type Todo 17',
      'ref call get 18',
      'ref type Todo 19',
      'ref call listFromJson 19',
      'def function fetch 23 ./broken_repository.dart::broken_repository.fetch',
      'ref type Future 23',
      'ref type String 23',
      'ref type Todo 23',
      'ref call get 24',
      'ref call resolve 24',
      'ref type TodoNotFound 26',
      'ref type Todo 28',
      'ref call delete 31',
      'ref call close 33',
      'def enum SyncStatus 36 ./broken_repository.dart::broken_repository.SyncStatus',
      'def class TodoList 38 ./broken_repository.dart::broken_repository.TodoList',
      'ref call toList 39',
      'ref call where 39',
    ]);
  });

  // A body is its signature's sibling: the definition spans it (`@end`), so a
  // changed line inside a body is inside its function.
  it('spans functions, methods, getters, constructors and operators to the end of their bodies', async () => {
    const source = [
      'int f(int x) {', //      1
      '  return x;',
      '}',
      'class A {', //           4
      '  A(this.x) {',
      '    init();',
      '  }',
      '  final int x;', //      8
      '  int get y {',
      '    return x;',
      '  }',
      '  factory A.of() {', // 12
      '    return A(1);',
      '  }',
      '  void m();', //        15
      '  bool operator ==(Object other) {',
      '    return other is A;',
      '  }',
      '}', //                   19
      '',
    ].join('\n');
    const defs = (await extractTags('a.dart', source, 'dart'))
      .filter((t) => t.kind === 'def')
      .map((t) => `${t.name} ${t.line}-${t.endLine}`);
    expect(defs).toEqual(['f 1-3', 'A 4-19', 'A 5-7', 'y 9-11', 'of 12-14', 'm 15-15', '== 16-18']);
  });
});
