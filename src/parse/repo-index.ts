import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { listFiles, skipByPath, type SkippedFile } from '../repo/files.js';
import { DEFAULT_MAX_FILE_BYTES } from '../repo/read.js';
import { languageForPath, type LanguageId } from './languages.js';
import { isModuleMapFile, loadModuleMaps, type ModuleMaps } from '../graph/module-maps.js';
import { tagFile, type TagContext, type TagFileResult, type TaggedFile } from './tag-file.js';
import type { TagBatchRequest, TagBatchResponse } from './worker-protocol.js';
import { newTagTimings, type TagTimings } from './tags.js';
import { stringSharer, unpackResult } from './tag-packing.js';
import { hasRemovedCode, RemovedCodeMatcher, type RemovedCode } from '../context/removed-code.js';

export interface IndexOptions {
  maxFileBytes?: number;
  /** Parse threads; default: 2 for large trees when the bundled worker exists, else 1. */
  jobs?: number;
  /** Keep only paths this accepts (include/exclude globs are applied by the caller). */
  filter?: (path: string) => boolean;
  log?: (message: string) => void;
  /** Count these terms in every file (lexical retrieval for text seeds). */
  queryTerms?: readonly string[];
  /** Look for a change's removed lines and names in every file (TaggedFile.removedCode). */
  removedCode?: RemovedCode;
}

export interface RepoIndex {
  root: string;
  listing: 'git' | 'walk';
  files: TaggedFile[];
  skipped: SkippedFile[];
  /** tsconfig/jsconfig paths and workspace packages, for resolving JavaScript/TypeScript imports. */
  modules: ModuleMaps;
  /** Wall time of listing and of tagging; `tagging` splits the latter (summed over threads). */
  timings: { listMs: number; tagMs: number; tagging: TagTimings; threads: number };
}

/** Below this many files a second thread costs more (grammar load, query compile) than it saves. */
const PARALLEL_MIN_FILES = 400;
const BATCH_SIZE = 32;

function workerScript(): string | undefined {
  const path = fileURLToPath(new URL('./parse-worker.js', import.meta.url));
  return existsSync(path) ? path : undefined;
}

/**
 * Lists, reads and tags every eligible file of a repository. Files are
 * returned sorted by path whatever the number of threads, so the result is
 * deterministic.
 */
export async function buildRepoIndex(root: string, options: IndexOptions = {}): Promise<RepoIndex> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const t0 = performance.now();
  const listing = listFiles(root);
  const skipped: SkippedFile[] = [];
  const work: [string, LanguageId][] = [];
  for (const path of listing.paths) {
    if (options.filter && !options.filter(path)) continue;
    const byPath = skipByPath(path);
    if (byPath) {
      skipped.push({ path, reason: byPath });
      continue;
    }
    const language = languageForPath(path);
    if (!language) {
      skipped.push({ path, reason: 'unsupported-language' });
      continue;
    }
    work.push([path, language]);
  }
  const t1 = performance.now();

  const script = workerScript();
  const jobs = options.jobs ?? (script && work.length >= PARALLEL_MIN_FILES ? Math.min(2, availableParallelism()) : 1);
  options.log?.(`revloop: tagging ${work.length} files${jobs > 1 ? ` on ${jobs} threads` : ''}`);
  const tagging = newTagTimings();
  const threads = jobs > 1 && script ? jobs : 1;
  const queryTerms = [...new Set(options.queryTerms ?? [])].sort();
  const removedCode = hasRemovedCode(options.removedCode) ? options.removedCode : undefined;
  const results =
    threads > 1
      ? await tagInWorkers(
          script!,
          { root, maxBytes, queryTerms, ...(removedCode ? { removedCode } : {}) },
          work,
          threads,
          tagging,
        )
      : await tagInThread(
          {
            root,
            maxBytes,
            queryTerms: new Set(queryTerms),
            ...(removedCode ? { removedCode: new RemovedCodeMatcher(removedCode) } : {}),
          },
          work,
          tagging,
        );

  const files: TaggedFile[] = [];
  for (const result of results) {
    if (result.ok) files.push(result.file);
    else skipped.push({ path: result.path, reason: result.reason });
  }
  const modules = loadModuleMaps(
    root,
    listing.paths.filter((p) => isModuleMapFile(p) && !skipByPath(p)),
  );
  // A config that is not valid JSON resolves nothing; say so instead of calling it an unsupported language.
  const broken = new Set(modules.broken);
  for (const entry of skipped) if (broken.has(entry.path)) entry.reason = 'parse-error';
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    root,
    listing: listing.source,
    files,
    skipped,
    modules,
    timings: { listMs: t1 - t0, tagMs: performance.now() - t1, tagging, threads },
  };
}

async function tagInThread(
  context: TagContext,
  work: [string, LanguageId][],
  timings: TagTimings,
): Promise<TagFileResult[]> {
  const results: TagFileResult[] = [];
  for (const [path, language] of work) results.push(await tagFile(context, path, language, timings));
  return results;
}

async function tagInWorkers(
  script: string,
  context: Omit<TagBatchRequest, 'id' | 'files'>,
  work: [string, LanguageId][],
  jobs: number,
  timings: TagTimings,
): Promise<TagFileResult[]> {
  const batches: TagBatchRequest[] = [];
  for (let i = 0; i < work.length; i += BATCH_SIZE) {
    batches.push({ id: batches.length, ...context, files: work.slice(i, i + BATCH_SIZE) });
  }
  const answers: TagFileResult[][] = new Array(batches.length);
  const share = stringSharer();
  let next = 0;
  const workers = Array.from({ length: jobs }, () => new Worker(script));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = (): void => {
              const batch = batches[next++];
              if (!batch) {
                resolve();
                return;
              }
              worker.postMessage(batch);
            };
            worker.on('message', (response: TagBatchResponse) => {
              answers[response.id] = response.results.map((result) => unpackResult(result, share));
              timings.readMs += response.timings.readMs;
              timings.parseMs += response.timings.parseMs;
              timings.queryMs += response.timings.queryMs;
              feed();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (code !== 0) reject(new Error(`parse worker exited with code ${code}`));
            });
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return answers.flat();
}
