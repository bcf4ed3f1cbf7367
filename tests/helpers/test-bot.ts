import { Api } from 'grammy';
import { pino } from 'pino';
import { createTestAlerts } from './test-alerts.js';
import { createAlertSettingsRepository } from '../../src/store/alert-outbox-repository.js';
import { createConfig } from '../../src/config.js';
import { createBot } from '../../src/bot/create-bot.js';
import { createNotifier } from '../../src/bot/notifier.js';
import { createUserDirectory } from '../../src/bot/user-directory.js';
import { LOCAL_BOT_INFO } from '../../src/bot/local/local-identity.js';
import { createProposalMessagesRepository } from '../../src/store/proposal-messages-repository.js';
import { createRecordingFetch } from './record-api.js';
import { createTestEngine, type TestEngineOptions } from './test-engine.js';
import { BUTTONS, COMMANDS } from '../../src/handlers/command-registry.js';

export const OWNER = 111;
export const APPROVER = 222;
export const VIEWER = 333;
export const STRANGER = 999;

export const TEST_TOKEN = '123456789:AAHn5xTestTokenTestTokenTestToken0';

export interface TestBotOptions {
  engine?: TestEngineOptions;
  /** Makes the engine's status fail with this error (for the error boundary). */
  failStatusWith?: Error;
}

/**
 * A real grammY Bot with the full middleware stack and notifier, a complete engine on
 * memory, and a recorder in place of Telegram.
 */
export function createTestBot(env: Record<string, string> = {}, options: TestBotOptions = {}) {
  const config = createConfig({
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_ALLOWED_USERS: `${OWNER}:owner,${APPROVER}:approver,${VIEWER}:viewer`,
    DATA_DIR: '/tmp/countersign-test-unused',
    ...env,
  });
  const logLines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => logLines.push(line) });
  const harness = createTestEngine(options.engine);
  const clock = harness.clock.now;
  const failure = options.failStatusWith;
  const engine = failure === undefined ? harness.engine : { ...harness.engine, getStatus: () => Promise.reject(failure) };
  const users = createUserDirectory(config.telegram.users);
  const recorder = createRecordingFetch();
  const calls = recorder.calls;
  const group = config.telegram.chatId;
  const alerts = createTestAlerts({ document: harness.document, api: new Api(TEST_TOKEN, { fetch: recorder.fetch }), chats: group === undefined ? [OWNER] : [group], clock });
  const bot = createBot(
    { config, logger, engine, users, clock, alerts, alertSettings: createAlertSettingsRepository({ document: harness.document }) },
    { token: TEST_TOKEN, botInfo: { ...LOCAL_BOT_INFO, username: 'countersign_test_bot' }, fetch: recorder.fetch },
    { commands: COMMANDS, buttons: BUTTONS },
  );
  const notify = createNotifier({
    api: bot.api,
    approverChats: group === undefined ? [OWNER, APPROVER] : [group],
    alerts,
    messages: createProposalMessagesRepository({ document: harness.document }),
    isLive: (id) => harness.engine.account(id)?.live === true,
    logger,
    clock,
  });
  harness.bus.subscribe((event) => harness.tasks.run(`notify ${event.type}`, () => notify(event)));
  /** Waits for background work (approvals, execution, notifications) to settle. */
  const settle = async () => {
    if (!(await harness.tasks.drain(5_000))) throw new Error('background work did not settle');
  };
  return { bot, calls, config, logLines, settle, alerts, ...harness, engine };
}
