import { Api } from 'grammy';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createDelivery } from '../../src/create-delivery.js';
import { startBotApiStandIn } from '../helpers/bot-api-stand-in/start-bot-api-stand-in.js';
import { TEST_TOKEN } from '../helpers/test-bot.js';
import { createMemoryDocument } from '../helpers/test-engine.js';
import { waitFor } from '../helpers/wait-for.js';

const CHATS = Array.from({ length: 50 }, (_, i) => 1_000 + i);
const PER_CHAT = 20;

describe('Telegram’s limits across all chats', () => {
  it(`keeps ${CHATS.length} chats × ${PER_CHAT} HIGH alerts under 25 messages/s overall, with no 429 from a Bot API enforcing 30/s`, { timeout: 120_000 }, async () => {
    const standIn = await startBotApiStandIn({ token: TEST_TOKEN });
    const delivery = createDelivery({
      store: { document: createMemoryDocument() },
      api: new Api(TEST_TOKEN, { apiRoot: standIn.url }),
      alertChats: () => CHATS,
      messagesPerSecond: 25,
      clock: () => new Date(),
      logger: pino({ level: 'silent' }),
    });
    try {
      delivery.start();
      // HIGH alerts are never merged: every one is its own message.
      for (let i = 0; i < PER_CHAT; i++) await delivery.alerts.raise({ severity: 'HIGH', type: 'order_unresolved', title: `Order ${i} is not resolved`, dedupeKey: `order:${i}` });
      await waitFor(() => standIn.botMessages().length === CHATS.length * PER_CHAT, 'every alert to be delivered', 100_000);
      const times = standIn.botMessages().map((m) => m.acceptedAt).sort((a, b) => a - b);
      const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1_000).length));
      expect(busiest, 'messages in the busiest one-second window').toBeLessThanOrEqual(25);
      expect(standIn.tooManyRequests.length, 'Telegram never had to say 429').toBe(0);
      for (const chat of CHATS) {
        const titles = standIn.botMessages(chat).map((m) => /Order (\d+)/.exec(m.text ?? '')?.[1]);
        expect(titles, `chat ${chat} got each alert once, in order`).toEqual(Array.from({ length: PER_CHAT }, (_, i) => String(i)));
      }
    } finally {
      delivery.stop();
      await standIn.close();
    }
  });
});
