import type { Conversation } from '@grammyjs/conversations';
import type { Context } from 'grammy';
import type { Engine } from '../../engine/index.js';
import { ask } from './ask.js';

export const HALT_CONVERSATION = 'halt';

/** The kill switch wants a typed confirmation: a tap alone is too easy to make by mistake. */
export function createHaltConversation(engine: Engine) {
  return async function halt(conversation: Conversation<Context, Context>, ctx: Context): Promise<void> {
    await ask(
      conversation,
      ctx,
      'Type HALT to cancel every open order at every venue and refuse every approval until /resume.',
      (t) => (t === 'HALT' ? { ok: true, value: t } : { ok: false, error: 'Only the exact word HALT (capitals) confirms.' }),
    );
    const by = ctx.from?.id ?? 0;
    // The result reaches the chat through the notifier's trading_control message.
    await conversation.external(() => engine.halt(by));
  };
}
