import type { LanguageId } from './languages.js';
import type { PackedResult } from './tag-packing.js';
import type { TagTimings } from './tags.js';

/** A batch of files for a parse worker to read and tag. */
export interface TagBatchRequest {
  id: number;
  root: string;
  maxBytes: number;
  files: [path: string, language: LanguageId][];
}

export interface TagBatchResponse {
  id: number;
  results: PackedResult[];
  timings: TagTimings;
}
