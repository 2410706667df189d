import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runGit } from './git.js';

/**
 * Which revloop the numbers belong to: the commit of the checkout this
 * code runs from, and whether its src/ has uncommitted changes. Printed
 * with every table, since the ranking changes between runs.
 */
export function revloopVersion(): string {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  try {
    const head = runGit(['-C', root, 'rev-parse', '--short=12', 'HEAD']).trim();
    const dirty = runGit(['-C', root, 'status', '--porcelain', '--', 'src']).trim().length > 0;
    return dirty ? `${head} with uncommitted changes in src/` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}
