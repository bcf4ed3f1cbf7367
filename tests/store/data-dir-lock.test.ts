import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { LOCK_FILE_NAME } from '../../src/store/data-dir-lock.js';
import { DataDirLockedError } from '../../src/store/errors.js';
import { openStore } from '../../src/store/open-store.js';
import { getDeadPid, makeTempDir, spawnFixture, waitForChild } from './helpers.js';

async function readLockPid(dataDir: string): Promise<string> {
  return (await readFile(path.join(dataDir, LOCK_FILE_NAME), 'utf8')).trim();
}

describe('data directory lock', () => {
  it('refuses a second open of the same directory in one process, with a clear message', async () => {
    const dataDir = await makeTempDir();
    const store = await openStore({ dataDir });
    onTestFinished(() => store.close());

    const error = (await openStore({ dataDir }).catch((caught: unknown) => caught)) as DataDirLockedError;

    expect(error, 'typed so start-up can act on it').toBeInstanceOf(DataDirLockedError);
    expect({ pid: error.pid, dataDir: error.dataDir }, 'fields name the holder and the directory').toEqual({
      pid: process.pid,
      dataDir,
    });
    expect(error.message, 'tells the operator who holds it and what to do').toContain(
      `Another Countersign process (pid ${process.pid}) is using ${dataDir}; stop it or set DATA_DIR to another directory`,
    );
  });

  it('lets exactly one of two concurrent opens win', async () => {
    const dataDir = await makeTempDir();
    const results = await Promise.allSettled([openStore({ dataDir }), openStore({ dataDir })]);
    for (const result of results) if (result.status === 'fulfilled') onTestFinished(() => result.value.close());
    expect(results.map((r) => r.status).sort(), 'one store, one refusal').toEqual(['fulfilled', 'rejected']);
  });

  it('is released on close, so the directory opens again', async () => {
    const dataDir = await makeTempDir();
    await (await openStore({ dataDir })).close();
    expect(existsSync(path.join(dataDir, LOCK_FILE_NAME)), 'close removes the lock file').toBe(false);
    const again = await openStore({ dataDir });
    onTestFinished(() => again.close());
    expect(await readLockPid(dataDir), 'the new open holds it').toBe(String(process.pid));
  });

  it('takes over a stale lock whose pid is dead', async () => {
    const dataDir = await makeTempDir();
    const deadPid = await getDeadPid();
    await writeFile(path.join(dataDir, LOCK_FILE_NAME), `${deadPid}\n`);

    const store = await openStore({ dataDir });
    onTestFinished(() => store.close());

    expect(await readLockPid(dataDir), 'the lock now names this process').toBe(String(process.pid));
  });

  it.each([
    { name: 'empty', content: '' },
    { name: 'garbage', content: 'not a pid' },
    // A container restart gives the new run the same pid (often 1) as the crashed one.
    { name: 'our own pid, left by an earlier run', content: `${process.pid}\n` },
  ])('takes over a lock file that is $name', async ({ content }) => {
    const dataDir = await makeTempDir();
    await writeFile(path.join(dataDir, LOCK_FILE_NAME), content);
    const store = await openStore({ dataDir });
    onTestFinished(() => store.close());
    expect(await readLockPid(dataDir), 'the lock now names this process').toBe(String(process.pid));
  });

  it('respects a lock held by another live process', async () => {
    const dataDir = await makeTempDir();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    onTestFinished(async () => {
      holder.kill('SIGKILL');
      if (holder.exitCode === null && holder.signalCode === null) await once(holder, 'exit');
    });
    await writeFile(path.join(dataDir, LOCK_FILE_NAME), `${holder.pid}\n`);

    const error = (await openStore({ dataDir }).catch((caught: unknown) => caught)) as DataDirLockedError;

    expect(error, 'a live holder is never overridden').toBeInstanceOf(DataDirLockedError);
    expect(error.pid, 'names the live holder').toBe(holder.pid);
    expect(await readLockPid(dataDir), 'the holder keeps its lock').toBe(String(holder.pid));
  });

  it('makes a second process exit non-zero with the clear message on stderr', async () => {
    const dataDir = await makeTempDir();
    const store = await openStore({ dataDir });
    onTestFinished(() => store.close());

    const result = await waitForChild(spawnFixture('open-store-once.ts', [dataDir]));

    expect(result.code, `the second process fails (stderr: ${result.stderr})`).not.toBe(0);
    expect(result.stdout, 'it never opened the store').not.toContain('opened');
    expect(result.stderr, 'the operator is told who holds the directory and what to do').toContain(
      `Another Countersign process (pid ${process.pid}) is using ${dataDir}; stop it or set DATA_DIR to another directory`,
    );
  });
});
