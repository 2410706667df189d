import type { RemovedCode } from '../context/removed-code.js';
import type { LanguageId } from './languages.js';
import type { PackedResult } from './tag-packing.js';
import type { TagTimings } from './tags.js';

/** A batch of files for a parse worker to read and tag. */
export interface TagBatchRequest {
  id: number;
  root: string;
  maxBytes: number;
  files: [path: string, language: LanguageId][];
  /** Terms to count in each file for lexical retrieval (empty: none). */
  queryTerms: string[];
  /** A change's removed code to look for in each file (absent: none). */
  removedCode?: RemovedCode;
}

export interface TagBatchResponse {
  id: number;
  results: PackedResult[];
  timings: TagTimings;
}
