import { describe, expect, it } from 'vitest';
import { calibrationMessage } from '../../../src/bot/messages/calibration-message.js';
import type { CalibrationTable } from '../../../src/engine/calibration/calibration-table.js';
import { SIM_CALIBRATION } from '../../../src/engine/calibration/sim-calibration.js';

const TABLE: CalibrationTable = {
  label: 'sim seed 42',
  source: 'test',
  computedAt: '2026-01-01T00:00:00.000Z',
  groups: [
    { strategy: 'dca', side: 'buy', timeframe: '1d', horizonBars: 20, buckets: [
      { from: 0.4, to: 0.7, signals: 10_138, right: 6_184, confidence: 0.61 },
      { from: 0.7, to: 1, signals: 909, right: 683, confidence: 0.75 },
    ] },
    { strategy: 'dca', side: 'buy', timeframe: '4h', horizonBars: 20, buckets: [{ from: 0.4, to: 1, signals: 20_752, right: 10_729, confidence: 0.52 }] },
    { strategy: 'swing', side: 'sell', timeframe: '1d', horizonBars: 10, buckets: [{ from: 0.59, to: 1, signals: 2_706, right: 1_196, confidence: 0.44 }] },
  ],
};

describe('calibrationMessage (/gates)', () => {
  it('shows, per bucket, the signals, the share right and the confidence that follows', () => {
    const text = calibrationMessage(TABLE, { strategies: ['dca', 'swing'], scanTimeframes: ['1d'] }).value;
    expect(text.split('\n'), 'a heading naming the source, then one line per strategy, side and timeframe').toEqual([
      "<b>What confidence means</b> (sim seed 42): of earlier signals of each kind, the share that were right — the close that many bars later beyond the entry, in the signal's direction. That share is the confidence min_confidence compares.",
      'dca buy 1d, after 20 bars: score 0.40–0.70: 61% right of 10,138 → 0.61 · score 0.70–1.00: 75% right of 909 → 0.75',
      'swing sell 1d, after 10 bars: score 0.59–1.00: 44% right of 2,706 → 0.44',
    ]);
  });

  it('leaves out what a scan never runs, and says so when nothing is left', () => {
    const text = calibrationMessage(TABLE, { strategies: ['channel'], scanTimeframes: ['1d'] }).value;
    expect(text, 'channel has no signals in this table').toContain('No signals of these strategies and timeframes were judged yet.');
  });

  it('covers every strategy and scan timeframe of the default settings with the built-in table', () => {
    const text = calibrationMessage(SIM_CALIBRATION, { strategies: ['dca', 'swing', 'channel'], scanTimeframes: ['15m', '1h', '1d'] }).value;
    for (const kind of ['dca buy', 'swing buy', 'swing sell', 'channel buy', 'channel sell']) {
      for (const timeframe of ['15m', '1h', '1d']) expect(text, `${kind} ${timeframe} is explained`).toContain(`${kind} ${timeframe}, after`);
    }
  });
});
