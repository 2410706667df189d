import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import parseDiff from 'parse-diff';
import { evenlySpaced } from './commit-mining.js';
import { BenchInputError } from './errors.js';
import { resolveGitDir } from './git.js';

/** The fields of a SWE-bench instance the issue → files protocol reads. */
export interface SwebenchInstance {
  repo: string;
  instance_id: string;
  base_commit: string;
  problem_statement: string;
  patch: string;
}

const REQUIRED_FIELDS = ['repo', 'instance_id', 'base_commit', 'problem_statement', 'patch'] as const;

/** Reads a SWE-bench JSON-lines file; a malformed line is an error naming the file and line. */
export function loadSwebench(file: string): SwebenchInstance[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new BenchInputError(`cannot read the SWE-bench data file ${file} (pass --data FILE)`);
  }
  const instances: SwebenchInstance[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new BenchInputError(`${file}:${i + 1}: not valid JSON`);
    }
    const record = value as Record<string, unknown>;
    for (const field of REQUIRED_FIELDS) {
      if (typeof record?.[field] !== 'string')
        throw new BenchInputError(`${file}:${i + 1}: "${field}" is not a string`);
    }
    const instance = Object.fromEntries(REQUIRED_FIELDS.map((f) => [f, record[f]])) as unknown as SwebenchInstance;
    if (!/^[0-9a-f]{40}$/.test(instance.base_commit))
      throw new BenchInputError(`${file}:${i + 1}: base_commit is not a commit id`);
    instances.push(instance);
  });
  return instances;
}

/** What the gold patch touches: files that existed at base_commit, and files it creates (never findable). */
export interface GoldFiles {
  existing: string[];
  created: string[];
}

/** The files a unified diff changes, on the side of the commit it applies to. */
export function goldFilesFromPatch(patch: string): GoldFiles {
  const existing = new Set<string>();
  const created = new Set<string>();
  for (const file of parseDiff(patch)) {
    const from = file.from && file.from !== '/dev/null' ? file.from : undefined;
    const to = file.to && file.to !== '/dev/null' ? file.to : undefined;
    if (file.new || !from) {
      if (to) created.add(to);
    } else existing.add(from);
  }
  const sorted = (set: Set<string>): string[] => [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { existing: sorted(existing), created: sorted(created) };
}

/** `--repos` accepts `flask`, `pallets/flask` or `pallets__flask`. */
function repoMatches(repo: string, wanted: string): boolean {
  const [owner, name] = repo.split('/');
  return wanted === repo || wanted === name || wanted === `${owner}__${name}`;
}

/**
 * The instances to run: those of the wanted repositories (all when none
 * are named), ordered by instance id, then `count` of them spread evenly
 * over that list (all when count is undefined).
 */
export function selectInstances(
  all: readonly SwebenchInstance[],
  repos: readonly string[] | undefined,
  count: number | undefined,
): SwebenchInstance[] {
  if (repos) {
    for (const wanted of repos) {
      if (!all.some((instance) => repoMatches(instance.repo, wanted)))
        throw new BenchInputError(`--repos: no instance of "${wanted}" in the data file`);
    }
  }
  const chosen = all
    .filter((instance) => !repos || repos.some((wanted) => repoMatches(instance.repo, wanted)))
    .sort((a, b) => (a.instance_id < b.instance_id ? -1 : a.instance_id > b.instance_id ? 1 : 0));
  return count === undefined ? chosen : evenlySpaced(chosen, count);
}

/**
 * Where `owner/name` lives under `--repo-dir`: a clone or bare repository
 * named `owner__name` (or `owner__name.git`), or the layout of revloop's
 * mirror store, `owner+name/repo` or `swe-bench+owner__name/repo`.
 */
export function locateRepository(repoDir: string, repo: string): string {
  const [owner, name] = repo.split('/');
  const candidates = [
    `${owner}__${name}`,
    `${owner}__${name}.git`,
    join(`${owner}+${name}`, 'repo'),
    join(`swe-bench+${owner}__${name}`, 'repo'),
  ].map((relative) => join(repoDir, relative));
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new BenchInputError(
      `no checkout of ${repo} in ${repoDir} (looked for ${owner}__${name}, ${owner}__${name}.git, ${owner}+${name}/repo)`,
    );
  }
  return resolveGitDir(found);
}

/**
 * Test code, which the BM25 baseline leaves out: files under a `test`,
 * `tests` or `testing` directory, `test_*.py`, `*_test.py`, `tests.py`
 * and `conftest.py`.
 */
export function isPythonTestPath(path: string): boolean {
  const parts = path.split('/');
  const base = parts[parts.length - 1]!;
  if (parts.slice(0, -1).some((dir) => dir === 'test' || dir === 'tests' || dir === 'testing')) return true;
  return /^test_.*\.py$/.test(base) || /_test\.py$/.test(base) || base === 'tests.py' || base === 'conftest.py';
}
