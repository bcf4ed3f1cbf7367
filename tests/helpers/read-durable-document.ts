import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JournaledJsonFile } from '../../src/store/journal/journaled-json-file.js';
import { replayJournal } from '../../src/store/journal/replay-journal.js';

/**
 * What a fresh open of the store would find on disk right now: the snapshot with the
 * journal replayed over it, read the way `openStore` reads it. Tests use it to check that
 * a change is durable without closing the store.
 */
export async function readDurableDocument(storePath: string): Promise<unknown> {
  return (await new JournaledJsonFile<object>(storePath).load()).data;
}

/**
 * The same, synchronously, for polling a running bot's data directory from a test:
 * `countersign.json` with `countersign.journal` replayed over it. Throws while the files
 * are missing or mid-replacement; callers poll again.
 */
export function readDurableDocumentSync(dataDir: string): Record<string, unknown> {
  const document = JSON.parse(readFileSync(join(dataDir, 'countersign.json'), 'utf8')) as Record<string, unknown>;
  let journal = '';
  try {
    journal = readFileSync(join(dataDir, 'countersign.journal'), 'utf8');
  } catch {
    // No journal yet: the snapshot is everything.
  }
  replayJournal(document, journal, (line, reason) => {
    throw new Error(`journal line ${line}: ${reason}`);
  });
  return document;
}
