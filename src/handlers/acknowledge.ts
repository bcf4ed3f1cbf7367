import type { AcknowledgeResult } from '../alerts/create-alert-dispatcher.js';
import { ACK_PREFIX } from '../bot/alerts/render-alert.js';
import type { ButtonDefinition } from '../bot/command.js';
import type { IntentOutcome, IntentServices } from '../bot/inbound/intent-executor.js';
import type { Intent } from '../store/inbound-schema.js';
import { answerTap, decideTap } from '../bot/inbound/record-tap.js';

const at = (iso: string) => `${iso.slice(11, 16)} UTC`;

/** The toast each outcome shows. */
export function acknowledgeAnswer(result: AcknowledgeResult): string {
  if (result.kind === 'acknowledged') return 'Acknowledged. No more reminders for this alert.';
  if (result.kind === 'already_acknowledged') return `Already acknowledged by ${result.record.by.name} at ${at(result.record.at)}.`;
  return 'This alert is no longer pending.';
}

/** Carries out a recorded Acknowledge: who and when are kept, the reminders stop. */
export async function acknowledgeIntent(intent: Intent, { alerts }: Pick<IntentServices, 'alerts'>): Promise<IntentOutcome> {
  const result = await alerts.acknowledge(intent.target, intent.user);
  return { result: result.kind, toast: acknowledgeAnswer(result) };
}

/**
 * Acknowledge on a CRITICAL alert. Any role may press it (viewer and up): someone saw it,
 * so the reminders stop. Strangers never get here: the auth middleware drops them. It is
 * one local write, so it is done before the answer (DESIGN principle 7 still holds).
 */
export const acknowledgeButton: ButtonDefinition = {
  prefix: ACK_PREFIX,
  minRole: 'viewer',
  handle: async (ctx, alertId) => {
    // An id no alert has (forged, or long gone) decides nothing: no intent, nothing in the history.
    if (!ctx.deps.alerts.isKnown(alertId)) return answerTap(ctx, { text: acknowledgeAnswer({ kind: 'not_found', alertId }) });
    const outcome = await decideTap(ctx, 'acknowledge', alertId);
    // The pressed copy loses its button; a failed edit (message too old) changes nothing.
    if (outcome !== undefined && outcome.result !== 'not_found') {
      await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
    }
    return outcome;
  },
};
