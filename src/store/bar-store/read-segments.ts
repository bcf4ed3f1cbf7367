import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { Bar } from '../../engine/market/bars.js';
import { decodeBars } from './bar-record.js';
import type { Segment } from './load-series-segments.js';
import { findLowerBound, readRecordBytes } from './series-file.js';

/**
 * Reads across a series' segments (oldest first). Each read takes the segment list once,
 * so an insert that runs meanwhile (it replaces the list) does not disturb it.
 */
export async function readLastAcross(segments: readonly Segment[], wanted: number): Promise<Bar[]> {
  let left = Math.floor(wanted);
  const parts: Bar[][] = [];
  for (let i = segments.length - 1; i >= 0 && left > 0; i -= 1) {
    const { filePath, index } = segments[i] as Segment;
    const take = Math.min(left, index.count);
    if (take <= 0) continue;
    parts.unshift(decodeBars(await readWith(filePath, (handle) => readRecordBytes(handle, index.count - take, index.count))));
    left -= take;
  }
  return parts.length === 1 ? (parts[0] as Bar[]) : parts.flat();
}

/** Bars with from ≤ t < to, from every segment that overlaps the range. */
export async function readRangeAcross(segments: readonly Segment[], from: number, to: number): Promise<Bar[]> {
  if (!(from < to)) return [];
  const parts: Bar[][] = [];
  for (const { filePath, index } of segments) {
    const { firstTime, lastTime } = index;
    if (firstTime === undefined || lastTime === undefined || to <= firstTime || from > lastTime) continue;
    const bytes = await readWith(filePath, async (handle) => {
      const start = await findLowerBound(handle, index, from);
      const end = await findLowerBound(handle, index, to);
      return readRecordBytes(handle, start, end);
    });
    parts.push(decodeBars(bytes));
  }
  return parts.length === 1 ? (parts[0] as Bar[]) : parts.flat();
}

async function readWith<T>(filePath: string, read: (handle: FileHandle) => Promise<T>): Promise<T> {
  const handle = await open(filePath, 'r');
  try {
    return await read(handle);
  } finally {
    await handle.close();
  }
}
