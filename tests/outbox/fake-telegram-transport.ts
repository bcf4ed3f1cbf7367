import type { OutboxContent } from '../../src/outbox/outbox-message.js';
import type { OutboxTransport } from '../../src/outbox/outbox-transport.js';
import { SendFailedError, type SendFailure } from '../../src/outbox/send-failure.js';

export interface ChatMessage {
  id: number;
  content: OutboxContent;
  replyTo?: number;
  fromBot: boolean;
}

/**
 * Telegram as the outbox sees it: sequential message ids per chat shared with the user's
 * messages, edits with "not modified" / "not found", and failures a test switches on.
 */
export function createFakeTelegram() {
  const chats = new Map<number, ChatMessage[]>();
  let failure: ((call: { method: 'send' | 'edit' | 'probe'; chatId: number }) => SendFailure | 'lost' | undefined) | undefined;
  const calls: { method: string; chatId: number; text?: string }[] = [];
  const chat = (id: number) => chats.get(id) ?? chats.set(id, []).get(id)!;
  const fail = (method: 'send' | 'edit' | 'probe', chatId: number) => {
    const outcome = failure?.({ method, chatId });
    if (outcome === undefined || outcome === 'lost') return outcome;
    throw new SendFailedError(outcome);
  };
  const transport: OutboxTransport = {
    async send(chatId, content, replyTo) {
      calls.push({ method: 'send', chatId, text: content.text });
      const outcome = fail('send', chatId);
      const message = { id: chat(chatId).length + 1, content, ...(replyTo === undefined ? {} : { replyTo }), fromBot: true };
      chat(chatId).push(message);
      // Taken by Telegram, but the answer never arrives (a timeout, a crash).
      if (outcome === 'lost') throw new Error('connection reset after the request was sent');
      return { messageId: message.id };
    },
    async edit(chatId, messageId, content) {
      calls.push({ method: 'edit', chatId, text: content.text });
      fail('edit', chatId);
      const message = chat(chatId)[messageId - 1];
      if (message === undefined) return 'gone';
      if (JSON.stringify(message.content) === JSON.stringify(content)) return 'unchanged';
      message.content = content;
      return 'edited';
    },
    async probe(chatId, messageId, content) {
      calls.push({ method: 'probe', chatId });
      fail('probe', chatId);
      const message = chat(chatId)[messageId - 1];
      if (message === undefined) return 'absent';
      if (!message.fromBot) return 'other';
      return JSON.stringify(message.content.keyboard) === JSON.stringify(content.keyboard) ? 'same' : 'other';
    },
  };
  return {
    transport,
    calls,
    messages: (chatId: number) => chat(chatId).filter((m) => m.fromBot),
    userWrites: (chatId: number) => void chat(chatId).push({ id: chat(chatId).length + 1, content: { text: 'hi' }, fromBot: false }),
    lastId: (chatId: number) => chat(chatId).length,
    failWhen: (rule: typeof failure) => void (failure = rule),
  };
}
