import { parentPort } from 'node:worker_threads';
import { tagFile } from './tag-file.js';
import { newTagTimings } from './tags.js';
import type { TagBatchRequest, TagBatchResponse } from './worker-protocol.js';

// Entry point of a parse worker thread (bundled as dist/parse-worker.js).
const port = parentPort;
if (port) {
  port.on('message', async (request: TagBatchRequest) => {
    const results = [];
    const timings = newTagTimings();
    for (const [path, language] of request.files) {
      results.push(await tagFile(request.root, path, language, request.maxBytes, timings));
    }
    const response: TagBatchResponse = { id: request.id, results, timings };
    port.postMessage(response);
  });
}
