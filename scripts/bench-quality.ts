// Ranking quality: how well revloop puts the files a change needs in front
// of the reviewer, against simple baselines computed in the same run.
//
//   npm run bench:quality -- cochange REPO... [--commits 40] [--span 500] [--head REV]
//                                            [--methods LIST] [--work-dir DIR] [--json FILE]
//   npm run bench:quality -- swebench --repo-dir DIR [--data FILE] [--repos a,b] [--instances N]
//                                     [--methods LIST] [--work-dir DIR] [--json FILE]
//
// cochange: replays past commits of each REPO (a work tree or a bare git
// directory): seeded with one changed file of the parent tree, where do the
// other changed files rank? Scores recall@1/5/10/20 and MRR.
// swebench: ranks each SWE-bench instance's repository at base_commit from
// the problem statement alone; scores hit@1/5/10 and all@5 of the files the
// gold patch changes. See src/bench/ and the README for the details.
//
// Tables go to stdout, progress to stderr; --json writes every case with the
// rank of every target under every method.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_REPLAY_METHODS,
  replayRepository,
  validateReplayMethods,
  type ReplayRun,
} from '../src/bench/cochange-replay.js';
import { BenchInputError, isBenchInputError } from '../src/bench/errors.js';
import { disposeAllSnapshots } from '../src/bench/git.js';
import { DEFAULT_ISSUE_METHODS, runIssueFiles, validateIssueMethods } from '../src/bench/issue-files.js';
import { issueTable } from '../src/bench/issue-report.js';
import { replayTable } from '../src/bench/replay-report.js';
import { loadSwebench, selectInstances } from '../src/bench/swebench.js';
import { revloopVersion } from '../src/bench/revloop-version.js';
import { formatSeconds } from '../src/bench/table.js';

const USAGE = `usage:
  npm run bench:quality -- cochange REPO... [--commits N] [--span N] [--head REV] [--methods LIST] [--work-dir DIR] [--json FILE]
  npm run bench:quality -- swebench --repo-dir DIR [--data FILE] [--repos a,b] [--instances N] [--methods LIST] [--work-dir DIR] [--json FILE]`;

const DEFAULT_DATA = '../shared/data/swebench-verified.jsonl';

function positiveInteger(value: string | undefined, option: string, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  if (!/^[1-9][0-9]*$/.test(value)) throw new BenchInputError(`${option} must be a positive integer, not "${value}"`);
  return Number(value);
}

function list(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      commits: { type: 'string' },
      span: { type: 'string' },
      head: { type: 'string' },
      methods: { type: 'string' },
      'work-dir': { type: 'string' },
      json: { type: 'string' },
      'repo-dir': { type: 'string' },
      data: { type: 'string' },
      repos: { type: 'string' },
      instances: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const [protocol, ...rest] = positionals;
  const log = (message: string): void => {
    process.stderr.write(`${message}\n`);
  };
  const workDir = values['work-dir'] ? resolve(values['work-dir']) : undefined;
  const started = performance.now();
  // Read before the run: the checkout may change while a long run goes on.
  const version = revloopVersion();

  if (protocol === 'cochange') {
    if (rest.length === 0) throw new BenchInputError('cochange needs at least one repository path');
    const methods = list(values.methods) ?? DEFAULT_REPLAY_METHODS;
    validateReplayMethods(methods);
    const options = {
      commits: positiveInteger(values.commits, '--commits', 40)!,
      span: positiveInteger(values.span, '--span', 500)!,
      head: values.head ?? 'HEAD',
      methods,
      workDir,
      log,
    };
    const runs: ReplayRun[] = [];
    for (const repository of rest) runs.push(await replayRepository(resolve(repository), options));
    console.log(`revloop ${version}`);
    console.log(
      `co-change replay: ${options.commits} commits per repository from the newest ${options.span} first-parent commits of ${options.head}; commits that changed 2–8 source files, all present in the parent; seed = the most-changed file`,
    );
    console.log('');
    console.log(replayTable(runs, methods));
    for (const run of runs) {
      const left = Object.entries(run.selection.disqualified)
        .map(([reason, n]) => `${n} ${reason}`)
        .join(', ');
      console.log(
        `\n${run.repository} @ ${run.head.slice(0, 12)}: ${run.items.length} of ${run.selection.qualifying} qualifying commits among ${run.selection.examined} (left out: ${left}); ${formatSeconds(run.wallMs)}`,
      );
      const absent = run.items.filter((item) => item.absentFiles > 0).length;
      if (absent > 0)
        console.log(`  ${absent} parent trees had files whose blobs the repository lacks: absent for every method`);
    }
    if (values.json)
      writeFileSync(
        values.json,
        `${JSON.stringify({ protocol: 'cochange', revloop: version, options: { ...options, log: undefined }, runs }, null, 2)}\n`,
      );
  } else if (protocol === 'swebench') {
    if (rest.length > 0) throw new BenchInputError(`swebench takes no positional arguments (got ${rest.join(' ')})`);
    if (!values['repo-dir'])
      throw new BenchInputError('swebench needs --repo-dir DIR (the directory holding the repositories)');
    const methods = list(values.methods) ?? DEFAULT_ISSUE_METHODS;
    validateIssueMethods(methods);
    const data = resolve(values.data ?? DEFAULT_DATA);
    const instances = selectInstances(
      loadSwebench(data),
      list(values.repos),
      positiveInteger(values.instances, '--instances'),
    );
    const run = await runIssueFiles(instances, { repoDir: resolve(values['repo-dir']), methods, workDir, log });
    console.log(`revloop ${version}`);
    console.log(`issue → files: ${run.items.length} SWE-bench instances from ${data}; problem statement only`);
    console.log('');
    console.log(issueTable(run, methods));
    if (run.skipped.length > 0) {
      console.log(
        `\nskipped ${run.skipped.length}: ${run.skipped.map((s) => `${s.instanceId} (${s.reason})`).join(', ')}`,
      );
    }
    const absent = run.items.filter((item) => item.absentFiles > 0);
    if (absent.length > 0) {
      const most = Math.max(...absent.map((item) => item.absentFiles));
      console.log(
        `\n${absent.length} instances' trees had files whose blobs the local repositories lack (up to ${most} per tree): absent for every method`,
      );
    }
    const created = run.items.filter((item) => item.created.length > 0).length;
    if (created > 0) console.log(`\n${created} instances' patches also create files; those are not scored`);
    if (values.json)
      writeFileSync(
        values.json,
        `${JSON.stringify({ protocol: 'swebench', revloop: version, data, methods, run }, null, 2)}\n`,
      );
  } else {
    throw new BenchInputError(
      protocol
        ? `unknown protocol "${protocol}" (cochange or swebench)`
        : 'no protocol: cochange or swebench (--help prints the usage)',
    );
  }
  console.log(`\ntotal ${formatSeconds(performance.now() - started)}`);
}

// An interrupted run removes its scratch checkouts before exiting.
for (const [signal, status] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.on(signal, () => {
    disposeAllSnapshots();
    process.exit(status);
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (
    isBenchInputError(error) ||
    (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
  ) {
    console.error(`bench:quality: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
