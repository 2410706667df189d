import type { ChangedFile, Seeds } from '../context/seeds.js';
import { renderRepoMap, type RepoMap } from '../context/repo-map.js';
import type { CodeGraph } from '../graph/code-graph.js';
import type { RankedFile, Ranking } from '../graph/rank.js';
import type { RepoIndex } from '../parse/repo-index.js';
import { fileLinks, strongestNeighbourhood } from './file-links.js';
import type { LlmSection } from './llm-section.js';
import { escapeText } from './markdown-text.js';
import { renderFileDiagram } from './mermaid.js';

/** A commit the report refers to, e.g. the pull request's head. */
export interface CommitRef {
  label: string;
  sha: string;
  url: string;
}

export interface ChangedEntry {
  path: string;
  status: ChangedFile['status'];
  ranges: ChangedFile['ranges'];
  previousPath?: string;
  /** Why the file is not in the map, when it is not. */
  absent?: string;
}

/**
 * Everything the context comment and the job summary show, as data. Built
 * from one analysis; rendered by renderContextMarkdown.
 */
export interface ContextReport {
  title: string;
  /** Who asked and what, for comment-command runs. */
  request?: { author: string; text: string; url?: string };
  commits: CommitRef[];
  /** Where the changed lines came from (local checkout or the GitHub API). */
  changeSource?: string;
  changed: ChangedEntry[];
  /** The best-ranked files that are not changed files, with their role and reasons. */
  ranked: RankedFile[];
  /** What the ranking started from: changed files, names in a text, or nothing (plain PageRank). */
  seededBy: 'change' | 'text' | 'none';
  /** How many files were ranked in all (those without a reason are not listed). */
  rankedTotal: number;
  /** Mermaid source of the focus files and their strongest neighbours; undefined with nothing to draw. */
  diagram?: { mermaid: string; focus: 'changed' | 'top'; files: number };
  map: RepoMap & { budget: number };
  skipped: { reason: string; paths: string[] }[];
  excludedByInputs: number;
  notes: string[];
  runUrl?: string;
  command: string;
  /** The LLM steps' answers, validated; absent when they did not run (the notes say why). */
  llm?: LlmSection;
}

export interface ContextReportInput {
  title: string;
  request?: ContextReport['request'];
  commits: CommitRef[];
  changeSource?: string;
  seeds: Seeds;
  index: Pick<RepoIndex, 'files' | 'skipped'>;
  graph: CodeGraph;
  ranking: Ranking;
  mapTokens: number;
  maxFiles: number;
  excludedByInputs: number;
  notes: string[];
  runUrl?: string;
  command: string;
  llm?: LlmSection;
}

/** Focus files drawn in the diagram, and neighbours drawn per focus file. */
const DIAGRAM_FOCUS = 8;
const DIAGRAM_NEIGHBOURS = 3;
/** Without changed files, the diagram centres on this many of the best-ranked files. */
const DIAGRAM_TOP = 3;

export function buildContextReport(input: ContextReportInput): ContextReport {
  const indexed = new Set(input.index.files.map((f) => f.path));
  const skippedReason = new Map(input.index.skipped.map((s) => [s.path, s.reason]));
  const changed: ChangedEntry[] = input.seeds.changed.map((file) => {
    const entry: ChangedEntry = { path: file.path, status: file.status, ranges: file.ranges };
    if (file.previousPath) entry.previousPath = file.previousPath;
    if (file.status === 'deleted') entry.absent = 'deleted';
    else if (skippedReason.has(file.path)) entry.absent = `skipped: ${skippedReason.get(file.path)}`;
    else if (!indexed.has(file.path)) entry.absent = 'not in the checkout or left out by include/exclude';
    return entry;
  });

  const notes = [...input.ranking.notes.map(escapeText), ...input.notes];
  const changedInIndex = changed.filter((c) => !c.absent).map((c) => c.path);
  const textSeeded = input.ranking.seedFiles.length > 0;
  const seededBy = changedInIndex.length > 0 ? 'change' : textSeeded ? 'text' : 'none';
  const changedPaths = new Set(changed.map((c) => c.path));
  // With seeds, a file without a single reason only got the walk's background rank: not worth a line.
  const ranked = input.ranking.files
    .filter((f) => !changedPaths.has(f.path) && (seededBy === 'none' || f.reasons.length > 0))
    .slice(0, input.maxFiles);
  if (seededBy === 'none' && input.ranking.files.length > 0)
    notes.push(
      'Nothing in the request named a file or a definition of this repository, so the files are ranked by overall importance (plain PageRank).',
    );

  const focusPaths =
    changedInIndex.length > 0 ? changedInIndex : input.ranking.files.slice(0, DIAGRAM_TOP).map((f) => f.path);
  let diagram: ContextReport['diagram'];
  if (focusPaths.length > 0) {
    const links = fileLinks(input.graph, new Set(focusPaths.slice(0, DIAGRAM_FOCUS)));
    const hood = strongestNeighbourhood(links, focusPaths, { maxFocus: DIAGRAM_FOCUS, perFile: DIAGRAM_NEIGHBOURS });
    if (hood.links.length > 0)
      diagram = {
        mermaid: renderFileDiagram(hood.files, new Set(focusPaths), hood.links),
        focus: changedInIndex.length > 0 ? 'changed' : 'top',
        files: hood.files.length,
      };
  }

  const bySkipReason = new Map<string, string[]>();
  for (const { path, reason } of input.index.skipped) {
    const list = bySkipReason.get(reason) ?? [];
    list.push(path);
    bySkipReason.set(reason, list);
  }
  const skipped = [...bySkipReason]
    .map(([reason, paths]) => ({ reason, paths }))
    .sort((a, b) => b.paths.length - a.paths.length || (a.reason < b.reason ? -1 : 1));

  const report: ContextReport = {
    title: input.title,
    commits: input.commits,
    changed,
    ranked,
    seededBy,
    rankedTotal: input.ranking.files.length,
    map: { ...renderRepoMap(input.index.files, input.ranking, input.mapTokens), budget: input.mapTokens },
    skipped,
    excludedByInputs: input.excludedByInputs,
    notes,
    command: input.command,
  };
  if (input.request) report.request = input.request;
  if (input.changeSource) report.changeSource = input.changeSource;
  if (diagram) report.diagram = diagram;
  if (input.runUrl) report.runUrl = input.runUrl;
  if (input.llm) report.llm = input.llm;
  return report;
}

/** The `ranked-files` output: paths best first, changed files included. */
export function rankedPaths(ranking: Ranking, maxFiles: number): string[] {
  return ranking.files.slice(0, maxFiles).map((f) => f.path);
}
