import { describe, expect, it } from 'vitest';
import { VIEWER, createTestBot } from '../../helpers/test-bot.js';

describe('/gates and calibration', () => {
  it('says what confidence means under what blocks trading: the calibration table of the scanned strategies and timeframes', async () => {
    const h = createTestBot({ SCAN_TIMEFRAMES: '1d', STRATEGIES: 'dca' }, { user: VIEWER });
    const text = (await h.say('/gates', VIEWER)).text;
    expect(text, 'what blocks trading comes first').toMatch(/^No decisions recorded yet\.\n\n<b>What confidence means<\/b> \(sim seed 42\)/);
    expect(text, 'the daily dca buckets, each with its signals and share right').toMatch(/\ndca buy 1d, after 20 bars: score 0\.40–0\.70: \d+% right of [\d,]+ → 0\.\d\d · score/);
    expect(text, 'only what the scan runs').not.toMatch(/swing|channel|15m/);
  });
});
