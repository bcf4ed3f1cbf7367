import { describe, expect, it } from 'vitest';
import { createTestEngine } from '../../helpers/test-engine.js';
import { ANN, BTC_BUY } from './approval-harness.js';

/** One book that takes little risk and one that takes more, on the same bot. */
const ACCOUNTS = JSON.stringify([
  { id: 'conservative', venue: 'paper', minConfidence: 0.8, maxPositionPct: 2, maxPositionNotional: 5_000 },
  { id: 'aggressive', venue: 'paper', minConfidence: 0.5, maxPositionPct: 25, maxPositionNotional: 50_000 },
]);

/** 0.1 BTC is about 6,900 USDT: 6.9 % of a 100,000 book. */
const BIG_BUY = { ...BTC_BUY, size: { kind: 'quantity' as const, quantity: '0.1' } };

describe('two accounts side by side', () => {
  it('the conservative book blocks a size the aggressive one allows', async () => {
    const { engine, decisions } = createTestEngine({ accounts: ACCOUNTS });
    const conservative = await engine.propose({ ...BIG_BUY, accountId: 'conservative' });
    const aggressive = await engine.propose({ ...BIG_BUY, accountId: 'aggressive' });
    expect(conservative.kind === 'blocked' ? conservative.trace.blockedBy : conservative.kind, '6.9 % > 2 %').toBe('max_position_size');
    expect(aggressive.kind, '6.9 % ≤ 25 %').toBe('proposed');
    expect(decisions.entries.map((d) => [d.proposal.accountId, d.outcome]), 'both decisions logged, per account').toEqual([
      ['conservative', 'blocked'],
      ['aggressive', 'proposed'],
    ]);
  });

  it('each book applies its own confidence threshold', async () => {
    const { engine } = createTestEngine({ accounts: ACCOUNTS });
    const unsure = { ...BTC_BUY, confidence: 0.6 };
    const conservative = await engine.propose({ ...unsure, accountId: 'conservative' });
    const aggressive = await engine.propose({ ...unsure, accountId: 'aggressive' });
    expect(conservative.kind === 'blocked' ? conservative.trace.blockedBy : conservative.kind, '0.6 < 0.8').toBe('min_confidence');
    expect(aggressive.kind, '0.6 ≥ 0.5').toBe('proposed');
  });

  it('a fill lands in its own book only', async () => {
    const { engine, tasks } = createTestEngine({ accounts: ACCOUNTS });
    const result = await engine.propose({ ...BIG_BUY, accountId: 'aggressive' });
    if (result.kind !== 'proposed') throw new Error(result.kind);
    await engine.approve(result.proposal.id, ANN);
    await tasks.drain(5_000);
    const positions = Object.fromEntries((await engine.getPositions()).map((a) => [a.accountId, a.positions.map((p) => [p.symbol, p.quantity.toString()])]));
    expect(positions, 'the other book is untouched').toEqual({ conservative: [], aggressive: [['BTC/USDT', '0.1']] });
    expect((await engine.listOrders()).map((o) => o.accountId), 'the order belongs to its account').toEqual(['aggressive']);
  });

  it('an account keeps its own risk state: a position in one does not count against the other', async () => {
    const { engine, tasks } = createTestEngine({ accounts: ACCOUNTS });
    const first = await engine.propose({ ...BIG_BUY, accountId: 'aggressive' });
    if (first.kind !== 'proposed') throw new Error(first.kind);
    await engine.approve(first.proposal.id, ANN);
    await tasks.drain(5_000);
    const small = await engine.propose({ ...BTC_BUY, accountId: 'conservative' });
    expect(small.kind, 'no cooldown or open position carried over from the other book').toBe('proposed');
  });
});
