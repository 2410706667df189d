import type { ValidatedEdit } from '../edits/validate.js';
import type { FileRole, Ranking } from '../graph/rank.js';
import type { LlmOutcome } from '../llm/review-steps.js';
import type { LocalizedFile } from '../llm/steps/localize.js';
import { modelPrice, totalUsage, type CallUsage, type UsageTotals } from '../llm/usage.js';
import type { PromptManifest } from '../llm/prompt.js';

/** Where the graph put a file the model named: changed, ranked (1-based place and role), or neither. */
export interface GraphPlace {
  changed: boolean;
  rank?: number;
  role?: FileRole;
  /** Changed, or among the files the report lists: the model and the graph agree. */
  agrees: boolean;
}

/** A file the model named, placed beside the graph ranking. */
export type LocalizedEntry = LocalizedFile & { graph: GraphPlace };

/** How the valid edits were published: review suggestions on the diff, or diff blocks in the report. */
export interface EditPublishing {
  /** Valid edits shown in the report as diff blocks. */
  shown: ValidatedEdit[];
  /** Suggestions posted in a review by this run, and ones an earlier run already posted. */
  review?: { posted: number; alreadyPosted: number; url?: string };
  /** One sentence on why edits are diff blocks and not suggestions, when that needs saying. */
  note?: string;
  /** The commit the edits were checked against (the checkout). */
  checkedAgainst?: string;
}

/** The LLM part of a context report, as data. */
export interface LlmSection {
  model: string;
  endpoint: string;
  localized?: {
    files: LocalizedEntry[];
    rejected: { reason: string; count: number }[];
    agreeing: number;
  };
  edits?: EditPublishing & { proposed: number; valid: number; rejected: { reason: string; count: number }[] };
  failures: { step: string; message: string }[];
  calls: (PromptManifest & { usage?: CallUsage })[];
  totals: UsageTotals;
  /** Where the prices came from, or why there is no cost. */
  priceNote: string;
}

/**
 * The report's LLM section from the steps' outcome: each localized file
 * placed beside the graph ranking (agreement when it is changed or among
 * the `maxFiles` best), and the edits as published.
 */
export function buildLlmSection(
  outcome: LlmOutcome,
  ranking: Ranking,
  changedPaths: ReadonlySet<string>,
  maxFiles: number,
  publishing?: EditPublishing,
): LlmSection {
  const rankOf = new Map(ranking.files.map((f, i) => [f.path, { rank: i + 1, role: f.role }]));
  // The report lists the best non-changed files: those are the graph's picks.
  const listed = new Set(
    ranking.files
      .filter((f) => !changedPaths.has(f.path))
      .slice(0, maxFiles)
      .map((f) => f.path),
  );
  const section: LlmSection = {
    model: outcome.model,
    endpoint: outcome.endpoint,
    failures: outcome.failures,
    calls: [],
    totals: totalUsage(outcome.calls),
    priceNote: modelPrice(outcome.model)
      ? `prices from ${modelPrice(outcome.model)!.source}, an estimate`
      : `cost unknown: gpt-tokenizer 3.4.0 has no price for ${outcome.model}`,
  };
  // Manifests and calls line up by step, in call order.
  const unused = [...outcome.calls];
  section.calls = outcome.manifests.map((manifest) => {
    const at = unused.findIndex((c) => c.step === manifest.step);
    const usage = at === -1 ? undefined : unused.splice(at, 1)[0];
    return usage ? { ...manifest, usage } : { ...manifest };
  });
  if (outcome.localized) {
    const files = outcome.localized.files.map((file) => {
      const place = rankOf.get(file.path);
      const changed = changedPaths.has(file.path);
      const graph: GraphPlace = { changed, agrees: changed || listed.has(file.path) };
      if (place) {
        graph.rank = place.rank;
        graph.role = place.role;
      }
      return { ...file, graph };
    });
    section.localized = {
      files,
      rejected: outcome.localized.rejected,
      agreeing: files.filter((f) => f.graph.agrees).length,
    };
  }
  if (outcome.edits) {
    section.edits = {
      ...(publishing ?? { shown: outcome.edits.valid }),
      proposed: outcome.edits.proposed,
      valid: outcome.edits.valid.length,
      rejected: outcome.edits.rejected,
    };
  }
  return section;
}
