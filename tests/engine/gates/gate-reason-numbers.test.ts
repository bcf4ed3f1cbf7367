import { describe, expect, it } from 'vitest';
import { maxPositionSizeGate } from '../../../src/engine/gates/max-position-size-gate.js';
import { toDecimal } from '../../../src/engine/money/decimal.js';
import { formatPercentValue } from '../../../src/engine/text/format-number.js';
import { makeGateInput } from './gate-fixtures.js';

describe('numbers in gate reasons', () => {
  it('a share of a near-zero equity reads "> 10,000%", never 6.8e+27%', () => {
    const verdict = maxPositionSizeGate.check(makeGateInput({ proposal: { size: { kind: 'quantity', quantity: '10' } }, state: { equity: toDecimal('0.0000000000000000000000001') } }));
    expect(verdict.outcome === 'block' ? verdict.reason : '', 'no exponent, a readable bound').toBe('AAPL position would be > 10,000% of equity (limit 10%)');
  });

  it('percent values keep their decimals, grouped, and never an exponent', () => {
    expect([formatPercentValue('12.4'), formatPercentValue('272.12'), formatPercentValue('9999.5'), formatPercentValue('6.8e27'), formatPercentValue('-3e9')], 'as a reason states them').toEqual([
      '12.4%',
      '272.12%',
      '9,999.5%',
      '> 10,000%',
      '< -10,000%',
    ]);
  });
});
