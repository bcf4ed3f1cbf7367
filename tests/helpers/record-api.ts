import type { Bot, Context } from 'grammy';
import type { Message } from 'grammy/types';

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

/**
 * Records every outgoing Bot API call of a real grammY Bot and answers it the way
 * Telegram would (a Message for sends and edits, `true` otherwise), so the whole
 * middleware stack runs without any network.
 */
export function recordApiCalls<C extends Context>(bot: Bot<C>): ApiCall[] {
  const calls: ApiCall[] = [];
  let nextMessageId = 100;
  bot.api.config.use(async (_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    calls.push({ method, payload: p });
    if (method.startsWith('send') && method !== 'sendChatAction') {
      const message = {
        message_id: nextMessageId++,
        date: 0,
        chat: { id: Number(p.chat_id), type: 'private', first_name: 'x' },
        text: p.text,
      } as unknown as Message;
      return { ok: true, result: message as never };
    }
    return { ok: true, result: true as never };
  });
  return calls;
}

/** The text of every sendMessage, in order. */
export function sentTexts(calls: readonly ApiCall[]): string[] {
  return calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text));
}
