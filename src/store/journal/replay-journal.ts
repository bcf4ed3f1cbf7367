import { collectionAt } from './document-layout.js';

/**
 * Applies journal lines (see diff-document.ts) to the parsed snapshot, in order. The last
 * line may be torn by a crash mid-write: it was never acknowledged, so it is dropped. Any
 * other line that does not parse means the file is damaged: `onCorrupt` names the line.
 */
export function replayJournal(document: Record<string, unknown>, journal: string, onCorrupt: (line: number, reason: string) => never): number {
  const lines = journal.split('\n');
  // Text after the last newline never finished; the last complete line may be torn too.
  lines.pop();
  let applied = 0;
  for (const [index, line] of lines.entries()) {
    let ops: unknown;
    try {
      ops = JSON.parse(line);
    } catch {
      if (index === lines.length - 1) break;
      onCorrupt(index + 1, 'it is not valid JSON');
    }
    const problem = applyOps(document, ops);
    if (problem !== undefined) onCorrupt(index + 1, problem);
    applied += 1;
  }
  return applied;
}

/** Returns what is wrong with `ops`, or undefined once they are applied. */
function applyOps(document: Record<string, unknown>, ops: unknown): string | undefined {
  if (!Array.isArray(ops)) return 'it is not a list of operations';
  for (const op of ops as unknown[]) {
    if (!Array.isArray(op) || !isPath(op[1])) return `the operation ${JSON.stringify(op)?.slice(0, 80)} is not one this build writes`;
    const [kind, path] = op as [unknown, string[]];
    if (kind === 'put') put(document, path, op.length > 2, op[2]);
    else if ((kind === 'set' || kind === 'del') && typeof op[2] === 'string') setRecord(document, path, op[2], kind === 'set', op[3]);
    else return `the operation ${JSON.stringify(op).slice(0, 80)} is not one this build writes`;
  }
  return undefined;
}

function isPath(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every((part) => typeof part === 'string');
}

function put(document: Record<string, unknown>, path: string[], present: boolean, value: unknown): void {
  const parent = parentOf(document, path);
  const name = path[path.length - 1] as string;
  if (present) parent[name] = value;
  else delete parent[name];
}

function setRecord(document: Record<string, unknown>, path: string[], id: string, present: boolean, value: unknown): void {
  const parent = parentOf(document, path);
  const name = path[path.length - 1] as string;
  const keyOf = collectionAt(path)?.keyOf;
  if (keyOf !== undefined) {
    const items = Array.isArray(parent[name]) ? (parent[name] as Record<string, unknown>[]) : (parent[name] = []);
    const index = items.findIndex((item) => typeof item === 'object' && item !== null && keyOf(item) === id);
    if (!present) {
      if (index !== -1) items.splice(index, 1);
    } else if (index === -1) items.push(value as Record<string, unknown>);
    else items[index] = value as Record<string, unknown>;
    return;
  }
  const records = objectAt(parent, name);
  if (present) records[id] = value;
  else delete records[id];
}

/** The object holding the last field of `path`, created on the way where missing. */
function parentOf(document: Record<string, unknown>, path: string[]): Record<string, unknown> {
  let parent = document;
  for (const part of path.slice(0, -1)) parent = objectAt(parent, part);
  return parent;
}

function objectAt(parent: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = parent[key];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  const created: Record<string, unknown> = {};
  parent[key] = created;
  return created;
}
