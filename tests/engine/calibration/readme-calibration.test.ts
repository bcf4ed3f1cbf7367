import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatCalibrationMarkdown } from '../../../src/cli/format-calibration.js';
import { SIM_CALIBRATION } from '../../../src/engine/calibration/sim-calibration.js';
import { TIMEFRAME_MS, type Bar } from '../../../src/engine/market/bars.js';
import { STRATEGIES } from '../../../src/engine/strategies/strategy-registry.js';
import { createSimulatedBarSource } from '../../../src/engine/venues/sim/simulated-bar-source.js';
import { createSimulatedMarket } from '../../../src/engine/venues/sim/simulated-market.js';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const DAY = TIMEFRAME_MS['1d'];

describe('the README on confidence', () => {
  it('shows the calibration table the code uses, for the default scan timeframes', () => {
    expect(README, 'regenerate with formatCalibrationMarkdown(SIM_CALIBRATION, [15m, 1h, 1d])').toContain(formatCalibrationMarkdown(SIM_CALIBRATION, ['15m', '1h', '1d']));
  });

  it('is right that a crypto daily dip clears 0.6 on 294 of the 365 days of 2026 (seed 42)', async () => {
    const source = createSimulatedBarSource(createSimulatedMarket({ seed: 42, clock: () => new Date() }));
    const start = Date.UTC(2026, 0, 1);
    const series: Bar[][] = [];
    for (const symbol of ['BTC/USDT', 'ETH/USDT', 'SOL/USDT']) {
      const bars: Bar[] = [];
      for await (const page of source.fetchBars(symbol, '1d', start - 600 * DAY, Date.UTC(2027, 0, 1))) bars.push(...page.bars);
      series.push(bars);
    }
    let days = 0;
    for (let day = 0; day < 365; day++) {
      const noon = start + day * DAY + DAY / 2;
      const proposes = series.some((bars) => {
        const closed = bars.filter((b) => b.t + DAY <= noon).slice(-500);
        return Object.values(STRATEGIES).some((s) => {
          const signal = s.evaluate({ symbol: 'X/USDT', timeframe: '1d', bars: closed, positionQuantity: 0 });
          return signal?.side === 'buy' && signal.confidence >= 0.6;
        });
      });
      if (proposes) days++;
    }
    expect(days, 'the figure in "A first session"').toBe(294);
    expect(README, 'as the README says').toContain('294 of the 365 days of 2026');
  }, 60_000);
});
