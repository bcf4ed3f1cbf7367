import type { BackfillProgress } from '../engine/backfill/run-backfill.js';
import { formatBars } from '../engine/backfill/summarize-backfill.js';
import { formatEta, progressBar } from '../bot/messages/backfill-messages.js';
import { formatDuration } from '../bot/messages/format-duration.js';

const PLAIN_EVERY_MS = 2_000;

/**
 * On a terminal, one line redrawn in place; in a pipe or a log, a plain line every few
 * seconds (carriage returns would make a mess of a log file). The same figures as the
 * chat: the share by time covered, series done, bars stored.
 */
export function createProgressPrinter(out: { write(text: string): unknown }, tty: boolean) {
  let lastPlain = -Infinity;
  let drawn = false;
  const line = (p: BackfillProgress) =>
    `${progressBar(p.share)} · series ${p.seriesDone}/${p.seriesTotal} done · ${formatBars(p.barsStored)} stored · ${p.current === undefined ? '' : `${p.current} · `}elapsed ${formatDuration(p.elapsedMs / 1000)} · ETA ${formatEta(p.etaMs)}`;
  return {
    progress(p: BackfillProgress) {
      if (tty) {
        out.write(`\r\x1b[2K${line(p)}`);
        drawn = true;
        return;
      }
      if (p.elapsedMs - lastPlain < PLAIN_EVERY_MS && p.seriesDone < p.seriesTotal) return;
      lastPlain = p.elapsedMs;
      out.write(`${line(p)}\n`);
    },
    done() {
      if (drawn) out.write('\n');
      drawn = false;
    },
  };
}
