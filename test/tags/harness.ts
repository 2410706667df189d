import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { LanguageId } from '../../src/parse/languages.js';
import { extractTags } from '../../src/parse/tags.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'tags');

/**
 * The tags of one fixture file as compact lines, in file order:
 * `def <symbolKind> <name> <line> <id>` and `ref <symbolKind> <name> <line>`.
 * Paths in ids are relative to test/fixtures/tags/<lang>/.
 */
export async function tagLines(language: LanguageId, file: string): Promise<string[]> {
  const dir = join(FIXTURES, language);
  const full = join(dir, file);
  const path = relative(dir, full).split('\\').join('/');
  const tags = await extractTags(path, readFileSync(full, 'utf8'), language);
  return tags.map((t) =>
    t.kind === 'def' ? `def ${t.symbolKind} ${t.name} ${t.line} ${t.id}` : `ref ${t.symbolKind} ${t.name} ${t.line}`,
  );
}
