import { describe, expect, it } from 'vitest';
import { APPROVER, VIEWER, type TestBot } from '../../helpers/test-bot.js';
import { backfillOf, buttonsOf, createMarketBot } from './market-chat-fixtures.js';

const lastButtons = (h: TestBot) => buttonsOf(h.calls.filter((c) => c.method === 'sendMessage').at(-1)).map((b) => `${b.text}=${b.callback_data}`);

const nothingStarted = (h: TestBot) => {
  expect(h.engine.market.runningBackfills(), 'no backfill runs').toEqual([]);
  expect(h.document.data.backfills, 'no job recorded').toEqual({});
};

describe('/backfill step by step', () => {
  it('skips the venue with one venue, offers the watchlist, retries a bad answer, confirms and starts', async () => {
    const h = createMarketBot();
    expect((await h.say('/backfill')).text, 'one venue: straight to the symbols').toBe('Symbols on sim? Comma-separated (BTC/USDT,ETH/USDT), or the watchlist (8).');
    expect(lastButtons(h), 'a Watchlist button and Cancel').toEqual(['Watchlist=cv:watchlist', 'Cancel=cv:__cancel']);
    expect((await h.press('cv:watchlist')).text, 'then the timeframes').toBe('Timeframes? e.g. 1h,1d');
    expect((await h.press('cv:1h,1d')).text, 'then the days').toBe('How many days back?');
    expect((await h.say('abc')).text, 'a bad answer is explained and asked again').toBe('Days must be a whole number from 1 to 3650 (got "abc"). Try again, or Cancel.');
    expect((await h.say('7')).text, 'a summary to confirm').toBe('Backfill 8 symbols · 1h, 1d · 7 days on sim?');
    nothingStarted(h);
    expect((await h.press('cv:confirm')).text, 'started, with its id').toMatch(/^Backfill b\w+ started: 8 symbols × 2 timeframes, 7 days on sim…$/);
    await h.settle();

    const { job, final } = backfillOf(h);
    expect(job.request, 'the watchlist, both timeframes, 7 days').toEqual({ venue: 'sim', symbols: h.market.knownSymbols(), timeframes: ['1h', '1d'], days: 7 });
    expect(job.by, 'started by the approver').toBe(APPROVER);
    expect(String(final?.payload.text), 'the report replaces the progress message').toContain('✅ Done');
    expect(job.state, 'recorded done').toBe('done');
  });

  it('can be canceled mid-way, and then starts nothing', async () => {
    const h = createMarketBot();
    await h.say('/backfill');
    await h.press('cv:watchlist');
    expect((await h.press('cv:__cancel')).text, 'canceled on the button').toBe('Canceled.');
    expect((await h.say('7')).text, 'the conversation is over').toBe('I understand commands. Send /help for the list.');
    await h.say('/backfill');
    expect((await h.say('cancel')).text, 'or by typing cancel').toBe('Canceled.');
    await h.settle();
    nothingStarted(h);
  });

  it('is refused to a viewer', async () => {
    const h = createMarketBot();
    expect((await h.say('/backfill', VIEWER)).text, 'needs the approver role').toBe('/backfill needs the approver role; you are viewer.');
    expect((await h.say('/backfill sim BTC/USDT 1h 30', VIEWER)).text, 'in one line too').toBe('/backfill needs the approver role; you are viewer.');
    nothingStarted(h);
  });
});

describe('/backfill in one line with bad arguments', () => {
  const USAGE = 'Usage: /backfill <venue> <SYMBOL,SYMBOL…|watchlist> <1h,1d…> <days>';
  it.each([
    ['/backfill binance BTC/USDT 1h 30', '"binance" is not a venue here: choose sim.'],
    ['/backfill sim', 'Name at least one symbol, e.g. BTC/USDT,ETH/USDT, or "watchlist".'],
    ['/backfill sim BTC/USDT', 'Timeframes are among 1m, 5m, 15m, 1h, 4h, 1d.'],
    ['/backfill sim BTC/USDT 2h 30', 'Timeframes are among 1m, 5m, 15m, 1h, 4h, 1d ("2h" is not one).'],
    ['/backfill sim BTC/USDT 1h', 'Days must be a whole number from 1 to 3650 (got "").'],
    ['/backfill sim BTC/USDT 1h 0', 'Days must be a whole number from 1 to 3650 (got "0").'],
    ['/backfill sim BTC/USDT 1h 9999', 'Days must be a whole number from 1 to 3650 (got "9999").'],
    ['/backfill sim BTC/USDT 1h 2.5', 'Days must be a whole number from 1 to 3650 (got "2.5").'],
  ])('%s → a clear error with the usage, and nothing started', async (line, error) => {
    const h = createMarketBot();
    expect((await h.say(line)).text, 'says what is wrong, then how to write it').toBe(`${error} ${USAGE}`);
    await h.settle();
    nothingStarted(h);
  });

  it('refuses a symbol that is not one, with the usage', async () => {
    const h = createMarketBot();
    expect((await h.say('/backfill sim BTC/USDT,$$$ 1h 30')).text, 'names the bad symbol').toMatch(/\$\$\$.* Usage: \/backfill /);
    nothingStarted(h);
  });

});

// Regression, fixed (src/bot/conversations/start-backfill-from-chat.ts + src/engine/backfill/backfill-manager.ts): the job
// starts before its message is posted, and attachMessage ignores a job that already finished, so
// a backfill that ends before the reply returns (nothing left to fetch, unknown symbol) never gets
// its report: the "started…" message stays, with a dead Cancel button.
describe('/backfill that finishes at once', () => {
  it('still replaces the start message with the report when there is nothing left to fetch', async () => {
    const h = createMarketBot();
    await h.say('/backfill sim BTC/USDT 1h 7');
    await h.settle();
    await h.say('/backfill sim BTC/USDT 1h 7');
    await h.settle();
    const { job, final } = backfillOf(h);
    expect(Object.values(h.document.data.outbox.slots).some((slot) => slot.slot === `backfill:${job.id}`), 'the message is known').toBe(true);
    expect(String(final?.payload.text), 'the report replaced it').toContain('✅ Done in 0s: 1/1 series ok · 0 bars stored');
  });

  it('still reports an unknown symbol as "no data at venue"', async () => {
    const h = createMarketBot();
    await h.say('/backfill sim ZZZZ/USDT 1h 7');
    await h.settle();
    expect(String(backfillOf(h).final?.payload.text), 'the report names the reason').toContain('0/1 series ok, 1 failed: no data at venue · 0 bars stored');
  });
});
