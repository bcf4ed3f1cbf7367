import { readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { hasErrnoCode } from '../has-errno-code.js';
import { openSeriesIndex } from './open-series-index.js';
import { OverlappingSegmentsError } from './overlapping-segments-error.js';
import type { SeriesIndex } from './series-file.js';
import { isSegmentOf } from './series-path.js';

/** One file of a series: a sorted run of records, appended to at its end only. */
export interface Segment {
  readonly filePath: string;
  readonly index: Readonly<SeriesIndex>;
}

export interface LoadedSegments {
  /** Oldest first; the main file is always last (it may hold no bars yet). */
  readonly segments: Segment[];
  /** Files whose torn tail was cut off, with the bytes cut. */
  readonly repaired: readonly { readonly filePath: string; readonly droppedBytes: number }[];
}

/**
 * Opens every file of a series: the main file and the older segments beside it, each
 * repaired like the main file (a torn tail cut off). An older segment left empty by a
 * crash right after it was created is removed: it holds nothing and would only be in the
 * way of the next one.
 */
export async function loadSeriesSegments(mainPath: string): Promise<LoadedSegments> {
  const repaired: { filePath: string; droppedBytes: number }[] = [];
  const open = async (filePath: string): Promise<Segment> => {
    const { droppedBytes, ...index } = await openSeriesIndex(filePath);
    if (droppedBytes > 0) repaired.push({ filePath, droppedBytes });
    return { filePath, index };
  };
  const older: Segment[] = [];
  for (const name of await listSegmentNames(mainPath)) {
    const segment = await open(path.join(path.dirname(mainPath), name));
    if (segment.index.count > 0) older.push(segment);
    else await unlink(segment.filePath);
  }
  older.sort((a, b) => (a.index.firstTime ?? 0) - (b.index.firstTime ?? 0));
  const segments = [...older, await open(mainPath)];
  checkNoOverlap(segments);
  return { segments, repaired };
}

async function listSegmentNames(mainPath: string): Promise<string[]> {
  try {
    return (await readdir(path.dirname(mainPath))).filter((name) => isSegmentOf(mainPath, name));
  } catch (error) {
    if (hasErrnoCode(error, 'ENOENT')) return [];
    throw error;
  }
}

function checkNoOverlap(segments: readonly Segment[]): void {
  const filled = segments.filter((s) => s.index.count > 0);
  for (let i = 1; i < filled.length; i += 1) {
    const before = filled[i - 1] as Segment;
    const after = filled[i] as Segment;
    if ((before.index.lastTime ?? 0) >= (after.index.firstTime ?? 0)) throw new OverlappingSegmentsError(before.filePath, after.filePath);
  }
}
