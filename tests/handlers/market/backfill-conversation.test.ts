import { describe, expect, it } from 'vitest';
import { sentTexts } from '../../helpers/record-api.js';
import { APPROVER, VIEWER, createTestBot } from '../../helpers/test-bot.js';
import { callbackUpdate, textUpdate } from '../../helpers/updates.js';
import { backfillOf, buttonsOf, type Harness } from './market-chat-fixtures.js';

async function say(h: Harness, text: string, from = APPROVER) {
  await h.bot.handleUpdate(textUpdate(from, text));
  return sentTexts(h.calls).at(-1) ?? '';
}

async function press(h: Harness, data: string, from = APPROVER) {
  await h.bot.handleUpdate(callbackUpdate(from, data));
  return sentTexts(h.calls).at(-1) ?? '';
}

const lastButtons = (h: Harness) => buttonsOf(h.calls.filter((c) => c.method === 'sendMessage').at(-1)).map((b) => `${b.text}=${b.callback_data}`);

const nothingStarted = (h: Harness) => {
  expect(h.engine.market.runningBackfills(), 'no backfill runs').toEqual([]);
  expect(h.document.data.backfills, 'no job recorded').toEqual({});
};

describe('/backfill step by step', () => {
  it('skips the venue with one venue, offers the watchlist, retries a bad answer, confirms and starts', async () => {
    const h = createTestBot();
    expect(await say(h, '/backfill'), 'one venue: straight to the symbols').toBe('Symbols on sim? Comma-separated (BTC/USDT,ETH/USDT), or the watchlist (8).');
    expect(lastButtons(h), 'a Watchlist button and Cancel').toEqual(['Watchlist=cv:watchlist', 'Cancel=cv:__cancel']);
    expect(await press(h, 'cv:watchlist'), 'then the timeframes').toBe('Timeframes? e.g. 1h,1d');
    expect(await press(h, 'cv:1h,1d'), 'then the days').toBe('How many days back?');
    expect(await say(h, 'abc'), 'a bad answer is explained and asked again').toBe('Days must be a whole number from 1 to 3650 (got "abc"). Try again, or Cancel.');
    expect(await say(h, '7'), 'a summary to confirm').toBe('Backfill 8 symbols · 1h, 1d · 7 days on sim?');
    nothingStarted(h);
    expect(await press(h, 'cv:confirm'), 'started, with its id').toMatch(/^Backfill b\w+ started: 8 symbols × 2 timeframes, 7 days on sim…$/);
    await h.settle();

    const { job, final } = backfillOf(h);
    expect(job.request, 'the watchlist, both timeframes, 7 days').toEqual({ venue: 'sim', symbols: h.market.knownSymbols(), timeframes: ['1h', '1d'], days: 7 });
    expect(job.by, 'started by the approver').toBe(APPROVER);
    expect(String(final?.payload.text), 'the report replaces the progress message').toContain('✅ Done');
    expect(job.state, 'recorded done').toBe('done');
  });

  it('can be canceled mid-way, and then starts nothing', async () => {
    const h = createTestBot();
    await say(h, '/backfill');
    await press(h, 'cv:watchlist');
    expect(await press(h, 'cv:__cancel'), 'canceled on the button').toBe('Canceled.');
    expect(await say(h, '7'), 'the conversation is over').toBe('I understand commands. Send /help for the list.');
    await say(h, '/backfill');
    expect(await say(h, 'cancel'), 'or by typing cancel').toBe('Canceled.');
    await h.settle();
    nothingStarted(h);
  });

  it('is refused to a viewer', async () => {
    const h = createTestBot();
    expect(await say(h, '/backfill', VIEWER), 'needs the approver role').toBe('/backfill needs the approver role; you are viewer.');
    expect(await say(h, '/backfill sim BTC/USDT 1h 30', VIEWER), 'in one line too').toBe('/backfill needs the approver role; you are viewer.');
    nothingStarted(h);
  });
});

describe('/backfill in one line with bad arguments', () => {
  const USAGE = 'Usage: /backfill <venue> <SYMBOL,SYMBOL…|watchlist> <1h,1d…> <days>';
  it.each([
    ['/backfill binance BTC/USDT 1h 30', 'Choose a venue: sim.'],
    ['/backfill sim', 'Name at least one symbol, e.g. BTC/USDT,ETH/USDT, or "watchlist".'],
    ['/backfill sim BTC/USDT', 'Timeframes are among 1m, 5m, 15m, 1h, 4h, 1d.'],
    ['/backfill sim BTC/USDT 2h 30', 'Timeframes are among 1m, 5m, 15m, 1h, 4h, 1d ("2h" is not one).'],
    ['/backfill sim BTC/USDT 1h', 'Days must be a whole number from 1 to 3650 (got "").'],
    ['/backfill sim BTC/USDT 1h 0', 'Days must be a whole number from 1 to 3650 (got "0").'],
    ['/backfill sim BTC/USDT 1h 9999', 'Days must be a whole number from 1 to 3650 (got "9999").'],
    ['/backfill sim BTC/USDT 1h 2.5', 'Days must be a whole number from 1 to 3650 (got "2.5").'],
  ])('%s → a clear error with the usage, and nothing started', async (line, error) => {
    const h = createTestBot();
    expect(await say(h, line), 'says what is wrong, then how to write it').toBe(`${error} ${USAGE}`);
    await h.settle();
    nothingStarted(h);
  });

  it('refuses a symbol that is not one, with the usage', async () => {
    const h = createTestBot();
    expect(await say(h, '/backfill sim BTC/USDT,$$$ 1h 30'), 'names the bad symbol').toMatch(/\$\$\$.* Usage: \/backfill /);
    nothingStarted(h);
  });

});

// Regression, fixed (src/bot/conversations/start-backfill-from-chat.ts + src/engine/backfill/backfill-manager.ts): the job
// starts before its message is posted, and attachMessage ignores a job that already finished, so
// a backfill that ends before the reply returns (nothing left to fetch, unknown symbol) never gets
// its report: the "started…" message stays, with a dead Cancel button.
describe('/backfill that finishes at once', () => {
  it('still replaces the start message with the report when there is nothing left to fetch', async () => {
    const h = createTestBot();
    await say(h, '/backfill sim BTC/USDT 1h 7');
    await h.settle();
    await say(h, '/backfill sim BTC/USDT 1h 7');
    await h.settle();
    const { job, final } = backfillOf(h);
    expect(job.progressMessage, 'the message is known').toBeDefined();
    expect(String(final?.payload.text), 'the report replaced it').toContain('✅ Done in 0s: 1/1 ok · 0 bars stored');
  });

  it('still reports an unknown symbol as "no data at venue"', async () => {
    const h = createTestBot();
    await say(h, '/backfill sim ZZZZ/USDT 1h 7');
    await h.settle();
    expect(String(backfillOf(h).final?.payload.text), 'the report names the reason').toContain('0/1 ok, 1 failed: no data at venue · 0 bars stored');
  });
});
