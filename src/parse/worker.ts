import { parentPort } from 'node:worker_threads';
import { packResult, type PackedResult } from './tag-packing.js';
import { tagFile } from './tag-file.js';
import { RemovedCodeMatcher } from '../context/removed-code.js';
import { newTagTimings } from './tags.js';
import type { TagBatchRequest, TagBatchResponse } from './worker-protocol.js';

// Entry point of a parse worker thread (bundled as dist/parse-worker.js).
const port = parentPort;
if (port) {
  port.on('message', async (request: TagBatchRequest) => {
    const results: PackedResult[] = [];
    const context = {
      root: request.root,
      maxBytes: request.maxBytes,
      queryTerms: new Set(request.queryTerms),
      ...(request.removedCode ? { removedCode: new RemovedCodeMatcher(request.removedCode) } : {}),
    };
    const timings = newTagTimings();
    for (const [path, language] of request.files) {
      results.push(packResult(await tagFile(context, path, language, timings)));
    }
    const response: TagBatchResponse = { id: request.id, results, timings };
    const buffers = results.flatMap((r) => (r.ok ? [r.file.data.buffer as ArrayBuffer] : []));
    port.postMessage(response, buffers);
  });
}
