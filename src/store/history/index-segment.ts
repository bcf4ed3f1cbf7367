import { open } from 'node:fs/promises';
import { readLineHead } from './history-line.js';
import type { HistoryIndex } from './history-index.js';

const CHUNK_BYTES = 4 * 1024 * 1024;
/** Kind, id and time sit well inside the first bytes of a line. */
const HEAD_BYTES = 256;
const NEWLINE = 0x0a;

export interface IndexedSegment {
  /** Bytes that hold whole lines; anything after it was torn and has been cut off. */
  readonly size: number;
  readonly records: number;
  /** Lines that were whole but not records (hand edits, disk damage): skipped, counted. */
  readonly skipped: number;
}

/**
 * Adds every record of one segment file to the index, reading it in chunks, without
 * parsing record bodies. A last line without its newline was cut by a crash mid-append:
 * it was never acknowledged, so it is dropped, and the file is truncated after the last
 * whole line so the next append starts clean.
 */
export async function indexSegment(filePath: string, segment: number, index: HistoryIndex): Promise<IndexedSegment> {
  const handle = await open(filePath, 'r+');
  try {
    const { size } = await handle.stat();
    let buffer = Buffer.alloc(Math.min(CHUNK_BYTES, Math.max(size, 1)));
    let filled = 0;
    let bufferStart = 0;
    let records = 0;
    let skipped = 0;
    let position = 0;
    while (position < size || filled > 0) {
      if (position < size && filled < buffer.length) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position);
        position += bytesRead;
        filled += bytesRead;
      }
      let lineStart = 0;
      for (let newline = buffer.indexOf(NEWLINE, 0); newline !== -1 && newline < filled; newline = buffer.indexOf(NEWLINE, lineStart)) {
        const head = readLineHead(buffer.toString('utf8', lineStart, Math.min(newline, lineStart + HEAD_BYTES)));
        if (head === undefined) skipped += 1;
        else {
          index.add(head.kind, { segment, offset: bufferStart + lineStart, length: newline + 1 - lineStart, at: head.at, id: head.id });
          records += 1;
        }
        lineStart = newline + 1;
      }
      if (lineStart === 0 && filled === buffer.length) {
        // One line longer than the buffer: grow it and read on.
        buffer = Buffer.concat([buffer, Buffer.alloc(buffer.length)]);
        continue;
      }
      buffer.copy(buffer, 0, lineStart, filled);
      filled -= lineStart;
      bufferStart += lineStart;
      if (position >= size) break;
    }
    const whole = bufferStart;
    if (whole < size) await handle.truncate(whole);
    return { size: whole, records, skipped };
  } finally {
    await handle.close();
  }
}
