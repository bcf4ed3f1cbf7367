import { afterEach, describe, expect, it } from 'vitest';
import { openConnection, probeHealth, rawPostRequest } from '../helpers/raw-connection.js';
import { textUpdate } from '../helpers/updates.js';
import { OWNER_ID, WEBHOOK_PATH, WEBHOOK_SECRET, startWebhookBot } from '../helpers/webhook-bot-process.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

// A file of its own: most of its 10 s is waiting, which then overlaps other test files.
describe('webhook mode, through the real entry point: request timeout', () => {
  it('cuts a slow body sent with the right secret after about 10 s', async () => {
    const bot = await startWebhookBot();
    cleanups.push(bot.close);
    const { api, port, main } = bot;

    const slow = await openConnection(port);
    const body = JSON.stringify(textUpdate(OWNER_ID, '/status'));
    const request = rawPostRequest(WEBHOOK_PATH, { 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET }, body);
    // Headers and one byte at once, then a byte a second: never done, never idle.
    slow.write(request.slice(0, request.length - body.length + 1));
    let sent = 1;
    const drip = setInterval(() => sent < body.length - 1 && slow.write(body.charAt(sent++)), 1_000);
    const { afterMs } = await slow.closed.finally(() => clearInterval(drip));
    expect(afterMs, 'not before the timeout').toBeGreaterThanOrEqual(9_500);
    expect(afterMs, 'about 10 s, not the 300 s by default in Node').toBeLessThan(13_000);
    expect(api.calls.some((c) => c.method === 'sendMessage'), 'the half-sent update was never handled').toBe(false);
    expect(await probeHealth(port), 'the bot carries on').toBe(200);

    main.child.kill('SIGTERM');
    expect(await main.exited, `exit code; output:\n${main.output()}`).toBe(0);
  }, 30_000);
});
