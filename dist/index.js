import { createRequire as __revloopRequire } from 'node:module'; const require = __revloopRequire(import.meta.url);

// src/action/run.ts
import { appendFileSync } from "node:fs";
async function run() {
  const message = "revloop: the GitHub Action is not implemented yet; use the revloop CLI.";
  process.stdout.write(`::notice::${message}
`);
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (summary) appendFileSync(summary, `${message}
`);
}

// src/index.ts
await run();
