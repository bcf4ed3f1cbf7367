import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { createConfig } from '../../src/config.js';
import { startFakeBotApi } from '../helpers/fake-bot-api.js';
import { TEST_TOKEN } from '../helpers/test-bot.js';
import { textUpdate } from '../helpers/updates.js';
import { waitFor } from '../helpers/wait-for.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('polling mode against a self-hosted Bot API root', () => {
  it('deletes the webhook, polls, answers, sets the command menu, and stops cleanly', async () => {
    const api = await startFakeBotApi();
    cleanups.push(api.close);
    const config = createConfig({
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_ALLOWED_USERS: '111:owner,222:viewer',
      TELEGRAM_API_ROOT: api.url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'cs-poll-')),
    });
    api.enqueue(textUpdate(111, '/status'));

    const app: RunningApp = await startApp(config, pino({ level: 'silent' }), { input: new PassThrough(), output: { write: () => true }, interactive: false });
    cleanups.push(() => app.stop());
    await waitFor(() => api.calls.some((c) => c.method === 'sendMessage'), 'the answer to /status');

    const methods = api.calls.map((c) => c.method);
    expect(api.calls.every((c) => c.token === TEST_TOKEN), 'every call goes to the configured root with the token').toBe(true);
    expect(methods.indexOf('deleteWebhook'), 'the webhook is removed before polling').toBeGreaterThanOrEqual(0);
    expect(methods.indexOf('deleteWebhook')).toBeLessThan(methods.indexOf('getUpdates'));
    const poll = api.calls.find((c) => c.method === 'getUpdates');
    expect(poll?.payload.allowed_updates, 'only the update types we handle').toEqual(['message', 'callback_query']);
    const answer = api.calls.find((c) => c.method === 'sendMessage');
    expect(answer?.payload.chat_id).toBe(111);
    expect(String(answer?.payload.text)).toContain('Mode: <b>POLLING</b>');

    await waitFor(() => api.calls.filter((c) => c.method === 'setMyCommands').length >= 2, 'the command menus');
    const menus = api.calls.filter((c) => c.method === 'setMyCommands');
    const names = (i: number) => (menus[i]?.payload.commands as { command: string }[]).map((c) => c.command);
    expect(names(0), 'the default menu is the viewer’s').not.toContain('users');
    expect(menus[1]?.payload.scope, 'the owner gets a menu of their own').toEqual({ type: 'chat', chat_id: 111 });
    expect(names(1)).toContain('users');

    await app.stop();
  });
});
