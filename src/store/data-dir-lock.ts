import { link, open, readFile, realpath, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataDirLockedError } from './errors.js';
import { hasErrnoCode } from './has-errno-code.js';

export const LOCK_FILE_NAME = 'countersign.lock';

export interface DataDirLock {
  /** The data directory as the caller named it. */
  readonly dataDir: string;
  readonly lockPath: string;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): Promise<void>;
}

/**
 * Directories this process holds. The pid in the lock file cannot tell "this process
 * opened it twice" from "a previous run that had the same pid" (a container's pid 1
 * restarting), so the process's own claims are tracked here instead.
 */
const heldByThisProcess = new Set<string>();

type LockOwner = { kind: 'missing' } | { kind: 'unreadable' } | { kind: 'pid'; pid: number };

/**
 * Makes this process the only one using `dataDir` (which must exist): two writers on one
 * store file would lose each other's updates. A lock left by a dead process is taken over.
 */
export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const dir = await realpath(dataDir);
  const lockPath = path.join(dir, LOCK_FILE_NAME);
  if (heldByThisProcess.has(dir)) throw new DataDirLockedError(dataDir, process.pid, lockPath);
  // Claimed before the first await, so two concurrent opens in this process cannot both win.
  heldByThisProcess.add(dir);
  try {
    await takeLockFile(dataDir, lockPath);
  } catch (error) {
    heldByThisProcess.delete(dir);
    throw error;
  }
  return createLockHandle(dataDir, dir, lockPath);
}

async function takeLockFile(dataDir: string, lockPath: string): Promise<void> {
  // A few rounds: the file may vanish or be replaced between our create and our read.
  for (let round = 0; round < 5; round += 1) {
    if (await tryCreateLockFile(lockPath)) return;
    const owner = await readSettledOwner(lockPath);
    if (owner.kind === 'missing') continue;
    if (owner.kind === 'pid' && isOtherProcessAlive(owner.pid)) {
      throw new DataDirLockedError(dataDir, owner.pid, lockPath);
    }
    await removeStaleLock(dataDir, lockPath, owner);
  }
  throw new Error(`could not take the lock ${lockPath}: it kept changing under us`);
}

/** O_EXCL create: exactly one process wins when several race for a free directory. */
async function tryCreateLockFile(lockPath: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(lockPath, 'wx', 0o644);
  } catch (error) {
    if (hasErrnoCode(error, 'EEXIST')) return false;
    throw error;
  }
  try {
    await handle.writeFile(`${process.pid}\n`, 'utf8');
    await handle.sync();
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(lockPath).catch(() => undefined);
    throw error;
  }
  return true;
}

async function readLockOwner(filePath: string): Promise<LockOwner> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if (hasErrnoCode(error, 'ENOENT')) return { kind: 'missing' };
    throw error;
  }
  const trimmed = text.trim();
  const pid = Number(trimmed);
  // Only a positive pid: kill(0 or negative) would signal whole process groups.
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(pid) || pid <= 0) return { kind: 'unreadable' };
  return { kind: 'pid', pid };
}

/**
 * An empty lock file is normal for a moment: its creator has opened it but not yet
 * written its pid. Only if it stays unreadable is its creator presumed dead.
 */
async function readSettledOwner(lockPath: string): Promise<LockOwner> {
  let owner = await readLockOwner(lockPath);
  for (let tries = 0; owner.kind === 'unreadable' && tries < 5; tries += 1) {
    await sleep(20);
    owner = await readLockOwner(lockPath);
  }
  return owner;
}

function isOtherProcessAlive(pid: number): boolean {
  // Our own pid in a lock we do not hold was left by an earlier run with the same pid.
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but owned by another user.
    return hasErrnoCode(error, 'EPERM');
  }
}

/**
 * Moves the stale lock aside before deleting it, then checks what was moved: if another
 * process took the lock over in between, its fresh lock is put back instead of deleted.
 * (A third process creating a lock in that instant is not covered; plain files offer no
 * stronger primitive without native code.)
 */
async function removeStaleLock(dataDir: string, lockPath: string, seen: LockOwner): Promise<void> {
  const asidePath = `${lockPath}.${process.pid}.stale`;
  try {
    await rename(lockPath, asidePath);
  } catch (error) {
    if (hasErrnoCode(error, 'ENOENT')) return;
    throw error;
  }
  const moved = await readLockOwner(asidePath);
  const movedFreshLock =
    moved.kind === 'pid' && !(seen.kind === 'pid' && seen.pid === moved.pid) && isOtherProcessAlive(moved.pid);
  if (movedFreshLock) {
    await link(asidePath, lockPath).catch(() => undefined);
    await unlink(asidePath).catch(() => undefined);
    throw new DataDirLockedError(dataDir, moved.pid, lockPath);
  }
  await unlink(asidePath).catch(() => undefined);
}

function createLockHandle(dataDir: string, dir: string, lockPath: string): DataDirLock {
  let released = false;
  return {
    dataDir,
    lockPath,
    async release() {
      if (released) return;
      released = true;
      try {
        const owner = await readLockOwner(lockPath);
        // Never delete a lock that is not ours, e.g. after someone removed ours by hand.
        if (owner.kind === 'pid' && owner.pid === process.pid) await unlink(lockPath);
      } finally {
        // Only after the file is gone, so no open in this process can see our pid unclaimed.
        heldByThisProcess.delete(dir);
      }
    },
  };
}
