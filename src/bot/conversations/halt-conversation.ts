import type { Conversation } from '@grammyjs/conversations';
import type { Context } from 'grammy';
import type { BotDeps } from '../context.js';
import { chatOf, tapperOf } from '../inbound/record-tap.js';
import type { Intent } from '../../store/inbound-schema.js';
import { CONFIRMATION_DEADLINE_MS, createAsk } from './ask.js';

export const HALT_CONVERSATION = 'halt';

/**
 * The kill switch wants a typed confirmation: a tap alone is too easy to make by mistake.
 * The confirmation is fresh or void (60 s), and it is recorded as an intent before
 * anything acts, like a decision tap: a crash cannot lose it, a redelivery cannot repeat it.
 */
export function createHaltConversation(deps: Pick<BotDeps, 'clock' | 'engine' | 'inbound'>) {
  return async function halt(conversation: Conversation<Context, Context>, ctx: Context): Promise<void> {
    const { askFor } = createAsk(conversation, ctx, { clock: deps.clock, questions: deps.inbound.questions }, { command: 'halt', deadlineMs: CONFIRMATION_DEADLINE_MS });
    const { answer } = await askFor('Type HALT to cancel every open order at every venue and refuse every approval until /resume.', (t) =>
      t === 'HALT' ? { ok: true, value: t } : { ok: false, error: 'Only the exact word HALT (capitals) confirms.' },
    );
    // The result reaches the chat through the notifier's trading_control message.
    await conversation.external(async () => {
      const intent: Intent = { updateId: answer.update.update_id, kind: 'halt', target: 'trading', user: tapperOf(answer), chatId: chatOf(answer), at: deps.clock().toISOString() };
      if (await deps.inbound.intents.record(intent)) deps.engine.tasks.run('halt', () => deps.inbound.intents.run(intent));
    });
  };
}
