import { describe, expect, it } from 'vitest';
import { parseWatchArgs } from '../../../src/bot/parse/parse-watch-args.js';

const accounts = ['steady', 'spicy'];
const HINT = 'Use /watch list, /watch add SYMBOL …, or /watch remove SYMBOL … (add @account for another account).';

describe('parseWatchArgs', () => {
  it('lists by default, for the first account or the one named', () => {
    expect(parseWatchArgs('', accounts), 'the first account').toEqual({ ok: true, value: { action: 'list', accountId: 'steady' } });
    expect(parseWatchArgs('@spicy', accounts), 'another account').toEqual({ ok: true, value: { action: 'list', accountId: 'spicy' } });
    expect(parseWatchArgs('LIST @spicy', accounts), 'list, in any case').toEqual({ ok: true, value: { action: 'list', accountId: 'spicy' } });
  });

  it('adds and removes normalized symbols, once each', () => {
    expect(parseWatchArgs('add doge/usdt aapl aapl', accounts), 'upper case, no repeats').toEqual({ ok: true, value: { action: 'add', accountId: 'steady', symbols: ['DOGE/USDT', 'AAPL'] } });
    expect(parseWatchArgs('Remove TSLA @spicy', accounts), 'for another account').toEqual({ ok: true, value: { action: 'remove', accountId: 'spicy', symbols: ['TSLA'] } });
  });

  it.each([
    ['shuffle', `"shuffle" is not a /watch action. ${HINT}`],
    ['list AAPL', `/watch list takes only an @account (got "AAPL"). ${HINT}`],
    // The registry gates add and remove by the first word: an action anywhere else is refused.
    ['@spicy remove TSLA', 'Put the action first, e.g. /watch remove BTC/USDT @account.'],
    ['add', 'Name the symbols to add, e.g. /watch add BTC/USDT.'],
    ['remove @spicy', 'Name the symbols to remove, e.g. /watch remove BTC/USDT.'],
    ['add $$$', '"$$$" is not a symbol like AAPL or BTC/USDT.'],
    ['add TSLA @nope', 'Unknown account "nope": choose one of steady, spicy.'],
  ])('%s → a clear error', (text, error) => {
    expect(parseWatchArgs(text, accounts), 'what was wrong and what is valid').toEqual({ ok: false, error });
  });
});
