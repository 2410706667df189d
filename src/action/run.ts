import { appendFileSync } from 'node:fs';

/**
 * The GitHub Action. Until the Action issue lands this only reports that
 * revloop's action mode is not available yet, without failing the workflow.
 */
export async function run(): Promise<void> {
  const message = 'revloop: the GitHub Action is not implemented yet; use the revloop CLI.';
  process.stdout.write(`::notice::${message}\n`);
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (summary) appendFileSync(summary, `${message}\n`);
}
