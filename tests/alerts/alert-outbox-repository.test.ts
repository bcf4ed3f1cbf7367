import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { AlertEntry } from '../../src/alerts/alert-outbox-port.js';
import { createAlertDispatcher } from '../../src/alerts/create-alert-dispatcher.js';
import { createAlertOutboxRepository, createAlertSettingsRepository } from '../../src/store/alert-outbox-repository.js';
import { InvalidSettingsError } from '../../src/store/errors.js';
import { STORE_FILE_NAME, openStore } from '../../src/store/open-store.js';
import { StoreSchema } from '../../src/store/schema.js';
import { makeTempDir } from '../store/helpers.js';
import { createMemoryDocument } from '../helpers/test-engine.js';
import { alertRenderer } from '../../src/bot/alerts/render-alert.js';
import { createSendGate } from '../../src/outbox/send-gate.js';
import { readDurableDocument } from '../helpers/read-durable-document.js';

function entry(id: string, overrides: Partial<AlertEntry> = {}): AlertEntry {
  const at = '2026-11-20T12:00:00.000Z';
  return { id, chatId: 1, severity: 'HIGH', type: 'order_unresolved', title: id, dedupeKey: id, count: 1, firstAt: at, lastAt: at, createdAt: at, attempts: 0, sentCount: 0, ...overrides };
}

async function open(dataDir: string) {
  const store = await openStore({ dataDir });
  onTestFinished(() => store.close());
  return store;
}

describe('the alert outbox in the store file', () => {
  it('is on disk when raise resolves, and valid against the store schema', async () => {
    const dataDir = await makeTempDir();
    const store = await open(dataDir);
    const dispatcher = createAlertDispatcher({
      outbox: createAlertOutboxRepository(store),
      send: async () => ({ messageId: 1 }),
      render: alertRenderer,
      gate: createSendGate(),
      chats: () => [1, -100],
      clock: () => new Date('2026-11-20T12:00:00Z'),
      logger: pino({ level: 'silent' }),
    });
    await dispatcher.raise({ severity: 'CRITICAL', type: 'breaker_open', title: 'Breaker <open>', body: 'alpaca' });

    const onDisk = await readDurableDocument(path.join(dataDir, STORE_FILE_NAME));
    expect(StoreSchema.safeParse(onDisk).success, 'the file still passes the schema').toBe(true);
    const outbox = (onDisk as { alerts: { outbox: AlertEntry[] } }).alerts.outbox;
    expect(outbox.map((e) => [e.chatId, e.title, e.severity]), 'one copy per recipient chat').toEqual([
      [1, 'Breaker <open>', 'CRITICAL'],
      [-100, 'Breaker <open>', 'CRITICAL'],
    ]);
  });

  it('keeps entries, acknowledgements and settings across close and reopen', async () => {
    const dataDir = await makeTempDir();
    const first = await openStore({ dataDir });
    const outbox = createAlertOutboxRepository(first);
    await outbox.add([entry('a'), entry('b', { sentCount: 1, severity: 'CRITICAL' })]);
    await outbox.acknowledge({ alertId: 'b', type: 'x', title: 'b', by: { id: 5, name: 'Ann' }, at: '2026-11-20T12:01:00.000Z' });
    await createAlertSettingsRepository(first).set(1, { quietHours: { startHour: 22, endHour: 7, tz: 'Europe/Berlin' }, types: { scan: 'silent' } });
    await first.close();

    const second = await open(dataDir);
    expect(createAlertOutboxRepository(second).list().map((e) => e.id), 'the undelivered one waits').toEqual(['a']);
    expect(createAlertOutboxRepository(second).acknowledgements()[0]?.by, 'who acknowledged').toEqual({ id: 5, name: 'Ann' });
    expect(createAlertSettingsRepository(second).get(1).types, 'settings kept').toEqual({ scan: 'silent' });
  });

  it('loads a file written before the outbox existed', async () => {
    const dataDir = await makeTempDir();
    const old = { version: 2, meta: { createdAt: '2025-01-01T00:00:00.000Z', lastStartedAt: null, startCount: 0 }, settings: {} };
    await writeFile(path.join(dataDir, STORE_FILE_NAME), JSON.stringify(old));
    const store = await open(dataDir);
    expect(store.document.read().alerts, 'defaulted').toEqual({ outbox: [], acknowledged: [], chats: {} });
  });
});

describe('createAlertOutboxRepository', () => {
  it('counts an incoming entry into the one canMerge picks, in the same chat only', async () => {
    const outbox = createAlertOutboxRepository({ document: createMemoryDocument() });
    const same = (a: AlertEntry, b: AlertEntry) => a.dedupeKey === b.dedupeKey;
    await outbox.add([entry('a', { dedupeKey: 'k' })]);
    await outbox.add([entry('b', { dedupeKey: 'k', lastAt: '2026-11-20T12:05:00.000Z' }), entry('c', { dedupeKey: 'k', chatId: 2 })], same);
    expect(outbox.list().map((e) => [e.id, e.chatId, e.count, e.lastAt]), 'counted in chat 1, new in chat 2').toEqual([
      ['a', 1, 2, '2026-11-20T12:05:00.000Z'],
      ['c', 2, 1, '2026-11-20T12:00:00.000Z'],
    ]);
  });

  it('hands out copies, and clears a field patched to undefined', async () => {
    const document = createMemoryDocument();
    const outbox = createAlertOutboxRepository({ document });
    await outbox.add([entry('a', { nextAttemptAt: '2026-11-20T12:00:00.000Z' })]);
    const copy = outbox.list()[0];
    if (copy !== undefined) copy.title = 'changed';
    await outbox.update([{ ref: { id: 'a', chatId: 1 }, patch: { nextAttemptAt: undefined, attempts: 3 } }]);
    expect(document.data.alerts.outbox[0], 'store unchanged by the copy; field removed').toEqual({ ...entry('a'), attempts: 3 });
  });

  it('keeps a bounded acknowledgement history', async () => {
    const outbox = createAlertOutboxRepository({ document: createMemoryDocument() });
    for (let i = 0; i < 210; i++) {
      await outbox.add([entry(`a${i}`, { sentCount: 1 })]);
      await outbox.acknowledge({ alertId: `a${i}`, type: 't', title: 't', by: { id: 1, name: 'x' }, at: '2026-11-20T12:00:00.000Z' });
    }
    const history = outbox.acknowledgements();
    expect([history.length, history[0]?.alertId, history.at(-1)?.alertId], 'the newest 200').toEqual([200, 'a10', 'a209']);
    expect(outbox.list(), 'delivered copies removed').toEqual([]);
  });
});

describe('createAlertSettingsRepository', () => {
  it('refuses an invalid setting and changes nothing', async () => {
    const settings = createAlertSettingsRepository({ document: createMemoryDocument() });
    await expect(settings.set(1, { quietHours: { startHour: 25, endHour: 7, tz: 'Mars/Olympus' } }), 'typed error').rejects.toBeInstanceOf(InvalidSettingsError);
    expect(settings.get(1), 'nothing stored').toEqual({});
  });
});
