import { afterEach, describe, expect, it } from 'vitest';
import { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { callBotApi } from './bot-api-stand-in/call-bot-api.js';
import { startBotApiStandIn, type BotApiStandInOptions } from './bot-api-stand-in/start-bot-api-stand-in.js';
import { TEST_TOKEN } from './test-bot.js';
import { waitFor } from './wait-for.js';

const KEYBOARD = { inline_keyboard: [[{ text: 'Approve', callback_data: 'approve:1' }]] };

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(options: BotApiStandInOptions = {}) {
  const standIn = await startBotApiStandIn(options);
  cleanups.push(() => standIn.close());
  const call = (method: string, payload: Record<string, unknown> = {}) => callBotApi(standIn.url, TEST_TOKEN, method, payload);
  return { standIn, call };
}

const ids = (result: unknown): number[] => (result as Update[]).map((u) => u.update_id);

describe('Bot API stand-in: getUpdates', () => {
  it('redelivers updates until a later call confirms them with a higher offset', async () => {
    const { call, standIn } = await start();
    const [a, b, c] = ['one', 'two', 'three'].map((text) => standIn.userSends(111, text).update_id);
    expect(ids((await call('getUpdates')).body.result), 'everything pending').toEqual([a, b, c]);
    expect(ids((await call('getUpdates')).body.result), 'handed out but not confirmed: handed out again').toEqual([a, b, c]);
    expect(ids((await call('getUpdates', { offset: b, limit: 1 })).body.result), 'offset confirms what is below it; limit caps the batch').toEqual([b]);
    expect(ids((await call('getUpdates', { offset: -1 })).body.result), 'a negative offset keeps only the last ones').toEqual([c]);
    expect(ids((await call('getUpdates', { offset: (c as number) + 1 })).body.result), 'all confirmed').toEqual([]);
    expect(standIn.pendingUpdates(), 'nothing pending').toEqual([]);
  });

  it('keeps allowed_updates from one call to the next and drops the types not asked for', async () => {
    const { call, standIn } = await start();
    await call('sendMessage', { chat_id: 111, text: 'Card', reply_markup: KEYBOARD });
    standIn.userSends(111, 'ignored');
    const press = standIn.userPresses(111, 1, 'approve:1');
    expect(ids((await call('getUpdates', { allowed_updates: ['callback_query'] })).body.result), 'only button presses').toEqual([press.update_id]);
    standIn.userSends(111, 'also ignored');
    expect(ids((await call('getUpdates')).body.result), 'the setting stays without allowed_updates').toEqual([press.update_id]);
  });

  it('long-polls: answers as soon as an update arrives, or with nothing after the timeout', async () => {
    const { call, standIn } = await start();
    const started = Date.now();
    const poll = call('getUpdates', { timeout: 10 });
    setTimeout(() => standIn.userSends(111, '/status'), 50);
    expect(ids((await poll).body.result), 'the update that arrived during the wait').toHaveLength(1);
    expect(Date.now() - started, 'at once, not after the timeout').toBeLessThan(2_000);
    const empty = Date.now();
    expect((await call('getUpdates', { offset: 2, timeout: 1 })).body.result, 'nothing arrived').toEqual([]);
    expect(Date.now() - empty, 'after the 1 s timeout').toBeGreaterThanOrEqual(950);
  });

  it('ends an older long poll with 409 when another starts, and refuses getUpdates while a webhook is set', async () => {
    const { call } = await start();
    const first = call('getUpdates', { timeout: 10 });
    await new Promise((r) => setTimeout(r, 50));
    const second = call('getUpdates', { timeout: 0 });
    expect((await first).body, 'the older poll').toEqual({
      ok: false,
      error_code: 409,
      description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    });
    expect((await second).status).toBe(200);
    await call('setWebhook', { url: 'http://127.0.0.1:9/hook' });
    expect((await call('getUpdates')).body.description, 'while a webhook is set').toBe(
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
  });
});

describe('Bot API stand-in with a real grammY Bot polling', () => {
  it('delivers a command and a button press, and takes the answers', async () => {
    const { standIn } = await start();
    const bot = new Bot(TEST_TOKEN, { client: { apiRoot: standIn.url } });
    bot.command('start', (ctx) => ctx.reply('<b>Proposal</b>', { parse_mode: 'HTML', reply_markup: KEYBOARD }));
    bot.callbackQuery('approve:1', async (ctx) => {
      await ctx.answerCallbackQuery({ text: 'Checking…' });
      await ctx.editMessageText('Approved');
    });
    void bot.start({ timeout: 1 });
    cleanups.push(() => bot.stop());
    standIn.userSends(111, '/start');
    await waitFor(() => standIn.botMessages(111).length === 1, 'the proposal card');
    const press = standIn.userPresses(111, 2, 'approve:1');
    await waitFor(() => standIn.message(111, 2)?.text === 'Approved', 'the card edited after the tap');
    expect(standIn.answeredCallbacks.map((a) => [a.id, a.text]), 'the tap answered').toEqual([[press.callback_query?.id, 'Checking…']]);
    await bot.stop();
    expect(standIn.pendingUpdates(), 'stopping confirmed every handled update').toEqual([]);
  });

  it('redelivers an update the first bot never confirmed to the next one', async () => {
    const { standIn, call } = await start();
    await call('sendMessage', { chat_id: 111, text: 'Card', reply_markup: KEYBOARD });
    let releaseFirst = (): void => undefined;
    const stuck = new Promise<void>((resolve) => (releaseFirst = resolve));
    const seenByFirst: number[] = [];
    const first = new Bot(TEST_TOKEN, { client: { apiRoot: standIn.url } });
    // The first process "dies" inside the handler: it never polls again, so never confirms.
    first.on('callback_query:data', async (ctx) => {
      seenByFirst.push(ctx.update.update_id);
      await stuck;
    });
    void first.start({ timeout: 1 });
    const press = standIn.userPresses(111, 1, 'approve:1');
    await waitFor(() => seenByFirst.length === 1, 'the first bot got the tap');

    const seenBySecond: number[] = [];
    const second = new Bot(TEST_TOKEN, { client: { apiRoot: standIn.url } });
    second.on('callback_query:data', async (ctx) => {
      seenBySecond.push(ctx.update.update_id);
      await ctx.answerCallbackQuery();
    });
    void second.start({ timeout: 1 });
    await waitFor(() => seenBySecond.length === 1, 'the second bot got the same tap');
    await second.stop();
    releaseFirst();
    await first.stop();
    expect(seenBySecond, 'the unconfirmed update, redelivered').toEqual([press.update_id]);
    expect(standIn.answeredCallbacks.map((a) => a.id), 'answered once, by the second bot').toEqual([press.callback_query?.id]);
  });
});
