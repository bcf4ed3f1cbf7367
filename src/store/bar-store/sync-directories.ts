import { open } from 'node:fs/promises';
import path from 'node:path';

/**
 * fsyncs `dir` and each parent up to and including `top`, so newly created entries (a
 * series file, the folders mkdir made for it) survive a power cut too.
 */
export async function syncDirectories(dir: string, top: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals directory changes itself.
  if (process.platform === 'win32') return;
  let current = path.resolve(dir);
  const last = path.resolve(top);
  for (;;) {
    const handle = await open(current, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    const parent = path.dirname(current);
    if (current === last || parent === current) return;
    current = parent;
  }
}
