import { spawnSync } from 'node:child_process';
import parseDiff from 'parse-diff';
import type { LineRange } from '../context/seeds.js';
import type { GitHubClient } from '../github/client.js';
import { listPullFileEntries, type PullFile } from '../github/pull-files.js';
import type { IssueTarget } from '../github/sticky-comment.js';
import { quotePatchPath } from '../edits/unified-diff.js';
import { diffPaths } from '../llm/diff-text.js';
import { GIT_ENV } from '../repo/git-env.js';
import { hasCommit, pullDiffArgs, repositoryPrefix } from './changed-files.js';

/**
 * A pull request's diff as a reviewer sees it: the text (three lines of
 * context, as GitHub shows it) for the LLM prompts, and the new-side hunk
 * ranges per file, the only lines a review comment may sit on.
 */
export interface PullDiff {
  /** Unified diff, paths relative to the working directory. */
  text: string;
  /** RIGHT-side line ranges of each file's hunks, context lines included. */
  hunks: ReadonlyMap<string, LineRange[]>;
  source: 'git' | 'api';
  /** Where the working directory sits in the repository (`pkg/`): review comments name repository paths. */
  prefix: string;
  /** Every file the diff touches (deleted ones by their old path), in diff order. */
  files: string[];
}

function git(root: string, args: string[]): { ok: boolean; stdout: string } {
  const result = spawnSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, ...GIT_ENV },
  });
  return { ok: result.status === 0, stdout: result.stdout ?? '' };
}

/** New-side hunk ranges per file of a unified diff. */
export function hunkRanges(diff: string): Map<string, LineRange[]> {
  const hunks = new Map<string, LineRange[]>();
  for (const file of parseDiff(diff)) {
    const path = file.to && file.to !== '/dev/null' ? file.to : undefined;
    if (!path) continue;
    const ranges = file.chunks
      .filter((chunk) => chunk.newLines > 0)
      .map((chunk) => ({ start: chunk.newStart, end: chunk.newStart + chunk.newLines - 1 }));
    if (ranges.length > 0) hunks.set(path, [...(hunks.get(path) ?? []), ...ranges]);
  }
  return hunks;
}

/** `pulls.listFiles` entries as one unified diff, paths made relative to the working directory. */
export function diffFromPullFiles(files: readonly PullFile[], prefix: string): string {
  const parts: string[] = [];
  for (const file of files) {
    if (file.patch === undefined || !file.filename.startsWith(prefix)) continue;
    const to = file.filename.slice(prefix.length);
    const previous = file.previous_filename?.startsWith(prefix) ? file.previous_filename.slice(prefix.length) : to;
    const from = file.status === 'added' ? '/dev/null' : `a/${quotePatchPath(previous)}`;
    const into = file.status === 'removed' ? '/dev/null' : `b/${quotePatchPath(to)}`;
    const patch = file.patch.endsWith('\n') ? file.patch : `${file.patch}\n`;
    parts.push(`diff --git a/${quotePatchPath(previous)} b/${quotePatchPath(to)}\n--- ${from}\n+++ ${into}\n${patch}`);
  }
  return parts.join('');
}

/**
 * The pull request's diff: from git when the checkout has both commits
 * (see pullDiffArgs), otherwise from every page of `pulls.listFiles`.
 */
export async function readPullDiff(
  client: GitHubClient,
  target: IssueTarget,
  root: string,
  commits: { baseSha: string; headSha: string },
): Promise<PullDiff> {
  const prefix = repositoryPrefix(root);
  if (hasCommit(root, commits.baseSha) && hasCommit(root, commits.headSha)) {
    const diff = git(root, pullDiffArgs(commits.baseSha, commits.headSha, 3, true));
    if (diff.ok)
      return {
        text: diff.stdout,
        hunks: hunkRanges(diff.stdout),
        source: 'git',
        prefix,
        files: diffPaths(diff.stdout),
      };
  }
  const text = diffFromPullFiles(await listPullFileEntries(client, target), prefix);
  return { text, hunks: hunkRanges(text), source: 'api', prefix, files: diffPaths(text) };
}

/**
 * Whether a file of the checkout is byte-identical to the file at the pull
 * request's head: only then do its line numbers match the lines a review
 * comment on the head points at. False when the head commit is not local.
 */
export function matchesHead(root: string, headSha: string): (path: string) => boolean {
  const headLocal = hasCommit(root, headSha);
  return (path) => {
    if (!headLocal) return false;
    const atHead = git(root, ['rev-parse', '--verify', '-q', `${headSha}:./${path}`]);
    const inCheckout = git(root, ['hash-object', '--no-filters', '--', path]);
    return atHead.ok && inCheckout.ok && atHead.stdout.trim() === inCheckout.stdout.trim();
  };
}
