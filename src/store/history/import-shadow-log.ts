import { readFile, readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import type { DecisionRecord } from '../../engine/ports/decision-log.js';
import { hasErrnoCode } from '../has-errno-code.js';
import type { HistoryLog } from './create-history-log.js';
import { DECISION_KIND } from './create-decision-log.js';

const SHADOW_DIR = 'shadow';
const SHADOW_FILE = /^decisions(\.\d{8}T\d{9}Z)?\.jsonl$/;

/**
 * Stores before version 3 kept decisions in `DATA_DIR/shadow/decisions*.jsonl`, rotated
 * by size. Their entries move into the history once; the folder is then renamed to
 * `shadow.imported` (kept, never deleted, in case anything needs checking by hand).
 * Returns how many decisions were imported.
 */
export async function importShadowLog(dataDir: string, history: HistoryLog): Promise<number> {
  const dir = path.join(dataDir, SHADOW_DIR);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => SHADOW_FILE.test(name));
  } catch (error) {
    if (hasErrnoCode(error, 'ENOENT')) return 0;
    throw error;
  }
  // Rotated files carry their rotation time; the current file is the newest.
  const ordered = names.filter((n) => n !== 'decisions.jsonl').sort();
  if (names.includes('decisions.jsonl')) ordered.push('decisions.jsonl');
  let imported = 0;
  for (const name of ordered) {
    const records = parseDecisions(await readFile(path.join(dir, name), 'utf8'));
    const fresh = records.filter((r) => !history.has(DECISION_KIND, r.proposal.id));
    await history.append(fresh.map((r) => ({ kind: DECISION_KIND, id: r.proposal.id, at: r.at, value: r })));
    imported += fresh.length;
  }
  await rename(dir, `${dir}.imported`);
  return imported;
}

/** Whole lines only: a line torn by a crash, or unreadable, is skipped. */
function parseDecisions(text: string): DecisionRecord[] {
  const records: DecisionRecord[] = [];
  for (const line of text.split('\n')) {
    try {
      const value = JSON.parse(line) as Partial<DecisionRecord>;
      if (typeof value.at === 'string' && typeof value.proposal?.id === 'string' && value.trace !== undefined) records.push(value as DecisionRecord);
    } catch {
      // not a whole record
    }
  }
  return records;
}
