import type { Transformer } from 'grammy';
import type { SendGate } from '../../outbox/send-gate.js';

/**
 * The bot's direct replies pass the outboxes' gate. Telegram counts every message to a
 * chat: a reply the gate did not know of, followed at once by a card, would draw a 429 and
 * hold that chat's queue back. A person is waiting for the reply, so it waits only for room
 * in the overall window (before normal traffic, after CRITICAL alerts), not for the chat.
 */
export function paceDirectSends(gate: SendGate): Transformer {
  return async (prev, method, payload, signal) => {
    const chatId = (payload as { chat_id?: unknown }).chat_id;
    if (!isMessageSend(method) || typeof chatId !== 'number') return prev(method, payload, signal);
    const done = await gate.acquire(chatId, 'high', { paced: false });
    try {
      return await prev(method, payload, signal);
    } finally {
      done();
    }
  };
}

/** Telegram's per-chat limits count new messages, not edits or the typing indicator. */
const isMessageSend = (method: string) => method.startsWith('send') && method !== 'sendChatAction';
