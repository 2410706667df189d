import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assetPaths } from '../../src/parse/assets.js';
import { readQuery } from '../../src/parse/loader.js';
import { tempDir } from '../helpers/repo.js';

describe('readQuery', () => {
  it('prepends inherited queries, the shared ECMAScript patterns first', () => {
    const { queries } = assetPaths();
    const tsx = readQuery(queries, 'tsx-tags.scm');
    const shared = tsx.indexOf('; Tags shared by JavaScript and TypeScript');
    const typescript = tsx.indexOf('; TypeScript tags');
    const own = tsx.indexOf('; TSX');
    expect(shared).toBe(0);
    expect(typescript).toBeGreaterThan(shared);
    expect(own).toBeGreaterThan(typescript);
    expect(readQuery(queries, 'javascript-tags.scm').startsWith('; Tags shared by JavaScript and TypeScript')).toBe(
      true,
    );
  });

  it('refuses a query that inherits itself', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-tags.scm'), '; inherits: b\n(identifier) @name.reference.call\n');
    writeFileSync(join(dir, 'b-tags.scm'), '; inherits: a\n');
    expect(() => readQuery(dir, 'a-tags.scm')).toThrow(/a-tags\.scm inherits itself through a-tags\.scm → b-tags\.scm/);
  });
});
