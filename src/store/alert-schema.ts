import * as z from 'zod';
import { SEVERITIES } from '../engine/ports/alert-sink.js';

/**
 * Zod schemas for the alert outbox in the store file (DESIGN principle 6: alerts wait in
 * a durable outbox until Telegram accepts them). Every field that may be added later gets
 * a `.default()`, so older files keep loading without a migration.
 */

const isoTimestamp = z.iso.datetime({ offset: true });

export const AlertActorSchema = z.strictObject({ id: z.number().int(), name: z.string() });

export const AlertEntrySchema = z.strictObject({
  id: z.string().min(1).max(40),
  chatId: z.number().int(),
  severity: z.enum(SEVERITIES),
  type: z.string().min(1),
  title: z.string(),
  body: z.string().optional(),
  dedupeKey: z.string(),
  count: z.int().positive(),
  firstAt: isoTimestamp,
  lastAt: isoTimestamp,
  createdAt: isoTimestamp,
  attempts: z.int().nonnegative(),
  nextAttemptAt: isoTimestamp.optional(),
  sentCount: z.int().nonnegative(),
  nextResendAt: isoTimestamp.optional(),
  acknowledgedBy: AlertActorSchema.optional(),
  acknowledgedAt: isoTimestamp.optional(),
});

export const AcknowledgementRecordSchema = z.strictObject({
  alertId: z.string(),
  type: z.string(),
  title: z.string(),
  by: AlertActorSchema,
  at: isoTimestamp,
});

export const QuietHoursSchema = z.strictObject({
  startHour: z.int().min(0).max(23),
  endHour: z.int().min(0).max(23),
  tz: z.string().refine(isTimeZone, 'expected an IANA time zone such as "Europe/Berlin"'),
});

export const ChatAlertSettingsSchema = z.strictObject({
  quietHours: QuietHoursSchema.optional(),
  types: z.record(z.string(), z.enum(['on', 'silent', 'off'])).optional(),
});

export const AlertStateSchema = z.strictObject({
  /** Undelivered alerts, and delivered CRITICAL ones still waiting for an acknowledgement. */
  outbox: z.array(AlertEntrySchema).default([]),
  /** Bounded audit trail, newest last. */
  acknowledged: z.array(AcknowledgementRecordSchema).default([]),
  /** Keyed by chat id. */
  chats: z.record(z.string(), ChatAlertSettingsSchema).default({}),
});

export type AlertState = z.infer<typeof AlertStateSchema>;

/** A fresh value each call: the store document mutates what it holds. */
export function createEmptyAlertState(): AlertState {
  return { outbox: [], acknowledged: [], chats: {} };
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
