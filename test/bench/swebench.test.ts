import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  goldFilesFromPatch,
  isPythonTestPath,
  loadSwebench,
  locateRepository,
  selectInstances,
} from '../../src/bench/swebench.js';
import { git, tempDir } from '../helpers/repo.js';

const SAMPLE = join(import.meta.dirname, '..', 'fixtures', 'bench', 'swebench-sample.jsonl');

describe('goldFilesFromPatch', () => {
  it('lists every file a multi-file patch modifies', () => {
    const [first] = loadSwebench(SAMPLE);
    expect(goldFilesFromPatch(first!.patch)).toEqual({ existing: ['src/pkg/core.py', 'src/pkg/util.py'], created: [] });
  });

  it('keeps created files apart: they did not exist at base_commit', () => {
    const instances = loadSwebench(SAMPLE);
    expect(goldFilesFromPatch(instances[1]!.patch)).toEqual({
      existing: ['lib/old.py'],
      created: ['lib/brand_new.py'],
    });
    expect(goldFilesFromPatch(instances[2]!.patch)).toEqual({ existing: [], created: ['lib/only.py'] });
  });

  it('takes the old path of a rename and the path of a deletion', () => {
    const patch = [
      'diff --git a/old/name.py b/new/name.py',
      'similarity index 90%',
      'rename from old/name.py',
      'rename to new/name.py',
      '--- a/old/name.py',
      '+++ b/new/name.py',
      '@@ -1 +1 @@',
      '-A = 1',
      '+A = 2',
      'diff --git a/gone.py b/gone.py',
      'deleted file mode 100644',
      '--- a/gone.py',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-B = 1',
      '',
    ].join('\n');
    expect(goldFilesFromPatch(patch)).toEqual({ existing: ['gone.py', 'old/name.py'], created: [] });
  });
});

describe('loadSwebench', () => {
  it('reads the fields the protocol needs', () => {
    const instances = loadSwebench(SAMPLE);
    expect(instances.map((i) => [i.repo, i.instance_id])).toEqual([
      ['acme/widgets', 'acme__widgets-2'],
      ['acme/widgets', 'acme__widgets-10'],
      ['other/tool', 'other__tool-1'],
      ['other/tool', 'other__tool-3'],
    ]);
    expect(instances[0]!.problem_statement).toBe('`core.f` returns 1');
  });

  it('names the file and line of a bad record', () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"repo": "a/b"}\n');
    expect(() => loadSwebench(bad)).toThrow(`${bad}:1: "instance_id" is not a string`);
    writeFileSync(bad, '\n{not json\n');
    expect(() => loadSwebench(bad)).toThrow(`${bad}:2: not valid JSON`);
    expect(() => loadSwebench(join(dir, 'absent.jsonl'))).toThrow(/cannot read the SWE-bench data file/);
  });
});

describe('selectInstances', () => {
  const all = loadSwebench(SAMPLE);

  it('filters by repository in any of its spellings, ordered by instance id', () => {
    expect(selectInstances(all, ['widgets'], undefined).map((i) => i.instance_id)).toEqual([
      'acme__widgets-10',
      'acme__widgets-2',
    ]);
    expect(selectInstances(all, ['other/tool', 'acme__widgets'], undefined)).toHaveLength(4);
  });

  it('spreads a smaller count evenly', () => {
    expect(selectInstances(all, undefined, 2).map((i) => i.instance_id)).toEqual(['acme__widgets-10', 'other__tool-3']);
  });

  it('refuses a repository with no instance', () => {
    expect(() => selectInstances(all, ['nope'], undefined)).toThrow('--repos: no instance of "nope"');
  });
});

describe('locateRepository', () => {
  it('finds owner__name clones, bare owner__name.git and the mirror layout', () => {
    const dir = tempDir();
    git(dir, 'init', '-q', 'acme__widgets');
    git(dir, 'init', '-q', '--bare', 'other__tool.git');
    mkdirSync(join(dir, 'big+project'));
    git(dir, 'init', '-q', '--bare', 'big+project/repo');
    expect(locateRepository(dir, 'acme/widgets')).toBe(join(dir, 'acme__widgets', '.git'));
    expect(locateRepository(dir, 'other/tool')).toBe(join(dir, 'other__tool.git'));
    expect(locateRepository(dir, 'big/project')).toBe(join(dir, 'big+project', 'repo'));
    expect(() => locateRepository(dir, 'missing/repo')).toThrow(/no checkout of missing\/repo/);
  });
});

describe('isPythonTestPath', () => {
  it('recognises test directories and test file names', () => {
    for (const path of [
      'tests/test_api.py',
      'pkg/tests/helpers.py',
      'testing/python/collect.py',
      'pkg/test/util.py',
      'pkg/test_core.py',
      'pkg/core_test.py',
      'conftest.py',
      'django/contrib/auth/tests.py',
    ]) {
      expect(isPythonTestPath(path), path).toBe(true);
    }
    for (const path of ['src/_pytest/python.py', 'pkg/testing_utils.py', 'pkg/contest.py', 'lib/attest.py']) {
      expect(isPythonTestPath(path), path).toBe(false);
    }
  });
});
