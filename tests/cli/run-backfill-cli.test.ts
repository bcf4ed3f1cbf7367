import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { askYesNo } from '../../src/cli/ask-yes-no.js';
import type { BackfillEstimate } from '../../src/engine/backfill/estimate-backfill.js';
import type { BackfillReport } from '../../src/engine/backfill/run-backfill.js';
import { createProgressPrinter } from '../../src/cli/progress-printer.js';
import { runBackfillCli, type BackfillCliDeps } from '../../src/cli/run-backfill-cli.js';
import type { BackfillCliOptions } from '../../src/cli/parse-backfill-cli.js';

const OPTIONS: BackfillCliOptions = { venue: 'sim', symbols: 'BTC/USDT', timeframes: ['1m'], days: 3650, yes: false };
const BIG: BackfillEstimate = { series: 1, bars: 5_256_000, bytes: 252_288_000, requests: 5_256, seconds: 176, needsConfirmation: true };
const REPORT: BackfillReport = { request: { venue: 'sim', symbols: ['BTC/USDT'], timeframes: ['1m'], days: 3650 }, series: [{ symbol: 'BTC/USDT', timeframe: '1m', stored: 5_256_000, dropped: 0, gaps: 0, missingBars: 0, status: 'ok' }], barsStored: 5_256_000, durationMs: 1_000, canceled: false };

function createDeps(ask: BackfillCliDeps['ask']) {
  const out: string[] = [];
  const start = vi.fn(() => ({ kind: 'started' as const, handle: { job: { id: 'b1', request: REPORT.request, state: 'running' as const, startedAt: '2026-01-01T00:00:00Z' }, done: Promise.resolve(REPORT), cancel: () => undefined } }));
  const deps: BackfillCliDeps = {
    backfills: { venues: () => ['sim'], checkSymbols: async () => undefined, estimate: async () => BIG, start },
    watchlistOf: () => [],
    out: { write: (t: string) => out.push(t) },
    err: { write: (t: string) => out.push(t) },
    ask,
  };
  return { deps, out, start };
}

describe('runBackfillCli: a big backfill from a terminal', () => {
  it('shows the estimate and asks; "no" starts nothing and exits 1', async () => {
    const asked: string[] = [];
    const { deps, out, start } = createDeps(async (q) => (asked.push(q), false));
    expect(await runBackfillCli(deps, OPTIONS), 'not confirmed').toBe(1);
    expect(out[0], 'the estimate first').toBe('Backfill on sim: 1 symbol × 1 timeframe = 1 series, 3,650 days back: about 5,260,000 bars · 240.6 MB on disk · about 3m.\n');
    expect(asked, 'one question').toEqual(['That is a lot. Start it?']);
    expect(out.at(-1), 'told').toBe('Not started.\n');
    expect(start, 'nothing started').not.toHaveBeenCalled();
  });

  it('starts on "yes", and with --yes without asking', async () => {
    const yes = createDeps(async () => true);
    expect(await runBackfillCli(yes.deps, OPTIONS), 'done').toBe(0);
    expect(yes.start, 'started once').toHaveBeenCalledTimes(1);
    expect(yes.out.at(-1), 'the report').toBe('1/1 series ok · 5,256,000 bars stored\n');
    const flag = createDeps(undefined);
    expect(await runBackfillCli(flag.deps, { ...OPTIONS, yes: true }), '--yes needs no terminal').toBe(0);
    expect(flag.start, 'started').toHaveBeenCalledTimes(1);
  });
});

describe('createProgressPrinter', () => {
  it('prints the share by time covered, the series done and the bars, without an empty field before the first series', () => {
    const lines: string[] = [];
    const printer = createProgressPrinter({ write: (t: string) => lines.push(t) }, false);
    printer.progress({ seriesTotal: 24, seriesDone: 0, barsStored: 0, share: 0, current: undefined, elapsedMs: 0, etaMs: undefined });
    printer.progress({ seriesTotal: 24, seriesDone: 3, barsStored: 1, share: 0.5, current: 'BTC/USDT 1m', elapsedMs: 5_000, etaMs: 5_000 });
    expect(lines, 'plain lines in a pipe').toEqual([
      '░░░░░░░░░░░░░░░░░░░░ 0% · series 0/24 done · 0 bars stored · elapsed 0s · ETA after the first page\n',
      '██████████░░░░░░░░░░ 50% · series 3/24 done · 1 bar stored · BTC/USDT 1m · elapsed 5s · ETA 5s\n',
    ]);
  });
});

describe('askYesNo', () => {
  const answer = async (typed: string | undefined) => {
    const input = new PassThrough();
    const output = new PassThrough();
    const asked = askYesNo('Start it?', { input, output });
    if (typed === undefined) input.end();
    else input.write(`${typed}\n`);
    return asked;
  };
  it('takes only y or yes as a yes: Enter alone and Ctrl-D leave it unstarted', async () => {
    expect(await answer('y'), 'y').toBe(true);
    expect(await answer('YES'), 'yes, any case').toBe(true);
    expect(await answer(''), 'Enter alone').toBe(false);
    expect(await answer('sure'), 'anything else').toBe(false);
    expect(await answer(undefined), 'the input closed (Ctrl-D)').toBe(false);
  });
});
