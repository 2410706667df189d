import type { TraceSeeds } from '../../ci/map-frames.js';
import { mergeChanged, toRanges, type ChangedFile, type Seeds } from '../../context/seeds.js';

/**
 * The ranking's seeds from a failed run's traces: each file a project frame
 * lands in, at the frame lines when the checkout's lines are the run's
 * (`linesMatch`), else as a whole file; and the failures' messages, test
 * names and function names as text, so the definitions they name are seeds
 * too.
 */
export function rankingSeeds(trace: TraceSeeds, linesMatch: boolean): Seeds {
  const lines = new Map<string, number[]>();
  for (const frame of trace.frames) {
    const list = lines.get(frame.path) ?? [];
    if (linesMatch && frame.line !== null) list.push(frame.line);
    lines.set(frame.path, list);
  }
  const changed: ChangedFile[] = [...lines].map(([path, numbers]) => ({
    path,
    status: 'modified',
    ranges: toRanges(numbers),
  }));
  const text = [trace.text, ...trace.identifiers].filter((part) => part.trim().length > 0).join('\n');
  return text ? { changed: mergeChanged(changed), text } : { changed: mergeChanged(changed) };
}
