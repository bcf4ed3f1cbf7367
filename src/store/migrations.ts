import { calculateActivity } from '../engine/positions/symbol-activity.js';
import { isFinalState, type Proposal } from '../engine/proposals/proposal.js';
import { CURRENT_STORE_VERSION } from './schema.js';

/**
 * Turns a document of version n into one of version n + 1. Pure: it never mutates its
 * input (the caller keeps the original for the error message and the backup) and never
 * validates — the loader validates the end result against the current schema once.
 */
export type Migration = (data: unknown) => unknown;

/** Version 1, the first skeleton, kept `createdAt` at the top level. */
export function migrateV1ToV2(data: unknown): unknown {
  const { createdAt, version: _version, ...rest } = asRecord(data);
  return {
    ...rest,
    version: 2,
    meta: { createdAt, lastStartedAt: null, startCount: 0 },
  };
}

/**
 * Version 3 keeps only live trading state in the document (settled proposals and final
 * orders move to the history segments when the store opens, see archive-settled.ts), so
 * what the gates need of the past becomes per-symbol activity; the addresses of proposal
 * cards move to the message outbox; paper ledgers number their orders themselves.
 */
export function migrateV2ToV3(data: unknown): unknown {
  const document = asRecord(data);
  const { messages, ...trading } = asRecord(document.trading ?? {});
  const proposals = Object.values(asRecord(trading.proposals ?? {})) as Proposal[];
  const ledgers = asRecord(document.paperLedgers ?? {});
  const live = new Set(proposals.filter((p) => !isFinalState(p.state)).map((p) => p.id));
  return {
    ...document,
    version: 3,
    trading: { ...trading, activity: calculateActivity(proposals) },
    // Settled proposals' cards are never edited again: only the live ones' addresses move,
    // as the outbox's slots (their content is unknown, so the next edit always goes out).
    outbox: { entries: [], slots: cardSlots(asRecord(messages ?? {}), live), chats: {} },
    paperLedgers: Object.fromEntries(
      Object.entries(ledgers).map(([id, ledger]) => [id, { ...asRecord(ledger), orderSequence: Object.keys(asRecord(asRecord(ledger).orders ?? {})).length }]),
    ),
  };
}

function cardSlots(messages: Record<string, unknown>, live: ReadonlySet<string>): Record<string, unknown> {
  const slots: Record<string, unknown> = {};
  for (const [proposalId, refs] of Object.entries(messages)) {
    if (!live.has(proposalId) || !Array.isArray(refs)) continue;
    for (const { chatId, messageId } of refs as { chatId: number; messageId: number }[]) {
      slots[`${chatId}:card:${proposalId}`] = { chatId, slot: `card:${proposalId}`, messageId, content: { text: '' } };
    }
  }
  return slots;
}

/** `migrations[i]` migrates version i + 1 to i + 2; append, never reorder or edit. */
export const migrations: readonly Migration[] = [migrateV1ToV2, migrateV2ToV3];

if (migrations.length !== CURRENT_STORE_VERSION - 1) {
  // Caught at import time, so a bumped version without its migration never ships.
  throw new Error(
    `store migrations cover versions 1..${migrations.length + 1} but CURRENT_STORE_VERSION is ${CURRENT_STORE_VERSION}`,
  );
}

/** Runs every migration from `fromVersion` up to the current version, in order. */
export function applyMigrations(data: unknown, fromVersion: number): unknown {
  let current = data;
  for (let version = fromVersion; version < CURRENT_STORE_VERSION; version += 1) {
    const migrate = migrations[version - 1];
    if (migrate === undefined) throw new Error(`no migration from version ${version}`);
    current = migrate(current);
  }
  return current;
}

function asRecord(data: unknown): Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error('expected a JSON object');
  }
  return data as Record<string, unknown>;
}
