import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { changedFilesFromDiff, type ChangedFile } from '../context/seeds.js';
import { isSafeRelativePath } from '../repo/read.js';
import { UsageError } from './errors.js';

/** The text of a file an option names (relative to `cwd`), or a usage error saying which option could not be read. */
export function readTextOption(option: string, path: string, cwd: string): string {
  try {
    return readFileSync(resolve(cwd, path), 'utf8');
  } catch {
    throw new UsageError(`--${option}: cannot read ${path}`);
  }
}

/**
 * The changed files of a diff given with `--diff FILE`. A file with text
 * but no file in it is not a diff (a usage error); an empty one changes
 * nothing (said on stderr). A file whose path leaves the repository
 * (`../x`, `/etc/x`) is skipped and named.
 */
export function changedFilesFromDiffFile(name: string, text: string, log: (line: string) => void): ChangedFile[] {
  const found = changedFilesFromDiff(text);
  if (found.length === 0) {
    if (text.trim() !== '')
      throw new UsageError(
        `--diff: ${name} has no changed file in it (not a unified diff: no ---/+++ or diff --git lines)`,
      );
    log(`revloop: the diff ${name} is empty; ranking without changed files`);
    return [];
  }
  const inside = (path: string | undefined): boolean => path === undefined || isSafeRelativePath(path);
  const kept = found.filter((file) => inside(file.path) && inside(file.previousPath));
  for (const file of found)
    if (!kept.includes(file))
      log(
        `revloop: warning: --diff: skipped ${inside(file.path) ? file.previousPath : file.path}: not a path inside the repository`,
      );
  return kept;
}
