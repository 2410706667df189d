import { z } from 'zod';

// The answers each step asks for. Every field is required (optional ones are
// nullable), so the same schema serves OpenAI's strict structured output and
// the validation of plain-text answers.

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const localizeAnswer = z.object({
  files: z.array(
    z.object({
      path: z.string().describe('repository-relative path of a file that will need changes'),
      reason: z.string().describe('one sentence: why this file will need changes'),
      confidence: z.enum(CONFIDENCES),
    }),
  ),
});
export type LocalizeAnswer = z.infer<typeof localizeAnswer>;

const edit = z.object({
  path: z.string().describe('repository-relative path of an existing file'),
  search: z.string().describe('text copied exactly from the file, occurring exactly once in it, including indentation'),
  replace: z.string().describe('the text that replaces it'),
  explanation: z.string().describe('one sentence: what the edit fixes or completes'),
});

export const editsAnswer = z.object({ edits: z.array(edit) });
export type EditsAnswer = z.infer<typeof editsAnswer>;

export const CHANGE_TYPES = [
  'feature',
  'fix',
  'refactor',
  'performance',
  'docs',
  'test',
  'build',
  'ci',
  'chore',
  'style',
] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export const describeAnswer = z.object({
  title: z.string().describe('a pull request title, imperative mood, at most 72 characters'),
  type: z.enum(CHANGE_TYPES),
  summary: z.string().describe('two to five sentences: what changes and why'),
  walkthrough: z.array(
    z.object({
      path: z.string().describe('a changed file'),
      change: z.string().describe('one sentence: what changed in this file'),
    }),
  ),
});
export type DescribeAnswer = z.infer<typeof describeAnswer>;

export const commitMessageAnswer = z.object({
  subject: z.string().describe('imperative mood, at most 72 characters, no trailing period'),
  body: z.string().describe('what and why, in plain sentences; empty when the subject says it all'),
});
export type CommitMessageAnswer = z.infer<typeof commitMessageAnswer>;

export const explainCiAnswer = z.object({
  explanation: z.string().describe('why the job failed, in a few sentences, naming files and functions'),
  fix: edit.nullable().describe('one edit that fixes the failure, or null when no safe fix is clear'),
});
export type ExplainCiAnswer = z.infer<typeof explainCiAnswer>;
