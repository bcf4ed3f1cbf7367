import { afterEach, describe, expect, it } from 'vitest';
import { callBotApi } from './bot-api-stand-in/call-bot-api.js';
import { startBotApiStandIn, type BotApiStandInOptions } from './bot-api-stand-in/start-bot-api-stand-in.js';
import type { BotApiStandIn } from './bot-api-stand-in/create-stand-in-api.js';
import { TEST_TOKEN } from './test-bot.js';
import { waitFor } from './wait-for.js';

const running: BotApiStandIn[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
});

async function start(options: BotApiStandInOptions = {}) {
  let clock = 1_700_000_000_000;
  const standIn = await startBotApiStandIn({ now: () => clock, ...options });
  running.push(standIn);
  const call = (method: string, payload: Record<string, unknown> = {}) => callBotApi(standIn.url, TEST_TOKEN, method, payload);
  const send = async (chatId: number, text = 'x') => (await call('sendMessage', { chat_id: chatId, text })).body;
  return { standIn, call, send, advance: (ms: number) => (clock += ms) };
}

describe('Bot API stand-in: Telegram’s flood limits', () => {
  it('allows 1 message per second in a private chat and answers the next with 429 and retry_after', async () => {
    const { send, standIn, advance } = await start();
    expect((await send(111)).ok).toBe(true);
    advance(400);
    expect(await send(111), 'a second message within the second').toEqual({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    expect((await send(222)).ok, 'another chat is not held back').toBe(true);
    advance(600);
    expect((await send(111)).ok, 'a second later').toBe(true);
    expect(standIn.tooManyRequests, 'the 429 recorded').toEqual([{ at: 1_700_000_000_400, method: 'sendMessage', chatId: 111, scope: 'chat', retryAfter: 1 }]);
    expect(standIn.botMessages(111), 'the refused message was not accepted').toHaveLength(2);
  });

  it('allows 20 messages per minute in a group, with retry_after in whole seconds until the window has room', async () => {
    const { send, advance } = await start();
    for (let i = 0; i < 20; i++) {
      expect((await send(-500)).ok, `group message ${i + 1}`).toBe(true);
      advance(1_000);
    }
    const refused = await send(-500);
    expect(refused.error_code, 'the 21st within a minute').toBe(429);
    expect(refused.parameters?.retry_after, 'the first message leaves the window 40 s on').toBe(40);
    advance(40_000);
    expect((await send(-500)).ok).toBe(true);
  });

  it('allows about 30 messages per second across all chats', async () => {
    const { send, standIn, advance } = await start();
    for (let chat = 1; chat <= 30; chat++) expect((await send(chat)).ok, `chat ${chat}`).toBe(true);
    expect((await send(31)).error_code, 'the 31st within the second, in a fresh chat').toBe(429);
    expect(standIn.tooManyRequests.at(-1), 'refused by the overall limit').toMatchObject({ scope: 'global', chatId: 31, retryAfter: 1 });
    advance(1_000);
    expect((await send(31)).ok).toBe(true);
  });

  it('counts sends only, edits too when asked, and can be configured or turned off', async () => {
    const card = { reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] } };
    const plain = await start();
    await plain.call('sendMessage', { chat_id: 111, text: 'v1', ...card });
    expect((await plain.call('editMessageText', { chat_id: 111, message_id: 1, text: 'v2' })).status, 'edits are free by default').toBe(200);
    expect((await plain.call('sendPhoto', { chat_id: 111, photo: 'file-id' })).status, 'a photo is a send').toBe(429);

    const strict = await start({ rateLimits: { countEdits: true } });
    await strict.call('sendMessage', { chat_id: 111, text: 'v1' });
    expect((await strict.call('editMessageText', { chat_id: 111, message_id: 1, text: 'v2' })).status, 'an edit counted as a send').toBe(429);

    const custom = await start({ rateLimits: { privateChat: { limit: 3, windowMs: 1_000 }, global: false } });
    for (let i = 0; i < 3; i++) expect((await custom.send(111)).ok, `message ${i + 1} of 3`).toBe(true);
    expect((await custom.send(111)).error_code).toBe(429);

    const off = await start({ rateLimits: false });
    for (let i = 0; i < 50; i++) expect((await off.send(111)).ok).toBe(true);
  });
});

describe('Bot API stand-in: outages and injected failures', () => {
  it('answers 500 on sends during an http500 outage and recovers at its end', async () => {
    const { call, send, standIn, advance } = await start({ rateLimits: false });
    standIn.outage({ mode: 'http500', scope: 'sends', durationMs: 30_000 });
    expect(await send(111), 'a send').toEqual({ ok: false, error_code: 500, description: 'Internal Server Error' });
    expect((await call('getMe')).status, 'other methods still work').toBe(200);
    advance(30_000);
    expect((await send(111)).ok, 'after the outage').toBe(true);
    expect(standIn.callsTo('sendMessage').map((c) => c.status), 'both calls recorded').toEqual([500, 200]);
    expect(standIn.botMessages(111), 'only the second accepted').toHaveLength(1);
  });

  it('drops connections in a close outage, for all methods or the ones named', async () => {
    const { call, standIn } = await start();
    const outage = standIn.outage({ mode: 'close', scope: ['answerCallbackQuery', 'getMe'] });
    await expect(call('getMe'), 'the connection is dropped').rejects.toThrow();
    expect((await call('getMyCommands')).status, 'a method not named').toBe(200);
    outage.end();
    expect((await call('getMe')).status, 'ended').toBe(200);
    expect(standIn.callsTo('getMe')[0]?.fault).toBe('close');
    standIn.outage({ mode: 'close' });
    await expect(call('getMyCommands'), 'scope all').rejects.toThrow();
  });

  it('leaves calls unanswered in a hang outage until it ends, then drops them', async () => {
    const { send, standIn } = await start();
    const outage = standIn.outage({ mode: 'hang', scope: 'sends' });
    let settled = false;
    const pending = send(111).finally(() => (settled = true));
    await waitFor(() => standIn.callsTo('sendMessage').length === 1, 'the call arrived');
    await new Promise((r) => setTimeout(r, 100));
    expect(settled, 'no answer while the outage lasts').toBe(false);
    outage.end();
    await expect(pending, 'the connection dropped at the end').rejects.toThrow();
    expect(standIn.botMessages(111), 'nothing accepted').toEqual([]);
  });

  it('can carry out a send and drop its answer, so the bot cannot tell it went out', async () => {
    const { send, standIn } = await start({ rateLimits: false });
    standIn.failNext('sendMessage', 1, 'accept-then-close');
    await expect(send(111, 'card'), 'the bot sees a dropped connection').rejects.toThrow();
    expect(standIn.botMessages(111).map((m) => m.text), 'yet the message was accepted').toEqual(['card']);
    expect(standIn.callsTo('sendMessage')[0]?.fault).toBe('accept-then-close');
    const outage = standIn.outage({ mode: 'accept-then-close', scope: 'sends' });
    await expect(send(111, 'again'), 'the same as an outage').rejects.toThrow();
    outage.end();
    expect(standIn.botMessages(111), 'both accepted').toHaveLength(2);
  });

  it('fails the next n calls of a method as told, and makes methods missing', async () => {
    const { call, send, standIn } = await start({ rateLimits: false, missingMethods: ['setMyCommands'] });
    standIn.failNext('sendMessage', 2, { error_code: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } });
    expect((await send(111)).parameters, 'first').toEqual({ retry_after: 7 });
    expect((await send(111)).error_code, 'second').toBe(429);
    expect((await send(111)).ok, 'third goes through').toBe(true);
    expect((await call('setMyCommands', { commands: [] })).body, 'an emulator without the method').toEqual({ ok: false, error_code: 404, description: 'Not Found' });
    standIn.restoreMethods(['setMyCommands']);
    standIn.removeMethods(['deleteWebhook']);
    expect((await call('setMyCommands', { commands: [] })).status, 'restored').toBe(200);
    expect((await call('deleteWebhook')).status, 'removed').toBe(404);
  });

  it('holds webhook deliveries while all of Telegram is down', async () => {
    const { call, standIn } = await start({ webhook: { backoff: { initialMs: 10, maxMs: 10 }, origin: 'http://127.0.0.1:9' } });
    await call('setWebhook', { url: 'https://bot.example.com/hook' });
    standIn.outage({ mode: 'http500' });
    standIn.userSends(111, 'during the outage');
    await new Promise((r) => setTimeout(r, 80));
    expect(standIn.webhookAttempts, 'no delivery attempted').toEqual([]);
    standIn.endOutages();
    await waitFor(() => standIn.webhookAttempts.length > 0, 'attempts resume');
  });
});
