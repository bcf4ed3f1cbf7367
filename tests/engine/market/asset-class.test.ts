import { describe, expect, it } from 'vitest';
import { getAssetClass } from '../../../src/engine/market/asset-class.js';

describe('getAssetClass', () => {
  it.each(['BTC/USDT', 'ETH/USD', 'SOL/BTC'])('treats the pair %s as crypto', (symbol) => {
    expect(getAssetClass(symbol), 'ccxt pairs are written BASE/QUOTE').toBe('crypto');
  });

  it.each(['AAPL', 'BRK.B', 'SPY'])('treats the ticker %s as a US equity', (symbol) => {
    expect(getAssetClass(symbol), 'equity tickers have no slash').toBe('us_equity');
  });
});
