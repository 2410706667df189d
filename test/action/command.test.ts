import { describe, expect, it } from 'vitest';
import { commandSeeds, parseCommand } from '../../src/action/command.js';
import type { ChangedFile } from '../../src/context/seeds.js';

const existing = new Set(['shop/models.py', 'shop', 'README.md', 'tests/test_pricing.py']);
const isPath = (path: string): boolean => existing.has(path);

describe('parseCommand', () => {
  it('is undefined unless the first word is the command', () => {
    expect(parseCommand('please /context', '/context', isPath)).toBeUndefined();
    expect(parseCommand('/contextual', '/context', isPath)).toBeUndefined();
    expect(parseCommand('> /context\nquoted', '/context', isPath)).toBeUndefined();
    expect(parseCommand('', '/context', isPath)).toBeUndefined();
    expect(parseCommand('  /context  ', '/context', isPath)).toEqual({
      line: '/context',
      paths: [],
      symbols: [],
      text: '',
    });
    expect(parseCommand('/ctx shop', '/ctx', isPath)?.paths).toEqual(['shop']);
  });

  it('sorts arguments into paths the repository has, code names, and free text', () => {
    const parsed = parseCommand(
      '/context shop/models.py ./README.md shop/ `pricing` Order.total_price parse_config() renderMap, discount twice\r\nSince 1.2: totals are off.',
      '/context',
      isPath,
    );
    expect(parsed).toEqual({
      line: '/context shop/models.py ./README.md shop/ `pricing` Order.total_price parse_config() renderMap, discount twice',
      paths: ['shop/models.py', 'README.md', 'shop'],
      symbols: ['pricing', 'Order.total_price', 'parse_config', 'renderMap'],
      text: 'discount twice\nSince 1.2: totals are off.',
    });
  });

  it('never takes a path out of the repository or a URL as a path', () => {
    const everything = (): boolean => true;
    const parsed = parseCommand(
      '/context ../../etc/passwd /etc/hosts https://example.com/a.py',
      '/context',
      everything,
    )!;
    expect(parsed.paths).toEqual([]);
    expect(parsed.text).toBe('../../etc/passwd /etc/hosts https://example.com/a.py');
  });

  it('shortens a very long command line for the report', () => {
    const parsed = parseCommand(`/context ${'word '.repeat(100)}`, '/context', isPath)!;
    expect(parsed.line).toHaveLength(200);
    expect(parsed.line.endsWith('…')).toBe(true);
  });
});

describe('commandSeeds', () => {
  const changed: ChangedFile[] = [
    { path: 'shop/models.py', status: 'modified', ranges: [{ start: 23, end: 23 }] },
    { path: 'tests/test_pricing.py', status: 'modified', ranges: [{ start: 13, end: 16 }] },
    { path: 'web/new.js', status: 'renamed', previousPath: 'web/old.js', ranges: [] },
  ];

  it('keeps the default seeds and adds free text when nothing is named', () => {
    const parsed = parseCommand('/context why is this slow?', '/context', isPath)!;
    expect(commandSeeds(parsed, { changed, text: 'Issue title' })).toEqual({
      changed,
      text: 'Issue title\n\nwhy is this slow?',
    });
    expect(commandSeeds(parseCommand('/context', '/context', isPath)!, { changed })).toEqual({ changed });
  });

  it('narrows to the named paths (files, directories, old names) and names the code', () => {
    const byPath = new Set([...existing, 'web/old.js']);
    const parsed = parseCommand('/context shop `Order` web/old.js\nwhy?', '/context', (p) => byPath.has(p))!;
    expect(commandSeeds(parsed, { changed, text: 'the issue body is dropped' })).toEqual({
      changed: [changed[0], changed[2]],
      text: 'shop\nweb/old.js\n`Order`\nwhy?',
    });
  });
});
