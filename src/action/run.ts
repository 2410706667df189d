import * as core from '@actions/core';
import { createGitHubClient, describeGitHubError, isGitHubHttpError } from '../github/client.js';
import { readTriggerEvent } from '../github/event.js';
import type { ActionOutcome } from './context-run.js';
import { routeEvent } from './route.js';
import { runnerIo, type RunnerIo } from './runner-io.js';
import { readSettings } from './settings.js';

function setOutputs(io: RunnerIo, outcome: ActionOutcome | undefined): void {
  io.setOutput('ranked-files', JSON.stringify(outcome?.rankedFiles ?? []));
  io.setOutput('comment-id', outcome?.comment ? String(outcome.comment.id) : '');
  io.setOutput('comment-url', outcome?.comment?.url ?? '');
}

/**
 * The GitHub Action: reads the inputs once, masks the secrets, routes the
 * event to its handler and sets the outputs. The only place that fails the
 * step: with one message naming the input, payload or request at fault.
 */
export async function run(): Promise<void> {
  try {
    const settings = readSettings({ input: (name) => core.getInput(name), env: process.env });
    core.setSecret(settings.githubToken);
    if (settings.llm.apiKey) core.setSecret(settings.llm.apiKey);
    const client = createGitHubClient({
      token: settings.githubToken,
      baseUrl: settings.runner.apiUrl,
      warn: (message) => runnerIo.warning(message),
    });
    const event = readTriggerEvent(settings.runner.eventName, settings.runner.eventPath);
    const outcome = await routeEvent({ settings, client, io: runnerIo }, event);
    setOutputs(runnerIo, outcome);
  } catch (error) {
    if (isGitHubHttpError(error)) core.setFailed(describeGitHubError(error, 'talking to GitHub'));
    else core.setFailed(`revloop: ${error instanceof Error ? error.message : String(error)}`);
  }
}
