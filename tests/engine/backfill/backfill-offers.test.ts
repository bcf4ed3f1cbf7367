import { describe, expect, it } from 'vitest';
import { createBackfillManager } from '../../../src/engine/backfill/backfill-manager.js';
import { createSymbolCheck } from '../../../src/engine/backfill/check-symbols.js';
import { CONFIRM_WITHIN_MS } from '../../../src/engine/backfill/create-backfill-offers.js';
import type { BackfillRequest } from '../../../src/engine/backfill/run-backfill.js';
import { findGaps } from '../../../src/engine/market/expected-bar-times.js';
import { createBackfillJobsRepository } from '../../../src/store/backfill-jobs-repository.js';
import { createMemoryBarStore } from '../../helpers/memory-bar-store.js';
import { createMemoryDocument, createTestClock } from '../../helpers/test-engine.js';
import { NOW, createSimSource } from './backfill-fixtures.js';

const SMALL: BackfillRequest = { venue: 'sim', symbols: ['BTC/USDT'], timeframes: ['1d'], days: 30 };
/** Five years of 1m bars: 2.6 million, above the threshold. */
const BIG: BackfillRequest = { venue: 'sim', symbols: ['BTC/USDT'], timeframes: ['1m'], days: 1825 };

function createHarness() {
  const document = createMemoryDocument();
  const clock = createTestClock(NOW.toISOString());
  const manager = createBackfillManager({
    sources: new Map([['sim', createSimSource()]]),
    store: createMemoryBarStore(),
    jobs: createBackfillJobsRepository({ document }),
    clock: clock.now,
    concurrency: 2,
    findGaps,
    events: { emit: () => undefined },
    checkSymbols: createSymbolCheck({ listOf: () => ['BTC/USDT', 'ETH/USDT'], priceOf: async () => undefined }),
  });
  return { manager, document, clock, saved: (id: string) => document.data.backfills[id] };
}

describe('backfill offers: no surprise huge work', () => {
  it('starts a small request at once, with its estimate', async () => {
    const h = createHarness();
    const result = await h.manager.prepare(SMALL, { by: 7 });
    expect(result.kind, 'small: no question asked').toBe('started');
    expect(result.kind === 'started' && result.estimate, 'the estimate comes along for the message').toMatchObject({ bars: 29, bytes: 29 * 48, needsConfirmation: false });
    if (result.kind === 'started') await result.handle.done;
  });

  it('records a big request as pending, starts nothing, and starts it on the confirmation, once', async () => {
    const h = createHarness();
    const result = await h.manager.prepare(BIG, { by: 7 });
    if (result.kind !== 'confirm') throw new Error(`expected confirm, got ${result.kind}`);
    expect(result.estimate, '2.6 million bars, about 126 MB').toMatchObject({ bars: 1825 * 1440, bytes: 1825 * 1440 * 48, needsConfirmation: true });
    expect(h.manager.running(), 'nothing runs before the yes').toEqual([]);
    expect(h.saved(result.job.id), 'recorded, so the tap works after a restart').toMatchObject({ state: 'pending', by: 7, expiresAt: new Date(NOW.getTime() + CONFIRM_WITHIN_MS).toISOString() });

    const confirmed = await h.manager.confirm(result.job.id);
    expect(confirmed.kind, 'the yes starts it').toBe('started');
    expect(h.saved(result.job.id)?.state, 'recorded running before it starts').toBe('running');
    expect((await h.manager.confirm(result.job.id)).kind, 'a second yes (a redelivered tap) starts nothing').toBe('not_pending');
    h.manager.cancel(result.job.id);
    if (confirmed.kind === 'started') await confirmed.handle.done;
  });

  it('lets a pending request expire, and discards one on Cancel', async () => {
    const h = createHarness();
    const late = await h.manager.prepare(BIG);
    const dropped = await h.manager.prepare({ ...BIG, symbols: ['ETH/USDT'] });
    if (late.kind !== 'confirm' || dropped.kind !== 'confirm') throw new Error('expected two questions');
    expect(await h.manager.discard(dropped.job.id), 'Cancel drops it').toBe(true);
    expect(h.saved(dropped.job.id), 'recorded as not started').toMatchObject({ state: 'canceled', summary: 'not started' });
    expect((await h.manager.confirm(dropped.job.id)).kind, 'a late yes starts nothing').toBe('not_pending');
    h.clock.advance(CONFIRM_WITHIN_MS);
    expect((await h.manager.confirm(late.job.id)).kind, 'five minutes on, the yes is void').toBe('expired');
    expect(h.saved(late.job.id), 'and recorded so').toMatchObject({ state: 'canceled', summary: 'not confirmed in time' });
    expect(h.manager.running(), 'nothing ran').toEqual([]);
  });

  it('refuses symbols the venue does not know before anything is recorded, naming the known ones', async () => {
    const h = createHarness();
    const result = await h.manager.prepare({ ...SMALL, symbols: ['BTC/USDT', 'FOO/USDT'] });
    expect(result, 'refused with the valid ones').toEqual({ kind: 'invalid', problem: '"FOO/USDT" is not a symbol on sim. Known there: BTC/USDT, ETH/USDT' });
    expect(h.document.data.backfills, 'nothing recorded').toEqual({});
  });
});
