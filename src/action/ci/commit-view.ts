import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathResolver, type RepoView } from '../../ci/map-frames.js';
import type { Frame } from '../../ci/types.js';
import { gitApplyCheck } from '../../edits/git-apply.js';
import { editTargetFromRoot, type EditTarget } from '../../edits/validate.js';
import { languageForPath } from '../../parse/languages.js';
import { tagSource } from '../../parse/tag-file.js';
import type { Tag } from '../../parse/tags.js';
import { listFiles, skipByPath } from '../../repo/files.js';
import { DEFAULT_MAX_FILE_BYTES, isSafeRelativePath, readSourceFile } from '../../repo/read.js';
import { checkedOutCommit, hasCommit, repositoryPrefix } from '../changed-files.js';

/**
 * Where the failed run's frames were read:
 * `checkout` — the checkout is the run's commit;
 * `commit` — the run's commit from git objects (nothing checked out or run);
 * `paths-only` — the commit is not local: frames are matched to the
 * checkout's paths, and no code or enclosing definition is shown because
 * the checkout's lines are not the run's.
 */
export type FrameMode = 'checkout' | 'commit' | 'paths-only';

export interface FrameSource {
  view: RepoView;
  mode: FrameMode;
  /** What a suggested fix is validated against: the same version of the files as the frames. */
  target: EditTarget;
}

/** Files of one version of the repository, relative to the working directory. */
interface Files {
  paths: string[];
  read: (path: string) => string | null;
}

function gitBytes(root: string, args: string[], maxBuffer: number): Buffer {
  return execFileSync('git', ['-C', root, ...args], {
    maxBuffer,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Never prompt, never page, and never read a config that the checkout could have planted.
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', GIT_CONFIG_NOSYSTEM: '1' },
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The files at `sha` from git objects; undefined when git cannot list them. */
function filesAtCommit(root: string, sha: string): Files | undefined {
  const prefix = repositoryPrefix(root);
  let listing: string;
  try {
    listing = gitBytes(root, ['ls-tree', '-r', '-z', '--name-only', '--full-tree', sha], 1 << 30).toString('utf8');
  } catch {
    return undefined;
  }
  const paths = listing
    .split('\0')
    .filter((path) => path.startsWith(prefix) && path.length > prefix.length)
    .map((path) => path.slice(prefix.length))
    .sort(byCodeUnit);
  const read = (path: string): string | null => {
    try {
      // `cat-file blob` applies no filter or text conversion: the stored bytes only.
      const bytes = gitBytes(root, ['cat-file', 'blob', `${sha}:${prefix}${path}`], DEFAULT_MAX_FILE_BYTES + 1);
      if (bytes.byteLength > DEFAULT_MAX_FILE_BYTES || bytes.subarray(0, 8000).includes(0)) return null;
      const text = utf8.decode(bytes);
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    } catch {
      return null;
    }
  };
  return { paths, read };
}

function filesOfCheckout(root: string): Files {
  return {
    paths: listFiles(root).paths,
    read: (path) => {
      const result = readSourceFile(root, path);
      return result.ok ? result.text : null;
    },
  };
}

/**
 * A RepoView over `files` for mapping frames. With `withCode`, the files the
 * frames land in are tagged (for enclosing definitions) and read (for the
 * code around each line); without, only go.mod files are read, for Go
 * module paths.
 */
async function frameView(files: Files, frames: readonly Frame[], withCode: boolean): Promise<RepoView> {
  const texts = new Map<string, string | null>();
  const read = (path: string): string | null => {
    if (!isSafeRelativePath(path)) return null;
    if (!withCode && path !== 'go.mod' && !path.endsWith('/go.mod')) return null;
    if (!texts.has(path)) texts.set(path, files.read(path));
    return texts.get(path)!;
  };
  const foreign = new Set(files.paths.filter((path) => skipByPath(path) !== undefined));
  const tags = new Map<string, readonly Tag[]>();
  const view: RepoView = { paths: files.paths, foreign, read, tagsOf: (path) => tags.get(path) ?? [] };
  if (!withCode) return view;
  const resolve = pathResolver(view);
  const targets = new Set<string>();
  for (const frame of frames) {
    const path = resolve(frame);
    if (path !== null && !foreign.has(path)) targets.add(path);
  }
  for (const path of [...targets].sort(byCodeUnit)) {
    const language = languageForPath(path);
    const text = language ? read(path) : null;
    if (!language || text === null) continue;
    const tagged = await tagSource(path, text, language);
    if (tagged.ok) tags.set(path, tagged.file.tags);
  }
  return view;
}

/**
 * An edit target over files that are not a work tree (a commit's objects):
 * `git apply --check` runs in a scratch directory holding the files the
 * validation read, so a fix is checked against the run's code, not the
 * checkout's.
 */
function editTargetOver(files: Files, root: string): EditTarget {
  const listed = new Set(files.paths);
  const read = new Map<string, string>();
  return {
    root,
    isEditable: (path) => listed.has(path) && skipByPath(path) === undefined,
    read: (path) => {
      const text = isSafeRelativePath(path) ? files.read(path) : null;
      if (text !== null) read.set(path, text);
      return text;
    },
    applyCheck: (patch) => {
      const scratch = mkdtempSync(join(tmpdir(), 'revloop-fix-'));
      try {
        for (const [path, text] of read) {
          mkdirSync(dirname(join(scratch, path)), { recursive: true });
          writeFileSync(join(scratch, path), text);
        }
        return gitApplyCheck(scratch, patch);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    },
  };
}

/** Nothing is editable: the run's files are not here, and the checkout's are another version. */
const NO_EDIT_TARGET = (root: string): EditTarget => ({ root, isEditable: () => false, read: () => null });

/**
 * Where the frames of a run at `sha` are read: the checkout when it is that
 * commit, else the commit's git objects when the checkout has them, else the
 * checkout's paths only.
 */
export async function frameSource(root: string, sha: string, frames: readonly Frame[]): Promise<FrameSource> {
  if (checkedOutCommit(root) === sha) {
    const files = filesOfCheckout(root);
    const listed = new Set(files.paths);
    return {
      view: await frameView(files, frames, true),
      mode: 'checkout',
      target: editTargetFromRoot(root, (path) => listed.has(path) && skipByPath(path) === undefined),
    };
  }
  const atCommit = hasCommit(root, sha) ? filesAtCommit(root, sha) : undefined;
  if (atCommit)
    return { view: await frameView(atCommit, frames, true), mode: 'commit', target: editTargetOver(atCommit, root) };
  return {
    view: await frameView(filesOfCheckout(root), frames, false),
    mode: 'paths-only',
    target: NO_EDIT_TARGET(root),
  };
}
