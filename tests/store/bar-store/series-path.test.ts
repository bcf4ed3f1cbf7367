import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TIMEFRAMES } from '../../../src/engine/market/bars.js';
import { decodeSegment, encodeSegment, getSeriesPath, parseSeriesPath } from '../../../src/store/bar-store/series-path.js';

/** Mostly the characters that need care, plus any ASCII and some multi-byte ones. */
const symbolCharacter = fc.oneof(
  fc.constantFrom('/', ':', '-', '_', '%', '.', '*', '\\', '?', ' ', 'é', '€', '😀'),
  fc.string({ minLength: 1, maxLength: 1, unit: 'binary-ascii' }),
);

describe('series file names', () => {
  it('reads like the key for the usual venues and symbols', () => {
    expect(getSeriesPath('/d', { venue: 'ccxt:binance', symbol: 'BTC/USDT', timeframe: '1h' }), 'crypto').toBe(
      path.join('/d', 'ccxt_binance', 'BTC-USDT', '1h.bars'),
    );
    expect(getSeriesPath('/d', { venue: 'alpaca', symbol: 'BRK.B', timeframe: '1d' }), 'equity').toBe(
      path.join('/d', 'alpaca', 'BRK.B', '1d.bars'),
    );
  });

  it('never yields a path separator, a dot segment or a Windows-reserved character, and always decodes back', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 24, unit: symbolCharacter }), (text) => {
        const segment = encodeSegment(text);
        expect(segment, 'only safe characters').toMatch(/^[A-Za-z0-9._%-]+$/);
        expect(segment.startsWith('.'), 'no dot segment or hidden file').toBe(false);
        expect(decodeSegment(segment), 'reversible').toBe(text);
      }),
    );
  });

  it('ignores names it never writes', () => {
    expect(parseSeriesPath('alpaca', 'AAPL', '1h.bars.tmp'), 'other extension').toBeUndefined();
    expect(parseSeriesPath('alpaca', 'AAPL', '2h.bars'), 'unknown timeframe').toBeUndefined();
    expect(parseSeriesPath('alpaca', 'a%zz', '1h.bars'), 'bad escape').toBeUndefined();
    expect(parseSeriesPath('alpaca', 'a%41', '1h.bars'), 'escape of a kept character').toBeUndefined();
    for (const timeframe of TIMEFRAMES) {
      expect(parseSeriesPath('sim', 'X', `${timeframe}.bars`), timeframe).toEqual({ venue: 'sim', symbol: 'X', timeframe });
    }
  });
});
