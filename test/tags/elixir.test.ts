import { describe, expect, it } from 'vitest';
import { tagLines } from './harness.js';

// Elixir aliases are one token (`MyApp.Accounts`); tags name them by their
// last segment (`Accounts`), as ctags does, so `%User{}` and `User.f()` meet
// `defmodule MyApp.Accounts.User` by name.
describe('elixir tags', () => {
  // The heredoc's `def register(…)` (lines 2–6) is documentation, not code;
  // `defstruct`/`defexception` make their module a struct or exception and
  // define no name of their own; typespec calls (`String.t()`, `integer()`)
  // are reported as calls; a struct in a pattern (a head, a `case` clause,
  // the left of `=`) is a type use, elsewhere an instantiation.
  it('finds every definition and reference in accounts.ex', async () => {
    expect(await tagLines('elixir', 'accounts.ex')).toEqual([
      'def module Accounts 1 ./accounts.ex::accounts.Accounts',
      'ref import Query 8',
      'ref import Repo 9',
      'ref import Token 10',
      'ref import User 10',
      'def type id 12 ./accounts.ex::accounts.Accounts.id',
      'ref type String 12',
      'ref call integer 12',
      'ref call t 12',
      'def type attrs 13 ./accounts.ex::accounts.Accounts.attrs',
      'ref call atom 13',
      'ref call optional 13',
      'ref call term 13',
      'def function is_id 15 ./accounts.ex::accounts.Accounts.is_id',
      'ref call is_integer 15',
      'def function change_user 17 ./accounts.ex::accounts.Accounts.change_user',
      'ref type User 17',
      'ref type User 19',
      'ref call t 19',
      'def function get_user! 20 ./accounts.ex::accounts.Accounts.get_user!',
      'ref type Repo 20',
      'ref type User 20',
      'ref call get! 20',
      'ref call is_id 20',
      'def function get_user! 22 ./accounts.ex::accounts.Accounts.get_user!',
      'ref call is_binary 22',
      'ref type String 23',
      'ref call get_user! 23',
      'ref call to_integer 23',
      'def function list_users 26 ./accounts.ex::accounts.Accounts.list_users',
      'ref type Keyword 27',
      'ref call get 27',
      'ref type User 29',
      'ref call from 29',
      'ref type Repo 30',
      'ref call all 30',
      'ref type Enum 31',
      'ref call map 31',
      'ref call present 31',
      'ref type Changeset 34',
      'ref type User 34',
      'ref call t 34',
      'ref call t 34',
      'def function create_user 35 ./accounts.ex::accounts.Accounts.create_user',
      'ref new User 36',
      'ref type User 37',
      'ref call changeset 37',
      'ref type Repo 38',
      'ref call insert 38',
      'def function delete_all 45 ./accounts.ex::accounts.Accounts.delete_all',
      'ref type Repo 45',
      'ref type Token 45',
      'ref call delete_all 45',
      'def function present 47 ./accounts.ex::accounts.Accounts.present',
      'ref type User 47',
      'ref type String 48',
      'ref call trim 48',
      'def module Session 51 ./accounts.ex::accounts.Accounts.Session',
      'def function new 55 ./accounts.ex::accounts.Accounts.Session.new',
      'def function valid? 57 ./accounts.ex::accounts.Accounts.Session.valid?',
      'ref type Session 57',
      'def function valid? 58 ./accounts.ex::accounts.Accounts.Session.valid?',
      'ref type Session 58',
      'def module NotFoundError 61 ./accounts.ex::accounts.Accounts.NotFoundError',
      'def function fetch 65 ./accounts.ex::accounts.Accounts.fetch',
      'ref type Repo 66',
      'ref type User 66',
      'ref call get 66',
      'ref type NotFoundError 67',
      'ref call raise 67',
      'ref type User 68',
      'ref type NotFoundError 69',
      'ref type User 69',
      'ref call raise 69',
    ]);
  });

  // `defprotocol` functions are methods; `defimpl P, for: T` is a scope named
  // after `T` (after `P` when there is no `for:` alias); `use`, `@behaviour`
  // and the implemented protocol are inherit references; attributes
  // (`@impl true`, `@moduledoc`) and `quote`/`unquote` are not calls.
  it('finds every definition and reference in room_channel.ex', async () => {
    expect(await tagLines('elixir', 'room_channel.ex')).toEqual([
      'def protocol Presentable 1 ./room_channel.ex::room_channel.Presentable',
      'ref call map 5',
      'def method present 6 ./room_channel.ex::room_channel.Presentable.present',
      'ref inherit Presentable 9',
      'ref type User 9',
      'def method present 10 ./room_channel.ex::room_channel.User.present',
      'ref type Map 10',
      'ref call take 10',
      'def module RoomChannel 13 ./room_channel.ex::room_channel.RoomChannel',
      'ref inherit MyAppWeb 14',
      'ref inherit GenServer 15',
      'ref inherit Auditable 16',
      'ref import Logger 18',
      'ref import Presence 19',
      'def function authorized? 21 ./room_channel.ex::room_channel.RoomChannel.authorized?',
      'ref type String 21',
      'ref call boolean 21',
      'ref call t 21',
      'ref call term 21',
      'def macro topic_prefix 22 ./room_channel.ex::room_channel.RoomChannel.topic_prefix',
      'ref type Macro 22',
      'ref call t 22',
      'def macro ~> 24 ./room_channel.ex::room_channel.RoomChannel.~>',
      'def macro log_event 28 ./room_channel.ex::room_channel.RoomChannel.log_event',
      'ref type Logger 30',
      'ref call debug 30',
      'def function join 35 ./room_channel.ex::room_channel.RoomChannel.join',
      'ref call self 36',
      'ref call send 36',
      'ref call assign 37',
      'def function handle_in 41 ./room_channel.ex::room_channel.RoomChannel.handle_in',
      'ref call log_event 42',
      'ref call broadcast! 43',
      'def function handle_info 48 ./room_channel.ex::room_channel.RoomChannel.handle_info',
      'ref type Presence 49',
      'ref call track 49',
      'ref type Presence 50',
      'ref call list 50',
      'ref call push 50',
      'ref inherit Encoder 54',
      'def method encode 55 ./room_channel.ex::room_channel.RoomChannel.Encoder.encode',
      'ref type Encode 55',
      'ref type Map 55',
      'ref call from_struct 55',
      'ref call map 55',
    ]);
  });

  // Line 13 lacks a `)`: tree-sitter reads `item(:apple` and the next line as
  // one call `item … assert Cart.count(cart) ==` and puts `1` and the first
  // test's `end` in an ERROR node. Everything survives: the module, both
  // ExUnit tests (calls to `test`, never definitions) and the functions after
  // them, still nested in `CartTest`.
  it('recovers from the syntax error in broken_cart_test.exs', async () => {
    expect(await tagLines('elixir', 'broken_cart_test.exs')).toEqual([
      'def module CartTest 1 ./broken_cart_test.exs::broken_cart_test.CartTest',
      'ref inherit Case 2',
      'ref import Factory 3',
      'ref import Cart 5',
      'ref call setup 7',
      'ref call build 8',
      'ref call describe 11',
      'ref call test 12',
      'ref type Cart 13',
      'ref call add 13',
      'ref call item 13',
      'ref type Cart 14',
      'ref call assert 14',
      'ref call count 14',
      'ref call test 17',
      'ref type Cart 18',
      'ref type UnknownItem 18',
      'ref call add 18',
      'ref call assert_raise 18',
      'def function item 22 ./broken_cart_test.exs::broken_cart_test.CartTest.item',
      'ref new Item 22',
      'def function total 24 ./broken_cart_test.exs::broken_cart_test.CartTest.total',
      'ref type Enum 25',
      'ref call reduce 25',
    ]);
  });
});
