import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { encodeBars } from '../../../src/store/bar-store/bar-record.js';
import { createFileBarStore } from '../../../src/store/bar-store/create-file-bar-store.js';
import { makeTempDir } from '../helpers.js';
import { BTC_1H, HOUR, T0, makeBar, makeHourlyBars } from './bar-fixtures.js';

async function storeWithTail(tail: Uint8Array | string) {
  const dir = path.join(await makeTempDir(), 'bars');
  await createFileBarStore({ dir }).append(BTC_1H, makeHourlyBars(T0, 100));
  const file = path.join(dir, 'ccxt_binance', 'BTC-USDT', '1h.bars');
  await appendFile(file, tail);
  const onTailDropped = vi.fn();
  return { dir, file, onTailDropped, store: createFileBarStore({ dir, onTailDropped }) };
}

describe('createFileBarStore: crash recovery on open', () => {
  it('drops garbage bytes after the last record, keeps every earlier bar, and appends after them', async () => {
    const { dir, file, store, onTailDropped } = await storeWithTail('garbage!!');
    expect(await store.count(BTC_1H), 'previous bars intact').toBe(100);
    expect(await store.readLast(BTC_1H, 100), 'byte for byte').toEqual(makeHourlyBars(T0, 100));
    expect((await stat(file)).size, 'torn part truncated').toBe(100 * 48);
    expect(store.getStats(), 'counted').toMatchObject({ repairedFiles: 1, droppedBytes: 9 });
    expect(onTailDropped, 'reported once, so it can be logged').toHaveBeenCalledExactlyOnceWith({
      series: BTC_1H,
      path: file,
      droppedBytes: 9,
    });

    expect(await store.append(BTC_1H, makeHourlyBars(T0 + 100 * HOUR, 5)), 'next append fine').toEqual({ appended: 5, skipped: 0 });
    const reopened = createFileBarStore({ dir });
    expect(await reopened.readRange(BTC_1H, T0, T0 + 200 * HOUR), 'one clean run').toEqual(makeHourlyBars(T0, 105));
  });

  it('drops the first part of a record a killed writer left', async () => {
    const torn = encodeBars([makeBar(T0 + 100 * HOUR)]).subarray(0, 20);
    const { store } = await storeWithTail(torn);
    expect(await store.lastTimestamp(BTC_1H), 'the torn bar does not count').toBe(T0 + 99 * HOUR);
    expect(store.getStats().droppedBytes, 'the partial record').toBe(20);
  });

  it('drops whole zero-filled records a power cut can leave', async () => {
    const { store, file } = await storeWithTail(new Uint8Array(3 * 48));
    expect(await store.count(BTC_1H), 'zero records are not bars').toBe(100);
    expect(await store.lastTimestamp(BTC_1H), 'last real bar').toBe(T0 + 99 * HOUR);
    expect((await stat(file)).size, 'truncated').toBe(100 * 48);
  });

  it('drops whole records that go back in time', async () => {
    const { store } = await storeWithTail(encodeBars([makeBar(T0 + 100 * HOUR), makeBar(T0 + 5 * HOUR)]));
    expect(await store.count(BTC_1H), 'the plausible record stays, the one going back is cut').toBe(101);
  });

  it('recovers a file holding nothing but a torn first record', async () => {
    const dir = path.join(await makeTempDir(), 'bars');
    const file = path.join(dir, 'ccxt_binance', 'BTC-USDT', '1h.bars');
    await createFileBarStore({ dir }).append(BTC_1H, [makeBar(T0)]);
    await writeFile(file, encodeBars([makeBar(T0)]).subarray(0, 47));
    const store = createFileBarStore({ dir });
    expect(await store.count(BTC_1H), 'empty').toBe(0);
    expect(await store.append(BTC_1H, [makeBar(T0)]), 'starts over cleanly').toEqual({ appended: 1, skipped: 0 });
    expect((await readFile(file)).byteLength, 'one record').toBe(48);
  });
});
