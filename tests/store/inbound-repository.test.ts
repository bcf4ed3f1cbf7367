import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createInboundRepository, MAX_PROCESSED_UPDATES } from '../../src/store/inbound-repository.js';
import type { Intent } from '../../src/store/inbound-schema.js';
import { openStore, STORE_FILE_NAME } from '../../src/store/open-store.js';
import { createDefaultStoreData } from '../../src/store/schema.js';
import { createMemoryHistoryLog } from '../helpers/memory-history-log.js';
import { createMemoryDocument } from '../helpers/test-engine.js';
import { makeTempDir } from './helpers.js';

const intent = (updateId: number, kind: Intent['kind'] = 'approve', target = 'p1'): Intent => ({
  updateId,
  kind,
  target,
  user: { id: 222, name: '@approver' },
  chatId: 222,
  at: '2026-11-20T12:00:00.000Z',
});

function memoryRepository() {
  const document = createMemoryDocument();
  const history = createMemoryHistoryLog();
  return { document, history, inbound: createInboundRepository({ document, history }) };
}

describe('inbound repository: updates that acted', () => {
  it('records an update once; a second record of it is refused, as a redelivery must be', async () => {
    const { inbound, document } = memoryRepository();
    expect(inbound.has(41), 'nothing recorded yet').toBe(false);
    expect(await inbound.record(41), 'the first delivery acts').toBe(true);
    expect(await inbound.record(41), 'the redelivery does not').toBe(false);
    expect(inbound.has(41), 'and is seen by the middleware').toBe(true);
    expect(document.data.inbound.processed, 'kept once').toEqual([41]);
  });

  it(`keeps a bounded window of the last ${MAX_PROCESSED_UPDATES} ids`, async () => {
    const { inbound, document } = memoryRepository();
    for (let id = 1; id <= MAX_PROCESSED_UPDATES + 1; id++) await inbound.record(id);
    expect(document.data.inbound.processed.length, 'the document does not grow with age').toBe(MAX_PROCESSED_UPDATES);
    expect(inbound.has(1), 'the oldest id left the window').toBe(false);
    expect(inbound.has(MAX_PROCESSED_UPDATES + 1), 'the newest is in it').toBe(true);
  });

  it('numbers local updates above every recorded id, intents included', async () => {
    const { inbound } = memoryRepository();
    expect(inbound.nextId(), 'an empty store starts at 1').toBe(1);
    await inbound.record(7);
    await inbound.addIntent(intent(12));
    expect(inbound.nextId(), 'above the highest').toBe(13);
  });
});

describe('inbound repository: intents', () => {
  it('records an intent and its update id in one write, once', async () => {
    const { inbound, document } = memoryRepository();
    let writes = 0;
    const update = document.update;
    document.update = async (mutate) => {
      writes++;
      return update(mutate);
    };
    expect(await inbound.addIntent(intent(5)), 'recorded').toBe(true);
    expect(writes, 'one durable write for both').toBe(1);
    expect(inbound.has(5), 'the update counts as acted').toBe(true);
    expect(await inbound.addIntent(intent(5, 'reject')), 'a redelivered tap is not recorded again').toBe(false);
    expect(inbound.pendingIntents(), 'only the first').toEqual([intent(5)]);
  });

  it('moves a done intent to the history with its result, out of the live state', async () => {
    const { inbound, document, history } = memoryRepository();
    await inbound.addIntent(intent(5));
    await inbound.addIntent(intent(6, 'reject', 'p2'));
    await inbound.completeIntent(intent(5), 'approved', new Date('2026-11-20T12:00:03Z'));
    expect(inbound.isPending(5), 'done').toBe(false);
    expect(inbound.isPending(6), 'the other is still waiting').toBe(true);
    expect(document.data.inbound.intents.map((i) => i.updateId), 'the live state keeps what is left').toEqual([6]);
    expect(history.find('intent', '5'), 'who tapped what, and what came of it').toEqual({ ...intent(5), result: 'approved', doneAt: '2026-11-20T12:00:03.000Z' });
  });

  it('hands out copies', async () => {
    const { inbound } = memoryRepository();
    await inbound.addIntent(intent(5));
    (inbound.pendingIntents()[0] as { target: string }).target = 'changed';
    expect(inbound.pendingIntents()[0]?.target, 'the store is unchanged').toBe('p1');
  });
});

describe('inbound section in the store file', () => {
  it('loads a version 3 file written before the section existed, without a migration', async () => {
    const dataDir = await makeTempDir();
    const { inbound: _absent, ...older } = createDefaultStoreData(new Date('2026-01-01T00:00:00Z'));
    await writeFile(path.join(dataDir, STORE_FILE_NAME), JSON.stringify(older));
    const store = await openStore({ dataDir });
    onTestFinished(() => store.close());
    expect(store.migratedFromVersion, 'no migration needed').toBeNull();
    expect(store.document.read().inbound, 'an empty section').toEqual({ processed: [], intents: [] });
  });

  it('keeps intents across a reopen of the file', async () => {
    const dataDir = await makeTempDir();
    const first = await openStore({ dataDir });
    await createInboundRepository(first).addIntent(intent(9));
    await first.close();
    const second = await openStore({ dataDir });
    onTestFinished(() => second.close());
    const inbound = createInboundRepository(second);
    expect(inbound.pendingIntents(), 'still there for the worker at start').toEqual([intent(9)]);
    expect(inbound.has(9), 'and its update still counts as acted').toBe(true);
  });
});
