import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as SimSource from '../../../src/engine/venues/sim/simulated-bar-source.js';
import { createInboundRepository } from '../../../src/store/inbound-repository.js';
import { APPROVER, OWNER, createTestBot, type TestBot } from '../../helpers/test-bot.js';
import { backfillOf, buttonsOf, createDoor, createMarketBot } from './market-chat-fixtures.js';
import { simPages } from './sim-pages.js';

vi.mock('../../../src/engine/venues/sim/simulated-bar-source.js', async (importOriginal) => {
  const real = await importOriginal<typeof SimSource>();
  const { simPages: hook } = await import('./sim-pages.js');
  return {
    ...real,
    createSimulatedBarSource: (market: Parameters<typeof real.createSimulatedBarSource>[0]) => {
      const inner = real.createSimulatedBarSource(market);
      return {
        venue: inner.venue,
        async *fetchBars(...args: Parameters<typeof inner.fetchBars>) {
          for await (const page of inner.fetchBars(...args)) {
            await hook.before?.();
            yield page;
          }
        },
      };
    },
  };
});

afterEach(() => {
  simPages.before = undefined;
});

/** Two years of one-minute bars: about a million, just above the threshold. */
const BIG = '/backfill sim BTC/USDT 1m 730';
const toast = (calls: TestBot['calls']) => calls.find((c) => c.method === 'answerCallbackQuery')?.payload.text;
const pendingJob = (h: TestBot) => Object.values(h.document.data.backfills).find((j) => j.state === 'pending');

describe('/backfill asks before huge work', () => {
  // Regression, fixed: `/backfill sim watchlist 1m 3650` (about 42 M bars, 2 GB) started at once.
  it('shows the estimated bars, disk and time of ten years of 1m bars with Confirm and Cancel, and starts nothing', async () => {
    const h = createMarketBot();
    const asked = (await h.say('/backfill sim watchlist 1m 3650')).text;
    expect(asked, 'the estimate, in series').toMatch(/8 symbols × 1 timeframe = 8 series: about 42,000,000 bars · 1\.9 GB on disk · about \d+m\./);
    expect(asked, 'and why it asks').toContain('That is a lot. Start it? The question stands for 5 minutes.');
    const job = pendingJob(h);
    expect(buttonsOf(h.calls.filter((c) => c.method === 'sendMessage').at(-1)), 'Confirm and Cancel').toEqual([
      { text: 'Confirm', callback_data: `bs:${job?.id}` },
      { text: 'Cancel', callback_data: `bc:${job?.id}` },
    ]);
    expect(h.engine.market.runningBackfills(), 'nothing runs').toEqual([]);
  });

  it('starts on Confirm, a decision tap: the question becomes the progress, then the report', async () => {
    const h = createMarketBot();
    const door = createDoor();
    simPages.before = door.wait;
    await h.say(BIG);
    const job = pendingJob(h)!;
    const pressed = await h.press(`bs:${job.id}`, OWNER, { settle: false });
    expect(toast(pressed.calls), 'the tap is answered').toBe('Started: the progress follows in this message.');
    expect(h.document.data.backfills[job.id]?.state, 'running').toBe('running');
    expect(h.history.entries.filter((e) => e.kind === 'intent').map((e) => (e.value as { kind: string; result: string }).result), 'recorded as a decision, with its result').toEqual(['started']);
    await h.press(`bc:${job.id}`, APPROVER, { settle: false });
    door.open();
    await h.settle();
    const { progress, final } = backfillOf(h);
    expect(String(progress[0]?.payload.text), 'the question was turned into the progress at once').toMatch(/Series 0\/1 done/);
    expect(String(final?.payload.text), 'and then into the report').toContain('⏹ Canceled');
    expect((await h.press(`bs:${job.id}`)).calls.map((c) => c.payload.text), 'a second Confirm starts nothing').toEqual(['This backfill is no longer waiting for a yes: send /backfill again.']);
  });

  it('drops the request on Cancel and says so in place of the question', async () => {
    const h = createMarketBot();
    await h.say(BIG);
    const job = pendingJob(h)!;
    expect(toast((await h.press(`bc:${job.id}`)).calls), 'told').toBe('Canceled: nothing was fetched.');
    expect(String(backfillOf(h).final?.payload.text), 'the question is replaced').toContain('Not started: canceled, nothing was fetched. Send /backfill again to start over.');
    expect(backfillOf(h).final?.payload.reply_markup, 'no buttons left').toBeUndefined();
    expect(h.document.data.backfills[job.id], 'recorded').toMatchObject({ state: 'canceled', summary: 'not started' });
    expect(toast((await h.press(`bs:${job.id}`)).calls), 'a late Confirm starts nothing').toBe('This backfill is no longer waiting for a yes: send /backfill again.');
    expect(h.engine.market.runningBackfills(), 'nothing ran').toEqual([]);
  });

  it('refuses a Confirm after 5 minutes and replaces the question', async () => {
    const h = createMarketBot();
    await h.say(BIG);
    const job = pendingJob(h)!;
    h.clock.advance(5 * 60_000);
    expect(toast((await h.press(`bs:${job.id}`)).calls), 'too late').toBe('Too late: the question stood for 5 minutes. Send /backfill again.');
    expect(String(backfillOf(h).final?.payload.text), 'the question says so').toContain('Not started: not confirmed in time.');
    expect(h.engine.market.runningBackfills(), 'nothing runs').toEqual([]);
  });

  it('starts after a restart a Confirm that was recorded when the process died', async () => {
    const first = createMarketBot();
    await first.say('/backfill');
    await first.say('BTC/USDT');
    await first.say('1d');
    await first.say('7');
    const job = pendingJob(first)!;
    const inbound = createInboundRepository({ document: first.document, history: first.history });
    await inbound.addIntent({ updateId: 9001, kind: 'start_backfill', target: job.id, user: { id: APPROVER, name: 'User222' }, chatId: APPROVER, at: first.clock.now().toISOString() });

    const second = createTestBot({}, { user: APPROVER, engine: { document: first.document, history: first.history, clock: first.clock } });
    await second.inbound.intents.recover();
    await second.settle();
    expect(second.document.data.backfills[job.id], 'started and done by the next process: the 6 closed days of 7').toMatchObject({ state: 'done', summary: '1/1 series ok · 6 bars stored' });
    expect(second.document.data.inbound.intents, 'nothing left to carry out').toEqual([]);
  });
});
