/**
 * The environment revloop runs git in when it reads a pull request's
 * commits: never prompt, never page, never read a config that the checkout
 * could have planted.
 */
export const GIT_ENV: Readonly<Record<string, string>> = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_PAGER: 'cat',
  GIT_CONFIG_NOSYSTEM: '1',
};

/**
 * GIT_ENV, and never fetch: in a partial clone, asking whether a commit is
 * there (a fork's head) would otherwise download it. Only for such
 * questions — a diff of the repository's own commits may fetch the blobs
 * it lacks.
 */
export const GIT_ENV_NO_FETCH: Readonly<Record<string, string>> = { ...GIT_ENV, GIT_NO_LAZY_FETCH: '1' };

/**
 * `git diff` options for output revloop parses, whatever the user's or the
 * repository's configuration: `a/` and `b/` prefixes (not diff.noprefix,
 * diff.mnemonicPrefix or diff.srcPrefix), no colour, no external diff
 * driver. They go after `diff`; GIT_QUOTE_PATH_OFF goes before it.
 */
export const GIT_DIFF_FORMAT: readonly string[] = ['--no-color', '--no-ext-diff', '--src-prefix=a/', '--dst-prefix=b/'];

/** Non-ASCII paths as they are, not octal escapes in quotes (core.quotePath): a git option, before the command. */
export const GIT_QUOTE_PATH_OFF: readonly string[] = ['-c', 'core.quotePath=false'];
