import type { TagFileResult, TaggedFile } from './tag-file.js';
import type { Tag } from './tags.js';

/**
 * The wire form of a tagged file between a parse worker and the main
 * thread: one string table and one Int32Array instead of an object per tag.
 * Structured-cloned tag objects cost the main thread ~230 bytes each (the Go
 * tree has 640k of them); these are decoded into objects of one shape with
 * the main thread's shared strings, about a third of that.
 */
export interface PackedFile {
  path: string;
  language: TaggedFile['language'];
  lineCount: number;
  signatures: [number, string][];
  imports: string[];
  terms?: TaggedFile['terms'];
  removedCode?: TaggedFile['removedCode'];
  strings: string[];
  /** Per tag: line, endLine, kind (0 def, 1 ref), symbolKind, name, id (-1 none) as string indexes. */
  data: Int32Array;
}

export type PackedResult = { ok: true; file: PackedFile } | Extract<TagFileResult, { ok: false }>;

const FIELDS = 6;

export function packResult(result: TagFileResult): PackedResult {
  if (!result.ok) return result;
  const { file } = result;
  const strings: string[] = [];
  const index = new Map<string, number>();
  const ref = (text: string): number => {
    let i = index.get(text);
    if (i === undefined) {
      i = strings.length;
      strings.push(text);
      index.set(text, i);
    }
    return i;
  };
  const data = new Int32Array(file.tags.length * FIELDS);
  file.tags.forEach((tag, i) => {
    const at = i * FIELDS;
    data[at] = tag.line;
    data[at + 1] = tag.endLine;
    data[at + 2] = tag.kind === 'def' ? 0 : 1;
    data[at + 3] = ref(tag.symbolKind);
    data[at + 4] = ref(tag.name);
    data[at + 5] = tag.id === undefined ? -1 : ref(tag.id);
  });
  return {
    ok: true,
    file: {
      path: file.path,
      language: file.language,
      lineCount: file.lineCount,
      signatures: file.signatures,
      imports: file.imports,
      ...(file.terms ? { terms: file.terms } : {}),
      ...(file.removedCode ? { removedCode: file.removedCode } : {}),
      strings,
      data,
    },
  };
}

/** Decodes a packed result; `share` returns one string object per distinct text. */
export function unpackResult(result: PackedResult, share: (text: string) => string): TagFileResult {
  if (!result.ok) return result;
  const { file } = result;
  const strings = file.strings.map(share);
  const tags: Tag[] = [];
  for (let at = 0; at < file.data.length; at += FIELDS) {
    const id = file.data[at + 5]!;
    tags.push({
      path: file.path,
      line: file.data[at]!,
      endLine: file.data[at + 1]!,
      kind: file.data[at + 2] === 0 ? 'def' : 'ref',
      name: strings[file.data[at + 4]!]!,
      symbolKind: strings[file.data[at + 3]!]!,
      id: id < 0 ? undefined : strings[id]!,
    });
  }
  return {
    ok: true,
    file: {
      path: file.path,
      language: file.language,
      tags,
      signatures: file.signatures,
      lineCount: file.lineCount,
      imports: file.imports,
      ...(file.terms ? { terms: file.terms } : {}),
      ...(file.removedCode ? { removedCode: file.removedCode } : {}),
    },
  };
}

/** A string table for one thread: returns the first string object seen for each text. */
export function stringSharer(): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    const known = seen.get(text);
    if (known !== undefined) return known;
    seen.set(text, text);
    return text;
  };
}
