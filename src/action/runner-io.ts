import * as core from '@actions/core';

/**
 * What the action says to the runner: log lines, annotations, outputs and
 * the job summary. One small interface so handlers never import
 * @actions/core themselves.
 */
export interface RunnerIo {
  info(message: string): void;
  /** An annotation shown on the run's page. */
  notice(message: string): void;
  warning(message: string): void;
  setOutput(name: ActionOutput, value: string): void;
  /** Appends markdown to this step's job summary. */
  appendSummary(markdown: string): Promise<void>;
}

/** The outputs action.yml declares. */
export type ActionOutput = 'ranked-files' | 'comment-id' | 'comment-url';

export const runnerIo: RunnerIo = {
  info: (message) => core.info(message),
  notice: (message) => core.notice(message),
  warning: (message) => core.warning(message),
  setOutput: (name, value) => core.setOutput(name, value),
  appendSummary: async (markdown) => {
    await core.summary.addRaw(markdown, true).write();
  },
};
