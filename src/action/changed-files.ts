import { execFileSync } from 'node:child_process';
import { changedFilesFromDiff, type ChangedFile } from '../context/seeds.js';
import type { GitHubClient } from '../github/client.js';
import { codeSpan } from '../report/markdown-text.js';
import { LIST_FILES_LIMIT, listPullFiles } from '../github/pull-files.js';
import type { IssueTarget } from '../github/sticky-comment.js';
import { GIT_DIFF_FORMAT, GIT_ENV, GIT_ENV_NO_FETCH, GIT_QUOTE_PATH_OFF } from '../repo/git-env.js';
import { isPartialClone } from '../repo/history.js';

export interface PullRequestChanges {
  changed: ChangedFile[];
  /** One sentence for the report: where the changed lines came from. */
  source: string;
  notes: string[];
  /**
   * The commit the changed lines' old side is (the merge base: from git, or
   * as the GitHub API reports it when the checkout has it): line history blames there.
   */
  base?: string;
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

function git(root: string, args: string[], env: Readonly<Record<string, string>> = GIT_ENV): string {
  return execFileSync('git', ['-C', root, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
}

/** The commit object exists in the local repository (`git cat-file -e`). */
export function hasCommit(root: string, sha: string): boolean {
  if (!SHA.test(sha)) return false;
  try {
    // A partial clone would fetch a commit it lacks (a fork's head) to answer.
    git(root, ['cat-file', '-e', `${sha}^{commit}`], GIT_ENV_NO_FETCH);
    return true;
  } catch {
    return false;
  }
}

/** The commit checked out in the work tree, if it is a git repository. */
export function checkedOutCommit(root: string): string | undefined {
  try {
    const sha = git(root, ['rev-parse', '--verify', '-q', 'HEAD']).trim();
    return SHA.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where the working directory sits inside its repository, as git prints it
 * (`sub/dir/`), or '' at the top or outside a repository.
 */
export function repositoryPrefix(root: string): string {
  try {
    return git(root, ['rev-parse', '--show-prefix']).trim();
  } catch {
    return '';
  }
}

/**
 * Changed files as paths relative to the working directory: GitHub and git
 * name them from the repository root. Files outside the working directory
 * are dropped and counted.
 */
export function relativeToPrefix(changed: ChangedFile[], prefix: string): { changed: ChangedFile[]; outside: number } {
  if (!prefix) return { changed, outside: 0 };
  const inside = changed.filter((file) => file.path.startsWith(prefix));
  return {
    changed: inside.map((file) => {
      const entry: ChangedFile = { ...file, path: file.path.slice(prefix.length) };
      if (file.previousPath?.startsWith(prefix)) entry.previousPath = file.previousPath.slice(prefix.length);
      else if (file.previousPath !== undefined) {
        // Moved in from outside: its old side has no path here to blame.
        delete entry.previousPath;
        delete entry.before;
      }
      return entry;
    }),
    outside: changed.length - inside.length,
  };
}

/**
 * `git diff base...head` arguments: changes of head since its merge base
 * with base, from commit objects only; nothing of the work tree or the pull
 * request is executed, and external diff drivers and text conversion
 * filters are switched off. `relative`: paths relative to the directory git
 * runs in, files outside it left out.
 */
export function pullDiffArgs(baseSha: string, headSha: string, context: number, relative = false): string[] {
  return [
    ...GIT_QUOTE_PATH_OFF,
    'diff',
    ...GIT_DIFF_FORMAT,
    '--no-textconv',
    '-M',
    `-U${context}`,
    ...(relative ? ['--relative'] : []),
    `${baseSha}...${headSha}`,
    '--',
  ];
}

/** The merge base of two commits (the old side of `git diff base...head`), if git finds one. */
export function mergeBase(root: string, baseSha: string, headSha: string): string | undefined {
  try {
    const sha = git(root, ['merge-base', baseSha, headSha]).trim();
    return SHA.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}

/** Changed files and lines of head since its merge base with base (see pullDiffArgs). */
export function localPullDiff(root: string, baseSha: string, headSha: string): ChangedFile[] {
  const diff = git(root, pullDiffArgs(baseSha, headSha, 0));
  return changedFilesFromDiff(diff);
}

/**
 * The pull request's changed files and lines: from the local repository when
 * both its base and head commits are there (a checkout with enough history),
 * otherwise from every page of `pulls.listFiles`.
 */
export async function pullRequestChanges(
  client: GitHubClient,
  target: IssueTarget,
  root: string,
  commits: { baseSha: string; headSha: string; baseRef?: string },
  log: (message: string) => void,
): Promise<PullRequestChanges> {
  const prefix = repositoryPrefix(root);
  const { outside, ...found } = await changesFromGitOrApi(client, target, root, commits, prefix, log);
  if (outside > 0)
    found.notes.push(
      `${outside} changed file${outside === 1 ? ' is' : 's are'} outside \`working-directory\` (${codeSpan(prefix)}) and not seeds.`,
    );
  return found;
}

/** The changes relative to the working directory (`prefix`), and how many files are outside it. */
async function changesFromGitOrApi(
  client: GitHubClient,
  target: IssueTarget,
  root: string,
  commits: { baseSha: string; headSha: string; baseRef?: string },
  prefix: string,
  log: (message: string) => void,
): Promise<PullRequestChanges & { outside: number }> {
  const { baseSha, headSha } = commits;
  if (hasCommit(root, baseSha) && hasCommit(root, headSha)) {
    try {
      const all = localPullDiff(root, baseSha, headSha);
      log(`revloop: ${all.length} changed files from git diff ${baseSha.slice(0, 7)}...${headSha.slice(0, 7)}`);
      const base = mergeBase(root, baseSha, headSha);
      return {
        ...relativeToPrefix(all, prefix),
        source: 'changed lines from the local checkout (git diff base...head)',
        notes: [],
        ...(base ? { base } : {}),
      };
    } catch (error) {
      const detail = (error as { stderr?: string }).stderr?.toString().trim().split('\n')[0] ?? String(error);
      log(`revloop: git diff of the pull request failed (${detail}); asking the GitHub API instead`);
    }
  } else {
    log('revloop: the base or head commit is not in the checkout; reading the changed files from the GitHub API');
  }
  const fromApi = await listPullFiles(client, target);
  const notes: string[] = [];
  if (fromApi.truncated)
    notes.push(
      `GitHub lists at most ${LIST_FILES_LIMIT.toLocaleString('en-US')} files of a pull request; changes beyond them are not seeds. Check out with \`fetch-depth: 0\` to read them from git.`,
    );
  if (fromApi.withoutPatch > 0)
    notes.push(
      `${fromApi.withoutPatch} changed file${fromApi.withoutPatch === 1 ? ' has' : 's have'} no diff in the API (binary or too large): the whole file is the seed.`,
    );
  log(`revloop: ${fromApi.changed.length} changed files from the GitHub API`);
  const { changed, outside } = relativeToPrefix(fromApi.changed, prefix);
  // Only a change with old-side lines in the working directory has anything to blame.
  const blamable = changed.some((file) => file.before !== undefined);
  const base = blamable ? await mergeBaseFromApi(client, target, root, commits, log) : undefined;
  return {
    changed,
    outside,
    source: 'changed lines from the GitHub API (pulls.listFiles)',
    notes,
    ...(base ? { base } : {}),
  };
}

/** Whether the checkout is shallow: its history stops short, and nothing older can be blamed. */
function isShallow(root: string): boolean {
  try {
    return git(root, ['rev-parse', '--is-shallow-repository']).trim() === 'true';
  } catch {
    return true;
  }
}

/**
 * The merge base GitHub reports for base...head (`repos.compareCommitsWithBasehead`),
 * when the checkout has it and the history before it: the old side of the
 * API's patches, where line history blames (after checking that it has
 * the old-side lines the patches show). A fork's head commit is never
 * fetched; a base-branch checkout with `fetch-depth: 0` has its merge base.
 * The base branch is asked for first (its merge base is the one GitHub's
 * patches are against), then the event's base commit.
 * Nothing is asked of a shallow checkout or a partial clone.
 */
async function mergeBaseFromApi(
  client: GitHubClient,
  target: IssueTarget,
  root: string,
  commits: { baseSha: string; headSha: string; baseRef?: string },
  log: (message: string) => void,
): Promise<string | undefined> {
  // A shallow checkout has no history to blame in; a partial clone is not blamed (see blameChange).
  if (!SHA.test(commits.baseSha) || !SHA.test(commits.headSha) || isShallow(root) || isPartialClone(root))
    return undefined;
  // The branch first: GitHub's patches are against the merge base with it as
  // it is now, and base.sha can be the branch when the pull request was
  // opened (the head may have merged newer commits since: "Update branch").
  const bases = [...(commits.baseRef ? [commits.baseRef] : []), commits.baseSha];
  for (const base of bases) {
    try {
      const { data } = await client.rest.repos.compareCommitsWithBasehead({
        owner: target.owner,
        repo: target.repo,
        basehead: `${base}...${commits.headSha}`,
        per_page: 1,
      });
      const sha = data.merge_base_commit.sha;
      if (hasCommit(root, sha)) return sha;
      log(`revloop: the merge base ${sha.slice(0, 7)} with ${base} is not in the checkout`);
    } catch (error) {
      const { status, message } = error as { status?: number; message?: string };
      const why = status ?? message?.split('\n')[0] ?? 'no answer';
      log(`revloop: no merge base with ${base} from the GitHub API (${why})`);
    }
  }
  log('revloop: the changed lines are not blamed (no merge base the checkout has)');
  return undefined;
}
