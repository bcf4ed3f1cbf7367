import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { SeriesKey } from '../../engine/market/bars.js';
import { hasErrnoCode } from '../has-errno-code.js';
import { parseSeriesPath } from './series-path.js';

/** Every series with a file under `dir`, sorted by venue, symbol and timeframe. Names this store never writes are ignored. */
export async function listSeriesFiles(dir: string): Promise<SeriesKey[]> {
  const found: SeriesKey[] = [];
  for (const venue of await readDirectories(dir)) {
    for (const symbol of await readDirectories(path.join(dir, venue))) {
      for (const entry of await readEntries(path.join(dir, venue, symbol))) {
        if (!entry.isFile()) continue;
        const key = parseSeriesPath(venue, symbol, entry.name);
        if (key !== undefined) found.push(key);
      }
    }
  }
  return found.sort(
    (a, b) => compare(a.venue, b.venue) || compare(a.symbol, b.symbol) || compare(a.timeframe, b.timeframe),
  );
}

async function readDirectories(dir: string): Promise<string[]> {
  return (await readEntries(dir)).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
}

async function readEntries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    // No bars stored yet, or a directory removed while we walk.
    if (hasErrnoCode(error, 'ENOENT')) return [];
    throw error;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
