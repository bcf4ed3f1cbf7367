import { describe, expect, it } from 'vitest';
import { CHART_USAGE, parseChartArgs } from '../../../src/bot/parse/parse-chart-args.js';

const accounts = ['steady', 'spicy'];

describe('parseChartArgs', () => {
  it('reads the symbol, the timeframe (1h by default) and the account (the first by default)', () => {
    expect(parseChartArgs('btc/usdt', accounts), 'defaults').toEqual({ ok: true, value: { symbol: 'BTC/USDT', timeframe: '1h', accountId: 'steady' } });
    expect(parseChartArgs('@spicy AAPL 1d', accounts), '@account anywhere').toEqual({ ok: true, value: { symbol: 'AAPL', timeframe: '1d', accountId: 'spicy' } });
  });

  it.each([
    ['', 'Name a symbol.'],
    ['BTC/USDT 2h', '"2h" is not a timeframe: use 1m, 5m, 15m, 1h, 4h, 1d.'],
    ['BTC/USDT 1H', '"1H" is not a timeframe: use 1m, 5m, 15m, 1h, 4h, 1d.'],
    ['!!! 1h', '"!!!" is not a symbol like AAPL or BTC/USDT.'],
    ['BTC/USDT 1h 4h', 'Too many words: "4h" is left over.'],
  ])('%s → a clear error with the usage', (text, error) => {
    expect(parseChartArgs(text, accounts), 'what was wrong, then how to ask').toEqual({ ok: false, error: `${error} ${CHART_USAGE}` });
  });

  it.each([
    ['BTC/USDT 1h @nosuch', 'Unknown account "nosuch": choose one of steady, spicy.'],
    ['BTC/USDT 1h @steady @spicy', 'Name one account, not 2 (@steady, @spicy).'],
  ])('%s → says unknown account with the valid ones, not the usage', (text, error) => {
    expect(parseChartArgs(text, accounts), 'the accounts there are, nothing else').toEqual({ ok: false, error });
  });
});
