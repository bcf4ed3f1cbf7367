import { appendFile, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openHistoryLog, type HistoryEntry } from '../../../src/store/history/create-history-log.js';
import { makeTempDir } from '../helpers.js';

async function openLog(dir: string) {
  const log = await openHistoryLog(dir);
  onTestFinished(() => log.close());
  return log;
}

const entry = (kind: string, id: string, at: string, value: unknown = { id }): HistoryEntry => ({ kind, id, at, value });

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('the history log', () => {
  it('appends durably, and finds records by id, by recency and by window after reopening', async () => {
    const dir = await makeTempDir();
    const first = await openHistoryLog(dir);
    await first.append([entry('order', 'o1', '2026-11-30T23:59:00.000Z'), entry('proposal', 'p1', '2026-11-30T23:59:00.000Z')]);
    await first.append([entry('order', 'o2', '2026-12-01T00:01:00.000Z', { id: 'o2', note: 'quote " and \\ inside' })]);
    await first.close();
    expect((await readdir(dir)).sort(), 'one segment per month of archive time').toEqual(['2026-11.jsonl', '2026-12.jsonl']);

    const log = await openLog(dir);
    expect(await log.get('order', 'o2'), 'by id, after a rebuild of the index').toEqual({ id: 'o2', note: 'quote " and \\ inside' });
    expect(await log.get('order', 'p1'), 'ids are per kind').toBeUndefined();
    expect(log.has('proposal', 'p1'), 'has').toBe(true);
    expect((await log.latest('order', 5)).map((e) => e.id), 'newest first').toEqual(['o2', 'o1']);
    expect((await collect(log.scan('order', new Date('2026-12-01T00:00:00Z')))).map((e) => e.id), 'window').toEqual(['o2']);
    expect(log.count('order'), 'count').toBe(2);
  });

  it('lets a later record of the same id replace the earlier one everywhere', async () => {
    const log = await openLog(await makeTempDir());
    await log.append([entry('order', 'o1', '2026-12-01T00:00:00.000Z', { v: 1 })]);
    await log.append([entry('order', 'o1', '2026-12-01T00:00:01.000Z', { v: 2 })]);
    expect(await log.get('order', 'o1'), 'latest wins').toEqual({ v: 2 });
    expect((await collect(log.scan('order'))).map((e) => e.value), 'scan yields it once').toEqual([{ v: 2 }]);
    expect(log.count('order'), 'counted once').toBe(1);
  });

  it('drops a torn last line on open and appends cleanly after it', async () => {
    const dir = await makeTempDir();
    const log = await openHistoryLog(dir);
    await log.append([entry('order', 'o1', '2026-12-01T00:00:00.000Z')]);
    await log.close();
    const file = path.join(dir, '2026-12.jsonl');
    const whole = (await stat(file)).size;
    await appendFile(file, '{"k":"order","id":"o2","at":"2026-12-01T00:00:01.000Z","v":{"id":"o');

    const reopened = await openLog(dir);
    expect((await stat(file)).size, 'the torn tail is cut off').toBe(whole);
    expect(reopened.has('order', 'o2'), 'an unacknowledged record is not there').toBe(false);
    await reopened.append([entry('order', 'o3', '2026-12-01T00:00:02.000Z')]);
    expect(await reopened.get('order', 'o3'), 'the next append reads back').toEqual({ id: 'o3' });
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).id), 'every line is whole').toEqual(['o1', 'o3']);
  });

  it('skips a damaged line and keeps the others', async () => {
    const dir = await makeTempDir();
    await writeFile(
      path.join(dir, '2026-12.jsonl'),
      '{"k":"order","id":"o1","at":"2026-12-01T00:00:00.000Z","v":{"id":"o1"}}\nnot json at all\n{"k":"order","id":"o2","at":"2026-12-01T00:00:01.000Z","v":{"id":"o2"}}\n',
    );
    const log = await openLog(dir);
    expect((await collect(log.scan('order'))).map((e) => e.id), 'both whole records').toEqual(['o1', 'o2']);
  });

  it('groups appends made in one tick into one write, in order, and tells listeners after they are durable', async () => {
    const log = await openLog(await makeTempDir());
    const heard: string[] = [];
    log.onAppend((entries) => heard.push(entries.map((e) => e.id).join(',')));
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append([entry('decision', `d${i}`, '2026-12-01T00:00:00.000Z')])));
    expect(heard.length, 'few physical writes for 50 appends').toBeLessThanOrEqual(2);
    expect((await log.latest('decision', 3)).map((e) => e.id), 'order kept').toEqual(['d49', 'd48', 'd47']);
  });

  it('reads long windows across its read buffer', async () => {
    const log = await openLog(await makeTempDir());
    const big = 'x'.repeat(5_000);
    const entries = Array.from({ length: 2_000 }, (_, i) => entry('proposal', `p${i}`, '2026-12-01T00:00:00.000Z', { i, big }));
    await log.append(entries);
    const read = await collect(log.scan<{ i: number }>('proposal'));
    expect(read.map((e) => e.value.i), 'all 10 MB in order').toEqual(entries.map((_, i) => i));
  });
});

describe('summaries in front of records', () => {
  it('reads a record’s summary without its body, and the body when a record has none', async () => {
    const log = await openLog(await makeTempDir());
    // A body that holds the very text the summary reader looks for, inside a string.
    await log.append([{ kind: 'proposal', id: 'p1', at: '2026-12-01T00:00:00.000Z', summary: { id: 'p1', tag: 'a,"v":b' }, value: { rationale: ',"v":{"x":1}' } }]);
    await log.append([{ kind: 'proposal', id: 'p2', at: '2026-12-01T00:00:01.000Z', value: { id: 'p2' } }]);
    expect(await collect(log.scanSummaries('proposal')), 'summary alone, then the whole record').toEqual([{ summary: { id: 'p1', tag: 'a,"v":b' } }, { value: { id: 'p2' } }]);
    expect(await log.get('proposal', 'p1'), 'the body is intact').toEqual({ rationale: ',"v":{"x":1}' });
  });
});
