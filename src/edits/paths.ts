import { posix } from 'node:path';
import { isSafeRelativePath } from '../repo/read.js';

/**
 * A path named by a model, as a repository-relative path: surrounding
 * whitespace, quotes and backticks and a leading `./` are dropped and the
 * path is normalized. Undefined when it is empty or would leave the
 * repository (absolute, `..`, a drive letter, a backslash, a NUL).
 */
export function normalizeModelPath(raw: string): string | undefined {
  const trimmed = raw.trim().replace(/^[`'"]+|[`'"]+$/g, '');
  if (/^[A-Za-z]:/.test(trimmed)) return undefined;
  if (!isSafeRelativePath(trimmed)) return undefined;
  const normal = posix.normalize(trimmed).replace(/^(\.\/)+/, '');
  if (normal === '.' || normal === '' || normal.endsWith('/')) return undefined;
  return isSafeRelativePath(normal) ? normal : undefined;
}
