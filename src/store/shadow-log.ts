import { appendFile, mkdir, open, readFile, readdir, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { DecisionRecord } from '../engine/ports/shadow-log.js';
import { hasErrnoCode } from './has-errno-code.js';

/**
 * One gate decision, kept whether it became a proposal or was blocked, so `/gates` can say
 * what stops trading. The engine defines its shape.
 */
export type ShadowEntry = DecisionRecord;

export interface ShadowLog {
  append(entry: ShadowEntry): Promise<void>;
  /** The newest `limit` entries across the current and rotated files, oldest first. */
  readRecent(limit: number): Promise<ShadowEntry[]>;
}

export interface ShadowLogOptions {
  /** The directory holding decisions.jsonl; see getShadowLogDir. */
  readonly dir: string;
  readonly maxBytes?: number;
  readonly keepFiles?: number;
}

const CURRENT_FILE = 'decisions.jsonl';
const ROTATED_FILE = /^decisions\.(\d{8}T\d{9}Z)\.jsonl$/;
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const DEFAULT_KEEP_FILES = 5;
const NEWLINE = 0x0a;

// Loose on purpose: the trace's shape belongs to the engine and may grow fields.
const ShadowEntrySchema = z.object({
  at: z.string(),
  dataMode: z.enum(['PAPER', 'LIVE']),
  proposal: z.record(z.string(), z.unknown()),
  trace: z.looseObject({ verdicts: z.array(z.unknown()), passed: z.boolean() }),
  outcome: z.enum(['proposed', 'blocked']),
});

/** Where the shadow log lives inside the data directory. */
export function getShadowLogDir(dataDir: string): string {
  return path.join(dataDir, 'shadow');
}

/**
 * An append-only JSON-lines log, rotated by size. Not lowdb: lowdb rewrites the whole file
 * on each write, while decisions arrive all day and only ever grow. Appends and reads run
 * one at a time on a promise chain, so lines never interleave and a read never races a
 * rotation. One process owns the data directory (see data-dir-lock), so no file lock.
 */
export function createShadowLog(options: ShadowLogOptions): ShadowLog {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const keepFiles = options.keepFiles ?? DEFAULT_KEEP_FILES;
  if (!(maxBytes > 0)) throw new RangeError(`maxBytes must be positive, got ${maxBytes}`);
  if (!Number.isInteger(keepFiles) || keepFiles < 0) throw new RangeError(`keepFiles must be a whole number ≥ 0, got ${keepFiles}`);
  const currentPath = path.join(options.dir, CURRENT_FILE);
  /** Bytes in the current file; undefined until known, and again after a failed write. */
  let size: number | undefined;
  let tail: Promise<unknown> = Promise.resolve();

  function serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  }

  async function appendLine(entry: ShadowEntry): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`;
    const bytes = Buffer.byteLength(line);
    try {
      size ??= await openCurrent(options.dir, currentPath);
      if (size > 0 && size + bytes > maxBytes) {
        await rotate(options.dir, currentPath, keepFiles);
        size = 0;
      }
      await appendFile(currentPath, line, 'utf8');
      size += bytes;
    } catch (error) {
      size = undefined;
      throw error;
    }
  }

  return {
    append: (entry) => serialize(() => appendLine(entry)),
    readRecent: (limit) => serialize(() => readRecentEntries(options.dir, currentPath, limit)),
  };
}

/**
 * Creates the directory if needed and returns the current file's size. A crash mid-append
 * can leave a torn last line; a newline is added after it so the next entry starts on a
 * line of its own and only the torn fragment is lost (readers skip it).
 */
async function openCurrent(dir: string, currentPath: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  let file: FileHandle;
  try {
    file = await open(currentPath, 'r');
  } catch (error) {
    if (hasErrnoCode(error, 'ENOENT')) return 0;
    throw error;
  }
  try {
    const { size } = await file.stat();
    if (size === 0) return 0;
    const last = Buffer.alloc(1);
    await file.read(last, 0, 1, size - 1);
    if (last[0] === NEWLINE) return size;
  } finally {
    await file.close();
  }
  await appendFile(currentPath, '\n', 'utf8');
  return (await stat(currentPath)).size;
}

async function rotate(dir: string, currentPath: string, keepFiles: number): Promise<void> {
  const rotated = await listRotated(dir);
  // Names must sort in time order and never collide, even with two rotations in one
  // millisecond or a clock that stepped back: never older than the newest existing name.
  const newest = rotated.at(-1);
  const at = Math.max(Date.now(), newest === undefined ? 0 : parseStamp(newest) + 1);
  await rename(currentPath, path.join(dir, `decisions.${formatStamp(at)}.jsonl`));
  const all = await listRotated(dir);
  for (const name of all.slice(0, Math.max(0, all.length - keepFiles))) await unlink(path.join(dir, name));
}

/** Rotated file names, oldest first. */
async function listRotated(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => ROTATED_FILE.test(name)).sort();
  } catch (error) {
    if (hasErrnoCode(error, 'ENOENT')) return [];
    throw error;
  }
}

async function readRecentEntries(dir: string, currentPath: string, limit: number): Promise<ShadowEntry[]> {
  if (!(limit > 0)) return [];
  const files = [currentPath, ...(await listRotated(dir)).reverse().map((name) => path.join(dir, name))];
  let entries: ShadowEntry[] = [];
  for (const file of files) {
    entries = [...(await readEntries(file)), ...entries];
    if (entries.length >= limit) break;
  }
  return entries.slice(-limit);
}

/** Parses one file, skipping lines that are torn or otherwise unreadable. */
async function readEntries(file: string): Promise<ShadowEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (hasErrnoCode(error, 'ENOENT')) return [];
    throw error;
  }
  const entries: ShadowEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const parsed = ShadowEntrySchema.safeParse(parseJson(line));
    if (parsed.success) entries.push(parsed.data as unknown as ShadowEntry);
  }
  return entries;
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** 2026-04-03T14:30:00.123Z → 20260403T143000123Z: sortable and safe in any file system. */
function formatStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:.]/g, '');
}

function parseStamp(name: string): number {
  const stamp = ROTATED_FILE.exec(name)?.[1] ?? '';
  const iso = stamp.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/, '$1-$2-$3T$4:$5:$6.$7Z');
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
}
