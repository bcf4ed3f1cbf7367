import { InlineKeyboard, type Context } from 'grammy';
import type { Conversation } from '@grammyjs/conversations';
import { questionExpiredMessage } from '../messages/question-expired-message.js';
import type { Parsed } from '../parse/parsed.js';
import type { QuestionDeadlines } from './question-deadlines.js';

export const CHOICE_PREFIX = 'cv';
const CANCEL = '__cancel';

/** How long a question waits for its answer, unless the conversation says otherwise. */
export const QUESTION_DEADLINE_MS = 5 * 60_000;
/** The kill switch and anything that moves live money: a confirmation is fresh or void. */
export const CONFIRMATION_DEADLINE_MS = 60_000;

export interface Choice {
  readonly label: string;
  readonly value: string;
}

export interface AskDeps {
  readonly clock: () => Date;
  readonly questions: QuestionDeadlines;
}

export interface AskOptions {
  /** The command that started the conversation: an expired question says to send it again. */
  readonly command: string;
  /** Every question's deadline unless `askFor` is given another. */
  readonly deadlineMs: number;
}

/** An answer, with the update that carried it (its id is what a confirmation records). */
export interface Answer<T> {
  readonly value: T;
  readonly answer: Context;
}

/** `columns`: buttons per row, for a long list of choices (default: all on one row). */
type AskFor = <T>(question: string, parse: (input: string) => Parsed<T>, choices?: readonly Choice[], deadlineMs?: number, columns?: number) => Promise<Answer<T>>;

/**
 * The steps of one conversation: ask, wait, parse; on bad input say why and ask again.
 * Cancel (button, "cancel" or /cancel) ends the conversation; any other command leaves it
 * and runs; a press on another message's button passes through untouched.
 *
 * Every question has a deadline. The plugin's own `wait({ maxMilliseconds })` would end
 * the conversation silently (the late "HALT" would fall through as stray text) and reads
 * `Date.now()`; here the injected clock is read inside `conversation.external`, so replays
 * see the same times, and a late answer is told it expired and changes nothing.
 */
export function createAsk(conversation: Conversation<Context, Context>, ctx: Context, deps: AskDeps, options: AskOptions) {
  const chatId = ctx.chat?.id ?? ctx.from?.id ?? 0;
  const now = () => conversation.external(() => deps.clock().getTime());

  /** A late update: a command or another button runs as if nothing had been asked; an answer is told. */
  async function expire(next: Context, text: string): Promise<never> {
    const data = next.callbackQuery?.data;
    const foreign = data !== undefined && !data.startsWith(`${CHOICE_PREFIX}:`);
    if (foreign || next.message?.text?.startsWith('/') === true) return conversation.halt({ next: true });
    if (data !== undefined) await next.answerCallbackQuery().catch(() => undefined);
    await next.reply(text);
    return conversation.halt();
  }

  const askFor: AskFor = async (question, parse, choices = [], deadlineMs = options.deadlineMs, columns = choices.length) => {
    const keyboard = new InlineKeyboard();
    choices.forEach((choice, i) => {
      if (i > 0 && i % columns === 0) keyboard.row();
      keyboard.text(choice.label, `${CHOICE_PREFIX}:${choice.value}`);
    });
    keyboard.row().text('Cancel', `${CHOICE_PREFIX}:${CANCEL}`);
    const expired = questionExpiredMessage(deadlineMs, options.command);
    const askedAt = await now();
    await ctx.reply(question, { reply_markup: keyboard });
    const questionId = await conversation.external(() => deps.questions.open(chatId, deadlineMs, expired));
    const close = () => conversation.external(() => deps.questions.close(questionId));
    for (;;) {
      const next = await conversation.wait();
      if ((await now()) - askedAt >= deadlineMs) {
        await close();
        await expire(next, expired);
      }
      const data = next.callbackQuery?.data;
      if (data !== undefined && !data.startsWith(`${CHOICE_PREFIX}:`)) await conversation.skip({ next: true });
      if (data !== undefined) await next.answerCallbackQuery().catch(() => undefined);
      const input = (data === undefined ? next.message?.text : data.slice(CHOICE_PREFIX.length + 1))?.trim();
      if (input === undefined) continue;
      if (input === CANCEL || /^\/?cancel$/i.test(input)) {
        await close();
        await next.reply('Canceled.');
        await conversation.halt();
      }
      if (input.startsWith('/')) {
        await close();
        await conversation.halt({ next: true });
      }
      const parsed = parse(input);
      if (parsed.ok) {
        await close();
        return { value: parsed.value, answer: next };
      }
      await next.reply(`${parsed.error} Try again, or Cancel.`);
    }
  };

  return {
    askFor,
    ask: async <T>(question: string, parse: (input: string) => Parsed<T>, choices: readonly Choice[] = [], deadlineMs?: number, columns?: number): Promise<T> =>
      (await askFor(question, parse, choices, deadlineMs, columns)).value,
  };
}
