import { readSourceFile, DEFAULT_MAX_FILE_BYTES } from '../repo/read.js';
import { lexicalTokens, termCounts } from '../context/tokens.js';
import { treeBlobs } from './git.js';

/** A file's bag of words, or why it could not be read. */
export type FileTerms = { ok: true; counts: ReadonlyMap<string, number> } | { ok: false; reason: string };

/**
 * Bags of words of files, cached by git blob id: successive commits of one
 * repository share most blobs, so each distinct content is read and
 * tokenized once per run.
 */
export class TermCache {
  private readonly byBlob = new Map<string, FileTerms>();

  /** Terms of `path` in the checked-out tree at `root`, whose blob id is `blob`. */
  terms(root: string, path: string, blob: string): FileTerms {
    const cached = this.byBlob.get(blob);
    if (cached) return cached;
    const read = readSourceFile(root, path, DEFAULT_MAX_FILE_BYTES);
    const terms: FileTerms = read.ok
      ? { ok: true, counts: termCounts(lexicalTokens(read.text)) }
      : { ok: false, reason: read.reason };
    this.byBlob.set(blob, terms);
    return terms;
  }

  get size(): number {
    return this.byBlob.size;
  }
}

/** Path → blob id of every file committed in HEAD of the repository at `root` (symbolic links left out). */
export function headBlobs(root: string): Map<string, string> {
  return new Map(
    treeBlobs(root, 'HEAD')
      .filter((blob) => blob.mode !== '120000')
      .map((blob) => [blob.path, blob.object]),
  );
}
