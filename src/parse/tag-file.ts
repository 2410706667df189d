import { readSourceFile, type ReadResult } from '../repo/read.js';
import type { SkipReason } from '../repo/files.js';
import type { LanguageId } from './languages.js';
import { fileTerms, type FileTerms } from '../context/lexical.js';
import type { RemovedCodeHits, RemovedCodeMatcher } from '../context/removed-code.js';
import { extractImports } from './imports.js';
import { extractTags, type Tag, type TagTimings } from './tags.js';

/** What the map needs of a file besides its tags: the text of its definition lines. */
export interface TaggedFile {
  path: string;
  language: LanguageId;
  tags: Tag[];
  /** Source line (1-based) → its text, for every line a definition starts on. */
  signatures: [number, string][];
  lineCount: number;
  /** Module specifiers the file imports, as written (resolved by the graph). */
  imports: string[];
  /** Counts of the query's terms, when the index was built for a text query. */
  terms?: FileTerms;
  /** The change's removed lines and names the file has, when the index looked for them. */
  removedCode?: RemovedCodeHits;
}

/** What every file of one indexing run is read with. */
export interface TagContext {
  root: string;
  maxBytes: number;
  /** Terms to count for lexical retrieval; absent when there is no text query. */
  queryTerms?: ReadonlySet<string>;
  /** A change's removed code to look for in each file (see RemovedCode). */
  removedCode?: RemovedCodeMatcher;
}

export type TagFileResult = { ok: true; file: TaggedFile } | { ok: false; path: string; reason: SkipReason };

const MAX_SIGNATURE_CHARS = 160;

/** Reads, parses and tags one file; any failure becomes a reported skip. */
export async function tagFile(
  context: TagContext,
  path: string,
  language: LanguageId,
  timings?: TagTimings,
): Promise<TagFileResult> {
  const t0 = performance.now();
  const read: ReadResult = readSourceFile(context.root, path, context.maxBytes);
  if (timings) timings.readMs += performance.now() - t0;
  if (!read.ok) return { ok: false, path, reason: read.reason };
  const result = await tagSource(path, read.text, language, timings);
  if (result.ok && context.queryTerms && context.queryTerms.size > 0) {
    result.file.terms = fileTerms(path, read.text, context.queryTerms);
  }
  if (result.ok && context.removedCode) {
    const hits = context.removedCode.find(read.text);
    if (hits) result.file.removedCode = hits;
  }
  return result;
}

export async function tagSource(
  path: string,
  text: string,
  language: LanguageId,
  timings?: TagTimings,
): Promise<TagFileResult> {
  let tags: Tag[];
  try {
    tags = await extractTags(path, text, language, timings);
  } catch {
    // tree-sitter recovers from syntax errors; an exception here is a crash
    // of the parser or the grammar, reported rather than fatal.
    return { ok: false, path, reason: 'parse-error' };
  }
  const lines = text.split('\n');
  const signatures = new Map<number, string>();
  for (const tag of tags) {
    if (tag.kind !== 'def' || signatures.has(tag.line)) continue;
    const raw = (lines[tag.line - 1] ?? '').replace(/\r$/, '').replace(/\t/g, '    ').trimEnd();
    signatures.set(tag.line, raw.length > MAX_SIGNATURE_CHARS ? `${raw.slice(0, MAX_SIGNATURE_CHARS)}…` : raw);
  }
  return {
    ok: true,
    file: {
      path,
      language,
      tags,
      signatures: [...signatures.entries()],
      lineCount: lines.length,
      imports: extractImports(language, text),
    },
  };
}
