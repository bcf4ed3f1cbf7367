import type { FileHandle } from 'node:fs/promises';
import { RECORD_BYTES, readRecordTime } from './bar-record.js';

/** What the store keeps in memory per series: enough to append and to bound every search. */
export interface SeriesIndex {
  count: number;
  firstTime: number | undefined;
  lastTime: number | undefined;
}

/** A lower bound narrows by single-record reads until this many records remain, then reads them at once. */
const SCAN_WINDOW_RECORDS = 512;

/** Records [start, end) as bytes; fewer if the file turned out shorter (only whole records). */
export async function readRecordBytes(handle: FileHandle, start: number, end: number): Promise<Uint8Array> {
  const length = Math.max(0, end - start) * RECORD_BYTES;
  // A fresh ArrayBuffer, not Buffer.allocUnsafe's shared pool: the bytes may be kept for a while.
  const bytes = new Uint8Array(new ArrayBuffer(length));
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(bytes, filled, length - filled, start * RECORD_BYTES + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return bytes.subarray(0, filled - (filled % RECORD_BYTES));
}

/** The index of the first record with t ≥ `target` (count when there is none). */
export async function findLowerBound(handle: FileHandle, index: SeriesIndex, target: number): Promise<number> {
  if (index.count === 0 || index.firstTime === undefined || target <= index.firstTime) return 0;
  if (index.lastTime === undefined || target > index.lastTime) return index.count;
  // The answer lies in [lo, hi]: record lo - 1 is known to be < target, record hi ≥ target.
  let lo = 1;
  let hi = index.count - 1;
  const one = new Uint8Array(new ArrayBuffer(RECORD_BYTES));
  while (hi - lo > SCAN_WINDOW_RECORDS) {
    const mid = (lo + hi) >>> 1;
    await handle.read(one, 0, RECORD_BYTES, mid * RECORD_BYTES);
    if (readRecordTime(one, 0) < target) lo = mid + 1;
    else hi = mid;
  }
  const window = await readRecordBytes(handle, lo, hi);
  const records = window.byteLength / RECORD_BYTES;
  for (let i = 0; i < records; i += 1) {
    if (readRecordTime(window, i) >= target) return lo + i;
  }
  return hi;
}

/**
 * Writes whole records at `start` (not O_APPEND: after a failed write the next one lands
 * on the record boundary again). One `write` call in the normal case; the loop only covers
 * a short write, which a crash could also leave — and that is what opening repairs.
 */
export async function writeRecordBytes(handle: FileHandle, start: number, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.byteLength) {
    const result = await handle.write(bytes, written, bytes.byteLength - written, start * RECORD_BYTES + written);
    written += result.bytesWritten;
  }
}
