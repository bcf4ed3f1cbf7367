import { stat } from 'node:fs/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createHistoryReader } from '../../src/store/history/create-history-reader.js';
import { openStore } from '../../src/store/open-store.js';
import { createTradingRepository } from '../../src/store/trading-repository.js';
import { makeProposal } from '../engine/gates/gate-fixtures.js';
import { makeOrder } from '../engine/outcomes/outcome-fixtures.js';
import { makeTempDir } from './helpers.js';

async function open(dataDir?: string) {
  const store = await openStore({ dataDir: dataDir ?? (await makeTempDir()) });
  onTestFinished(() => store.close());
  return store;
}

describe('the trading repository on disk', () => {
  it('writes nothing for a transaction that changes nothing', async () => {
    const store = await open();
    const trading = createTradingRepository(store);
    await trading.transact((draft) => void (draft.proposals.p1 = makeProposal({ id: 'p1' })));
    const before = (await stat(store.path, { bigint: true })).mtimeNs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    // What the expiry job does every 15 s when nothing is due.
    for (let i = 0; i < 5; i++) await trading.transact(() => undefined);
    expect((await stat(store.path, { bigint: true })).mtimeNs, 'the file was not rewritten').toBe(before);
  });

  it('moves a proposal and its order to the history once both are settled, and finds them there after a restart', async () => {
    const dataDir = await makeTempDir();
    const store = await open(dataDir);
    const trading = createTradingRepository(store);
    const proposal = makeProposal({ id: 'p1', state: 'submitted', decision: { decision: 'approved', by: 1, byName: 'Ann', at: '2026-11-20T10:00:00.000Z' } });
    const order = makeOrder({ clientOrderId: 'c1', proposalId: 'p1', state: 'open' });
    await trading.transact((draft) => {
      draft.proposals.p1 = proposal;
      draft.orders.c1 = order;
    });
    // A final order under a proposal that has not caught up yet stays live.
    await trading.transact((draft) => void (draft.orders.c1 = { ...order, state: 'filled', filledQuantity: '10', averagePrice: '100' }));
    await store.archiver.idle();
    expect(Object.keys(trading.read().orders), 'the order waits for its proposal').toEqual(['c1']);

    await trading.transact((draft) => void (draft.proposals.p1 = { ...proposal, state: 'filled' }));
    await store.archiver.idle();
    expect([trading.read().proposals, trading.read().orders], 'both left the live state').toEqual([{}, {}]);
    await store.close();

    const reopened = await open(dataDir);
    const history = createHistoryReader(reopened.history);
    expect((await history.getProposal('p1'))?.state, 'by id after a restart').toBe('filled');
    expect((await history.recentOrders(5)).map((o) => o.clientOrderId), 'the newest settled orders').toEqual(['c1']);
    expect((await history.filledOrders()).map((f) => [f.order.clientOrderId, f.source]), 'P&L sees the fill with its source').toEqual([['c1', 'manual']]);
    expect((await history.proposalsSince(new Date(0))).map((p) => p.id), 'statistics see the proposal').toEqual(['p1']);
  });
});
