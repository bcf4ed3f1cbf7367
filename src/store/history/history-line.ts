/**
 * One history record per line: `{"k":"order","id":"…","at":"…","v":{…}}`. The key order
 * is fixed, so the index can read kind, id and time from the start of a line without
 * parsing the whole record (a proposal with its gate trace is a few kilobytes).
 */
export interface HistoryEntry<T = unknown> {
  /** What the record is: `proposal`, `order`, `decision`, `paper_order`, … */
  readonly kind: string;
  /** Unique within its kind; the last record with an id wins. */
  readonly id: string;
  /** When it was archived, ISO 8601 UTC; it picks the monthly segment. */
  readonly at: string;
  readonly value: T;
  /**
   * A few fields of `value` that windowed reads need, written in front of it so they can be
   * read without parsing the whole record (see readLineSummary).
   */
  readonly summary?: unknown;
}

export interface LineHead {
  readonly kind: string;
  readonly id: string;
  readonly at: string;
}

const KIND = /^[a-z][a-z0-9_]*$/;

export function formatLine(entry: HistoryEntry): string {
  if (!KIND.test(entry.kind)) throw new RangeError(`history kind must be snake_case, got "${entry.kind}"`);
  const summary = entry.summary === undefined ? '' : `,"s":${JSON.stringify(entry.summary)}`;
  return `{"k":${JSON.stringify(entry.kind)},"id":${JSON.stringify(entry.id)},"at":${JSON.stringify(entry.at)}${summary},"v":${JSON.stringify(entry.value)}}\n`;
}

// Ids and kinds never hold quotes or backslashes in practice, but JSON allows escapes:
// the pattern accepts them and JSON.parse below undoes them.
const HEAD = /^\{"k":("[a-z0-9_]+"),"id":("(?:[^"\\]|\\.)*"),"at":("[0-9T:.Z+-]+"),"[sv]":/;

/** Kind, id and time from the first bytes of a line; undefined for anything else. */
export function readLineHead(start: string): LineHead | undefined {
  const match = HEAD.exec(start);
  if (match === null) return undefined;
  return { kind: JSON.parse(match[1] ?? '') as string, id: JSON.parse(match[2] ?? '') as string, at: JSON.parse(match[3] ?? '') as string };
}

/** The whole record of a line; undefined when it is not valid JSON of the line shape. */
export function parseLine<T>(line: string): HistoryEntry<T> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { k, id, at, v, s } = parsed as Record<string, unknown>;
  if (typeof k !== 'string' || typeof id !== 'string' || typeof at !== 'string') return undefined;
  return { kind: k, id, at, value: v as T, ...(s === undefined ? {} : { summary: s }) };
}

/**
 * The summary of a line without parsing its record: the text between `"s":` and `,"v":`.
 * Inside JSON strings every quote is escaped, so the first unescaped `,"v":` after the
 * summary is the record's key (summaries hold no object with a `v` key).
 */
export function readLineSummary<S>(line: string): S | undefined {
  const head = HEAD.exec(line);
  if (head === null || !head[0].endsWith('"s":')) return undefined;
  const end = line.indexOf(',"v":', head[0].length);
  if (end === -1) return undefined;
  try {
    return JSON.parse(line.slice(head[0].length, end)) as S;
  } catch {
    return undefined;
  }
}

/** `2026-12` for any time in December 2026 (UTC). */
export function segmentNameOf(at: string): string {
  return at.slice(0, 7);
}
