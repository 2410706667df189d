import { readFileSync } from 'node:fs';
import { extractTags } from '../src/parse/tags.js';
const [path, lang] = process.argv.slice(2);
const tags = await extractTags(path!, readFileSync(path!, 'utf8'), lang as never);
for (const t of tags) console.log(t.kind, t.symbolKind, t.name, t.line, t.endLine, t.id ?? '');
