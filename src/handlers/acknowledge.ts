import type { Role } from '../roles.js';
import type { AlertActor } from '../alerts/alert-outbox-port.js';
import type { AcknowledgeResult } from '../alerts/create-alert-dispatcher.js';
import { ACK_PREFIX } from '../bot/alerts/render-alert.js';

/**
 * The part of the bot context this button needs. Written structurally so it does not
 * depend on BotDeps: once BotDeps has `alerts`, BotContext satisfies it and the button
 * is a plain ButtonDefinition.
 */
export interface AcknowledgeContext {
  readonly deps: { readonly alerts: { acknowledge(alertId: string, by: AlertActor): Promise<AcknowledgeResult> } };
  readonly from?: { readonly id: number; readonly first_name: string; readonly username?: string } | undefined;
  answerCallbackQuery(other: { text: string; show_alert?: boolean }): Promise<unknown>;
  editMessageReplyMarkup?(other: { reply_markup: { inline_keyboard: [] } }): Promise<unknown>;
}

const actorOf = (ctx: AcknowledgeContext): AlertActor => ({
  id: ctx.from?.id ?? 0,
  name: ctx.from?.username === undefined ? (ctx.from?.first_name ?? 'someone') : `@${ctx.from.username}`,
});

const at = (iso: string) => `${iso.slice(11, 16)} UTC`;

/** The toast each outcome shows. */
export function acknowledgeAnswer(result: AcknowledgeResult): string {
  if (result.kind === 'acknowledged') return 'Acknowledged. No more reminders for this alert.';
  if (result.kind === 'already_acknowledged') return `Already acknowledged by ${result.record.by.name} at ${at(result.record.at)}.`;
  return 'This alert is no longer pending.';
}

/**
 * Acknowledge on a CRITICAL alert. Any role may press it (viewer and up): someone saw it,
 * so the reminders stop. Strangers never get here: the auth middleware drops them. It is
 * one local write, so it is done before the answer (DESIGN principle 7 still holds).
 */
export const acknowledgeButton = {
  prefix: ACK_PREFIX,
  minRole: 'viewer' as Role,
  handle: async (ctx: AcknowledgeContext, alertId: string): Promise<unknown> => {
    const result = await ctx.deps.alerts.acknowledge(alertId, actorOf(ctx));
    await ctx.answerCallbackQuery({ text: acknowledgeAnswer(result) });
    // The pressed copy loses its button; a failed edit (message too old) changes nothing.
    if (result.kind !== 'not_found') await ctx.editMessageReplyMarkup?.({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
    return result;
  },
};
