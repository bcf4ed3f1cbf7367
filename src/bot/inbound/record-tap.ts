import type { Intent, IntentKind } from '../../store/inbound-schema.js';
import type { BotContext } from '../context.js';
import type { IntentOutcome } from './intent-executor.js';

/** Who tapped, as decisions and acknowledgements record it: `@username`, else the first name. */
export function tapperOf(ctx: Pick<BotContext, 'from'>): Intent['user'] {
  const from = ctx.from;
  return { id: from?.id ?? 0, name: from?.username === undefined ? (from?.first_name ?? 'someone') : `@${from.username}` };
}

/** The chat a tap or answer came from; a private chat has the user's id. */
export function chatOf(ctx: Pick<BotContext, 'chat' | 'from' | 'callbackQuery'>): number {
  return ctx.chat?.id ?? ctx.callbackQuery?.message?.chat.id ?? ctx.from?.id ?? 0;
}

/**
 * Writes the tap as an intent (its update id in the same write) before anything answers
 * it, so an answered tap is never lost to a crash. Undefined for an update recorded before:
 * a redelivery, which must not act again.
 */
export async function recordTap(ctx: BotContext, kind: IntentKind, target: string): Promise<Intent | undefined> {
  const intent: Intent = { updateId: ctx.update.update_id, kind, target, user: tapperOf(ctx), chatId: chatOf(ctx), at: ctx.deps.clock().toISOString() };
  if (await ctx.deps.inbound.intents.record(intent)) return intent;
  ctx.log.debug({ intent: kind, target }, 'redelivered tap skipped: it was recorded before');
  return undefined;
}

/**
 * Answers a tap without holding anything up. The toast is a courtesy: Telegram shows it
 * only for seconds, so a failed or late answer is logged at warn and never touches the
 * decision, which is recorded already and runs on its own.
 */
export function answerTap(ctx: BotContext, other: { text?: string; show_alert?: boolean } = {}): void {
  ctx.deps.engine.tasks.run('answer tap', () =>
    ctx.answerCallbackQuery(other).catch((error: unknown) => ctx.log.warn({ err: error }, 'tap not answered; its decision is not affected')),
  );
}

/** The toast when a recorded tap could not be carried out yet: it stays recorded and is retried. */
export const TAP_RETRYING = 'Recorded. It did not go through yet; retrying.';

/**
 * For a decision that is one local write (reject, acknowledge, cancel): recorded, carried
 * out at once, then answered with its outcome. Undefined for a redelivered update.
 */
export async function decideTap(ctx: BotContext, kind: IntentKind, target: string): Promise<IntentOutcome | undefined> {
  const intent = await recordTap(ctx, kind, target);
  if (intent === undefined) return undefined;
  const outcome = await ctx.deps.inbound.intents.run(intent);
  answerTap(ctx, { text: outcome?.toast ?? TAP_RETRYING });
  return outcome;
}
