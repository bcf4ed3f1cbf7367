import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Api } from 'grammy';
import { pino } from 'pino';
import { createTestAlerts } from '../tests/helpers/test-alerts.js';
import { createTestJobRuntime, botDepsOf } from '../tests/helpers/test-job-runtime.js';
import { createBot } from '../src/bot/create-bot.js';
import { LOCAL_BOT_INFO } from '../src/bot/local/local-identity.js';
import { createUserDirectory } from '../src/bot/user-directory.js';
import { createConfig } from '../src/config.js';
import { createTestEngine } from '../tests/helpers/test-engine.js';
import { createWebhookServer } from '../src/server/create-server.js';
import { recordApiCalls } from '../tests/helpers/record-api.js';
import { median, report } from './measure.js';
import { BUTTONS, COMMANDS } from '../src/handlers/command-registry.js';

const TOKEN = '123456789:AAHn5xBenchBenchBenchBenchBenchBen';
const SECRET = 'bench_secret';
const UPDATES = 10_000;
const RUNS = 3;
const CONCURRENCY = 40; // Telegram's default max_connections

/**
 * Real HTTP on loopback into the webhook server: secret check, body read, dedupe and
 * dispatch through the full middleware stack to /status, answered on a recorded
 * transport. The load comes from a second process sharing the machine's 2 cores.
 */
export async function benchWebhook(): Promise<void> {
  const config = createConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_ALLOWED_USERS: '111:owner', LOG_LEVEL: 'silent' });
  const clock = () => new Date();
  const { engine, document } = createTestEngine();
  const api = new Api(TOKEN, { fetch: async () => new Response('{"ok":true,"result":true}') });
  const alerts = createTestAlerts({ document, api, chats: [111], clock });
  const logger = pino({ level: 'silent' });
  const runtime = createTestJobRuntime({ config, engine, alerts, api, reportChats: [111], logger, clock });
  const bot = createBot({ config, logger, engine, users: createUserDirectory(config.telegram.users), clock, alerts, ...botDepsOf(runtime, config, document) }, { token: TOKEN, botInfo: LOCAL_BOT_INFO }, { commands: COMMANDS, buttons: BUTTONS });
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
  for (let run = 0; run < RUNS; run++) {
    // Fresh update ids per run: the deduper would rightly drop repeats.
    const args = [loader, String(port), SECRET, String(UPDATES), String(CONCURRENCY), String(run * UPDATES)];
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', ...args]);
    const { seconds, failures } = JSON.parse(stdout) as { seconds: number; failures: number };
    if (failures > 0) throw new Error(`webhook bench: ${failures} non-200 answers`);
    rates.push(UPDATES / seconds);
  }
  await server.close();

  const answered = calls.filter((c) => c.method === 'sendMessage').length;
  if (answered !== UPDATES * RUNS) throw new Error(`webhook bench: ${answered}/${UPDATES * RUNS} updates answered`);
  report('webhook throughput, median of 3 runs (secret check, dedupe, dispatch, /status answered)', median(rates), 'updates/s', '≥ 2,000', 0);
  report('webhook throughput, slowest run', Math.min(...rates), 'updates/s', '≥ 2,000', 0);
}
