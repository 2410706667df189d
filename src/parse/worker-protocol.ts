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
}

export interface TagBatchResponse {
  id: number;
  results: PackedResult[];
  timings: TagTimings;
}
