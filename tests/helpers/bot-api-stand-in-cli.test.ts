import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { callBotApi, controlStandIn } from './bot-api-stand-in/call-bot-api.js';
import type { StoredMessage } from './bot-api-stand-in/create-chat-store.js';
import { TEST_TOKEN } from './test-bot.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Starts the stand-in's own process and reads the JSON line it prints once listening. */
async function spawnStandIn(args: string[] = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/bot-api-stand-in/main.ts', '--port', '0', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const line = await firstLine(child);
  return { child, exited, started: JSON.parse(line) as { url: string; pid: number; control: string[] } };
}

function firstLine(child: ReturnType<typeof spawn>): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    child.on('close', () => reject(new Error(`the stand-in exited before printing its URL`)));
  });
}

describe('Bot API stand-in as its own process', () => {
  it('prints its URL, serves the Bot API, takes control commands over HTTP, and exits 0 on SIGTERM', async () => {
    const { child, exited, started } = await spawnStandIn(['--no-rate-limits']);
    const { url } = started;
    expect(started.control, 'it lists its control commands').toContain('userPresses');
    expect(started.pid).toBe(child.pid);

    const update = await controlStandIn<Update>(url, 'userSends', { chat: 111, text: '/start' });
    const polled = await callBotApi(url, TEST_TOKEN, 'getUpdates', { timeout: 1 });
    expect(polled.body.result, 'the user’s message, by getUpdates').toEqual([update]);
    await callBotApi(url, TEST_TOKEN, 'sendMessage', { chat_id: 111, text: 'Card', reply_markup: { inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] } });
    const press = await controlStandIn<Update>(url, 'userPresses', { chat: 111, messageId: 2, data: 'go' });
    expect(press.callback_query?.message?.message_id, 'a press on the bot’s card').toBe(2);

    await controlStandIn(url, 'outage', { mode: 'http500', scope: 'sends' });
    expect((await callBotApi(url, TEST_TOKEN, 'sendMessage', { chat_id: 111, text: 'lost' })).status, 'an outage set over HTTP').toBe(500);
    await controlStandIn(url, 'endOutages');
    const messages = await controlStandIn<StoredMessage[]>(url, 'messages', { chat: 111 });
    expect(messages.map((m) => m.text), 'the bot’s messages, read over HTTP').toEqual(['Card']);
    const calls = await controlStandIn<{ next: number; calls: { method: string }[] }>(url, 'calls', { since: 1, method: 'sendMessage' });
    expect(calls.calls, 'the call log, from an index on').toHaveLength(2);
    await expect(controlStandIn(url, 'nonsense'), 'an unknown command').rejects.toThrow(/unknown control command/);

    child.kill('SIGTERM');
    expect(await exited, 'a clean stop').toBe(0);
  });
});
