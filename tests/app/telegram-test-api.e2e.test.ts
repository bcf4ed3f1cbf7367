import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { spawnMain } from '../helpers/spawn-main.js';
import { TEST_TOKEN } from '../helpers/test-bot.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * telegram-test-api, an npm Bot API emulator, if it is installed. It is not a dependency
 * yet; fake-bot-api.ts emulates its gaps (no setMyCommands) in the tests that always run.
 */
const EMULATOR = 'telegram-test-api';
const available = (() => {
  try {
    createRequire(import.meta.url).resolve(EMULATOR);
    return true;
  } catch {
    return false;
  }
})();

/** The few parts of its API used here (its own types are not importable while it is optional). */
interface Emulator {
  config: { apiURL: string };
  start(): Promise<void>;
  stop(): Promise<unknown>;
  getClient(token: string, options: { timeout: number }): {
    makeCommand(text: string): unknown;
    sendCommand(command: unknown): Promise<unknown>;
    getUpdates(): Promise<{ result: { message: { text: string } }[] }>;
  };
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.skipIf(!available)('against telegram-test-api', () => {
  it('starts without setMyCommands, answers a command, and stops cleanly', async () => {
    const { default: TelegramServer } = (await import(EMULATOR)) as { default: new (config: { port: number; host: string }) => Emulator };
    const server = new TelegramServer({ port: await freePort(), host: '127.0.0.1' });
    await server.start();
    cleanups.push(() => server.stop());
    // Its client sends messages from user 1.
    const main = spawnMain({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_ALLOWED_USERS: '1:owner', TELEGRAM_API_ROOT: server.config.apiURL, DATA_DIR: mkdtempSync(join(tmpdir(), 'cs-tta-')) });
    cleanups.push(() => main.child.kill('SIGKILL'));
    await waitFor(() => main.logLines().some((l) => l.msg === 'Countersign started'), `the start; output:\n${main.output()}`, 15_000);

    const client = server.getClient(TEST_TOKEN, { timeout: 5_000 });
    await client.sendCommand(client.makeCommand('/status'));
    const { result } = await client.getUpdates();
    expect(result[0]?.message.text, 'the bot answers through the emulator').toContain('Mode: <b>POLLING</b>');
    expect(main.logLines().some((l) => l.level === 40 && /command menu/.test(String(l.msg))), 'the missing setMyCommands is one warning').toBe(true);
    main.child.kill('SIGTERM');
    expect(await main.exited, `exit code; output:\n${main.output()}`).toBe(0);
  });
});
