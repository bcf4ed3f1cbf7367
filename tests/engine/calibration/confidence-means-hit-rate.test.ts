import { describe, expect, it } from 'vitest';
import { calibrateHistory } from '../../../src/engine/calibration/calibrate-history.js';
import { findCalibration } from '../../../src/engine/calibration/calibration-table.js';
import { collectOutcomes } from '../../../src/engine/calibration/collect-outcomes.js';
import { readSimulatedHistory } from '../../../src/engine/calibration/read-simulated-history.js';
import { SIM_CALIBRATION } from '../../../src/engine/calibration/sim-calibration.js';
import { SCORED_STRATEGIES } from '../../../src/engine/strategies/strategy-registry.js';

/**
 * Another seed and another stretch of time than the built-in table was fitted on (seed 42,
 * history up to 2026-01-01): if confidence means "how often such signals were right", it
 * has to hold on a market the table never saw.
 */
const SEED = 7;
const END = new Date('2026-07-01T00:00:00Z');
/** Confidence ranges; each holds signals of several strategies and timeframes. */
const RANGES = [0, 0.5, 0.55, 0.6, 0.7, 1.01] as const;

describe('calibrated confidence on the simulated market', () => {
  it(`rises with the hit rate and matches it, on a history the table never saw (seed ${SEED})`, async () => {
    console.info(`calibration check: simulated market seed ${SEED}, history up to ${END.toISOString().slice(0, 10)}`);
    const judged: { confidence: number; right: boolean }[] = [];
    for await (const series of readSimulatedHistory({ seed: SEED, end: END, timeframes: ['4h', '1d'], days: { '4h': 365, '1d': 3000 } })) {
      for (const outcome of collectOutcomes(Object.values(SCORED_STRATEGIES), series)) {
        const match = findCalibration(SIM_CALIBRATION, outcome.strategy, outcome.side, outcome.timeframe, outcome.score);
        judged.push({ confidence: match?.bucket.confidence ?? 0.5, right: outcome.right });
      }
    }
    const ranges = RANGES.slice(1).map((to, i) => {
      const inRange = judged.filter((j) => j.confidence >= RANGES[i]! && j.confidence < to);
      const hitRate = inRange.filter((j) => j.right).length / inRange.length;
      const confidence = inRange.reduce((sum, j) => sum + j.confidence, 0) / inRange.length;
      return { from: RANGES[i], signals: inRange.length, hitRate, confidence };
    });
    console.info(ranges.map((r) => `confidence ≥ ${r.from}: ${r.signals} signals, ${(r.hitRate * 100).toFixed(1)} % right, mean confidence ${r.confidence.toFixed(3)}`).join('\n'));

    for (const r of ranges) {
      expect(r.signals, `enough signals at confidence ≥ ${r.from} to judge`).toBeGreaterThan(300);
      expect(Math.abs(r.hitRate - r.confidence), `confidence ≥ ${r.from} means about that share right`).toBeLessThan(0.05);
    }
    ranges.slice(1).forEach((r, i) => {
      const lower = ranges[i]!;
      // Overlapping signals make these counts generous; two standard errors of slack.
      const error = Math.sqrt(lower.hitRate * (1 - lower.hitRate) * (1 / lower.signals + 1 / r.signals));
      expect(r.hitRate, `more confident (≥ ${r.from}) is right at least as often as ≥ ${lower.from}`).toBeGreaterThan(lower.hitRate - 2 * error);
    });
    expect(ranges.at(-1)!.hitRate - ranges[0]!.hitRate, 'the most confident signals are right far more often than the least').toBeGreaterThan(0.15);
  }, 120_000);

  it('reproduces the built-in table from the simulated market (seed 42): dca buys on daily bars', async () => {
    const history = readSimulatedHistory({ seed: 42, end: new Date('2026-01-01T00:00:00Z'), timeframes: ['1d'] });
    const table = await calibrateHistory([SCORED_STRATEGIES.dca], history, { label: 'check', source: 'check', computedAt: new Date(0) });
    const built = SIM_CALIBRATION.groups.find((g) => g.strategy === 'dca' && g.side === 'buy' && g.timeframe === '1d');
    expect(table.groups, 'the same buckets, signal for signal: the table in the code is what `npm run calibrate` prints').toEqual([built]);
  }, 120_000);
});
