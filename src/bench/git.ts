import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchInputError } from './errors.js';

/** Runs git and returns its stdout; stderr is kept for the error message. */
export function runGit(args: readonly string[], cwd?: string, input?: string): string {
  return execFileSync('git', [...args], {
    cwd,
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    // A user's pager, colour or quoting settings must not change what we parse.
    env: { ...process.env, GIT_PAGER: 'cat', GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' },
  });
}

/**
 * The absolute git directory of a work tree or a bare repository, or a
 * BenchInputError that names the path.
 */
export function resolveGitDir(path: string): string {
  try {
    return runGit(['-C', path, 'rev-parse', '--absolute-git-dir']).trim();
  } catch {
    throw new BenchInputError(`${path} is not a git repository (a work tree or a bare git directory)`);
  }
}

/** The full commit id of `rev` in a git directory, or undefined when it is not there. */
export function resolveCommit(gitDir: string, rev: string): string | undefined {
  if (rev.startsWith('-')) return undefined;
  try {
    return runGit(['--git-dir', gitDir, 'rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).trim();
  } catch {
    return undefined;
  }
}

export interface TreeBlob {
  path: string;
  /** `100644`, `100755`, or `120000` for a symbolic link. */
  mode: string;
  object: string;
}

/** Every blob (file or symbolic link) in the tree of `rev`, as `git ls-tree -r` lists them. */
export function treeBlobs(repository: string, rev: string): TreeBlob[] {
  const blobs: TreeBlob[] = [];
  for (const entry of runGit(['-C', repository, 'ls-tree', '-r', '-z', rev]).split('\0')) {
    // `<mode> SP <type> SP <object> TAB <path>`
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, object] = entry.slice(0, tab).split(' ');
    if (type === 'blob' && mode && object) blobs.push({ path: entry.slice(tab + 1), mode, object });
  }
  return blobs;
}

/** Scratch repositories are directories named so under their parent. */
const SCRATCH_PREFIX = 'revloop-bench-';
/** The file in a scratch repository's git directory that names the process using it. */
const OWNER_FILE = 'revloop-bench-owner';

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the scratch repositories under `parent` whose process has ended
 * without removing them (killed with SIGKILL, out of memory: no handler
 * runs then), and returns their paths. A scratch repository of a live run,
 * or one without an owner file, is left alone.
 */
export function removeAbandonedSnapshots(parent: string = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent).filter((name) => name.startsWith(SCRATCH_PREFIX));
  } catch {
    return removed;
  }
  for (const name of names.sort()) {
    const root = join(parent, name);
    let pid: number;
    try {
      pid = Number(readFileSync(join(root, '.git', OWNER_FILE), 'utf8').trim());
    } catch {
      continue;
    }
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || processIsAlive(pid)) continue;
    rmSync(root, { recursive: true, force: true });
    removed.push(root);
  }
  return removed;
}

/** Scratch repositories not yet disposed of, so an interrupted run can still remove them. */
const liveSnapshots = new Set<SnapshotRepository>();

/** Removes every scratch repository still on disk (for signal handlers). */
export function disposeAllSnapshots(): void {
  for (const snapshot of [...liveSnapshots]) snapshot.dispose();
}

/**
 * A scratch git repository that borrows the objects of a source repository
 * (git alternates: nothing is copied) and checks out one commit at a time.
 *
 * Its only ref is the branch HEAD points to, set to the checked-out commit,
 * and reflogs are off: from inside the scratch repository, `git log`,
 * `git log --all` and the reflog reach that commit's past and nothing
 * later. That is what lets the co-change replay rank a parent tree without
 * leaking the commit being predicted, even when the ranking mines history.
 */
export class SnapshotRepository {
  readonly root: string;
  private current: string | undefined;
  /** Set once a checkout met blobs the source repository does not have (see excludeMissingBlobs). */
  private sparse = false;
  /** Files of the checked-out commit whose blobs are absent from the source repository. */
  missingFiles: string[] = [];

  private constructor(
    readonly sourceGitDir: string,
    root: string,
  ) {
    this.root = root;
  }

  /**
   * Creates the scratch repository in a fresh directory under `parent`
   * (default: the OS temp dir), after removing those that killed runs left
   * there (see removeAbandonedSnapshots; `log` says which).
   */
  static create(sourceGitDir: string, parent: string = tmpdir(), log?: (message: string) => void): SnapshotRepository {
    const abandoned = removeAbandonedSnapshots(parent);
    if (abandoned.length > 0) {
      log?.(`removed ${abandoned.length} scratch checkout(s) left by runs that were killed: ${abandoned.join(', ')}`);
    }
    const root = mkdtempSync(join(parent, SCRATCH_PREFIX));
    try {
      runGit(['init', '-q', root]);
      writeFileSync(join(root, '.git', OWNER_FILE), `${process.pid}\n`);
      const objects = runGit(['--git-dir', sourceGitDir, 'rev-parse', '--git-path', 'objects'], sourceGitDir).trim();
      writeFileSync(join(root, '.git', 'objects', 'info', 'alternates'), `${absoluteFrom(sourceGitDir, objects)}\n`);
      for (const [key, value] of [
        ['core.logAllRefUpdates', 'false'],
        ['gc.auto', '0'],
        ['core.autocrlf', 'false'],
        ['advice.detachedHead', 'false'],
      ] as const) {
        runGit(['-C', root, 'config', key, value]);
      }
    } catch (error) {
      rmSync(root, { recursive: true, force: true });
      throw error;
    }
    const snapshot = new SnapshotRepository(sourceGitDir, root);
    liveSnapshots.add(snapshot);
    return snapshot;
  }

  /**
   * Makes the work tree exactly `commit`'s tree, with history ending at
   * `commit`. Files whose blobs the source repository lacks (mirrors may
   * leave out their largest files) are left out of the work tree and listed
   * in `missingFiles`.
   */
  checkout(commit: string): void {
    if (this.current === commit) return;
    const run = (): void => {
      runGit(['-C', this.root, 'checkout', '-q', '-f', '-B', 'snapshot', commit]);
    };
    if (this.sparse) {
      this.excludeMissingBlobs(commit);
      run();
    } else {
      try {
        run();
      } catch {
        // Most likely absent blobs: leave them out and try once more; any other failure repeats and is thrown.
        this.sparse = true;
        runGit(['-C', this.root, 'config', 'core.sparseCheckout', 'true']);
        this.excludeMissingBlobs(commit);
        run();
      }
    }
    runGit(['-C', this.root, 'clean', '-q', '-f', '-f', '-d', '-x']);
    this.current = commit;
  }

  /** Writes sparse-checkout patterns that leave out every file of `commit` whose blob is absent. */
  private excludeMissingBlobs(commit: string): void {
    const blobs = treeBlobs(this.root, commit);
    const check = runGit(
      ['-C', this.root, 'cat-file', '--batch-check=%(objectname)'],
      undefined,
      blobs.map((blob) => blob.object).join('\n') + '\n',
    ).split('\n');
    const missing = new Set(check.filter((line) => line.endsWith(' missing')).map((line) => line.split(' ')[0]!));
    this.missingFiles = blobs.filter((blob) => missing.has(blob.object)).map((blob) => blob.path);
    const patterns = ['/*', ...this.missingFiles.map((path) => `!/${path.replace(/[\\*?[\]!# ]/g, '\\$&')}`)];
    writeFileSync(join(this.root, '.git', 'info', 'sparse-checkout'), `${patterns.join('\n')}\n`);
  }

  dispose(): void {
    liveSnapshots.delete(this);
    rmSync(this.root, { recursive: true, force: true });
  }
}

function absoluteFrom(base: string, path: string): string {
  return path.startsWith('/') ? path : join(base, path);
}
