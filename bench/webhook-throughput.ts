import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Api } from 'grammy';
import { pino } from 'pino';
import { createBot } from '../src/bot/create-bot.js';
import { LOCAL_BOT_INFO } from '../src/bot/local/local-identity.js';
import { createConfig } from '../src/config.js';
import type { Engine } from '../src/engine/index.js';
import { BUTTONS, COMMANDS } from '../src/handlers/command-registry.js';
import { createWebhookServer } from '../src/server/create-server.js';
import type { HistoryLog } from '../src/store/history/create-history-log.js';
import type { StoreDocument } from '../src/store/open-store.js';
import { recordApiCalls } from '../tests/helpers/record-api.js';
import { fullBotDeps } from '../tests/helpers/full-bot-deps.js';

const TOKEN = '123456789:AAHn5xBenchBenchBenchBenchBenchBen';
const SECRET = 'bench_secret';
const CONCURRENCY = 40; // Telegram's default max_connections

/**
 * Real HTTP on loopback into the webhook server: secret check, body read, dedupe and
 * dispatch through the full middleware stack to /status, answered on a recorded
 * transport. The load comes from a second process sharing the machine's 2 cores.
 * Returns updates/s of each run.
 */
export async function measureStatusThroughput(input: { engine: Engine; document: StoreDocument; history: HistoryLog; updates: number; runs: number }): Promise<number[]> {
  const config = createConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_ALLOWED_USERS: '111:owner', LOG_LEVEL: 'silent' });
  const clock = () => new Date();
  const api = new Api(TOKEN, { fetch: async () => new Response('{"ok":true,"result":true}') });
  const logger = pino({ level: 'silent' });
  const deps = fullBotDeps({ config, engine: input.engine, document: input.document, history: input.history, api, logger, clock });
  const bot = createBot(deps, { token: TOKEN, botInfo: LOCAL_BOT_INFO }, { commands: COMMANDS, buttons: BUTTONS });
  const calls = recordApiCalls(bot);
  const server = createWebhookServer({
    webhookPath: '/hook',
    secretToken: SECRET,
    bot,
    logger,
    health: () => ({ status: 'ok', mode: 'webhook', uptimeSeconds: 0, version: 'bench' }),
  });
  const { port } = await server.listen(0, '127.0.0.1');
  const loader = new URL('./webhook-load.ts', import.meta.url).pathname;
  const rates: number[] = [];
  try {
    for (let run = 0; run < input.runs; run++) {
      // Fresh update ids per run: the deduper would rightly drop repeats.
      const args = [loader, String(port), SECRET, String(input.updates), String(CONCURRENCY), String(run * input.updates)];
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', ...args]);
      const { seconds, failures } = JSON.parse(stdout) as { seconds: number; failures: number };
      if (failures > 0) throw new Error(`webhook bench: ${failures} non-200 answers`);
      rates.push(input.updates / seconds);
    }
  } finally {
    await server.close();
  }
  const answered = calls.filter((c) => c.method === 'sendMessage').length;
  if (answered !== input.updates * input.runs) throw new Error(`webhook bench: ${answered}/${input.updates * input.runs} updates answered`);
  return rates;
}
