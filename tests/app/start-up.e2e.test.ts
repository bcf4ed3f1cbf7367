import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { METHOD_NOT_FOUND, startFakeBotApi, type FakeCall, type FakeMethodBehaviour } from '../helpers/fake-bot-api.js';
import { spawnMain, type MainProcess } from '../helpers/spawn-main.js';
import { TEST_TOKEN } from '../helpers/test-bot.js';
import { textUpdate } from '../helpers/updates.js';
import { waitFor } from '../helpers/wait-for.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const OWNER = 111;

async function startPollingBot(methods: Record<string, FakeMethodBehaviour | undefined>) {
  const api = await startFakeBotApi({ methods });
  cleanups.push(api.close);
  const main = spawnMain({
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_ALLOWED_USERS: `${OWNER}:owner`,
    TELEGRAM_API_ROOT: api.url,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'cs-startup-')),
  });
  cleanups.push(() => main.child.kill('SIGKILL'));
  return { api, main };
}

/** The bot is up and usable: it answers a command sent now. */
async function expectAnswersStatus(api: { calls: FakeCall[]; enqueue: (u: ReturnType<typeof textUpdate>) => void }, main: MainProcess): Promise<void> {
  await waitFor(() => api.calls.some((c) => c.method === 'getUpdates'), `polling to begin; output:\n${main.output()}`, 15_000);
  api.enqueue(textUpdate(OWNER, '/status'));
  await waitFor(() => api.calls.some((c) => c.method === 'sendMessage'), `the answer to /status; output:\n${main.output()}`);
  const answer = api.calls.find((c) => c.method === 'sendMessage');
  expect(String(answer?.payload.text), 'the bot runs and answers').toContain('Mode: <b>POLLING</b>');
}

function warnings(main: MainProcess, about: RegExp): Record<string, unknown>[] {
  return main.logLines().filter((line) => line.level === 40 && about.test(String(line.msg)));
}

describe('start-up with the command menu failing', () => {
  it('starts while setMyCommands answers 500, logs a warning, and sets the menu once Telegram recovers', async () => {
    const { api, main } = await startPollingBot({ setMyCommands: { failWith: { status: 500, description: 'Internal Server Error' } } });
    await expectAnswersStatus(api, main);
    await waitFor(() => warnings(main, /command menu/).length > 0, `a warning about the menu; output:\n${main.output()}`);

    const failedCalls = api.calls.filter((c) => c.method === 'setMyCommands').length;
    api.methods.setMyCommands = undefined;
    // The owner's own menu is only set after the default one went through.
    await waitFor(
      () => api.calls.some((c, i) => i >= failedCalls && c.method === 'setMyCommands' && c.payload.scope !== undefined),
      `the menus once setMyCommands works again; output:\n${main.output()}`,
      12_000,
    );
    await waitFor(() => main.logLines().some((l) => /command menu succeeded after retries/.test(String(l.msg))), 'the recovery to be logged');
    main.child.kill('SIGTERM');
    expect(await main.exited, `exit code; output:\n${main.output()}`).toBe(0);
  });

  it('starts against a Bot API without setMyCommands and deleteWebhook (404, like an emulator), and stops at once while retrying', async () => {
    const { api, main } = await startPollingBot({ setMyCommands: { failWith: METHOD_NOT_FOUND }, deleteWebhook: { failWith: METHOD_NOT_FOUND } });
    await expectAnswersStatus(api, main);
    await waitFor(() => warnings(main, /command menu/).length > 0, `a warning about the menu; output:\n${main.output()}`);
    expect(warnings(main, /deleteWebhook/), 'the missing deleteWebhook is a warning, not a failed start').toHaveLength(1);

    const signalledAt = performance.now();
    main.child.kill('SIGTERM');
    expect(await main.exited, `exit code; output:\n${main.output()}`).toBe(0);
    // The retry itself stops at once (retry-in-background.test.ts); here: nothing holds the process.
    expect(performance.now() - signalledAt, 'a pending menu retry does not hold the stop').toBeLessThan(5_000);
  });
});
