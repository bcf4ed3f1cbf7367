import { Bot } from 'grammy';
import { Api } from 'grammy';
import { pino } from 'pino';
import type { BotContext } from '../src/bot/context.js';
import { BUTTONS, COMMANDS } from '../src/handlers/command-registry.js';
import { createBot } from '../src/bot/create-bot.js';
import { LOCAL_BOT_INFO } from '../src/bot/local/local-identity.js';
import { createConfig } from '../src/config.js';
import { createTestEngine } from '../tests/helpers/test-engine.js';
import { helpCommand } from '../src/handlers/help.js';
import { recordApiCalls } from '../tests/helpers/record-api.js';
import { fullBotDeps } from '../tests/helpers/full-bot-deps.js';
import { textUpdate } from '../tests/helpers/updates.js';
import { mean, median, percentile, report, timeEach } from './measure.js';

const TOKEN = '123456789:AAHn5xBenchBenchBenchBenchBenchBen';
const ROUNDS = 15;
const PER_ROUND = 2_000;

/**
 * /help through the full stack (context setup, error boundary, auth, registry, role
 * check) against the very same /help handler mounted bare on a plain grammY Bot, both on
 * the same recorded transport: the difference is what our middleware costs.
 */
export async function benchCommandRoundTrip(): Promise<void> {
  const config = createConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_ALLOWED_USERS: '111:owner', LOG_LEVEL: 'silent' });
  const clock = () => new Date();
  const { engine, document, history } = createTestEngine();
  const api = new Api(TOKEN, { fetch: async () => new Response('{"ok":true,"result":true}') });
  const logger = pino({ level: 'silent' });
  const deps = fullBotDeps({ config, engine, document, history, api, logger, clock });
  const full = createBot(deps, { token: TOKEN, botInfo: LOCAL_BOT_INFO }, { commands: COMMANDS, buttons: BUTTONS });
  recordApiCalls(full);

  const bare = new Bot<BotContext>(TOKEN, { botInfo: LOCAL_BOT_INFO });
  recordApiCalls(bare);
  bare.command('help', (ctx) => {
    // Only what the handler reads; none of the stack that normally provides it.
    Object.assign(ctx, { deps, role: 'owner', commands: COMMANDS });
    return helpCommand.handle(ctx);
  });

  // Warm both paths so the JIT treats them alike, then alternate rounds so drift in the
  // machine's load falls on both; compare the medians of the per-round means.
  for (let i = 0; i < 5_000; i++) {
    await full.handleUpdate(textUpdate(111, '/help'));
    await bare.handleUpdate(textUpdate(111, '/help'));
  }
  const bareRounds: number[] = [];
  const fullRounds: number[] = [];
  const fullSamples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bareRounds.push(mean(await timeEach(PER_ROUND, () => bare.handleUpdate(textUpdate(111, '/help')))));
    const samples = await timeEach(PER_ROUND, () => full.handleUpdate(textUpdate(111, '/help')));
    fullRounds.push(mean(samples));
    fullSamples.push(...samples);
  }
  fullSamples.sort((a, b) => a - b);
  const bareMs = median(bareRounds);
  const fullMs = median(fullRounds);

  report('command round trip, bare grammY + same handler', bareMs, 'ms', 'reference', 4);
  report('command round trip, full middleware stack', fullMs, 'ms', 'reference', 4);
  report('command round trip, full stack vs bare', fullMs / bareMs, '×', '≤ 1.5×');
  report('command round trip, full stack p99', percentile(fullSamples, 99), 'ms', '< 10 ms', 4);
}
