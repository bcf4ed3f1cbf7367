import { describe, expect, it, vi } from 'vitest';
import { createStrategyLoader } from '../../../src/engine/strategies/create-strategy-loader.js';
import type { Strategy } from '../../../src/engine/strategies/strategy.js';

const quiet: Strategy = { name: 'quiet', description: 'never signals', minBars: 1, evaluate: () => undefined };

describe('createStrategyLoader', () => {
  it('serves a given list as it is', async () => {
    const load = createStrategyLoader([quiet]);
    expect(await load(), 'the list passed in').toEqual([quiet]);
  });

  it('runs a loader once, however many scans ask at the same time', async () => {
    const source = vi.fn<() => Promise<readonly Strategy[]>>().mockResolvedValue([quiet]);
    const load = createStrategyLoader(source);
    const [first, second] = await Promise.all([load(), load()]);
    await load();
    expect(first, 'the loaded list').toEqual([quiet]);
    expect(second, 'the same list to a concurrent caller').toBe(first);
    expect(source, 'the module is imported once').toHaveBeenCalledTimes(1);
  });

  it('tries a failed load again on the next call', async () => {
    const source = vi.fn<() => Promise<readonly Strategy[]>>().mockRejectedValueOnce(new Error('import failed')).mockResolvedValue([quiet]);
    const load = createStrategyLoader(source);
    await expect(load(), 'the failure reaches the scan that asked').rejects.toThrow('import failed');
    expect(await load(), 'a later scan is not stuck with the failure').toEqual([quiet]);
    expect(source).toHaveBeenCalledTimes(2);
  });
});
