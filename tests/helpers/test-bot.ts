import { pino } from 'pino';
import { createConfig } from '../../src/config.js';
import { createEngine, createTaskTracker } from '../../src/engine/index.js';
import { createBot } from '../../src/bot/create-bot.js';
import { createUserDirectory } from '../../src/bot/user-directory.js';
import { LOCAL_BOT_INFO } from '../../src/bot/local/local-identity.js';
import { recordApiCalls } from './record-api.js';

export const OWNER = 111;
export const APPROVER = 222;
export const VIEWER = 333;
export const STRANGER = 999;

export const TEST_TOKEN = '123456789:AAHn5xTestTokenTestTokenTestToken0';

/**
 * A real grammY Bot with the full middleware stack, a fake engine store and a
 * recorder in place of Telegram.
 */
export function createTestBot(env: Record<string, string> = {}, options: { storeSizeBytes?: () => Promise<number> } = {}) {
  const config = createConfig({
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_ALLOWED_USERS: `${OWNER}:owner,${APPROVER}:approver,${VIEWER}:viewer`,
    DATA_DIR: '/tmp/countersign-test-unused',
    ...env,
  });
  const logLines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => logLines.push(line) });
  const clock = () => new Date('2026-11-20T12:00:00Z');
  const tasks = createTaskTracker(() => undefined);
  const store = { path: '/data/countersign.json', sizeBytes: options.storeSizeBytes ?? (async () => 2048) };
  const engine = createEngine({ version: '9.9.9', startedAt: new Date('2026-11-20T11:00:00Z'), clock, store, tasks });
  const users = createUserDirectory(config.telegram.users);
  const bot = createBot({ config, logger, engine, users, clock }, { token: TEST_TOKEN, botInfo: { ...LOCAL_BOT_INFO, username: 'countersign_test_bot' } });
  const calls = recordApiCalls(bot);
  return { bot, calls, config, logLines };
}
