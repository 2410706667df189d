import type { RepoRef } from './actions-logs.js';
import { isGitHubHttpError, type GitHubClient } from './client.js';

/** Where the head commit was pushed: a branch of this repository or of a fork. */
export interface HeadRef {
  owner: string | undefined;
  branch: string | undefined;
}

export interface CommitPulls {
  /** Open pull requests of this repository whose head is the commit, ascending. */
  numbers: number[];
  /** How they were found, for the log. */
  source: string;
}

interface PullSummary {
  number: number;
  state: string;
  head: { sha: string };
  base: { repo: { full_name: string } | null };
}

function openWithHead(pulls: readonly PullSummary[], repo: RepoRef, sha: string): number[] {
  const fullName = `${repo.owner}/${repo.repo}`.toLowerCase();
  const numbers = pulls
    .filter(
      (p) =>
        p.state === 'open' && p.head.sha === sha && (p.base.repo?.full_name ?? fullName).toLowerCase() === fullName,
    )
    .map((p) => p.number);
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/**
 * The open pull requests whose head is `sha`, for a run whose payload lists
 * none (pull requests from forks): first the commit's associated pull
 * requests, then the open pull requests from the head branch. Only pull
 * requests whose head is exactly this commit count: an older commit of a
 * pull request must not comment on it.
 */
export async function pullRequestsForCommit(
  client: GitHubClient,
  repo: RepoRef,
  sha: string,
  head: HeadRef,
): Promise<CommitPulls> {
  try {
    const associated = await client.paginate(client.rest.repos.listPullRequestsAssociatedWithCommit, {
      owner: repo.owner,
      repo: repo.repo,
      commit_sha: sha,
      per_page: 100,
    });
    const numbers = openWithHead(associated, repo, sha);
    if (numbers.length > 0) return { numbers, source: `the pull requests associated with ${sha.slice(0, 7)}` };
  } catch (error) {
    // 422: GitHub does not know the commit in this repository (a fork's commit); the listing below still may.
    if (!isGitHubHttpError(error) || ![404, 409, 422].includes(error.status)) throw error;
  }
  const filter = head.owner && head.branch ? `${head.owner}:${head.branch}` : undefined;
  const open = await client.paginate(client.rest.pulls.list, {
    owner: repo.owner,
    repo: repo.repo,
    state: 'open',
    ...(filter ? { head: filter } : {}),
    per_page: 100,
  });
  return {
    numbers: openWithHead(open, repo, sha),
    source: filter ? `the open pull requests from ${filter}` : 'the open pull requests',
  };
}
