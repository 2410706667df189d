import { mapFrames, type RepoView } from '../../src/ci/map-frames.js';
import { failureToJson, parseLog } from '../../src/ci/parse-log.js';

/** A log's failures as the JSON the fixtures hold. */
export function parse(text: string) {
  return parseLog(text).failures.map(failureToJson);
}

/** A repository of these paths, with no tags; `texts` holds the contents of some of them. */
export function repo(paths: string[], texts: Readonly<Record<string, string>> = {}): RepoView {
  return { paths, foreign: new Set(), tagsOf: () => [], read: (path) => texts[path] ?? null };
}

/** Each failure's frames as mapped onto a repository of these paths: [resolved, line, external]. */
export function mapped(text: string, paths: string[], texts: Readonly<Record<string, string>> = {}) {
  const failures = parseLog(text).failures;
  return mapFrames(failures, repo(paths, texts)).map((m) => m.frames.map((f) => [f.resolved, f.line, f.external]));
}
