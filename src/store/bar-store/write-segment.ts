import { constants } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import type { Bar } from '../../engine/market/bars.js';
import { RECORD_BYTES, encodeBars } from './bar-record.js';
import type { Segment } from './load-series-segments.js';
import { writeRecordBytes, type SeriesIndex } from './series-file.js';
import { syncDirectories } from './sync-directories.js';

export interface SegmentWrite {
  /** The segment as it is now; a new one has count 0. */
  readonly segment: Segment;
  /** Sorted, all after the segment's last bar (see plan-insert.ts). */
  readonly bars: readonly Bar[];
  /** A new older segment: its file must not exist yet. */
  readonly isNew: boolean;
  /** A failed write may have left junk past the last record: cut it first. */
  readonly dirty: boolean;
  readonly fsync: boolean;
}

/**
 * Appends whole records at the end of one segment file and returns its new index. On a
 * throw the caller marks the file dirty, so the next write cuts what this one left.
 */
export async function writeSegment(write: SegmentWrite): Promise<Readonly<SeriesIndex>> {
  const { segment, bars } = write;
  const { count } = segment.index;
  const dir = path.dirname(segment.filePath);
  const created = count === 0 ? await mkdir(dir, { recursive: true }) : undefined;
  // O_EXCL for a new segment: its name is its first bar's time, and nothing may be there yet.
  const flags = constants.O_WRONLY | constants.O_CREAT | (write.isNew ? constants.O_EXCL : 0);
  const handle = await open(segment.filePath, flags, 0o644);
  try {
    if (write.dirty) await handle.truncate(count * RECORD_BYTES);
    await writeRecordBytes(handle, count, encodeBars(bars));
    if (write.fsync) await handle.sync();
  } finally {
    await handle.close();
  }
  // A new file is durable only once its folder (and any folder mkdir made) is synced too.
  if (write.fsync && count === 0) await syncDirectories(dir, path.dirname(created ?? dir));
  return {
    count: count + bars.length,
    firstTime: segment.index.firstTime ?? (bars[0] as Bar).t,
    lastTime: (bars[bars.length - 1] as Bar).t,
  };
}
