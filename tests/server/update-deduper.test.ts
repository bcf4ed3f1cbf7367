import { describe, expect, it } from 'vitest';
import { createUpdateDeduper } from '../../src/server/update-deduper.js';

describe('createUpdateDeduper', () => {
  it('reports an id as new once, then as a duplicate', () => {
    const deduper = createUpdateDeduper();
    expect(deduper.isDuplicate(1), 'the first sighting is new').toBe(false);
    expect(deduper.isDuplicate(1), 'the second sighting is a duplicate').toBe(true);
    expect(deduper.isDuplicate(2), 'another id is new').toBe(false);
  });

  it('forgets the oldest id first once the capacity is reached', () => {
    const deduper = createUpdateDeduper(3);
    for (const id of [1, 2, 3]) deduper.isDuplicate(id);
    expect(deduper.isDuplicate(4), 'a fourth id is new and evicts id 1').toBe(false);
    expect(deduper.size(), 'memory stays bounded').toBe(3);
    expect(deduper.isDuplicate(2), 'id 2 is still remembered').toBe(true);
    expect(deduper.isDuplicate(1), 'id 1 was evicted, so it counts as new again').toBe(false);
    expect(deduper.isDuplicate(2), 're-adding 1 evicted 2, the next oldest').toBe(false);
  });

  it('stays bounded over many more ids than its capacity', () => {
    const deduper = createUpdateDeduper(10_000);
    for (let id = 0; id < 50_000; id += 1) deduper.isDuplicate(id);
    expect(deduper.size(), 'never more than the capacity').toBe(10_000);
    expect(deduper.isDuplicate(49_999), 'the newest id is remembered').toBe(true);
    expect(deduper.isDuplicate(40_000), 'the oldest remembered id is still there').toBe(true);
    expect(deduper.isDuplicate(39_999), 'one older than that is gone').toBe(false);
  });

  it('accepts a forgotten id again without breaking eviction', () => {
    const deduper = createUpdateDeduper(2);
    deduper.isDuplicate(1);
    deduper.forget(1);
    expect(deduper.isDuplicate(1), 'a forgotten id is new again').toBe(false);
    deduper.isDuplicate(2);
    deduper.isDuplicate(3);
    expect(deduper.size(), 'the bound holds after forget').toBeLessThanOrEqual(2);
    expect(deduper.isDuplicate(3), 'the newest id is remembered').toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects capacity %s', (capacity) => {
    expect(() => createUpdateDeduper(capacity), 'a deduper must remember at least one id').toThrow(RangeError);
  });
});
