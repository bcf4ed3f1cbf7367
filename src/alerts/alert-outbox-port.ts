import type { Severity } from '../engine/ports/alert-sink.js';

/** Who pressed Acknowledge: a Telegram user id and a display name for the chat. */
export interface AlertActor {
  readonly id: number;
  readonly name: string;
}

/**
 * One raised alert waiting for one chat. Each recipient chat gets its own entry (all
 * sharing `id`), so a chat that is paused by Telegram never holds back another.
 */
export interface AlertEntry {
  /** Shared by every recipient's copy of one raised alert; the Acknowledge button names it. */
  id: string;
  chatId: number;
  severity: Severity;
  type: string;
  title: string;
  body?: string;
  dedupeKey: string;
  /** How many identical alerts this entry stands for: counted, never repeated or dropped. */
  count: number;
  /** First and latest occurrence of the counted alerts (ISO). */
  firstAt: string;
  lastAt: string;
  /** When the entry was persisted. */
  createdAt: string;
  /** Failed send attempts since the last success, and when the next is due; for /health. */
  attempts: number;
  nextAttemptAt?: string;
  /** Sends Telegram accepted. Non-CRITICAL entries are removed at the first one. */
  sentCount: number;
  /** CRITICAL only: when the next reminder goes out while nobody has acknowledged. */
  nextResendAt?: string;
  acknowledgedBy?: AlertActor;
  acknowledgedAt?: string;
}

/** Names one chat's copy of an alert. */
export interface AlertRef {
  readonly id: string;
  readonly chatId: number;
}

export interface AlertEntryChange {
  readonly ref: AlertRef;
  readonly patch: Partial<Omit<AlertEntry, 'id' | 'chatId'>>;
}

/** The audit trail of acknowledged CRITICAL alerts: who and when. */
export interface AcknowledgementRecord {
  alertId: string;
  type: string;
  title: string;
  by: AlertActor;
  at: string;
}

export type AcknowledgeOutcome =
  | { kind: 'acknowledged'; record: AcknowledgementRecord }
  | { kind: 'already_acknowledged'; record: AcknowledgementRecord }
  | { kind: 'not_found' };

export type AlertTypeMode = 'on' | 'silent' | 'off';

/** Quiet hours in a chat's own time zone; `startHour` > `endHour` spans midnight (22 → 7). */
export interface QuietHours {
  startHour: number;
  endHour: number;
  /** IANA zone, e.g. `Europe/Berlin`. */
  tz: string;
}

export interface ChatAlertSettings {
  quietHours?: QuietHours;
  /** Per alert type: `silent` sends without sound, `off` drops INFO/WARNING of that type. */
  types?: Record<string, AlertTypeMode>;
}

/**
 * The durable outbox. Every method that changes something resolves only once the change
 * is on disk, which is what lets `raise` promise that an alert cannot be lost.
 */
export interface AlertOutboxPort {
  /** Copies of the entries (of one chat, if given), in arrival order. */
  list(chatId?: number): AlertEntry[];
  /**
   * Adds the entries in one write. An incoming entry is counted into the first existing one
   * that `canMerge` accepts (count added, `lastAt` moved) instead of being appended.
   */
  add(entries: readonly AlertEntry[], canMerge?: (existing: AlertEntry, incoming: AlertEntry) => boolean): Promise<void>;
  update(changes: readonly AlertEntryChange[]): Promise<void>;
  remove(refs: readonly AlertRef[]): Promise<void>;
  /**
   * In one write: unless the alert was acknowledged before, records the acknowledgement,
   * removes the copies already delivered and marks the others (they still go out once,
   * without a button). An alert with no copy left and no record is `not_found`.
   */
  acknowledge(record: AcknowledgementRecord): Promise<AcknowledgeOutcome>;
  /** Newest last; the store keeps a bounded history. */
  acknowledgements(): AcknowledgementRecord[];
}

/** Per-chat alert settings, changed from the chat and kept across restarts. */
export interface AlertSettingsPort {
  get(chatId: number): ChatAlertSettings;
  set(chatId: number, settings: ChatAlertSettings): Promise<void>;
}
