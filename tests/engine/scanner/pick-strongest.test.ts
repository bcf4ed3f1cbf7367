import { describe, expect, it } from 'vitest';
import { pickStrongest } from '../../../src/engine/scanner/pick-strongest.js';
import type { ScanCandidate } from '../../../src/engine/scanner/to-propose-input.js';

function candidate(timeframe: '15m' | '1d', strength: number, confidence: number): ScanCandidate {
  return { symbol: 'BTC/USDT', timeframe, strategy: 'dca', signal: { side: 'buy', strength, confidence, entry: 100, reasons: ['r'] } };
}

describe('pickStrongest', () => {
  it('prefers the more confident signal over the stronger one', () => {
    const best = new Map<string, ScanCandidate>();
    pickStrongest(best, candidate('15m', 1, 0.5));
    pickStrongest(best, candidate('1d', 0.6, 0.61));
    expect([...best.values()].map((c) => c.timeframe), 'a calibrated 0.61 daily dip beats a coin-flip 15m one, however strong').toEqual(['1d']);
  });

  it('breaks a confidence tie by strength, then keeps the first seen', () => {
    const best = new Map<string, ScanCandidate>();
    pickStrongest(best, candidate('15m', 0.6, 0.6));
    pickStrongest(best, candidate('1d', 0.9, 0.6));
    expect(best.get('BTC/USDT\u0000buy')?.timeframe, 'equally confident: the stronger wins').toBe('1d');
    pickStrongest(best, candidate('15m', 0.9, 0.6));
    expect(best.get('BTC/USDT\u0000buy')?.timeframe, 'a full tie keeps the first').toBe('1d');
  });
});
