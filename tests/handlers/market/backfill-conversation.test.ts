import { describe, expect, it } from 'vitest';
import { APPROVER, VIEWER, type TestBot } from '../../helpers/test-bot.js';
import { backfillOf, buttonsOf, createMarketBot } from './market-chat-fixtures.js';

const lastButtons = (h: TestBot) => buttonsOf(h.calls.filter((c) => c.method === 'sendMessage').at(-1)).map((b) => `${b.text}=${b.callback_data}`);

const nothingStarted = (h: TestBot) => {
  expect(h.engine.market.runningBackfills(), 'no backfill runs').toEqual([]);
  expect(h.document.data.backfills, 'no job recorded').toEqual({});
};

describe('/backfill step by step', () => {
  it('skips the venue with one venue, offers the watchlist, retries a bad answer, shows the estimate, confirms and starts', async () => {
    const h = createMarketBot();
    expect((await h.say('/backfill')).text, 'one venue: straight to the symbols').toBe('Symbols on sim? Comma-separated (BTC/USDT,ETH/USDT), or the watchlist (8).');
    expect(lastButtons(h), 'a Watchlist button and Cancel').toEqual(['Watchlist=cv:watchlist', 'Cancel=cv:__cancel']);
    expect((await h.press('cv:watchlist')).text, 'then the timeframes').toBe('Timeframes? e.g. 1h,1d');
    expect((await h.press('cv:1h,1d')).text, 'then the days').toBe('How many days back?');
    expect((await h.say('abc')).text, 'a bad answer is explained and asked again').toBe('Days must be a whole number from 1 to 3650 (got "abc"). Try again, or Cancel.');
    const question = (await h.say('7')).text;
    expect(question, 'the estimate, to confirm').toContain('8 symbols × 2 timeframes = 16 series: about 1,392 bars · 65.3 kB on disk · under a minute.');
    expect(question, 'and how long the question stands').toContain('Start it? The question stands for 5 minutes.');
    const job = Object.values(h.document.data.backfills)[0];
    expect(job?.state, 'recorded as waiting for its yes, so the tap works after a restart').toBe('pending');
    expect(lastButtons(h), 'Confirm and Cancel, naming the job').toEqual([`Confirm=bs:${job?.id}`, `Cancel=bc:${job?.id}`]);
    expect(h.engine.market.runningBackfills(), 'nothing runs before the yes').toEqual([]);
    const pressed = await h.press(`bs:${job?.id}`);
    expect(pressed.calls.find((c) => c.method === 'answerCallbackQuery')?.payload.text, 'the tap is answered').toBe('Started: the progress follows in this message.');
    expect(h.document.data.inbound.intents, 'the tap was recorded and carried out').toEqual([]);

    const { final } = backfillOf(h);
    expect(h.document.data.backfills[job!.id]?.request, 'the watchlist, both timeframes, 7 days').toEqual({ venue: 'sim', symbols: h.market.knownSymbols(), timeframes: ['1h', '1d'], days: 7 });
    expect(h.document.data.backfills[job!.id]?.by, 'asked by the approver').toBe(APPROVER);
    expect(String(final?.payload.text), 'the report replaces the question').toContain('✅ Done');
    expect(h.document.data.backfills[job!.id]?.state, 'recorded done').toBe('done');
  });

  // Regression, fixed: the step-by-step /backfill took "FOO/USDT" and failed only when it ran.
  it('rejects a symbol the venue does not know at its question, with the known ones, and asks again', async () => {
    const h = createMarketBot();
    await h.say('/backfill');
    expect((await h.say('BTC/USDT,FOO/USDT')).text, 'refused at once, with the valid ones').toBe(
      `"FOO/USDT" is not a symbol on sim. Known there: ${h.market.knownSymbols().join(', ')}. Symbols on sim? Comma-separated (BTC/USDT,ETH/USDT), or the watchlist (8).`,
    );
    expect((await h.say('BTC/USDT')).text, 'a good answer goes on').toBe('Timeframes? e.g. 1h,1d');
    nothingStarted(h);
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
    ['/backfill sim BTC/USDT', 'Timeframes missing: name one or more of 1m, 5m, 15m, 1h, 4h, 1d, separated by commas.'],
    ['/backfill sim BTC/USDT 2h 30', 'Timeframes are among 1m, 5m, 15m, 1h, 4h, 1d ("2h" is not one).'],
    ['/backfill sim BTC/USDT 1h', 'Days missing: how many days back, from 1 to 3650.'],
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
    expect(String(final?.payload.text), 'the report replaced it').toContain('✅ Done in under 1s: 1/1 series ok · 0 bars stored');
  });

  it('posts a backfill with nothing missing without a Cancel button', async () => {
    const h = createMarketBot();
    await h.say('/backfill sim BTC/USDT 1h 7');
    await h.settle();
    const { texts } = await h.say('/backfill sim BTC/USDT 1h 7', undefined, { settle: false });
    const posted = h.calls.filter((c) => c.method === 'sendMessage').at(-1);
    expect(String(posted?.payload.text), 'the no-op start').toContain('nothing missing, all stored already');
    expect(texts.length, 'one message').toBe(1);
    expect(buttonsOf(posted), 'nothing to cancel').toEqual([]);
    await h.settle();
  });

  it('refuses an unknown symbol before anything starts, naming the known ones', async () => {
    const h = createMarketBot();
    expect((await h.say('/backfill sim ZZZZ/USDT 1h 7')).text, 'told at once, not as "no data at venue" after a run').toBe(
      `Backfill not started: "ZZZZ/USDT" is not a symbol on sim. Known there: ${h.market.knownSymbols().join(', ')}.`,
    );
    nothingStarted(h);
  });
});
