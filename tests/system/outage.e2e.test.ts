import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBotApiStandIn } from '../helpers/bot-api-stand-in/start-bot-api-stand-in.js';
import { spawnCompiledBot, type BotProcess } from '../helpers/compiled-bot.js';
import { TEST_TOKEN } from '../helpers/test-bot.js';
import { waitFor } from '../helpers/wait-for.js';
import { readDurableDocumentSync } from '../helpers/read-durable-document.js';

const OWNER = 111;
const APPROVER = 222;
/** Long enough for every chat to back off and Telegram's breaker to open; the bench does 30 s. */
const OUTAGE_MS = Number(process.env.OUTAGE_MS ?? 8_000);

const running: BotProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) p.child.kill('SIGKILL');
});

describe.each([
  { mode: 'http500' as const, scope: 'sends' as const },
  { mode: 'close' as const, scope: 'all' as const },
])('a Telegram outage ($mode on $scope calls)', ({ mode, scope }) => {
  it(`delivers every card, edit, reply and alert afterwards, in order per chat (${OUTAGE_MS} ms outage)`, { timeout: 120_000 }, async () => {
    const standIn = await startBotApiStandIn({ token: TEST_TOKEN });
    const dataDir = mkdtempSync(join(tmpdir(), 'cs-outage-'));
    const bot = await spawnCompiledBot({
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_ALLOWED_USERS: `${OWNER}:owner,${APPROVER}:approver`,
      TELEGRAM_API_ROOT: standIn.url,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      ACCOUNTS: '[{"id":"paper","venue":"paper","cooldownMinutes":0}]',
    });
    running.push(bot);
    try {
      const cardsIn = (chat: number) => standIn.botMessages(chat).filter((m) => JSON.stringify(m.replyMarkup ?? {}).includes('"pd:'));
      standIn.userSends(APPROVER, '/propose paper BTC/USDT buy 0.001');
      await waitFor(() => cardsIn(APPROVER).length === 1 && cardsIn(OWNER).length === 1, 'the first card in both chats', 15_000);

      const outage = standIn.outage({ mode, scope, durationMs: OUTAGE_MS });
      const first = cardsIn(APPROVER)[0];
      const approve = JSON.stringify(first?.replyMarkup).match(/"(pa:[^"]+)"/)?.[1] ?? '';
      standIn.userPresses(APPROVER, first?.messageId ?? 0, approve, { id: APPROVER, is_bot: false, first_name: 'Ann' });
      for (let i = 0; i < 3; i++) standIn.userSends(APPROVER, `/propose paper ETH/USDT buy 0.0${i + 1}`);
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      outage.end();

      await waitFor(() => isQuiet(dataDir) && cardsIn(OWNER).length === 4 && cardsIn(APPROVER).length === 4, 'everything to be delivered after the outage', 90_000);
      for (const chat of [OWNER, APPROVER]) {
        const messages = standIn.botMessages(chat);
        const cards = cardsIn(chat);
        expect(cards.map((c) => /(BTC|ETH)\/USDT/.exec(c.text ?? '')?.[0]), `chat ${chat}: each card once, in the order proposed`).toEqual(['BTC/USDT', 'ETH/USDT', 'ETH/USDT', 'ETH/USDT']);
        expect(cards[0]?.text, `chat ${chat}: the first card was edited to its fill`).toMatch(/filled/i);
        const fill = messages.find((m) => m.replyTo === cards[0]?.messageId && /Filled/.test(m.text ?? ''));
        expect(fill, `chat ${chat}: the fill reply, under its card`).toBeDefined();
        expect(messages.filter((m) => /ETH\/USDT/.test(m.text ?? '')).map((m) => Number(/0\.0(\d)/.exec(m.text ?? '')?.[1])), `chat ${chat}: the later cards in order`).toEqual([1, 2, 3]);
      }
      if (scope === 'sends') {
        const alerts = standIn.botMessages(OWNER).map((m) => m.text ?? '').filter((t) => /WARNING|INFO/.test(t) && /Telegram/i.test(t));
        expect(alerts.length, 'the owner hears that Telegram was failing, once it answers again').toBeGreaterThanOrEqual(1);
      }
    } finally {
      await standIn.close();
    }
  });
});

/** Nothing left to send or to carry out, and no order in flight. */
interface QuietShape {
  trading: { orders: Record<string, { state: string }> };
  outbox: { entries: unknown[] };
  inbound: { intents: unknown[] };
  alerts: { outbox: { sentCount: number }[] };
}

function isQuiet(dataDir: string): boolean {
  try {
    // Snapshot and journal, as the next start would read them.
    const data = readDurableDocumentSync(dataDir) as unknown as QuietShape;
    return data.outbox.entries.length === 0 && data.inbound.intents.length === 0 && Object.keys(data.trading.orders).length === 0 && data.alerts.outbox.every((a: { sentCount: number }) => a.sentCount > 0);
  } catch {
    return false;
  }
}
