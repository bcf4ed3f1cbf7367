import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bot, InlineKeyboard, InputFile } from 'grammy';
import { describe, expect, it } from 'vitest';
import { createLocalBotApi } from '../../../src/bot/local/local-bot-api.js';
import { LOCAL_BOT_INFO } from '../../../src/bot/local/local-identity.js';

function localBot() {
  const printed: string[] = [];
  const filesDir = join(mkdtempSync(join(tmpdir(), 'cs-local-')), 'outbox-files');
  const api = createLocalBotApi({ botInfo: LOCAL_BOT_INFO, filesDir, print: (l) => printed.push(l), clock: () => new Date(0) });
  const bot = new Bot('local', { botInfo: LOCAL_BOT_INFO, client: { fetch: api.fetch } });
  return { bot, api, printed, filesDir };
}

describe('local Bot API', () => {
  it('prints messages with numbered buttons and remembers the latest keyboard', async () => {
    const { bot, api, printed } = localBot();
    const keyboard = new InlineKeyboard().text('Approve', 'a:1').text('Reject', 'r:1').row().url('Docs', 'https://x.example');
    const sent = await bot.api.sendMessage(1, '<b>Buy</b> 1 BTC', { parse_mode: 'HTML', reply_markup: keyboard });
    expect(printed.at(-1)).toBe('bot › Buy 1 BTC\n    [1] Approve  [2] Reject  [3] Docs (https://x.example)');
    expect(api.lastKeyboard()?.message.message_id, 'the message the buttons belong to').toBe(sent.message_id);
    expect(api.lastKeyboard()?.buttons.map((b) => b.text)).toEqual(['Approve', 'Reject', 'Docs']);
  });

  it('shows edits as edits, and an edit that removes the buttons forgets them', async () => {
    const { bot, api, printed } = localBot();
    const sent = await bot.api.sendMessage(1, 'Pending', { reply_markup: new InlineKeyboard().text('Approve', 'a:1') });
    await bot.api.editMessageText(1, sent.message_id, 'Approved by you');
    expect(printed.at(-1)).toBe(`bot (edited message ${sent.message_id}) › Approved by you`);
    expect(api.lastKeyboard(), 'no buttons left to press').toBeUndefined();
  });

  it('saves photos and documents under outbox-files and names the file', async () => {
    const { bot, printed, filesDir } = localBot();
    await bot.api.sendPhoto(1, new InputFile(Buffer.from('PNGDATA'), 'chart.png'), { caption: 'BTC 1h' });
    const line = printed.at(-1) ?? '';
    const path = /saved (\S+)/.exec(line)?.[1] ?? '';
    expect(path.startsWith(filesDir), line).toBe(true);
    expect(existsSync(path) && readFileSync(path, 'utf8')).toBe('PNGDATA');
    expect(line).toContain('BTC 1h');
  });

  it('shows toasts and alerts, and refuses methods it cannot stand in for', async () => {
    const { bot, printed } = localBot();
    await bot.api.answerCallbackQuery('1', { text: 'Already approved', show_alert: true });
    expect(printed.at(-1)).toBe('bot (alert) › Already approved');
    await expect(bot.api.getChat(1), 'a clear error, not a fake answer').rejects.toThrow(/not available in local mode/);
  });
});
