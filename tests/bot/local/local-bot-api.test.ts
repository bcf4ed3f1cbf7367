import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bot, InlineKeyboard, InputFile } from 'grammy';
import { describe, expect, it } from 'vitest';
import { createChatScreen } from '../../../src/bot/local/chat-screen.js';
import { createLocalBotApi } from '../../../src/bot/local/local-bot-api.js';
import { LOCAL_BOT_INFO } from '../../../src/bot/local/local-identity.js';

function localBot() {
  const printed: string[] = [];
  const filesDir = join(mkdtempSync(join(tmpdir(), 'cs-local-')), 'outbox-files');
  const screen = createChatScreen({ write: (text: string) => printed.push(text.replace(/\n$/, '')) }, false);
  const api = createLocalBotApi({ botInfo: LOCAL_BOT_INFO, filesDir, screen, clock: () => new Date(0) });
  const bot = new Bot('local', { botInfo: LOCAL_BOT_INFO, client: { fetch: api.fetch } });
  return { bot, api, printed, filesDir };
}

describe('local Bot API', () => {
  it('numbers each message and its buttons, and remembers every keyboard', async () => {
    const { bot, api, printed } = localBot();
    const keyboard = new InlineKeyboard().text('Approve', 'a:1').text('Reject', 'r:1').row().url('Docs', 'https://x.example');
    const sent = await bot.api.sendMessage(1, '<b>Buy</b> 1 BTC', { parse_mode: 'HTML', reply_markup: keyboard });
    expect(printed.at(-1), 'message #1, its buttons 1.1, 1.2, 1.3').toBe('bot #1 › Buy 1 BTC\n    [1.1] Approve  [1.2] Reject  [1.3] Docs (https://x.example)');
    await bot.api.sendMessage(1, 'Sell', { reply_markup: new InlineKeyboard().text('Approve', 'a:2') });
    const first = api.board.lookup(2, 1);
    expect(first.kind === 'found' && [first.entry.message.message_id, first.button.text], 'the first message stays reachable').toEqual([sent.message_id, 'Reject']);
    const newest = api.board.lookup(1);
    expect(newest.kind === 'found' && newest.entry.number, '#1 goes to the newest message with buttons').toBe(2);
  });

  it('shows edits as edits of the same number; an edit that removes the buttons leaves nothing to press there', async () => {
    const { bot, api, printed } = localBot();
    const sent = await bot.api.sendMessage(1, 'Pending', { reply_markup: new InlineKeyboard().text('Approve', 'a:1') });
    await bot.api.editMessageText(1, sent.message_id, 'Approved by you');
    expect(printed.at(-1), 'same number, marked edited').toBe('bot #1 (edited) › Approved by you');
    expect(api.board.lookup(1), 'no buttons left to press').toEqual({ kind: 'problem', problem: 'no message has buttons now' });
    await bot.api.editMessageReplyMarkup(1, sent.message_id, { reply_markup: new InlineKeyboard().text('Details', 'd:1') });
    expect(printed.at(-1), 'in a pipe, a buttons-only edit prints the new buttons').toBe('bot #1 (buttons changed)\n    [1.1] Details');
  });

  it('numbers messages above any earlier run, so an edit from before a restart never lands on a new message', async () => {
    const { bot } = localBot();
    const sent = await bot.api.sendMessage(1, 'x');
    expect(sent.message_id, 'ids start from the clock (here 0 s), not from 1').toBe(0);
    const later = createLocalBotApi({ botInfo: LOCAL_BOT_INFO, filesDir: tmpdir(), screen: createChatScreen({ write: () => true }, false), clock: () => new Date(60_000) });
    const next = await new Bot('local', { botInfo: LOCAL_BOT_INFO, client: { fetch: later.fetch } }).api.sendMessage(1, 'y');
    expect(next.message_id, 'a run a minute later starts 60,000 higher').toBe(60_000);
  });

  it('saves photos and documents under outbox-files and names the file', async () => {
    const { bot, printed, filesDir } = localBot();
    await bot.api.sendPhoto(1, new InputFile(Buffer.from('PNGDATA'), 'chart.png'), { caption: 'BTC 1h' });
    const line = printed.at(-1) ?? '';
    const path = /saved (\S+)/.exec(line)?.[1] ?? '';
    expect(path.startsWith(filesDir), line).toBe(true);
    expect(existsSync(path) && readFileSync(path, 'utf8')).toBe('PNGDATA');
    expect(line, 'numbered like any message, with its caption').toMatch(/^bot #1 › \(photo\) saved \S+\n {4}BTC 1h$/);
  });

  it('shows toasts and alerts, and refuses methods it cannot stand in for', async () => {
    const { bot, printed } = localBot();
    await bot.api.answerCallbackQuery('1', { text: 'Already approved', show_alert: true });
    expect(printed.at(-1)).toBe('bot (alert) › Already approved');
    await expect(bot.api.getChat(1), 'a clear error, not a fake answer').rejects.toThrow(/not available in local mode/);
  });
});
