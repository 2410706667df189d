/**
 * The environment revloop runs git in when it reads a pull request's
 * commits: never prompt, never page, never read a config that the checkout
 * could have planted, and never fetch — in a partial clone, asking for an
 * object it lacks (a fork's head commit, its blobs) would otherwise
 * download it.
 */
export const GIT_ENV: Readonly<Record<string, string>> = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_PAGER: 'cat',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_NO_LAZY_FETCH: '1',
};
