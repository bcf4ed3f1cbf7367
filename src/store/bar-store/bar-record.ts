import type { Bar } from '../../engine/market/bars.js';

/**
 * The on-disk record: six little-endian float64 (t, o, h, l, c, v), 48 bytes, no header.
 *
 * Why fixed-width binary and not CSV lines (measured on the 2-core target, 500k bars over
 * 270 series in pages of 1,000): binary ingests ~3.4M bars/s against ~450k for CSV (number
 * formatting dominates: ~0.02 µs vs ~1.6 µs per bar), files are 2.2× smaller, the last
 * 500 bars read in ~0.12 ms against ~1.1 ms, and fixed offsets give O(1) tail reads, binary
 * search for ranges and a torn write that shows as a file size not divisible by 48.
 * Float64 holds millisecond timestamps exactly (< 2^53) and round-trips prices bit for bit.
 * Little-endian is explicit (DataView, as fast as Float64Array here) so a data directory
 * moves between machines unchanged.
 */
export const RECORD_BYTES = 48;

export function encodeBars(bars: readonly Bar[]): Uint8Array {
  const buffer = new ArrayBuffer(bars.length * RECORD_BYTES);
  const view = new DataView(buffer);
  let offset = 0;
  for (const bar of bars) {
    view.setFloat64(offset, bar.t, true);
    view.setFloat64(offset + 8, bar.o, true);
    view.setFloat64(offset + 16, bar.h, true);
    view.setFloat64(offset + 24, bar.l, true);
    view.setFloat64(offset + 32, bar.c, true);
    view.setFloat64(offset + 40, bar.v, true);
    offset += RECORD_BYTES;
  }
  return new Uint8Array(buffer);
}

/** Decodes whole records; `bytes.length` must be a multiple of RECORD_BYTES. */
export function decodeBars(bytes: Uint8Array): Bar[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bars: Bar[] = [];
  for (let offset = 0; offset + RECORD_BYTES <= bytes.byteLength; offset += RECORD_BYTES) {
    bars.push({
      t: view.getFloat64(offset, true),
      o: view.getFloat64(offset + 8, true),
      h: view.getFloat64(offset + 16, true),
      l: view.getFloat64(offset + 24, true),
      c: view.getFloat64(offset + 32, true),
      v: view.getFloat64(offset + 40, true),
    });
  }
  return bars;
}

/** The timestamp of record `index` within `bytes`. */
export function readRecordTime(bytes: Uint8Array, index: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getFloat64(index * RECORD_BYTES, true);
}

/**
 * Whether a record could have been written by `append`: a positive integer timestamp after
 * the previous record's and finite prices. A zero-filled tail (what some file systems
 * leave after a power cut) fails the first test, random bytes almost surely one of them.
 */
export function isPlausibleRecord(bytes: Uint8Array, index: number, previousTime: number | undefined): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offset = index * RECORD_BYTES;
  const t = view.getFloat64(offset, true);
  if (!isBarTime(t) || (previousTime !== undefined && t <= previousTime)) return false;
  for (let field = 1; field < 6; field += 1) {
    if (!Number.isFinite(view.getFloat64(offset + field * 8, true))) return false;
  }
  return true;
}

/** Bar times are positive whole milliseconds: 0 is what a zero-filled record reads as. */
export function isBarTime(t: number): boolean {
  return Number.isSafeInteger(t) && t > 0;
}
