import type { Severity } from '../engine/ports/alert-sink.js';
import type { AlertEntry, ChatAlertSettings } from './alert-outbox-port.js';
import type { AlertKeyboard, AlertRenderer } from './alert-transport.js';
import { isQuietAt, nextQuietCheckAt } from './quiet-hours.js';

/** What one chat is sent next: one urgent alert, or one digest of INFO/WARNING alerts. */
export interface PlannedMessage {
  readonly entries: readonly AlertEntry[];
  readonly severity: Severity;
  readonly html: string;
  readonly silent: boolean;
  readonly keyboard?: AlertKeyboard;
}

export type Plan = { kind: 'send'; message: PlannedMessage } | { kind: 'wait'; at: number } | { kind: 'idle' };

export interface PlanInput {
  /** This chat's entries, in arrival order, without the ones already being sent. */
  readonly entries: readonly AlertEntry[];
  readonly now: Date;
  readonly settings: ChatAlertSettings;
  /** When this chat last got an INFO/WARNING message; undefined after a restart. */
  readonly lastDigestAt: number | undefined;
  /** At most one INFO/WARNING message per chat per window. */
  readonly windowMs: number;
  /** How long the first INFO/WARNING waits for others of its burst before it goes. */
  readonly gatherMs: number;
  readonly render: AlertRenderer;
}

const isUrgent = (e: AlertEntry) => e.severity === 'CRITICAL' || e.severity === 'HIGH';
const isReminder = (e: AlertEntry) => e.sentCount > 0 && e.acknowledgedAt === undefined && e.nextResendAt !== undefined;

/**
 * Pure: what to send now, or when to look again. CRITICAL first (new ones and due
 * reminders, in arrival order), then HIGH, each alone; then every waiting INFO/WARNING as
 * one digest, once its burst has gathered, the chat's window allows, and quiet hours are over.
 */
export function planNextMessage(input: PlanInput): Plan {
  const now = input.now.getTime();
  const urgent = input.entries.filter(isUrgent).filter((e) => e.sentCount === 0 || isReminder(e));
  const dueAt = (e: AlertEntry) => (e.sentCount === 0 ? 0 : Date.parse(e.nextResendAt ?? ''));
  const ready = urgent.filter((e) => dueAt(e) <= now);
  const next = ready.find((e) => e.severity === 'CRITICAL') ?? ready[0];
  if (next !== undefined) return { kind: 'send', message: single(next, input) };

  const low = input.entries.filter((e) => !isUrgent(e) && e.sentCount === 0);
  const waits = urgent.map(dueAt);
  if (low.length > 0) {
    const digestAt = digestReadyAt(low, input);
    if (digestAt <= now) return { kind: 'send', message: digest(low, input) };
    waits.push(digestAt);
  }
  return waits.length === 0 ? { kind: 'idle' } : { kind: 'wait', at: Math.min(...waits) };
}

function digestReadyAt(low: readonly AlertEntry[], input: PlanInput): number {
  const oldest = Math.min(...low.map((e) => Date.parse(e.createdAt)));
  const at = Math.max(oldest + input.gatherMs, (input.lastDigestAt ?? -Infinity) + input.windowMs);
  const quiet = input.settings.quietHours;
  if (quiet === undefined || !isQuietAt(input.now, quiet)) return at;
  return Math.max(at, nextQuietCheckAt(input.now, quiet.tz));
}

/** `off` never silences HIGH or CRITICAL completely: for them it means `silent`. */
const isSilent = (settings: ChatAlertSettings, type: string) => {
  const mode = settings.types?.[type];
  return mode === 'silent' || mode === 'off';
};

function single(entry: AlertEntry, input: PlanInput): PlannedMessage {
  const needsAck = entry.severity === 'CRITICAL' && entry.acknowledgedAt === undefined;
  return {
    entries: [entry],
    severity: entry.severity,
    html: input.render.alert(entry, input.now),
    silent: isSilent(input.settings, entry.type),
    ...(needsAck ? { keyboard: [[input.render.acknowledgeButton(entry.id)]] } : {}),
  };
}

function digest(entries: readonly AlertEntry[], input: PlanInput): PlannedMessage {
  return {
    entries,
    severity: entries.some((e) => e.severity === 'WARNING') ? 'WARNING' : 'INFO',
    html: input.render.digest(entries, input.now),
    silent: entries.every((e) => isSilent(input.settings, e.type)),
  };
}
