import { InlineKeyboard, type Context } from 'grammy';
import type { Conversation } from '@grammyjs/conversations';
import type { Parsed } from '../parse/parsed.js';

export const CHOICE_PREFIX = 'cv';
const CANCEL = '__cancel';

export interface Choice {
  readonly label: string;
  readonly value: string;
}

/** An answer, with the update that carried it (its id is what a confirmation records). */
export interface Answer<T> {
  readonly value: T;
  readonly answer: Context;
}

/**
 * The steps of one conversation: ask, wait, parse; on bad input say why and ask again.
 * Cancel (button, "cancel" or /cancel) ends the conversation; any other command leaves it
 * and runs; a press on another message's button passes through untouched.
 */
export function createAsk(conversation: Conversation<Context, Context>, ctx: Context) {
  async function askFor<T>(question: string, parse: (input: string) => Parsed<T>, choices: readonly Choice[] = []): Promise<Answer<T>> {
    const keyboard = new InlineKeyboard();
    for (const choice of choices) keyboard.text(choice.label, `${CHOICE_PREFIX}:${choice.value}`);
    keyboard.row().text('Cancel', `${CHOICE_PREFIX}:${CANCEL}`);
    await ctx.reply(question, { reply_markup: keyboard });
    for (;;) {
      const next = await conversation.wait();
      const data = next.callbackQuery?.data;
      if (data !== undefined && !data.startsWith(`${CHOICE_PREFIX}:`)) await conversation.skip({ next: true });
      if (data !== undefined) await next.answerCallbackQuery().catch(() => undefined);
      const input = (data === undefined ? next.message?.text : data.slice(CHOICE_PREFIX.length + 1))?.trim();
      if (input === undefined) continue;
      if (input === CANCEL || /^\/?cancel$/i.test(input)) {
        await next.reply('Canceled.');
        await conversation.halt();
      }
      if (input.startsWith('/')) await conversation.halt({ next: true });
      const parsed = parse(input);
      if (parsed.ok) return { value: parsed.value, answer: next };
      await next.reply(`${parsed.error} Try again, or Cancel.`);
    }
  }

  return {
    askFor,
    ask: async <T>(question: string, parse: (input: string) => Parsed<T>, choices: readonly Choice[] = []): Promise<T> => (await askFor(question, parse, choices)).value,
  };
}
