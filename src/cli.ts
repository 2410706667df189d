#!/usr/bin/env node
import { isUsageError } from './cli/errors.js';
import { main } from './cli/main.js';

main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isUsageError(error)) {
      process.stderr.write(`revloop: ${error.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`revloop: ${(error as Error).message ?? String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
