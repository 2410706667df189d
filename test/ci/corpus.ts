import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const CI_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'ci');

export interface LabelledLog {
  /** `python/pytest-long` */
  name: string;
  logPath: string;
  expectedPath: string;
}

/** Every `<dir>/<name>.log` of the corpus with its `<name>.expected.json`; `repos/` holds repositories, not logs. */
export function labelledLogs(root = CI_FIXTURES): LabelledLog[] {
  const out: LabelledLog[] = [];
  for (const dir of readdirSync(root).sort()) {
    if (dir === 'repos' || !statSync(join(root, dir)).isDirectory()) continue;
    for (const file of readdirSync(join(root, dir)).sort()) {
      if (!file.endsWith('.log')) continue;
      const base = file.slice(0, -'.log'.length);
      out.push({
        name: `${dir}/${base}`,
        logPath: join(root, dir, file),
        expectedPath: join(root, dir, `${base}.expected.json`),
      });
    }
  }
  return out;
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
