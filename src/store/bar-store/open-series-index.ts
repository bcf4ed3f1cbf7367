import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { hasErrnoCode } from '../has-errno-code.js';
import { RECORD_BYTES, isPlausibleRecord, readRecordTime } from './bar-record.js';
import { readRecordBytes, type SeriesIndex } from './series-file.js';

export interface OpenedSeriesIndex extends SeriesIndex {
  /** Bytes cut off the end of the file: a torn or implausible tail left by a crash. */
  readonly droppedBytes: number;
}

/** Records checked per read while looking backwards for the last plausible one. */
const TAIL_CHUNK_RECORDS = 256;

/**
 * Reads a series file's index (count, first and last time) and repairs its tail first.
 * Appends only ever add whole records at the end, so damage can only be there: a partial
 * record (a write cut short by a crash; the size is then not a multiple of the record
 * size), or whole records a power cut left zero-filled. Both are truncated away, so the
 * file is again a valid prefix of what was written and the next append continues it.
 */
export async function openSeriesIndex(filePath: string): Promise<OpenedSeriesIndex> {
  let handle: FileHandle;
  try {
    handle = await open(filePath, 'r+');
  } catch (error) {
    if (hasErrnoCode(error, 'ENOENT')) return { count: 0, firstTime: undefined, lastTime: undefined, droppedBytes: 0 };
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const count = await countPlausibleRecords(handle, Math.floor(size / RECORD_BYTES));
    const validBytes = count * RECORD_BYTES;
    if (validBytes !== size) {
      await handle.truncate(validBytes);
      // The repair must not be undone by a later power cut, or the next append would
      // land behind garbage.
      await handle.sync();
    }
    const first = count > 0 ? await readRecordBytes(handle, 0, 1) : undefined;
    const last = count > 0 ? await readRecordBytes(handle, count - 1, count) : undefined;
    return {
      count,
      firstTime: first && first.byteLength > 0 ? readRecordTime(first, 0) : undefined,
      lastTime: last && last.byteLength > 0 ? readRecordTime(last, 0) : undefined,
      droppedBytes: size - validBytes,
    };
  } finally {
    await handle.close();
  }
}

/** How many leading records form the valid prefix, judged from the end backwards. */
async function countPlausibleRecords(handle: FileHandle, wholeRecords: number): Promise<number> {
  let end = wholeRecords;
  while (end > 0) {
    // One record before the chunk is read too, as the predecessor of the chunk's first.
    const start = Math.max(0, end - TAIL_CHUNK_RECORDS - 1);
    const bytes = await readRecordBytes(handle, start, end);
    const records = bytes.byteLength / RECORD_BYTES;
    for (let i = records - 1; i >= 0; i -= 1) {
      const previous = i > 0 ? readRecordTime(bytes, i - 1) : undefined;
      // The chunk's first record is only judged on its own when it is the file's first.
      if (i === 0 && start > 0) break;
      if (isPlausibleRecord(bytes, i, previous)) return start + i + 1;
    }
    end = start + 1;
    if (start === 0) return 0;
  }
  return 0;
}
