import { describe, expect, it } from 'vitest';
import { tagLines } from './harness.js';

describe('bash tags', () => {
  it('finds every definition and reference in deploy.sh', async () => {
    expect(await tagLines('bash', 'deploy.sh')).toEqual([
      'ref call set 4',
      'def constant SCRIPT_DIR 6 ./deploy.sh::deploy.SCRIPT_DIR',
      'ref call cd 6',
      'ref call dirname 6',
      'ref call pwd 6',
      'def constant release_root 7 ./deploy.sh::deploy.release_root',
      'def constant DEPLOY_ENV 8 ./deploy.sh::deploy.DEPLOY_ENV',
      'def variable hosts 9 ./deploy.sh::deploy.hosts',
      'def variable retries 10 ./deploy.sh::deploy.retries',
      'ref import /lib/log.sh 12',
      'ref import ./lib/remote.sh 13',
      'def function usage 15 ./deploy.sh::deploy.usage',
      'ref call cat 16',
      'ref call basename 17',
      'ref call exit 19',
      'def function load_hosts 22 ./deploy.sh::deploy.load_hosts',
      'ref call read 24',
      'def function upload_release 29 ./deploy.sh::deploy.upload_release',
      'ref call log_info 31',
      'ref call rsync 32',
      'def function activate 35 ./deploy.sh::deploy.activate',
      'ref call remote::run 38',
      'ref call remote::run 39',
      'ref call log_error 40',
      'ref call return 41',
      'def function main 46 ./deploy.sh::deploy.main',
      'ref call usage 47',
      'ref call load_hosts 49',
      'ref call upload_release 51',
      'ref call wait 53',
      'ref call activate 54',
      'ref call rollback 54',
      'ref call main 58',
    ]);
  });

  // The missing `fi` costs the whole parse_args function: its header is read as
  // a `parse_args` command (line 31) and its body as an ERROR node, where only
  // `shift` survives as a command. Everything around it is still found.
  it('recovers from the syntax error in broken_helpers.sh', async () => {
    expect(await tagLines('bash', 'broken_helpers.sh')).toEqual([
      'ref import lib/colors.sh 5',
      'ref import /.config/helpers.sh 6',
      'def constant LOG_LEVEL 8 ./broken_helpers.sh::broken_helpers.LOG_LEVEL',
      'def variable _cache_dir 9 ./broken_helpers.sh::broken_helpers._cache_dir',
      'def function log::info 11 ./broken_helpers.sh::broken_helpers.log::info',
      'ref call printf 12',
      'def function with_retry 15 ./broken_helpers.sh::broken_helpers.with_retry',
      'ref call sleep 19',
      'def function setup 23 ./broken_helpers.sh::broken_helpers.setup',
      'def function teardown 24 ./broken_helpers.sh::broken_helpers.setup.teardown',
      'ref call rm 25',
      'ref call trap 27',
      'ref call mkdir 28',
      'ref call parse_args 31',
      'ref call shift 35',
      'def function cleanup 39 ./broken_helpers.sh::broken_helpers.cleanup',
      'ref call log::info 40',
      'ref call with_retry 41',
      'ref call setup 45',
      'ref call parse_args 47',
    ]);
  });

  // `case` patterns and `==`/`!=` tests call libc `isalpha`, which the
  // grammar imports and the runtime lacks: src/parse/wasm-imports.ts renames
  // it before the grammar is loaded. Without that this file fails to parse.
  it('finds every definition and reference in service.sh', async () => {
    expect(await tagLines('bash', 'service.sh')).toEqual([
      'def constant PID_FILE 4 ./service.sh::service.PID_FILE',
      'ref import /etc/app/env.sh 5',
      'def function is_running 7 ./service.sh::service.is_running',
      'ref call cat 8',
      'ref call kill 8',
      'def function start 11 ./service.sh::service.start',
      'ref call is_running 12',
      'ref call echo 13',
      'ref call return 14',
      'ref call nohup 16',
      'ref call echo 17',
      'def function stop 20 ./service.sh::service.stop',
      'ref call cat 22',
      'ref call kill 24',
      'ref call rm 25',
      'def function status 29 ./service.sh::service.status',
      'ref call echo 30',
      'ref call is_running 30',
      'ref call echo 31',
      'ref call echo 33',
      'ref call start 38',
      'ref call stop 39',
      'ref call stop 41',
      'ref call start 42',
      'ref call status 44',
      'ref call echo 46',
      'ref call exit 47',
    ]);
  });
});
