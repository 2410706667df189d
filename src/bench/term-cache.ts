import { readSourceFile, DEFAULT_MAX_FILE_BYTES } from '../repo/read.js';
import { lexicalTokens, termCounts } from '../context/tokens.js';
import { runGit } from './git.js';

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

/** Path → blob id of every regular file committed in HEAD of the repository at `root`. */
export function headBlobs(root: string): Map<string, string> {
  const out = runGit(['-C', root, 'ls-tree', '-r', '-z', 'HEAD']);
  const blobs = new Map<string, string>();
  for (const entry of out.split('\0')) {
    // `<mode> SP <type> SP <object> TAB <path>`
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, object] = entry.slice(0, tab).split(' ');
    if (type !== 'blob' || mode === '120000' || !object) continue;
    blobs.set(entry.slice(tab + 1), object);
  }
  return blobs;
}
