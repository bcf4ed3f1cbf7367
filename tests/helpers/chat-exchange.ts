import type { Bot, Context } from 'grammy';
import type { Update } from 'grammy/types';
import { sentTexts, type ApiCall } from './record-api.js';
import { callbackUpdate, textUpdate } from './updates.js';

/** What one message or button press made the bot do. */
export interface Exchange {
  /** Every Bot API call made for the update, and for the background work it started when settled. */
  readonly calls: ApiCall[];
  /** The texts of the messages sent, in order. */
  readonly texts: string[];
  /** The last message text sent; '' when none was. */
  readonly text: string;
}

export interface ExchangeOptions {
  /** Another chat than the sender's private one (a group). */
  readonly chat?: number;
  /**
   * Wait for the background work the update started (default true). False when that work
   * is held on purpose (a door, a gate) and the test wants the immediate answer.
   */
  readonly settle?: boolean;
}

/**
 * `say` and `press` for a test bot: the update goes through the whole middleware stack
 * (handleUpdate), and the calls it caused are returned.
 */
export function createChatExchange<C extends Context>(input: { bot: Bot<C>; calls: readonly ApiCall[]; settle: () => Promise<void>; defaultUser: number }) {
  const exchange = async (update: Update, options: ExchangeOptions): Promise<Exchange> => {
    const before = input.calls.length;
    await input.bot.handleUpdate(update);
    if (options.settle ?? true) await input.settle();
    const calls = input.calls.slice(before);
    const texts = sentTexts(calls);
    return { calls, texts, text: texts.at(-1) ?? '' };
  };
  return {
    /** Sends this very update, e.g. once more, as Telegram redelivers one it did not see confirmed. */
    send: (update: Update, options: ExchangeOptions = {}) => exchange(update, options),
    /** Sends a text message (a command or a conversation answer) from `from`. */
    say: (text: string, from = input.defaultUser, options: ExchangeOptions = {}) => exchange(textUpdate(from, text, options.chat ?? from), options),
    /** Presses an inline button with this callback data as `from`. */
    press: (data: string, from = input.defaultUser, options: ExchangeOptions = {}) => exchange(callbackUpdate(from, data, options.chat ?? from), options),
  };
}
