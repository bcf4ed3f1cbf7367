import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, onTestFailed, onTestFinished } from 'vitest';
import { deepFreeze } from '../../../src/store/deep-freeze.js';
import { StoreCorruptError } from '../../../src/store/errors.js';
import { JournaledJsonFile } from '../../../src/store/journal/journaled-json-file.js';
import { mulberry32, testSeed } from '../../helpers/seeded-random.js';
import { makeTempDir } from '../helpers.js';

type Doc = Record<string, unknown> & {
  meta: { n: number };
  trading: { proposals: Record<string, unknown>; controls: { paused: boolean } };
  outbox: { entries: { id: string; chatId: number; text: string }[]; slots: Record<string, unknown> };
  webhooks: { endpoints: Record<string, { entries: { id: string; attempts: number }[]; failures: number }> };
};

const newDoc = (): Doc => ({ meta: { n: 0 }, trading: { proposals: {}, controls: { paused: false } }, outbox: { entries: [], slots: {} }, webhooks: { endpoints: {} } });

async function openFile(dir: string, options: { compactAtBytes?: number } = {}) {
  const file = new JournaledJsonFile<Doc>(path.join(dir, 'countersign.json'), options);
  const { data, journaled } = await file.load();
  const doc = data ?? newDoc();
  await file.start(doc, data === null || journaled);
  onTestFinished(() => file.close());
  return { file, doc };
}

/** What a fresh open finds on disk now. */
const onDisk = async (dir: string) => (await new JournaledJsonFile<Doc>(path.join(dir, 'countersign.json')).load()).data;
const journalOf = (dir: string) => readFile(path.join(dir, 'countersign.journal'), 'utf8');

describe('the store document as snapshot and journal', () => {
  it('reads null when there is no snapshot yet', async () => {
    const file = new JournaledJsonFile(path.join(await makeTempDir(), 'countersign.json'));
    expect(await file.read(), 'a missing file is a new store, not an error').toBeNull();
  });

  it('turns a JSON syntax error in the snapshot into StoreCorruptError naming the file', async () => {
    const filePath = path.join(await makeTempDir(), 'countersign.json');
    await writeFile(filePath, '{"a":');
    const error = (await new JournaledJsonFile(filePath).read().catch((caught: unknown) => caught)) as StoreCorruptError;
    expect(error, 'typed').toBeInstanceOf(StoreCorruptError);
    expect(error.path, 'names the file').toBe(filePath);
  });

  it('resolves each write only once data at least as new as its own is on disk', async () => {
    const dir = await makeTempDir();
    const { file, doc } = await openFile(dir);
    const seen: { n: number; durable: number }[] = [];
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        doc.meta = { n: i + 1 };
        return file.write(doc).then(async () => seen.push({ n: i + 1, durable: (await onDisk(dir))?.meta.n ?? 0 }));
      }),
    );
    for (const { n, durable } of seen) expect(durable, `write ${n} resolved before it was durable`).toBeGreaterThanOrEqual(n);
    expect((await onDisk(dir))?.meta, 'the last write wins').toEqual({ n: 30 });
  });

  it('appends only the record that changed, however many others there are', async () => {
    const dir = await makeTempDir();
    const { file, doc } = await openFile(dir);
    for (let i = 0; i < 1_000; i++) doc.trading.proposals[`p${i}`] = deepFreeze({ id: `p${i}`, state: 'pending', trace: 'x'.repeat(500) });
    await file.write(doc);
    const before = (await stat(path.join(dir, 'countersign.journal'))).size;
    doc.trading.proposals.p500 = deepFreeze({ id: 'p500', state: 'approved', trace: 'x'.repeat(500) });
    await file.write(doc);
    const line = (await journalOf(dir)).slice(before);
    expect(line, 'one line naming the one proposal').toBe(`[["set",["trading","proposals"],"p500",${JSON.stringify(doc.trading.proposals.p500)}]]\n`);
    await file.write(doc);
    expect((await stat(path.join(dir, 'countersign.journal'))).size, 'nothing changed, nothing written').toBe(before + Buffer.byteLength(line));
  });

  it('sees a record edited in place when it is not frozen', async () => {
    const dir = await makeTempDir();
    const { file, doc } = await openFile(dir);
    doc.outbox.entries.push({ id: 'a', chatId: 1, text: 'first' });
    await file.write(doc);
    const entry = doc.outbox.entries[0];
    if (entry !== undefined) entry.text = 'edited';
    await file.write(doc);
    expect((await onDisk(dir))?.outbox.entries, 'the edit is durable').toEqual([{ id: 'a', chatId: 1, text: 'edited' }]);
  });

  it('drops a torn last line, which was never acknowledged', async () => {
    const dir = await makeTempDir();
    const { file, doc } = await openFile(dir);
    doc.meta = { n: 7 };
    await file.write(doc);
    await appendFile(path.join(dir, 'countersign.journal'), '[["put",["meta"],{"n":8');
    expect((await onDisk(dir))?.meta, 'the acknowledged change, without the torn one').toEqual({ n: 7 });
  });

  it('refuses a journal damaged before its last line, naming the file and the line', async () => {
    const dir = await makeTempDir();
    const { file, doc } = await openFile(dir);
    doc.meta = { n: 1 };
    await file.write(doc);
    await appendFile(path.join(dir, 'countersign.journal'), 'not json\n[["put",["meta"],{"n":3}]]\n');
    const error = (await new JournaledJsonFile(file.filePath).load().catch((caught: unknown) => caught)) as StoreCorruptError;
    expect(error, 'typed').toBeInstanceOf(StoreCorruptError);
    expect(error.message, 'names the journal and the line').toMatch(/countersign\.journal.*line 2/);
  });

  it('folds the journal into a new snapshot once it outgrows the snapshot', async () => {
    const dir = await makeTempDir();
    const { file, doc } = await openFile(dir, { compactAtBytes: 0 });
    for (let i = 1; i <= 40; i++) {
      doc.meta = { n: i };
      await file.write(doc);
    }
    expect((await journalOf(dir)).split('\n').length, 'the journal was emptied on the way').toBeLessThan(40);
    await file.compact();
    expect(await journalOf(dir), 'empty after compact').toBe('');
    expect(JSON.parse(await readFile(file.filePath, 'utf8')), 'the snapshot alone holds everything').toEqual(doc);
  });

  it('keeps a change made while the journal is being folded', async () => {
    const dir = await makeTempDir();
    const { file, doc } = await openFile(dir);
    doc.meta = { n: 1 };
    await file.write(doc);
    const compacting = file.compact();
    // Lands while the snapshot is being written: it must not be emptied away with the journal.
    await new Promise((resolve) => setImmediate(resolve));
    doc.meta = { n: 2 };
    await Promise.all([compacting, file.write(doc)]);
    expect((await onDisk(dir))?.meta, 'the later change is durable').toEqual({ n: 2 });
  });

  it('after any sequence of changes, a fresh open reads exactly the document in memory (seeded)', async () => {
    const seed = testSeed();
    onTestFailed(() => console.error(`journal replay failed with seed ${seed}: TEST_SEED=${seed} npx vitest run tests/store/journal`));
    const random = mulberry32(seed);
    const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
    const dir = await makeTempDir();
    let { file, doc } = await openFile(dir, { compactAtBytes: 2_000 });
    const changes: (() => void)[] = [
      () => (doc.meta = { n: doc.meta.n + 1 }),
      () => (doc.trading.controls.paused = !doc.trading.controls.paused),
      () => {
        const id = `p${Math.floor(random() * 30)}`;
        doc.trading.proposals[id] = deepFreeze({ id, v: random() });
      },
      () => delete doc.trading.proposals[pick(Object.keys(doc.trading.proposals)) ?? ''],
      () => doc.outbox.entries.push({ id: `e${Math.floor(random() * 1e6)}`, chatId: 1 + Math.floor(random() * 3), text: 'new' }),
      () => {
        const index = Math.floor(random() * doc.outbox.entries.length);
        const entry = doc.outbox.entries[index];
        if (entry !== undefined) doc.outbox.entries[index] = deepFreeze({ ...entry, text: `replaced ${random()}` });
      },
      () => {
        const entry = pick(doc.outbox.entries);
        // Frozen entries cannot be edited in place; the others are edited as the alert outbox does.
        if (entry !== undefined && !Object.isFrozen(entry)) entry.text = `edited ${random()}`;
      },
      () => doc.outbox.entries.splice(Math.floor(random() * doc.outbox.entries.length), 1),
      () => doc.outbox.entries.reverse(),
      () => {
        // Touched last: a slot message moves to the end, as the outbox keeps them.
        const key = `s${Math.floor(random() * 8)}`;
        delete doc.outbox.slots[key];
        doc.outbox.slots[key] = deepFreeze({ key, at: random() });
      },
      () => (doc.extra = random() < 0.5 ? undefined : { note: random() }),
      // Records two levels below a map of endpoints, as the webhook outbox keeps them.
      () => {
        const id = pick(['desk', 'ops.eu', 'x']) ?? 'desk';
        const endpoint = (doc.webhooks.endpoints[id] ??= { entries: [], failures: 0 });
        endpoint.entries.push({ id: `w${Math.floor(random() * 1e6)}`, attempts: 0 });
      },
      () => {
        const endpoint = pick(Object.values(doc.webhooks.endpoints));
        const entry = endpoint === undefined ? undefined : pick(endpoint.entries);
        if (entry !== undefined) entry.attempts += 1;
        if (endpoint !== undefined) endpoint.failures += 1;
      },
      () => pick(Object.values(doc.webhooks.endpoints))?.entries.shift(),
      () => delete doc.webhooks.endpoints[pick(Object.keys(doc.webhooks.endpoints)) ?? ''],
      () => (doc.webhooks = { endpoints: {} }),
      // An object the journal cuts into fields, replaced by a value it cannot cut, and back.
      () => (doc.signals = random() < 0.5 ? null : { seen: { [`s${random()}`]: { at: 1 } } }),
    ];
    for (let round = 0; round < 300; round++) {
      const batch = 1 + Math.floor(random() * 4);
      const writes: Promise<void>[] = [];
      for (let i = 0; i < batch; i++) {
        pick(changes)?.();
        writes.push(file.write(doc));
      }
      await Promise.all(writes);
      const expected = JSON.parse(JSON.stringify(doc)) as unknown;
      expect(await onDisk(dir), `round ${round}: what a fresh open reads`).toEqual(expected);
      if (random() < 0.05) {
        // A restart: the journal is folded on open, and the next changes build on that.
        await file.close();
        ({ file, doc } = await openFile(dir, { compactAtBytes: 2_000 }));
        expect(doc, `round ${round}: after a restart`).toEqual(expected);
      }
    }
  });
});
