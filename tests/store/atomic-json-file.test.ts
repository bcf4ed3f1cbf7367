import { readFileSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicJsonFile } from '../../src/store/atomic-json-file.js';
import { StoreCorruptError } from '../../src/store/errors.js';
import { makeTempDir } from './helpers.js';

describe('AtomicJsonFile', () => {
  it('reads null when the file does not exist yet', async () => {
    const file = new AtomicJsonFile(path.join(await makeTempDir(), 'x.json'));
    expect(await file.read(), 'a missing file is a new store, not an error').toBeNull();
  });

  it('turns a JSON syntax error into StoreCorruptError naming the file', async () => {
    const filePath = path.join(await makeTempDir(), 'x.json');
    await writeFile(filePath, '{"a":');
    const error = (await new AtomicJsonFile(filePath).read().catch((caught: unknown) => caught)) as StoreCorruptError;
    expect(error, 'typed').toBeInstanceOf(StoreCorruptError);
    expect(error.path, 'names the file').toBe(filePath);
  });

  it('resolves each write only once data at least as new as its own is on disk', async () => {
    const dir = await makeTempDir();
    const filePath = path.join(dir, 'x.json');
    const file = new AtomicJsonFile<{ n: number }>(filePath);
    const seenOnResolve: Array<{ n: number; onDisk: number }> = [];

    const writes = Array.from({ length: 50 }, (_, n) =>
      file.write({ n }).then(() => {
        // Read synchronously, at the very moment this caller is told "done".
        const onDisk = (JSON.parse(readFileSync(filePath, 'utf8')) as { n: number }).n;
        seenOnResolve.push({ n, onDisk });
      }),
    );
    await Promise.all(writes);

    for (const { n, onDisk } of seenOnResolve) expect(onDisk, `write ${n} resolved before it was durable`).toBeGreaterThanOrEqual(n);
    expect(JSON.parse(await readFile(filePath, 'utf8')), 'the last write wins').toEqual({ n: 49 });
    expect(await readdir(dir), 'no temp file is left behind').toEqual(['x.json']);
  });

  it('rejects the callers and flush when the write fails, and recovers afterwards', async () => {
    const dir = await makeTempDir();
    const file = new AtomicJsonFile(path.join(dir, 'missing-dir', 'x.json'));
    await expect(file.write({ a: 1 }), 'the caller learns the data is not on disk').rejects.toThrow(/ENOENT/);
    await expect(file.flush(), 'flush reports that disk is behind memory').rejects.toThrow(/ENOENT/);

    const good = new AtomicJsonFile<{ a: number }>(path.join(dir, 'x.json'));
    await good.write({ a: 2 });
    await expect(good.flush(), 'nothing pending, nothing failed').resolves.toBeUndefined();
  });
});
