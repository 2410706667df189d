import { describe, expect, it } from 'vitest';
import { tagLines } from './harness.js';

// Functions stored in a table (`function M.f()`, `function M:f()`,
// `M.f = function`, `{ f = function }`) are methods qualified by the table;
// a module-level table that gets `X.__index = X` is a class, the table the
// file returns is the module. `require` names keep their quotes: the
// grammar's `string` is a leaf.
describe('lua tags', () => {
  it('finds classes, methods and imports in picker.lua', async () => {
    // `local api = vim.api` (line 7) only renames a field: an alias, not reported.
    expect(await tagLines('lua', 'picker.lua')).toEqual([
      'ref import "plugin.log" 2',
      'ref import "plugin.utils" 3',
      "ref import 'plugin.ui.window' 4",
      'def constant DEFAULT_HEIGHT 6 ./picker.lua::picker.DEFAULT_HEIGHT',
      'def class Base 9 ./picker.lua::picker.Base',
      'def method new 12 ./picker.lua::picker.Base.new',
      'ref call setmetatable 13',
      'def method close 16 ./picker.lua::picker.Base.close',
      'ref call debug 17',
      'def class Picker 20 ./picker.lua::picker.Picker',
      'ref inherit Base 20',
      'ref call setmetatable 20',
      'def method new 23 ./picker.lua::picker.Picker.new',
      'ref new Base 24',
      'ref call new 24',
      'ref new Window 25',
      'ref call new 25',
      'ref call setmetatable 27',
      'def method find 30 ./picker.lua::picker.Picker.find',
      'def function on_line 31 ./picker.lua::picker.Picker.find.on_line',
      'ref call insert 32',
      'ref call trim 32',
      'ref call open 34',
      'ref call nvim_command 35',
      'def method refresh 38 ./picker.lua::picker.Picker.refresh',
      'ref call find 40',
      'def module pickers 43 ./picker.lua::picker.pickers',
      'def method new 45 ./picker.lua::picker.pickers.new',
      'ref new Picker 46',
      'ref call new 46',
      'def method sorted 49 ./picker.lua::picker.pickers.entries.sorted',
      'ref call sort 50',
    ]);
  });

  it('finds table functions, wrapped functions and module variables in config.lua', async () => {
    // Not reported: `["key-with-dashes"] = function` (a quoted key, line 18),
    // anonymous functions, `config.default_width = (function() return 80 end)()`
    // (line 42: the immediately called function returns no function),
    // locals and assignments inside functions, and `pcall(require, …)`'s results.
    expect(await tagLines('lua', 'config.lua')).toEqual([
      'ref import "nvim-web-devicons" 3',
      'ref call pcall 3',
      'def constant VERSION 5 ./config.lua::config.VERSION',
      'def constant MAX_ITEMS 6 ./config.lua::config.MAX_ITEMS',
      'def variable timeout 6 ./config.lua::config.timeout',
      'def variable cache 7 ./config.lua::config.cache',
      'def variable lock 8 ./config.lua::config.lock',
      'ref call acquire 8',
      'def module config 10 ./config.lua::config.config',
      'def method on_attach 12 ./config.lua::config.config.on_attach',
      'ref call set 13',
      'def method highlighter 15 ./config.lua::config.config.highlighter',
      'def function load_once 21 ./config.lua::config.load_once',
      'ref call fn 25',
      'def method icons 31 ./config.lua::config.config.icons',
      'ref call load_once 31',
      'ref call get_icons 32',
      'def method separator 35 ./config.lua::config.config.separator',
      'def method setup 44 ./config.lua::config.config.setup',
      'ref call tbl_deep_extend 45',
      'def function apply 47 ./config.lua::config.config.setup.apply',
      'ref call apply 50',
      'def function GlobalHelper 54 ./config.lua::config.GlobalHelper',
    ]);
  });

  it('recovers from the syntax errors in broken.lua', async () => {
    // The missing `)` on line 16 is repaired in place: `push` and everything
    // before `drain` survive. `> do` on line 24 reads `do` as a name and puts
    // lines 23–31 in an ERROR node: `drain` and `Queue:size` are lost (the
    // latter becomes a call), the calls inside them remain. The returned
    // table literal on line 33 is no module (only a returned name is).
    expect(await tagLines('lua', 'broken.lua')).toEqual([
      'def class Queue 3 ./broken.lua::broken.Queue',
      'def constant LIMIT 6 ./broken.lua::broken.LIMIT',
      'def method new 8 ./broken.lua::broken.Queue.new',
      'ref call setmetatable 9',
      'def method push 12 ./broken.lua::broken.Queue.push',
      'ref call error 14',
      'ref call insert 16',
      'def method pop 19 ./broken.lua::broken.Queue.pop',
      'ref call remove 20',
      'ref call size 24',
      'ref call handler 25',
      'ref call pop 25',
      'ref call size 29',
    ]);
  });
});
