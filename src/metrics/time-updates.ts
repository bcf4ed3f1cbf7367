import { performance } from 'node:perf_hooks';
import type { Bot, Context } from 'grammy';
import { updateTypeOf, type UpdateRecorder } from './update-recorder.js';

/**
 * Times every update through the whole middleware stack. Polling, the webhook and the
 * local chat all call `bot.handleUpdate`, so wrapping it once covers every transport
 * without touching the bot's middleware.
 */
export function timeUpdates<C extends Context>(bot: Bot<C>, recorder: UpdateRecorder): void {
  const handle = bot.handleUpdate.bind(bot);
  bot.handleUpdate = async (update, webhookReplyEnvelope) => {
    const started = performance.now();
    try {
      return await handle(update, webhookReplyEnvelope);
    } finally {
      recorder.record(updateTypeOf(update), (performance.now() - started) / 1000);
    }
  };
}
