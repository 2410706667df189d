import { changedFilesFromDiff, mergeChanged, type ChangedFile } from '../context/seeds.js';
import type { GitHubClient } from './client.js';
import type { IssueTarget } from './sticky-comment.js';

/** `pulls.listFiles` never lists more than this many files of one pull request. */
export const LIST_FILES_LIMIT = 3000;

/** The fields of a `pulls.listFiles` entry that revloop reads. */
export interface PullFile {
  filename: string;
  status: string;
  previous_filename?: string;
  /** The unified-diff hunks; absent for binary files and very large diffs. */
  patch?: string;
}

export interface PullChanges {
  changed: ChangedFile[];
  /** GitHub stopped at LIST_FILES_LIMIT files: the list may be incomplete. */
  truncated: boolean;
  /** Files listed without hunks (binary or too large), so only the file is a seed. */
  withoutPatch: number;
}

const STATUS: Readonly<Record<string, ChangedFile['status']>> = {
  added: 'added',
  removed: 'deleted',
  modified: 'modified',
  changed: 'modified',
  renamed: 'renamed',
  copied: 'added',
};

/**
 * New-side changed line ranges of one file's `patch`, anchored as
 * `changedFilesFromDiff` anchors them, the text of its added and removed
 * lines, and its old side's lines (for line history at the merge base).
 */
export function changeFromPatch(
  patch: string,
  status: ChangedFile['status'],
): Pick<ChangedFile, 'ranges' | 'addedText' | 'removedText' | 'before'> {
  // parse-diff needs file headers; a placeholder name keeps odd real names (spaces, quotes) out of its parser.
  const from = status === 'added' ? '/dev/null' : 'a/file';
  const to = status === 'deleted' ? '/dev/null' : 'b/file';
  const [file] = changedFilesFromDiff(`--- ${from}\n+++ ${to}\n${patch.endsWith('\n') ? patch : `${patch}\n`}`);
  return {
    ranges: status === 'deleted' ? [] : (file?.ranges ?? []),
    ...(file?.addedText === undefined ? {} : { addedText: file.addedText }),
    ...(file?.removedText === undefined ? {} : { removedText: file.removedText }),
    // The old side's lines, in the merge base's numbering; a patch names no blob.
    ...(file?.before === undefined ? {} : { before: file.before }),
  };
}

/** Changed files and lines of a pull request from the GitHub API, as seeds. */
export function changedFilesFromPullFiles(files: readonly PullFile[]): PullChanges {
  const changed: ChangedFile[] = [];
  let withoutPatch = 0;
  for (const file of files) {
    const status = STATUS[file.status];
    if (!status) continue; // `unchanged`: listed for a mode change only
    if (file.patch === undefined && status !== 'deleted') withoutPatch++;
    const entry: ChangedFile = {
      path: file.filename,
      status,
      ...(file.patch === undefined ? { ranges: [] } : changeFromPatch(file.patch, status)),
    };
    if (status === 'renamed' && file.previous_filename) entry.previousPath = file.previous_filename;
    changed.push(entry);
  }
  return { changed: mergeChanged(changed), truncated: files.length >= LIST_FILES_LIMIT, withoutPatch };
}

/** Every page of `pulls.listFiles` for the pull request, as GitHub sends them. */
export async function listPullFileEntries(client: GitHubClient, target: IssueTarget): Promise<PullFile[]> {
  return client.paginate(client.rest.pulls.listFiles, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.number,
    per_page: 100,
  });
}

/** Every page of `pulls.listFiles` for the pull request. */
export async function listPullFiles(client: GitHubClient, target: IssueTarget): Promise<PullChanges> {
  return changedFilesFromPullFiles(await listPullFileEntries(client, target));
}
