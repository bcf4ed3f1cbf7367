import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Api } from 'grammy';
import { pino } from 'pino';
import { createDelivery } from '../src/create-delivery.js';
import { report } from './measure.js';
import type { BotApiStandIn } from '../tests/helpers/bot-api-stand-in/create-stand-in-api.js';
import { startBotApiStandIn } from '../tests/helpers/bot-api-stand-in/start-bot-api-stand-in.js';
import { spawnCompiledBot } from '../tests/helpers/compiled-bot.js';
import { TEST_TOKEN } from '../tests/helpers/test-bot.js';
import { createMemoryDocument } from '../tests/helpers/test-engine.js';
import { waitFor } from '../tests/helpers/wait-for.js';

const OWNER = 111;
const APPROVER = 222;
const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 50);
const OUTAGE_MS = Number(process.env.BENCH_OUTAGE_MS ?? 30_000);
const CHATS = Array.from({ length: 50 }, (_, i) => 1_000 + i);
const ALERTS_PER_CHAT = 20;
const OVERALL_LIMIT = 25;

/** Both delivery figures of issue 9: recovery after a send outage, and the overall rate. */
export async function benchDelivery(): Promise<void> {
  await benchRecovery();
  await benchOverallRate();
}

/**
 * The compiled bot, two approvers, and 50 `/propose` while every send fails with a 500 for
 * 30 s. After the outage, every chat's cards can go no faster than Telegram's 1 message/s
 * per chat: the floor is one second per message that chat received after the outage, less
 * the first. The figure is the time from the end of the outage to the last card, against
 * that floor.
 */
async function benchRecovery(): Promise<void> {
  const standIn = await startBotApiStandIn({ token: TEST_TOKEN });
  const dataDir = mkdtempSync(join(tmpdir(), 'cs-bench-recovery-'));
  const bot = await spawnCompiledBot({
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_ALLOWED_USERS: `${OWNER}:owner,${APPROVER}:approver`,
    TELEGRAM_API_ROOT: standIn.url,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    ACCOUNTS: '[{"id":"paper","venue":"paper","cooldownMinutes":0,"maxOpenPositions":100}]',
  });
  try {
    await waitFor(() => standIn.callsTo('getUpdates').length > 0, 'the bot to poll', 30_000);
    const outage = standIn.outage({ mode: 'http500', scope: 'sends', durationMs: OUTAGE_MS });
    const started = Date.now();
    for (let i = 0; i < PROPOSALS; i++) {
      standIn.userSends(APPROVER, `/propose paper BTC/USDT buy 0.${String(i + 1).padStart(3, '0')}`);
      await sleep(OUTAGE_MS / PROPOSALS / 2);
    }
    await sleep(Math.max(0, started + OUTAGE_MS - Date.now()));
    outage.end();
    const recoveredAt = Date.now();
    const cards = (chat: number) => cardsIn(standIn, chat);
    await waitFor(() => cards(OWNER).length === PROPOSALS && cards(APPROVER).length === PROPOSALS, `all ${2 * PROPOSALS} cards`, 5 * 60_000);
    const lastCardAt = Math.max(...[OWNER, APPROVER].map((chat) => Math.max(...cards(chat).map((m) => m.acceptedAt))));
    const floorMs = Math.max(
      ...[OWNER, APPROVER].map((chat) => {
        const after = standIn.botMessages(chat).filter((m) => m.acceptedAt >= recoveredAt && m.acceptedAt <= lastCardAt);
        return (after.length - 1) * 1_000;
      }),
    );
    const tookMs = lastCardAt - recoveredAt;
    const duplicates = [OWNER, APPROVER].some((chat) => new Set(cards(chat).map((m) => m.text)).size !== PROPOSALS);
    if (duplicates) throw new Error('recovery bench: a card was delivered twice');
    report(`recovery: ${2 * PROPOSALS} cards made during a ${OUTAGE_MS / 1_000} s send outage, delivered after it in`, tookMs / 1_000, 's', `≤ 1.2× the floor`, 1);
    report('recovery: the floor set by 1 message/s per chat', floorMs / 1_000, 's', 'baseline', 1);
    report('recovery: delivery time vs the floor', tookMs / floorMs, '×', '≤ 1.2×');
  } finally {
    bot.child.kill('SIGTERM');
    await bot.exited;
    await standIn.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * 50 chats × 20 HIGH alerts (never merged, so 1,000 messages) through the real delivery
 * against a Bot API that enforces Telegram's 30/s overall with 429s. The floor to drain is
 * 1,000 / 25 per second.
 */
async function benchOverallRate(): Promise<void> {
  const standIn = await startBotApiStandIn({ token: TEST_TOKEN });
  const delivery = createDelivery({
    store: { document: createMemoryDocument() },
    api: new Api(TEST_TOKEN, { apiRoot: standIn.url }),
    alertChats: () => CHATS,
    messagesPerSecond: OVERALL_LIMIT,
    clock: () => new Date(),
    logger: pino({ level: 'silent' }),
  });
  const total = CHATS.length * ALERTS_PER_CHAT;
  try {
    delivery.start();
    const started = Date.now();
    for (let i = 0; i < ALERTS_PER_CHAT; i++) await delivery.alerts.raise({ severity: 'HIGH', type: 'order_unresolved', title: `Order ${i} is not resolved`, dedupeKey: `order:${i}` });
    await waitFor(() => standIn.botMessages().length === total, `all ${total} alerts`, 5 * 60_000);
    const times = standIn.botMessages().map((m) => m.acceptedAt).sort((a, b) => a - b);
    let busiest = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while ((times[j] ?? Infinity) < (times[i] ?? 0) + 1_000) j++;
      busiest = Math.max(busiest, j - i);
    }
    const drainMs = Math.max(...times) - started;
    report(`overall rate: ${CHATS.length} chats × ${ALERTS_PER_CHAT} alerts, busiest 1-s window`, busiest, 'messages', `≤ ${OVERALL_LIMIT}`, 0);
    report('overall rate: 429s from a Bot API enforcing 30/s', standIn.tooManyRequests.length, '', '0', 0);
    report(`overall rate: time to drain ${total} messages`, drainMs / 1_000, 's', `floor ${total / OVERALL_LIMIT} s at ${OVERALL_LIMIT}/s`, 1);
  } finally {
    delivery.stop();
    await standIn.close();
  }
}

function cardsIn(standIn: BotApiStandIn, chat: number) {
  return standIn.botMessages(chat).filter((m) => JSON.stringify(m.replyMarkup ?? {}).includes('"pd:'));
}
