import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { createConfig, type Config } from '../../src/config.js';
import { createInboundRepository } from '../../src/store/inbound-repository.js';
import { openStore } from '../../src/store/open-store.js';
import { startFakeBotApi } from '../helpers/fake-bot-api.js';
import { TEST_TOKEN } from '../helpers/test-bot.js';
import { textUpdate } from '../helpers/updates.js';
import { waitFor } from '../helpers/wait-for.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const io = { input: new PassThrough(), output: { write: () => true }, interactive: false };

async function start(config: Config): Promise<RunningApp> {
  const app = await startApp(config, pino({ level: 'silent' }), io);
  cleanups.push(() => app.stop());
  return app;
}

/** Polls an async condition (the engine reads settled proposals from the history). */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  let done = false;
  await waitFor(() => {
    void check().then((ok) => (done = ok));
    return done;
  }, what);
}

describe('start-up after a crash', () => {
  it('carries out a tap the previous process recorded and did not finish', async () => {
    const api = await startFakeBotApi();
    cleanups.push(api.close);
    const dataDir = mkdtempSync(join(tmpdir(), 'cs-intents-'));
    const config = createConfig({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_ALLOWED_USERS: '111:owner', TELEGRAM_API_ROOT: api.url, DATA_DIR: dataDir });

    api.enqueue(textUpdate(111, '/propose paper BTC/USDT buy 0.01'));
    const first = await start(config);
    await waitFor(() => first.engine.listProposals({ state: 'pending' }).length === 1, 'the proposal');
    const id = first.engine.listProposals()[0]?.id ?? '';
    await first.stop();

    // What a crash right after recording an Approve leaves on disk.
    const store = await openStore({ dataDir });
    await createInboundRepository(store).addIntent({ updateId: 9_000_001, kind: 'approve', target: id, user: { id: 111, name: '@owner' }, chatId: 111, at: new Date().toISOString() });
    await store.close();

    const second = await start(config);
    await until(async () => (await second.engine.getProposal(id))?.state === 'filled', 'the recorded approval carried out at start');
    expect((await second.engine.listOrders()).length, 'one order').toBe(1);
    await second.stop();
    const reopened = await openStore({ dataDir });
    cleanups.push(() => reopened.close());
    expect(reopened.document.read().inbound.intents, 'nothing left recorded').toEqual([]);
    expect(reopened.history.count('intent'), 'the tap kept in the history').toBe(1);
  });
});
