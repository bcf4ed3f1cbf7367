import type { AlertEntry } from './alert-outbox-port.js';

/** Reminders for an unacknowledged CRITICAL: 2, 5, 10, 30 minutes, then every 30 minutes. */
export const RESEND_STEPS_MS = [2, 5, 10, 30].map((minutes) => minutes * 60_000);

/** The wait before the next reminder, once the alert has been delivered `sentCount` times. */
export function resendDelayMs(sentCount: number): number {
  const last = RESEND_STEPS_MS[RESEND_STEPS_MS.length - 1] ?? 1_800_000;
  return RESEND_STEPS_MS[Math.max(0, sentCount - 1)] ?? last;
}

/** After an accepted send of an unacknowledged CRITICAL: count it and set the next reminder. */
export function resendPatch(entry: Pick<AlertEntry, 'sentCount'>, now: Date) {
  const sentCount = entry.sentCount + 1;
  return { sentCount, nextResendAt: new Date(now.getTime() + resendDelayMs(sentCount)).toISOString(), attempts: 0, nextAttemptAt: undefined };
}
