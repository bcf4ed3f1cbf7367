import { describe, expect, it } from 'vitest';
import { parseProposeArgs, parseSide, parseSize, PROPOSE_USAGE } from '../../../src/bot/parse/parse-propose-args.js';

describe('parseProposeArgs', () => {
  it('reads account, symbol, side, size and the optional prices', () => {
    expect(parseProposeArgs('Paper btc/usdt BUY $500 limit 64000 stop 60000 target 70000'), 'every part, normalized').toEqual({
      ok: true,
      value: { accountId: 'paper', symbol: 'BTC/USDT', side: 'buy', size: { kind: 'notional', notional: '500' }, limitPrice: '64000', stopPrice: '60000', targetPrice: '70000' },
    });
    expect(parseProposeArgs('paper AAPL sell 3'), 'a quantity, a market order').toEqual({ ok: true, value: { accountId: 'paper', symbol: 'AAPL', side: 'sell', size: { kind: 'quantity', quantity: '3' } } });
  });

  it.each([
    ['paper BTC/USDT', `Give the account, symbol, side and size. Usage: /propose ${PROPOSE_USAGE}`],
    ['paper BTC/USDT! buy 1', '"BTC/USDT!" is not a symbol like AAPL or BTC/USDT.'],
    ['paper BTC/USDT hold 1', 'Side must be buy or sell (got "hold").'],
    ['paper BTC/USDT buy 0', 'Size must be a number above zero, like 0.01 or $500 (got "0").'],
    ['paper BTC/USDT buy 1 limit x', 'The limit price must be a number above zero (got "x").'],
    ['paper BTC/USDT buy 1 stop', 'The stop price is missing: put it after stop, like stop 64000. Usage: /propose <account> <symbol> <buy|sell> <size|$amount> [limit <price>] [stop <price>] [target <price>]'],
    ['paper BTC/USDT buy 1 limit 5 limit 6', 'Give the limit price once, not twice.'],
    ['paper BTC/USDT buy 1 sideways 3', `Unexpected "sideways": after the size come only limit, stop or target with a price. Usage: /propose ${PROPOSE_USAGE}`],
  ])('%s → a clear error', (text, error) => {
    expect(parseProposeArgs(text), 'names the wrong part and what is valid').toEqual({ ok: false, error });
  });
});

describe('parseProposeArgs without the account', () => {
  it('gives the line to send when the account was left out, instead of saying the rest is missing', () => {
    expect(parseProposeArgs('BTC/USDT buy 0.01', ['paper', 'binance']), 'the first account as the example').toEqual({
      ok: false,
      error: 'Start with the account: /propose paper BTC/USDT buy 0.01 (accounts: paper, binance).',
    });
    expect(parseProposeArgs('btc/usdt buy 0.01 limit 64000', ['paper']), 'with the rest kept as typed').toEqual({
      ok: false,
      error: 'Start with the account: /propose paper btc/usdt buy 0.01 limit 64000 (accounts: paper).',
    });
    expect(parseProposeArgs('Paper BTC/USDT buy 0.01', ['paper']).ok, 'an account in any case is an account').toBe(true);
    expect(parseProposeArgs('paper BTC/USDT', ['paper']), 'too short with the account: the usage').toEqual({ ok: false, error: `Give the account, symbol, side and size. Usage: /propose ${PROPOSE_USAGE}` });
  });
});

describe('parseSize and parseSide', () => {
  it('reads a quantity or an amount, and a side in any case', () => {
    expect(parseSize('0.01'), 'a quantity').toEqual({ ok: true, value: { kind: 'quantity', quantity: '0.01' } });
    expect(parseSize('$25.5'), 'an amount to spend').toEqual({ ok: true, value: { kind: 'notional', notional: '25.5' } });
    expect(parseSide('Sell'), 'any case').toEqual({ ok: true, value: 'sell' });
  });

  it.each(['-3', 'abc', '$', '1e3', '0.0'])('refuses the size %s', (text) => {
    expect(parseSize(text).ok, `${text} is not a size`).toBe(false);
  });
});
