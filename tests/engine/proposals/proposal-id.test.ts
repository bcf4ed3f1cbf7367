import type * as Crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createTestEngine } from '../../helpers/test-engine.js';
import { BTC_BUY } from '../approvals/approval-harness.js';

// The random part of a proposal id pinned, to stand for two ids drawn alike in the same
// millisecond (a scan proposing many symbols at once); hashing stays real.
vi.mock('node:crypto', async (importOriginal) => ({ ...(await importOriginal<typeof Crypto>()), randomInt: () => 0 }));

describe('proposal ids', () => {
  it('derive from the clock: proposals in different milliseconds never share one', async () => {
    const { engine, clock } = createTestEngine();
    await engine.propose(BTC_BUY);
    clock.advance(1);
    await engine.propose(BTC_BUY);
    expect(engine.listProposals().length, 'two proposals kept').toBe(2);
  });

  // Regression, fixed (create-proposal.ts: `d.proposals[proposal.id] = proposal` with an id of the
  // millisecond plus ~20 random bits): two proposals whose ids collide — odds about 1 in
  // 1.7 million per pair created in the same millisecond — silently replace each other,
  // and with them the client order id. Refuse to overwrite inside the transaction and draw
  // again (or use more random bits).
  it('never lets a new proposal replace another one with the same id', async () => {
    const { engine } = createTestEngine();
    const first = await engine.propose(BTC_BUY);
    const second = await engine.propose({ ...BTC_BUY, symbol: 'ETH/USDT' });
    expect(first.kind === 'proposed' && second.kind === 'proposed', 'precondition: both passed the gates').toBe(true);
    expect(engine.listProposals().map((p) => p.symbol).sort(), 'both ideas still awaiting a decision').toEqual(['BTC/USDT', 'ETH/USDT']);
  });
});
