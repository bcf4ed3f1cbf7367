import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { OrderRecord } from '../../src/engine/orders/order-record.js';
import type { Proposal } from '../../src/engine/proposals/proposal.js';
import { createHistoryReader } from '../../src/store/history/create-history-reader.js';
import { STORE_FILE_NAME, openStore } from '../../src/store/open-store.js';
import { makeProposal } from '../engine/gates/gate-fixtures.js';
import { makeOrder } from '../engine/outcomes/outcome-fixtures.js';
import { makeTempDir } from './helpers.js';

const PROPOSALS = 10_000;
const LIVE = 10;
const DAY = '2026-10-01';

/** A version 2 store as an old build left it: every proposal and order ever made, in one file. */
function versionTwoStore() {
  const proposals: Record<string, Proposal> = {};
  const orders: Record<string, OrderRecord> = {};
  const messages: Record<string, { chatId: number; messageId: number }[]> = {};
  for (let i = 0; i < PROPOSALS; i++) {
    const id = `p${String(i).padStart(5, '0')}`;
    const live = i >= PROPOSALS - LIVE;
    const at = new Date(Date.parse(`${DAY}T00:00:00Z`) + i * 60_000).toISOString();
    const symbol = i % 2 === 0 ? 'BTC/USDT' : 'ETH/USDT';
    proposals[id] = makeProposal({
      id,
      accountId: 'paper',
      symbol,
      createdAt: at,
      state: live ? 'submitted' : 'filled',
      decision: { decision: 'approved', by: 1, byName: 'Ann', at },
      history: [{ state: 'pending', at }],
    });
    orders[`cs-${id}`] = makeOrder({ clientOrderId: `cs-${id}`, proposalId: id, symbol, state: live ? 'open' : 'filled', filledQuantity: live ? '0' : '1', averagePrice: '100', createdAt: at, updatedAt: at });
    messages[id] = [{ chatId: 7, messageId: i }];
  }
  return {
    version: 2,
    meta: { createdAt: `${DAY}T00:00:00.000Z`, lastStartedAt: null, startCount: 40 },
    settings: {},
    trading: { proposals, orders, controls: { paused: false, halted: true }, messages },
  };
}

async function openAt(dataDir: string) {
  const store = await openStore({ dataDir, clock: () => new Date('2026-12-03T10:00:00Z') });
  onTestFinished(() => store.close());
  return store;
}

describe('migrating a version 2 store of 10,000 proposals and 10,000 orders', () => {
  it('keeps the live ones in the document, moves the rest to history segments once, and keeps the original as .bak', async () => {
    const dataDir = await makeTempDir();
    const file = path.join(dataDir, STORE_FILE_NAME);
    const original = JSON.stringify(versionTwoStore());
    await writeFile(file, original);
    // Decisions of the old shadow log come along.
    await mkdir(path.join(dataDir, 'shadow'));
    const decision = { at: `${DAY}T00:00:00.000Z`, dataMode: 'PAPER', proposal: makeProposal({ id: 'p00000' }), trace: { verdicts: [], passed: true }, outcome: 'proposed' };
    await writeFile(path.join(dataDir, 'shadow', 'decisions.jsonl'), `${JSON.stringify(decision)}\n{"torn`);

    const store = await openAt(dataDir);
    expect(store.migratedFromVersion, 'migrated from version 2').toBe(2);
    expect(await readFile(`${file}.v2.bak`, 'utf8'), 'the exact original bytes are kept').toBe(original);

    const trading = store.document.read().trading;
    expect([Object.keys(trading.proposals).length, Object.keys(trading.orders).length], 'only the live proposals and orders stay').toEqual([LIVE, LIVE]);
    expect(trading.controls.halted, 'controls are kept').toBe(true);
    expect(trading.activity.paper?.['BTC/USDT'], 'the cooldown and entry count survive as activity').toEqual({
      lastApprovedAt: proposalTime(PROPOSALS - 2),
      entries: (PROPOSALS - LIVE) / 2,
    });
    const slots = store.document.read().outbox.slots;
    expect(slots['7:card:p09999'], 'the live cards’ addresses move to the outbox').toMatchObject({ chatId: 7, slot: 'card:p09999', messageId: 9_999 });
    expect(Object.keys(slots).length, 'settled cards are not edited again').toBe(LIVE);
    expect((await stat(file)).size, 'the document is small now').toBeLessThan(200_000);

    expect([store.history.count('proposal'), store.history.count('order')], 'the settled ones are in the history').toEqual([PROPOSALS - LIVE, PROPOSALS - LIVE]);
    expect(store.history.count('decision'), 'the old decisions are imported').toBe(1);
    expect(await readdir(dataDir), 'the shadow folder is kept, renamed').toContain('shadow.imported');
    const reader = createHistoryReader(store.history);
    expect((await reader.getProposal('p00042'))?.state, 'a settled proposal by id').toBe('filled');
    expect((await reader.filledOrders()).length, 'every filled order reaches P&L').toBe(PROPOSALS - LIVE);
  });

  it('writes each record once, even when the migration is run again from the backup', async () => {
    const dataDir = await makeTempDir();
    const file = path.join(dataDir, STORE_FILE_NAME);
    await writeFile(file, JSON.stringify(versionTwoStore()));
    await (await openStore({ dataDir })).close();
    const segments = await readdir(path.join(dataDir, 'history'));
    const sizeOf = async () => Promise.all(segments.map(async (name) => (await stat(path.join(dataDir, 'history', name))).size));
    const sizes = await sizeOf();

    // As if a crash came after the history was written and before the document shrank.
    await writeFile(file, await readFile(`${file}.v2.bak`));
    const store = await openAt(dataDir);
    expect(await sizeOf(), 'no record appended a second time').toEqual(sizes);
    expect(Object.keys(store.document.read().trading.proposals).length, 'and the document still shrinks').toBe(LIVE);
  });
});

function proposalTime(i: number): string {
  return new Date(Date.parse(`${DAY}T00:00:00Z`) + i * 60_000).toISOString();
}
