/**
 * Crash-safe whole-file writes: the file on disk is always either the previous complete
 * content or the new one, never a torn mix (DESIGN principle 6).
 */
import { open, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

let tempFileCounter = 0;

/** Temp file, fsync, rename over the target, fsync the directory so the rename itself is durable. */
export async function writeFileAtomically(filePath: string, content: string | Uint8Array): Promise<void> {
  tempFileCounter += 1;
  // Same directory as the target: rename is only atomic within one file system.
  const tempPath = `${filePath}.${process.pid}.${tempFileCounter}.tmp`;
  try {
    const handle = await open(tempPath, 'wx', 0o600);
    try {
      await handle.writeFile(content);
      // Data and size are what a reader needs; fdatasync skips the timestamps.
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, filePath);
  } catch (error) {
    await unlink(tempPath).catch(() => undefined);
    throw error;
  }
  await syncDirectory(path.dirname(filePath));
}

/**
 * Deletes temp files a killed writer left behind for `filePath` or its siblings named
 * `<file>.<suffix>` (the migration backups). Only call it while holding the data directory
 * lock: then no live process can be writing one of them.
 */
export async function removeLeftoverTempFiles(filePath: string): Promise<void> {
  const dir = path.dirname(filePath);
  const pattern = new RegExp(`^${escapeRegExp(path.basename(filePath))}(\\..+)?\\.\\d+\\.\\d+\\.tmp$`);
  const names = await readdir(dir);
  await Promise.all(
    names.filter((name) => pattern.test(name)).map((name) => unlink(path.join(dir, name)).catch(() => undefined)),
  );
}

/** fsync on a directory makes a created or renamed entry in it durable. */
export async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals the rename on its own.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
