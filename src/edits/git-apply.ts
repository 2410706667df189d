import { spawnSync } from 'node:child_process';

export type ApplyCheck = { ok: true } | { ok: false; message: string };

const GIT_ENV = { GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', GIT_CONFIG_NOSYSTEM: '1' };

/**
 * Where `root` sits inside its git work tree (`pkg/`), '' at the top or
 * outside a repository. A `diff --git` patch names paths from the top of the
 * work tree, and git skips the ones outside the directory it runs in.
 */
export function workTreePrefix(root: string): string {
  const result = spawnSync('git', ['rev-parse', '--show-prefix'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV },
  });
  return result.status === 0 ? result.stdout.trim() : '';
}

/**
 * `git apply --check` of a patch against the files in `root` (a git work
 * tree, a subdirectory of one, or a plain directory): nothing is written.
 * Paths in the patch are relative to `root`. `git apply` runs no filters,
 * hooks or external diff programs, so the checkout's config cannot run code.
 */
export function gitApplyCheck(root: string, patch: string): ApplyCheck {
  const prefix = workTreePrefix(root).replace(/\/$/, '');
  const args = ['apply', '--check', '--verbose', ...(prefix ? [`--directory=${prefix}`] : []), '-'];
  const result = spawnSync('git', args, {
    cwd: root,
    input: patch,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, ...GIT_ENV },
  });
  if (result.error) return { ok: false, message: `git could not run: ${result.error.message}` };
  const output = `${result.stderr}${result.stdout}`;
  if (result.status === 0) {
    // A patch whose every path git skipped (outside the directory it runs in) "applies" vacuously.
    if (!/^Checking patch /m.test(output)) return { ok: false, message: 'git apply checked no file of the patch' };
    return { ok: true };
  }
  const errors = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('error:'));
  const message = errors.find((line) => line.startsWith('error: patch failed:')) ?? errors[errors.length - 1];
  return { ok: false, message: message ?? `git apply --check exited with ${result.status}` };
}
