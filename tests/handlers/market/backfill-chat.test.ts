import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as SimSource from '../../../src/engine/venues/sim/simulated-bar-source.js';
import { APPROVER, VIEWER } from '../../helpers/test-bot.js';
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

const LINE = '/backfill sim BTC/USDT,ETH/USDT 5m 30';

describe('/backfill in one line', () => {
  it('posts a message with Cancel, edits it with the progress, and replaces it with the report', async () => {
    const h = createMarketBot();
    simPages.before = () => h.clock.advance(4_000);
    expect((await h.say(LINE)).text, 'the start is told at once, in series, with the estimate').toMatch(
      /^Backfill b\w+ started on sim: 2 symbols × 1 timeframe = 2 series, 30 days back: about 17,300 bars · 810\.0 kB on disk · under a minute\.$/,
    );
    const start = h.calls.filter((c) => c.method === 'sendMessage').at(-1);
    await h.settle();

    const { job, edits, progress, final } = backfillOf(h);
    expect(buttonsOf(start), 'the start message offers Cancel').toEqual([{ text: 'Cancel', callback_data: `bc:${job.id}` }]);
    expect(h.document.data.outbox.slots[`${APPROVER}:backfill:${job.id}`]?.chatId, 'the progress message is in the chat that asked').toBe(APPROVER);
    expect(progress.length, 'progress shown while it ran').toBeGreaterThanOrEqual(1);
    const text = String(progress.at(-1)?.payload.text);
    for (const part of [/[█░]{20} \d+%/, /Series \d\/2 done · [\d,]+ bars stored/, /Now: (BTC|ETH)\/USDT 5m/, /Elapsed \S+/, /ETA \S+/, new RegExp(`<code>${job.id}</code>`)]) {
      expect(text, `the progress shows ${part}`).toMatch(part);
    }
    expect(buttonsOf(progress.at(-1)), 'still cancelable').toEqual([{ text: 'Cancel', callback_data: `bc:${job.id}` }]);
    expect(final, 'the report is the last edit of the same message').not.toBe(progress.at(-1));
    expect(final?.payload.reply_markup, 'no Cancel once done').toBeUndefined();
    expect(String(final?.payload.text), 'the report').toMatch(/✅ Done in [^:]+: 2\/2 series ok · 17,280 bars stored/);
    expect(edits.every((c) => c.payload.parse_mode === 'HTML'), 'HTML throughout').toBe(true);
    expect(h.document.data.backfills[job.id], 'recorded done').toMatchObject({ state: 'done', by: APPROVER, summary: '2/2 series ok · 17,280 bars stored' });
  });

  it('throttles the edits: with the clock standing still, at most one progress edit and then the report', async () => {
    const h = createMarketBot();
    await h.say(LINE);
    const { progress, edits, final } = backfillOf(h);
    expect(progress.length, 'eighteen pages, one edit at most').toBeLessThanOrEqual(1);
    expect(edits.length - progress.length, 'one report').toBe(1);
    expect(String(final?.payload.text), 'and it is the report').toContain('✅ Done');
  });

  // Regression, fixed (src/bot/backfill-progress-view.ts): update() records the edit time before checking that the
  // job has a message; the first pages finish before the start message is attached, so the
  // throttle window is spent on an edit that never happens and progress shows 3 s late (never, for
  // a short run).
  it('shows the first progress as soon as the message exists', async () => {
    const h = createMarketBot();
    await h.say(LINE);
    expect(backfillOf(h).progress.length, 'one progress edit while the clock stands still').toBe(1);
  });

  it('edits at most every 3 s while time passes', async () => {
    const h = createMarketBot();
    const editedAt: number[] = [];
    h.bot.api.config.use((prev, method, payload, signal) => {
      if (method === 'editMessageText') editedAt.push(h.clock.now().getTime());
      return prev(method, payload, signal);
    });
    simPages.before = () => h.clock.advance(1_000);
    await h.say(LINE);
    const { progress } = backfillOf(h);
    expect(progress.length, 'several progress edits over 18 s').toBeGreaterThanOrEqual(3);
    const gaps = editedAt.slice(1, progress.length).map((t, i) => t - (editedAt[i] ?? 0));
    expect(Math.min(...gaps), 'never closer than 3 s').toBeGreaterThanOrEqual(3_000);
  });

  it('tells a second /backfill on the same venue which job is running', async () => {
    const h = createMarketBot();
    const door = createDoor();
    simPages.before = door.wait;
    await h.say(LINE, APPROVER, { settle: false });
    const running = h.engine.market.runningBackfills()[0];
    expect((await h.say('/backfill sim SOL/USDT 1h 7', APPROVER, { settle: false })).text, 'refused, naming the job').toBe(
      `A backfill is already running on sim: ${running?.id} (2 symbols, 5m, 30 days). Cancel it or wait.`,
    );
    expect(Object.keys(h.document.data.backfills), 'no second job').toEqual([running?.id]);
    door.open();
    await h.settle();
    expect(String(backfillOf(h).final?.payload.text), 'the first one finished').toContain('✅ Done');
  });

  it('cancels on the button of an approver: a toast, then a report that says Canceled', async () => {
    const h = createMarketBot();
    const door = createDoor();
    simPages.before = door.wait;
    await h.say(LINE, APPROVER, { settle: false });
    const { job } = backfillOf(h);
    await h.press(`bc:${job.id}`, APPROVER, { settle: false });
    expect(h.calls.at(-1), 'answered with a toast').toMatchObject({ method: 'answerCallbackQuery', payload: { text: 'Canceling; the report follows.' } });
    door.open();
    await h.settle();
    const { final } = backfillOf(h);
    expect(String(final?.payload.text), 'the report says canceled, once').toMatch(/⏹ Canceled in [^:]+: 0\/2 series ok, 2 not done · 2,000 bars stored$/m);
    expect(String(final?.payload.text), 'and how to resume').toContain('Run the same /backfill again to resume where it stopped.');
    expect(final?.payload.reply_markup, 'nothing left to cancel').toBeUndefined();
    expect(h.document.data.backfills[job.id]?.state, 'recorded canceled').toBe('canceled');
    await h.press(`bc:${job.id}`);
    expect(h.calls.at(-1)?.payload.text, 'a late tap is told').toBe('This backfill is no longer running.');
  });

  it('refuses Cancel from a viewer with an alert, and the job keeps running', async () => {
    const h = createMarketBot();
    const door = createDoor();
    simPages.before = door.wait;
    await h.say(LINE, APPROVER, { settle: false });
    const { job } = backfillOf(h);
    await h.press(`bc:${job.id}`, VIEWER, { settle: false });
    expect(h.calls.at(-1)?.payload, 'an alert, not a toast').toMatchObject({ show_alert: true, text: 'This needs the approver role.' });
    expect(h.engine.market.runningBackfills().map((j) => j.id), 'still running').toEqual([job.id]);
    door.open();
    await h.settle();
    expect(String(backfillOf(h).final?.payload.text), 'it completed').toContain('✅ Done');
  });

  // Regression, fixed (src/bot/backfill-progress-view.ts): edits of one message are not serialized, so a progress
  // edit that is slow (or retried by auto-retry after a 429) lands after the report and the message
  // is left showing progress with a Cancel button.
  it('keeps the report as the last word even when a progress edit is slow', async () => {
    const h = createMarketBot();
    let reportDone!: () => void;
    const reported = new Promise<void>((resolve) => (reportDone = resolve));
    h.bot.api.config.use(async (prev, method, payload, signal) => {
      const isProgress = method === 'editMessageText' && 'reply_markup' in payload && payload.reply_markup !== undefined;
      // The last progress edit (all 17,280 bars in) is slow: it lands after the report, or 300 ms later.
      if (isProgress && String((payload as { text?: string }).text).includes('17,280 bars stored')) await Promise.race([reported, new Promise((resolve) => setTimeout(resolve, 300))]);
      const result = await prev(method, payload, signal);
      if (method === 'editMessageText' && !isProgress) reportDone();
      return result;
    });
    simPages.before = () => h.clock.advance(4_000);
    await h.say(LINE);
    const { final } = backfillOf(h);
    expect(String(final?.payload.text), 'the message ends on the report').toContain('✅ Done');
    expect(final?.payload.reply_markup, 'with no Cancel button').toBeUndefined();
  });
});
