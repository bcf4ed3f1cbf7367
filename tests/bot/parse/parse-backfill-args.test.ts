import { describe, expect, it } from 'vitest';
import { BACKFILL_USAGE, parseBackfillArgs, parseSymbolList } from '../../../src/bot/parse/parse-backfill-args.js';

const choices = { venues: ['sim', 'alpaca'], watchlistOf: (venue: string) => (venue === 'sim' ? ['BTC/USDT', 'ETH/USDT'] : []) };

describe('parseBackfillArgs', () => {
  it('reads venue, symbols or the watchlist, timeframes and days', () => {
    expect(parseBackfillArgs('SIM btc/usdt,eth/usdt,btc/usdt 1h,1d,1h 180', choices), 'normalized, duplicates dropped').toEqual({
      ok: true,
      value: { venue: 'sim', symbols: ['BTC/USDT', 'ETH/USDT'], timeframes: ['1h', '1d'], days: 180 },
    });
    expect(parseBackfillArgs('sim watchlist 5m 7', choices), 'the venue’s watchlist').toMatchObject({ ok: true, value: { symbols: ['BTC/USDT', 'ETH/USDT'] } });
  });

  it.each([
    ['binance BTC/USDT 1h 30', '"binance" is not a venue here: choose sim, alpaca.'],
    ['', 'Choose a venue: sim, alpaca.'],
    ['sim', 'Name at least one symbol, e.g. BTC/USDT,ETH/USDT, or "watchlist".'],
    ['alpaca watchlist 1h 30', 'The watchlist of this venue is empty: /watch add SYMBOL first.'],
    ['sim BTC/USDT,$$$ 1h 30', '"$$$" is not a symbol like AAPL or BTC/USDT.'],
    ['sim BTC/USDT', 'Timeframes missing: name one or more of 1m, 5m, 15m, 1h, 4h, 1d, separated by commas.'],
    ['sim BTC/USDT 2h 30', 'Timeframes are among 1m, 5m, 15m, 1h, 4h, 1d ("2h" is not one).'],
    ['sim BTC/USDT 1h', 'Days missing: how many days back, from 1 to 3650.'],
    ['sim BTC/USDT 1h 2.5', 'Days must be a whole number from 1 to 3650 (got "2.5").'],
    ['sim BTC/USDT 1h 9999', 'Days must be a whole number from 1 to 3650 (got "9999").'],
    ['sim BTC/USDT, ETH/USDT 1h 30', 'Too many words: "30" is left over (separate symbols and timeframes with commas, no spaces).'],
  ])('%s → a clear error with the usage', (text, error) => {
    expect(parseBackfillArgs(text, choices), 'what was wrong, then how to write it').toEqual({ ok: false, error: `${error} Usage: /backfill ${BACKFILL_USAGE}` });
  });
});

describe('parseSymbolList', () => {
  it('splits on commas and blanks', () => {
    expect(parseSymbolList('aapl, msft  tsla', []), 'three symbols').toEqual({ ok: true, value: ['AAPL', 'MSFT', 'TSLA'] });
  });
});
