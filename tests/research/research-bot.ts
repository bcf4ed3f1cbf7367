import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createResearchDesk } from '../../src/bot/research/create-research-desk.js';
import { createConfig } from '../../src/config.js';
import { createResearchRuntime } from '../../src/create-research-runtime.js';
import { createResearchReportFiles } from '../../src/store/research-report-files.js';
import { createTestBot } from '../helpers/test-bot.js';
import { createTestClock } from '../helpers/test-engine.js';
import { fillBars, lateFetch, RESEARCH_CLOCK, researchAccounts } from './research-harness.js';

/**
 * The real Bot with research wired as src/app.ts wires it: the desk on the bot's outbox,
 * reports written under a temporary data directory, Claude through the SDK (nock).
 */
export async function createResearchBot(options: { env?: Record<string, string>; user?: number } = {}) {
  const accounts = researchAccounts();
  const env = { ANTHROPIC_API_KEY: 'sk-ant-api03-test', ACCOUNTS: accounts, SCAN_TIMEFRAMES: '1h,1d', ...options.env };
  const dataDir = mkdtempSync(join(tmpdir(), 'cs-research-'));
  const typing: number[] = [];
  const bot = createTestBot(env, {
    engine: { accounts, clock: createTestClock(RESEARCH_CLOCK) },
    ...(options.user === undefined ? {} : { user: options.user }),
    research: ({ harness, outbox, approverChats }) => {
      const research = createResearchRuntime({ config: createConfig(env), engine: harness.engine, accounts: harness.accounts, events: harness.bus, history: harness.history, clock: harness.clock.now, fetch: lateFetch, maxRetries: 0 });
      return createResearchDesk({
        research,
        outbox,
        reports: createResearchReportFiles(dataDir),
        approverChats,
        typing: async (chatId) => typing.push(chatId),
        tasks: harness.tasks,
        clock: harness.clock.now,
        logger: { error: () => undefined },
      });
    },
  });
  await fillBars(bot.engine);
  return { ...bot, dataDir, typing };
}
