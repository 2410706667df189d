import { normalizeModelPath } from '../../edits/paths.js';
import { subjectBlock } from '../blocks.js';
import type { LlmClient } from '../client.js';
import { fitLines } from '../fit.js';
import type { PromptManifest } from '../prompt.js';
import { commitMessageAnswer, describeAnswer, type ChangeType } from '../schemas.js';
import type { CallUsage } from '../usage.js';
import { runStep } from './step.js';

export interface DescribeInput {
  /** The unified diff of the change. */
  diff: string;
  /** The changed files, repository-relative: walkthrough entries for other paths are dropped. */
  changedFiles: readonly string[];
  /** The author's current title and description, as context only. */
  authorText?: string;
}

export interface PullDescription {
  title: string;
  type: ChangeType;
  summary: string;
  walkthrough: { path: string; change: string }[];
}

export interface DescribeResult {
  description: PullDescription;
  /** Walkthrough entries dropped: a path that is not a changed file, or a file named twice. */
  dropped: number;
  usage: CallUsage;
  manifest: PromptManifest;
}

/** Titles and subjects are cut here, at a word boundary. */
export const TITLE_LIMIT = 72;

/** At most `limit` characters, cut at a word boundary with `…`; one line. */
export function shortLine(text: string, limit = TITLE_LIMIT): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= limit) return line;
  const cut = line.slice(0, limit - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > limit / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}

function changedFilesBlock(paths: readonly string[]) {
  return {
    kind: 'changed-files',
    label: 'changed files',
    share: 0.1,
    fit: (maxTokens: number) => fitLines(paths.join('\n'), maxTokens, 1),
  };
}

/**
 * A pull request description from its diff: a title, the type of change, a
 * summary and a walkthrough of the changed files, in the order of
 * `changedFiles`.
 */
export async function describePullRequest(client: LlmClient, input: DescribeInput): Promise<DescribeResult> {
  const blocks = [subjectBlock({ kind: 'change', label: 'pull request diff', diff: input.diff }, 0.75)];
  blocks.push(changedFilesBlock(input.changedFiles));
  if (input.authorText?.trim())
    blocks.push(
      subjectBlock({ kind: 'text', label: "the author's title and description", text: input.authorText }, 0.15),
    );
  const answer = await runStep(client, {
    step: 'describe',
    task: [
      'Describe the pull request in the diff below for its reviewers.',
      `- title: imperative mood, at most ${TITLE_LIMIT} characters;`,
      '- type: the one type of change that fits best;',
      '- summary: two to five plain sentences on what changes and why, as far as the diff shows it;',
      '- walkthrough: one entry per changed file, in the order of the changed-files list, with one sentence on what changed in it.',
    ].join('\n'),
    blocks,
    schema: describeAnswer,
    schemaName: 'pull_request_description',
  });
  const order = new Map(input.changedFiles.map((path, i) => [path, i]));
  const seen = new Set<string>();
  const walkthrough: PullDescription['walkthrough'] = [];
  let dropped = 0;
  for (const entry of answer.value.walkthrough) {
    const path = normalizeModelPath(entry.path);
    if (path === undefined || !order.has(path) || seen.has(path)) {
      dropped++;
      continue;
    }
    seen.add(path);
    walkthrough.push({ path, change: entry.change.trim() });
  }
  walkthrough.sort((a, b) => order.get(a.path)! - order.get(b.path)!);
  return {
    description: {
      title: shortLine(answer.value.title),
      type: answer.value.type,
      summary: answer.value.summary.trim(),
      walkthrough,
    },
    dropped,
    usage: answer.usage,
    manifest: answer.manifest,
  };
}

export interface CommitMessageResult {
  /** `subject`, a blank line and the body wrapped at 72 columns; the subject alone when the body is empty. */
  message: string;
  usage: CallUsage;
  manifest: PromptManifest;
}

/** Wraps plain text at `width` columns, paragraph by paragraph. */
export function wrapText(text: string, width = TITLE_LIMIT): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => {
      const lines: string[] = [];
      let line = '';
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        if (line && line.length + 1 + word.length > width) {
          lines.push(line);
          line = word;
        } else line = line ? `${line} ${word}` : word;
      }
      if (line) lines.push(line);
      return lines.join('\n');
    })
    .join('\n\n');
}

/** A commit message for a diff (staged changes or a range of commits). */
export async function commitMessage(
  client: LlmClient,
  input: { diff: string; changedFiles: readonly string[] },
): Promise<CommitMessageResult> {
  const answer = await runStep(client, {
    step: 'commit-message',
    task: [
      'Write the commit message for the diff below.',
      `- subject: imperative mood, at most ${TITLE_LIMIT} characters, no trailing period;`,
      '- body: why the change is made and what it does, in plain sentences; empty when the subject says it all.',
    ].join('\n'),
    blocks: [
      subjectBlock({ kind: 'change', label: 'diff to commit', diff: input.diff }, 0.9),
      changedFilesBlock(input.changedFiles),
    ],
    schema: commitMessageAnswer,
    schemaName: 'commit_message',
  });
  const subject = shortLine(answer.value.subject).replace(/\.$/, '');
  const body = wrapText(answer.value.body);
  return { message: body ? `${subject}\n\n${body}\n` : `${subject}\n`, usage: answer.usage, manifest: answer.manifest };
}
