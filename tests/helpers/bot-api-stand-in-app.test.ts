import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { createConfig } from '../../src/config.js';
import { startBotApiStandIn } from './bot-api-stand-in/start-bot-api-stand-in.js';
import { freePort } from './free-port.js';
import { spawnMain, type MainProcess } from './spawn-main.js';
import { TEST_TOKEN } from './test-bot.js';
import { waitFor } from './wait-for.js';

const OWNER = 111;
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The /start card's Status button, pressed; the status reply after it. */
async function pressStatus(standIn: Awaited<ReturnType<typeof startBotApiStandIn>>): Promise<void> {
  standIn.userSends(OWNER, '/start');
  await waitFor(() => standIn.botMessages(OWNER).some((m) => m.replyMarkup !== undefined), 'the /start card with its buttons', 10_000);
  const card = standIn.botMessages(OWNER).find((m) => m.replyMarkup !== undefined);
  const status = card?.replyMarkup?.inline_keyboard.flat().find((b) => b.text === 'Status');
  standIn.userPresses(OWNER, card?.messageId ?? 0, status !== undefined && 'callback_data' in status ? (status.callback_data as string) : '');
  // Two sends to one private chat within a second: the bot may have to honour a 429 here.
  await waitFor(() => standIn.botMessages(OWNER).some((m) => m.text?.includes('Status') === true && m !== card), 'the status after the tap', 10_000);
  expect(standIn.answeredCallbacks, 'the tap answered').toHaveLength(1);
}

describe('the real bot against the Bot API stand-in', () => {
  it('runs in polling mode, in-process, through a command, a tap and the replies', async () => {
    const standIn = await startBotApiStandIn();
    cleanups.push(() => standIn.close());
    const config = createConfig({
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_ALLOWED_USERS: `${OWNER}:owner`,
      TELEGRAM_API_ROOT: standIn.url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'cs-standin-poll-')),
    });
    const app = await startApp(config, pino({ level: 'silent' }), { input: new PassThrough(), output: { write: () => true }, interactive: false });
    cleanups.push(() => app.stop());
    await pressStatus(standIn);
    await app.stop();
    expect(standIn.pendingUpdates(), 'every update confirmed at the stop').toEqual([]);
  });

  it('runs in webhook mode, as its own process, with the updates posted to its server', async () => {
    const standIn = await startBotApiStandIn();
    cleanups.push(() => standIn.close());
    const port = await freePort();
    standIn.setWebhookOrigin(`http://127.0.0.1:${port}`);
    const main: MainProcess = spawnMain({
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_ALLOWED_USERS: `${OWNER}:owner`,
      TELEGRAM_API_ROOT: standIn.url,
      WEBHOOK_URL: 'https://bot.example.com/tg/hook',
      WEBHOOK_SECRET: 'hook_Secret-123',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'cs-standin-hook-')),
    });
    cleanups.push(() => void main.child.kill('SIGKILL'));
    await waitFor(() => standIn.webhookInfo().url !== '', `setWebhook; output:\n${main.output()}`, 15_000);
    await pressStatus(standIn);
    // The bot answers the delivery once its handler is done: after the status reply.
    await waitFor(() => standIn.pendingUpdates().length === 0, 'both deliveries answered 200');
    expect(standIn.webhookAttempts.filter((a) => a.status === 200), 'both updates delivered by webhook').toHaveLength(2);
    main.child.kill('SIGTERM');
    expect(await main.exited, `exit code; output:\n${main.output()}`).toBe(0);
  });
});
