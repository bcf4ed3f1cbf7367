import type { Bar } from '../../engine/market/bars.js';
import type { SeriesIndex } from './series-file.js';

/** Where a group of bars goes: a segment by its position, or a new segment before the first. */
export interface PlannedWrite {
  readonly target: number | 'new';
  readonly bars: readonly Bar[];
}

/**
 * Splits sorted, unique bars by the segment that takes them (segments oldest first, the
 * main file last, which may be empty). A bar goes to the tail of the segment it follows
 * when it falls in the hole before the next one, to the main file when it is newer than
 * every stored bar, and to one new segment when it is older than them all. Bars within a
 * segment's [first, last] are skipped: each segment is a complete run, so that is a
 * duplicate or a bar the venue did not have when it was fetched.
 *
 * Every write lands after its segment's last bar and before the next segment's first, so
 * segments stay sorted, never overlap, and each file is only ever appended to.
 */
export function planInsert(segments: readonly Readonly<SeriesIndex>[], bars: readonly Bar[]): { writes: PlannedWrite[]; skipped: number } {
  const main = segments.length - 1;
  const filled = segments.map((s, position) => ({ ...s, position })).filter((s) => s.count > 0);
  const writes: PlannedWrite[] = [];
  let skipped = 0;
  let k = -1;
  let group: { target: number | 'new'; bars: Bar[] } | undefined;
  for (const bar of bars) {
    while (k + 1 < filled.length && (filled[k + 1]?.firstTime ?? Infinity) <= bar.t) k += 1;
    const target = targetOf(filled, k, bar.t, main);
    if (target === undefined) {
      skipped += 1;
      continue;
    }
    if (group?.target !== target) {
      group = { target, bars: [] };
      writes.push(group);
    }
    group.bars.push(bar);
  }
  return { writes, skipped };
}

/** The segment after whose last bar `t` belongs, given k = the last filled segment starting at or before t. */
function targetOf(filled: readonly (Readonly<SeriesIndex> & { position: number })[], k: number, t: number, main: number): number | 'new' | undefined {
  if (filled.length === 0) return main;
  if (k < 0) return 'new';
  const segment = filled[k] as Readonly<SeriesIndex> & { position: number };
  if (t <= (segment.lastTime ?? -Infinity)) return undefined;
  return k === filled.length - 1 ? main : segment.position;
}
