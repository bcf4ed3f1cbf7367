import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createPaperBroker } from '../../src/engine/venues/paper/paper-broker.js';
import type { PaperLedger } from '../../src/engine/ports/paper-ledger.js';
import { createSimulatedMarket } from '../../src/engine/venues/sim/simulated-market.js';
import { Decimal } from '../../src/engine/money/decimal.js';
import { STORE_FILE_NAME, openStore, type Store } from '../../src/store/open-store.js';
import { InvalidPaperLedgerError, createPaperLedgerRepository } from '../../src/store/paper-ledger-repository.js';
import { StoreSchema } from '../../src/store/schema.js';
import { makeTempDir } from './helpers.js';
import { readDurableDocument } from '../helpers/read-durable-document.js';

const NOW = new Date('2025-06-02T14:30:00.000Z');

async function openTempStore(dataDir?: string): Promise<Store> {
  const store = await openStore({ dataDir: dataDir ?? (await makeTempDir()) });
  onTestFinished(() => store.close());
  return store;
}

const ledger: PaperLedger = {
  cash: '97996.999',
  orderSequence: 1,
  positions: { AAPL: { quantity: '10', averagePrice: '200.2' } },
  orders: {
    b1: {
      venueOrderId: 'paper-1',
      clientOrderId: 'b1',
      symbol: 'AAPL',
      side: 'buy',
      type: 'market',
      status: 'filled',
      quantity: '10',
      filledQuantity: '10',
      averagePrice: '200.2',
      fees: '1.001',
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    },
  },
  dayStart: { day: '2025-06-02', equity: '100000' },
};

describe('paper ledger repository', () => {
  it('knows no ledger for a new account, not even one named like an Object method', async () => {
    const repository = createPaperLedgerRepository(await openTempStore());
    expect(repository.load('paper-main'), 'a fresh store has no ledgers').toBeUndefined();
    expect(repository.load('constructor'), 'own keys only').toBeUndefined();
  });

  it('loads a version 2 file written before paper ledgers existed', async () => {
    const dataDir = await makeTempDir();
    const meta = { createdAt: NOW.toISOString(), lastStartedAt: null, startCount: 3 };
    await writeFile(path.join(dataDir, STORE_FILE_NAME), JSON.stringify({ version: 2, meta, settings: {} }));
    const store = await openTempStore(dataDir);
    expect(store.migratedFromVersion, 'migrated to the current version').toBe(2);
    const repository = createPaperLedgerRepository(store);
    expect(repository.load('paper-main'), 'no ledger yet').toBeUndefined();
    await repository.save('paper-main', ledger);
    expect(repository.load('paper-main'), 'and it takes one').toEqual(ledger);
  });

  it('saves a ledger to disk, valid against the store schema, and hands out copies', async () => {
    const store = await openTempStore();
    const repository = createPaperLedgerRepository(store);
    await repository.save('paper-main', ledger);

    const onDisk = StoreSchema.parse(await readDurableDocument(store.path));
    expect(onDisk.paperLedgers?.['paper-main'], 'durable once save resolved').toEqual(ledger);
    await store.archiver.idle();
    expect(repository.load('paper-main')?.orders, 'the filled order moved to the history').toEqual({});
    expect(await repository.findSettledOrder('paper-main', 'b1'), 'and is found there').toEqual(ledger.orders.b1);
    expect(await repository.findSettledOrder('other', 'b1'), 'per account').toBeUndefined();
    const copy = repository.load('paper-main');
    if (copy !== undefined) copy.cash = '0';
    expect(repository.load('paper-main')?.cash, 'changing a loaded copy changes nothing').toBe('97996.999');
    expect(repository.load('other'), 'ledgers are per account').toBeUndefined();
  });

  it.each([
    { name: 'exponent notation', bad: { ...ledger, cash: '1e-7' } },
    { name: 'a number instead of a string', bad: { ...ledger, cash: 12.5 } },
    { name: 'an unknown field', bad: { ...ledger, margin: '0' } },
    { name: 'an invalid day', bad: { ...ledger, dayStart: { day: '2025-13-40', equity: '1' } } },
  ])('refuses a ledger with $name and writes nothing', async ({ bad }) => {
    const store = await openTempStore();
    const repository = createPaperLedgerRepository(store);
    const before = await readDurableDocument(store.path);
    const error = await repository.save('paper-main', bad as never).catch((caught: unknown) => caught);
    expect(error, 'a typed error naming the fields').toBeInstanceOf(InvalidPaperLedgerError);
    expect((error as InvalidPaperLedgerError).issues[0], 'paths start at the ledger').toMatch(/^paperLedgers\.paper-main/);
    expect(await readDurableDocument(store.path), 'the file is untouched').toEqual(before);
  });

  it('keeps a paper account across a real restart of store and broker', async () => {
    const dataDir = await makeTempDir();
    const market = createSimulatedMarket({ clock: () => NOW });
    const options = { accountId: 'paper-main', market, clock: () => NOW, slippageBps: 5, feeBps: 0, startingCash: '10000' };
    const first = await openStore({ dataDir });
    const broker = createPaperBroker({ ...options, ledger: createPaperLedgerRepository(first) });
    const request = { clientOrderId: 'p1', symbol: 'AAPL', side: 'buy', type: 'market', quantity: new Decimal('3') } as const;
    const order = await broker.submitOrder(request);
    const cash = (await broker.getAccount()).cash;
    await first.close();

    const second = await openTempStore(dataDir);
    const restarted = createPaperBroker({ ...options, ledger: createPaperLedgerRepository(second) });
    expect((await restarted.getAccount()).cash.eq(cash), 'cash after the restart').toBe(true);
    expect((await restarted.getPositions())[0]?.quantity.toFixed(), 'the position after the restart').toBe('3');
    expect((await restarted.getOrderByClientId('p1', 'AAPL'))?.averagePrice?.eq(order.averagePrice ?? 0), 'the order').toBe(true);
  });
});
