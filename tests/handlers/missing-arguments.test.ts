import { describe, expect, it } from 'vitest';
import { createTestBot } from '../helpers/test-bot.js';

describe('a command with an argument left out', () => {
  it('says which one is missing, never (got "")', async () => {
    const h = createTestBot();
    const days = (await h.say('/backfill sim AAPL 1d')).text;
    expect(days, 'the days').toMatch(/^Days missing: how many days back, from 1 to 3650\. Usage: \/backfill /);
    const timeframes = (await h.say('/backfill sim AAPL')).text;
    expect(timeframes, 'the timeframes').toMatch(/^Timeframes missing: name one or more of 1m, .*Usage: \/backfill /);
    const limit = (await h.say('/propose paper ETH/USDT buy 0.1 limit')).text;
    expect(limit, 'the limit price').toMatch(/^The limit price is missing: put it after limit, like limit 64000\. Usage: \/propose /);
    for (const text of [days, timeframes, limit]) expect(text, 'no empty quote').not.toContain('(got "")');
  });
});
