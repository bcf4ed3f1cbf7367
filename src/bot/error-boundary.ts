import { GrammyError, type BotError } from 'grammy';
import { UserFacingError } from '../errors.js';
import type { BotContext } from './context.js';

/**
 * Last line of defence for an update: log with full context, tell the person briefly
 * (with the correlation id to quote), never show a stack trace or internal message.
 */
export async function handleBotError(error: BotError<BotContext>): Promise<void> {
  const { ctx } = error;
  const cause = error.error;
  // If the failure came before contextSetup, there are no deps and nothing to log with.
  const log = ctx.deps === undefined ? undefined : ctx.log;
  if (isFailedTapAnswer(cause)) {
    // Only the toast was lost: whatever the tap decided is recorded and runs on its own,
    // so "Something went wrong" would be untrue.
    log?.warn({ err: cause, update_id: ctx.update.update_id }, 'tap not answered');
    return;
  }
  log?.error({ err: cause, update_id: ctx.update.update_id }, 'update failed');
  const text =
    cause instanceof UserFacingError
      ? cause.message
      : `Something went wrong on our side (ref ${ctx.correlationId ?? 'unknown'}). The details are in the log.`;
  try {
    // Stop a button's spinner if the handler had not yet; it may have, so ignore a refusal.
    if (ctx.callbackQuery !== undefined) await ctx.answerCallbackQuery().catch(() => undefined);
    // A message rather than a toast: it stays, with the reference to quote.
    if (ctx.chat !== undefined) await ctx.reply(text);
  } catch (replyError) {
    log?.warn({ err: replyError }, 'could not tell the user about the failure');
  }
}

/** Telegram refused or failed the answer to a button: a toast, never a decision. */
function isFailedTapAnswer(cause: unknown): boolean {
  return cause instanceof GrammyError && cause.method === 'answerCallbackQuery';
}
