import { GitHub, getOctokitOptions } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

/**
 * Status codes that a retry cannot fix: bad request, bad or missing
 * credentials, missing permission, not found, validation failed. Rate limits
 * (403/429 with rate-limit headers) are the throttling plugin's business.
 */
export const DO_NOT_RETRY = [400, 401, 403, 404, 422] as const;

/** Retries of a failed request (5xx, network) before giving up. */
const RETRIES = 3;
/** Waits after hitting a rate limit before giving up. */
const RATE_LIMIT_RETRIES = 2;
/** Longest rate-limit wait (seconds) worth keeping a runner busy for; a longer one fails the request. */
const MAX_RATE_LIMIT_WAIT = 120;

const GitHubWithPlugins = GitHub.plugin(retry, throttling);

/** The one Octokit revloop talks to GitHub with: REST methods, pagination, retry and throttling. */
export type GitHubClient = InstanceType<typeof GitHubWithPlugins>;

export interface GitHubClientOptions {
  token: string;
  /** REST base URL, from GITHUB_API_URL (GitHub Enterprise Server: https://HOST/api/v3). */
  baseUrl: string;
  /** Where rate-limit waits are reported. */
  warn: (message: string) => void;
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const retrying = retryCount < RATE_LIMIT_RETRIES && retryAfter <= MAX_RATE_LIMIT_WAIT;
      options.warn(
        `GitHub ${kind} rate limit hit by ${request.method} ${request.url}; ` +
          (retrying ? `retrying after ${retryAfter} s.` : `giving up (GitHub asks to wait ${retryAfter} s).`),
      );
      return retrying;
    };
  return new GitHubWithPlugins(
    getOctokitOptions(options.token, {
      baseUrl: options.baseUrl,
      userAgent: 'revloop-action',
      retry: { doNotRetry: [...DO_NOT_RETRY], retries: RETRIES },
      throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') },
    }),
  );
}

/** An HTTP error answered by GitHub (Octokit's RequestError), recognised without importing its class. */
export interface GitHubHttpError extends Error {
  status: number;
  request?: { method?: string; url?: string };
}

export function isGitHubHttpError(error: unknown): error is GitHubHttpError {
  return (
    error instanceof Error &&
    typeof (error as { status?: unknown }).status === 'number' &&
    (error as { name?: unknown }).name === 'HttpError'
  );
}

/** What to tell the user about a failed GitHub request: the status, what it means here, the request. */
export function describeGitHubError(error: GitHubHttpError, doing: string): string {
  const where = error.request?.method && error.request.url ? ` (${error.request.method} ${error.request.url})` : '';
  const first = error.message.split('\n')[0];
  const hint =
    error.status === 401
      ? ' The token was rejected: check the "github-token" input (an expired or revoked token, or a secret that is not set).'
      : error.status === 403
        ? ' The token lacks a permission: see the permissions block in the README for this event.'
        : error.status === 404
          ? ' Not found: the repository, pull request or issue is not visible to this token.'
          : '';
  return `GitHub answered ${error.status} while ${doing}${where}: ${first}.${hint}`;
}
