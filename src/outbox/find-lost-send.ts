import type { OutboxContent, OutboxEntry } from './outbox-message.js';
import type { OutboxTransport } from './outbox-transport.js';

/** How far past the last known message a lost send is looked for (user messages interleave). */
const PROBE_SPAN = 10;

/**
 * A send whose answer was lost (a crash, a timeout after Telegram took it) may already be
 * in the chat. Message ids are sequential per chat, so it would sit just after the last id
 * the bot knew of then. A message with a keyboard is recognised by that keyboard, which
 * belongs to it alone; returns its id, or undefined when it is not there and may go out.
 * Messages without a keyboard cannot be recognised safely and are sent again.
 */
export async function findLostSend(entry: OutboxEntry, transport: OutboxTransport, known: (messageId: number) => OutboxContent | undefined): Promise<number | undefined> {
  const after = entry.sending?.afterMessageId ?? 0;
  if (entry.content.keyboard === undefined || after <= 0) return undefined;
  for (let messageId = after + 1; messageId <= after + PROBE_SPAN; messageId++) {
    const seen = await transport.probe(entry.chatId, messageId, entry.content, known(messageId));
    if (seen === 'same') return messageId;
    // Nothing there: later ids do not exist either.
    if (seen === 'absent') return undefined;
  }
  return undefined;
}
