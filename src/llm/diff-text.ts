import { execFileSync } from 'node:child_process';
import parseDiff from 'parse-diff';
import { GIT_DIFF_FORMAT, GIT_ENV, GIT_QUOTE_PATH_OFF } from '../repo/git-env.js';

/** What a diff is of: changes since a revision, the staged changes, or a range of commits. */
export type DiffSpec = { since: string } | { staged: true } | { range: string };

/**
 * A unified diff with three lines of context, as a reviewer reads it (and
 * as a prompt shows it), with paths relative to `root` and only files under
 * it. No external diff driver or text conversion runs.
 */
export function gitDiffText(root: string, spec: DiffSpec): string {
  const revision = 'since' in spec ? spec.since : 'range' in spec ? spec.range : undefined;
  if (revision !== undefined && (revision.startsWith('-') || revision.trim() === ''))
    throw new Error(`not a revision: "${revision}"`);
  const what = 'staged' in spec ? ['--cached'] : [revision!];
  return execFileSync(
    'git',
    [...GIT_QUOTE_PATH_OFF, 'diff', ...GIT_DIFF_FORMAT, '--no-textconv', '-M', '-U3', '--relative', ...what, '--'],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...GIT_ENV },
    },
  );
}

/** git's first error line, for a message naming the option at fault. */
export function gitErrorLine(error: unknown): string | undefined {
  return (error as { stderr?: string | Buffer }).stderr?.toString().trim().split('\n')[0] || undefined;
}

/** Paths a unified diff touches: the new path, or the old one of a deleted file. */
export function diffPaths(diff: string): string[] {
  return parseDiff(diff).flatMap((file) => {
    const path =
      file.to && file.to !== '/dev/null' ? file.to : file.from && file.from !== '/dev/null' ? file.from : undefined;
    return path ? [path] : [];
  });
}
