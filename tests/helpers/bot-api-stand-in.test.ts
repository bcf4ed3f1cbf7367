import { afterEach, describe, expect, it } from 'vitest';
import { Bot, InputFile } from 'grammy';
import { callBotApi } from './bot-api-stand-in/call-bot-api.js';
import { startBotApiStandIn, type BotApiStandInOptions } from './bot-api-stand-in/start-bot-api-stand-in.js';
import type { BotApiStandIn } from './bot-api-stand-in/create-stand-in-api.js';
import { TEST_TOKEN } from './test-bot.js';

const NOT_MODIFIED =
  'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';
const KEYBOARD = { inline_keyboard: [[{ text: 'Approve', callback_data: 'approve:1' }, { text: 'Reject', callback_data: 'reject:1' }]] };

const running: BotApiStandIn[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
});

async function start(options: BotApiStandInOptions = {}) {
  let clock = 1_700_000_000_000;
  const standIn = await startBotApiStandIn({ now: () => clock, rateLimits: false, ...options });
  running.push(standIn);
  const call = (method: string, payload: Record<string, unknown> = {}) => callBotApi(standIn.url, TEST_TOKEN, method, payload);
  return { standIn, call, advance: (ms: number) => (clock += ms) };
}

describe('Bot API stand-in: identity and routing', () => {
  it('answers getMe with the token’s bot id, 404 "Not Found" for unknown methods, and takes method names in any case', async () => {
    const { call, standIn } = await start();
    const me = await call('getMe');
    expect(me.body.result, 'the bot id is the number before the colon, as in Telegram').toMatchObject({ id: 123456789, is_bot: true });
    expect(await call('sendSticker'), 'an unknown method').toEqual({ status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } });
    expect((await call('GETME')).status, 'Telegram matches method names case-insensitively').toBe(200);
    expect(standIn.calls.map((c) => [c.method, c.status]), 'each call recorded with its status').toEqual([['getMe', 200], ['sendSticker', 404], ['getMe', 200]]);
  });

  it('lets only the configured token in when one is given', async () => {
    const { standIn } = await start({ token: TEST_TOKEN });
    expect((await callBotApi(standIn.url, '1:wrong', 'getMe')).body, 'another token').toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
    expect((await callBotApi(standIn.url, TEST_TOKEN, 'getMe')).status).toBe(200);
  });
});

describe('Bot API stand-in: chats and messages', () => {
  it('numbers messages per chat, shared by the user’s and the bot’s messages', async () => {
    const { call, standIn } = await start();
    const update = standIn.userSends(111, '/status please');
    expect(update.message?.message_id, 'the user’s message takes id 1').toBe(1);
    expect(update.message?.entities, 'a command gets its bot_command entity').toEqual([{ type: 'bot_command', offset: 0, length: 7 }]);
    expect(update.message?.chat.type).toBe('private');
    const answer = await call('sendMessage', { chat_id: 111, text: 'Status: ok' });
    expect(answer.body.result, 'the bot’s answer takes the next id in the same chat').toMatchObject({ message_id: 2, chat: { id: 111 }, text: 'Status: ok' });
    expect((await call('sendMessage', { chat_id: -500, text: 'hello group' })).body.result, 'another chat counts from 1').toMatchObject({ message_id: 1, chat: { type: 'group' } });
    expect(standIn.userSends(-500, 'hi', { id: 7, is_bot: false, first_name: 'Ann' }).message, 'a group message from a given user').toMatchObject({ message_id: 2, from: { id: 7 }, chat: { id: -500, type: 'group' } });
    expect(standIn.chatMessages(111).map((m) => [m.messageId, m.fromBot]), 'both directions, in order').toEqual([[1, false], [2, true]]);
  });

  it('keeps each bot message’s text, parse mode, keyboard, reply-to and accept time', async () => {
    const { call, standIn, advance } = await start();
    standIn.userSends(111, '/propose');
    advance(250);
    const sent = await call('sendMessage', { chat_id: 111, text: '<b>BUY</b> 1 AAPL &amp; more', parse_mode: 'HTML', reply_markup: KEYBOARD, reply_parameters: { message_id: 1 } });
    expect(sent.body.result, 'Telegram returns the parsed text with its entities').toMatchObject({
      text: 'BUY 1 AAPL & more',
      entities: [{ type: 'bold', offset: 0, length: 3 }],
      reply_markup: KEYBOARD,
      reply_to_message: { message_id: 1 },
    });
    expect(standIn.botMessages(111), 'the stored state').toEqual([
      expect.objectContaining({ messageId: 2, sentText: '<b>BUY</b> 1 AAPL &amp; more', text: 'BUY 1 AAPL & more', parseMode: 'HTML', replyMarkup: KEYBOARD, replyTo: 1, acceptedAt: 1_700_000_000_250, edits: 0 }),
    ]);
    expect((await call('sendMessage', { chat_id: 111, text: 'x', reply_parameters: { message_id: 99 } })).body.description, 'a reply to nothing').toBe('Bad Request: message to be replied not found');
    expect((await call('sendMessage', { chat_id: 111, text: '  ' })).body.description).toBe('Bad Request: message text is empty');
    expect((await call('sendMessage', { chat_id: 111, text: 'x'.repeat(4097) })).body.description).toBe('Bad Request: message is too long');
    expect(standIn.botMessages(111), 'refused sends leave nothing behind').toHaveLength(1);
  });

  it('refuses broken HTML as Telegram does, without using up a message id', async () => {
    const { call } = await start();
    const send = async (text: string) => (await call('sendMessage', { chat_id: 111, text, parse_mode: 'HTML' })).body.description;
    expect(await send('<blink>x</blink>'), 'an unknown tag').toBe('Bad Request: can\'t parse entities: Unsupported start tag "blink" at byte offset 0');
    expect(await send('price <b>1.5'), 'a tag never closed').toBe('Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"');
    expect(await send('é <b><i>x</b></i>'), 'crossed tags, offset in UTF-8 bytes').toBe('Bad Request: can\'t parse entities: Unmatched end tag at byte offset 10, expected "</i>", found "</b>"');
    expect(await send('a < b'), 'an unescaped <').toMatch(/^Bad Request: can't parse entities: /);
    expect((await call('sendMessage', { chat_id: 111, text: 'a < b' })).status, 'without a parse mode the same text is fine').toBe(200);
    expect((await call('sendMessage', { chat_id: 111, text: 'ok' })).body.result, 'no id was used by the refusals').toMatchObject({ message_id: 2 });
  });
});

describe('Bot API stand-in: edits and deletes', () => {
  it('refuses edits of missing, foreign and unchanged messages with Telegram’s wording', async () => {
    const { call, standIn } = await start();
    standIn.userSends(111, 'hello');
    await call('sendMessage', { chat_id: 111, text: '<b>Card</b>', parse_mode: 'HTML', reply_markup: KEYBOARD });
    const edit = async (payload: Record<string, unknown>) => (await call('editMessageText', { chat_id: 111, ...payload })).body;
    expect((await edit({ message_id: 9, text: 'x' })).description, 'no such message').toBe('Bad Request: message to edit not found');
    expect((await edit({ message_id: 1, text: 'x' })).description, 'the user’s message').toBe("Bad Request: message can't be edited");
    expect((await edit({ message_id: 2, text: '<b>Card</b>', parse_mode: 'HTML', reply_markup: KEYBOARD })).description, 'same text and keyboard').toBe(NOT_MODIFIED);
    expect((await edit({ message_id: 2, text: '<strong>Card</strong>', parse_mode: 'HTML', reply_markup: KEYBOARD })).description, 'the same message written differently').toBe(NOT_MODIFIED);
    const markup = await call('editMessageReplyMarkup', { chat_id: 111, message_id: 2, reply_markup: KEYBOARD });
    expect(markup.body.description, 'the same keyboard again').toBe(NOT_MODIFIED);
    expect(standIn.message(111, 2)?.edits, 'nothing changed').toBe(0);
  });

  it('applies edits: new text, and a keyboard removed when the edit leaves it out', async () => {
    const { call, standIn, advance } = await start();
    await call('sendMessage', { chat_id: 111, text: 'Pending', reply_markup: KEYBOARD });
    advance(1_000);
    const edited = await call('editMessageText', { chat_id: 111, message_id: 1, text: '<i>Approved</i>', parse_mode: 'HTML' });
    expect(edited.body.result, 'the edited message with its edit date').toMatchObject({ message_id: 1, text: 'Approved', edit_date: 1_700_000_001 });
    expect(edited.body.result, 'an edit without reply_markup drops the keyboard, as in Telegram').not.toHaveProperty('reply_markup');
    expect(standIn.message(111, 1), 'the current state').toMatchObject({ text: 'Approved', sentText: '<i>Approved</i>', replyMarkup: undefined, edits: 1, editedAt: 1_700_000_001_000 });
    expect((await call('editMessageReplyMarkup', { chat_id: 111, message_id: 1, reply_markup: KEYBOARD })).status, 'the keyboard back').toBe(200);
    expect(standIn.message(111, 1)?.replyMarkup).toEqual(KEYBOARD);
    expect((await call('deleteMessage', { chat_id: 111, message_id: 1 })).body.result).toBe(true);
    expect((await call('deleteMessage', { chat_id: 111, message_id: 1 })).body.description, 'twice').toBe('Bad Request: message to delete not found');
    expect((await call('editMessageText', { chat_id: 111, message_id: 1, text: 'late' })).body.description, 'a deleted message').toBe('Bad Request: message to edit not found');
    expect(standIn.botMessages(111)[0]?.deleted, 'kept, marked deleted').toBe(true);
  });
});

describe('Bot API stand-in: callbacks, commands and files', () => {
  it('takes one answer per callback query, within its time', async () => {
    const { call, standIn, advance } = await start({ callbackQueryTtlMs: 10_000 });
    await call('sendMessage', { chat_id: 111, text: 'Card', reply_markup: KEYBOARD });
    const press = standIn.userPresses(111, 1, 'approve:1');
    expect(press.callback_query, 'a press on the bot’s message as it is now').toMatchObject({ data: 'approve:1', from: { id: 111 }, message: { message_id: 1, reply_markup: KEYBOARD } });
    const id = press.callback_query?.id;
    expect((await call('answerCallbackQuery', { callback_query_id: id, text: 'Checking…' })).body.result).toBe(true);
    expect((await call('answerCallbackQuery', { callback_query_id: id })).body.description, 'a second answer').toBe('Bad Request: query is too old and response timeout expired or query ID is invalid');
    const late = standIn.userPresses(111, 1, 'reject:1').callback_query?.id;
    advance(10_001);
    expect((await call('answerCallbackQuery', { callback_query_id: late })).status, 'an answer after the window').toBe(400);
    expect(standIn.answeredCallbacks, 'the answers given').toEqual([{ id, at: 1_700_000_000_000, text: 'Checking…', showAlert: false }]);
    expect(() => standIn.userPresses(111, 1, 'nope'), 'only buttons that exist can be pressed').toThrow(/no button/);
  });

  it('keeps command menus per scope', async () => {
    const { call, standIn } = await start();
    const owner = { type: 'chat', chat_id: 111 };
    await call('setMyCommands', { commands: [{ command: 'status', description: 'Status' }] });
    await call('setMyCommands', { commands: [{ command: 'users', description: 'Users' }], scope: owner });
    expect((await call('getMyCommands')).body.result, 'the default menu').toEqual([{ command: 'status', description: 'Status' }]);
    expect(standIn.commands(owner), 'the owner’s menu').toEqual([{ command: 'users', description: 'Users' }]);
    await call('deleteMyCommands', { scope: owner });
    expect(standIn.commands(owner)).toBeUndefined();
    expect((await call('setMyCommands', { commands: [{ command: 'Bad-Name', description: 'x' }] })).status, 'an invalid command').toBe(400);
  });

  it('accepts form bodies and grammY’s multipart uploads, recording the file without its bytes', async () => {
    const { standIn } = await start();
    const form = await fetch(`${standIn.url}/bot${TEST_TOKEN}/sendMessage`, { method: 'POST', body: new URLSearchParams({ chat_id: '111', text: 'from a form', reply_markup: JSON.stringify(KEYBOARD) }) });
    expect(((await form.json()) as { result: unknown }).result, 'form fields, JSON fields read as JSON').toMatchObject({ chat: { id: 111 }, reply_markup: KEYBOARD });
    const bot = new Bot(TEST_TOKEN, { client: { apiRoot: standIn.url } });
    const doc = await bot.api.sendDocument(111, new InputFile(Buffer.from('a,b\n1,2\n'), 'fills.csv'), { caption: '<b>Fills</b>', parse_mode: 'HTML' });
    expect(doc, 'a document message back').toMatchObject({ message_id: 2, document: { file_name: 'fills.csv' }, caption: 'Fills' });
    const photo = await bot.api.sendPhoto(-1001234, new InputFile(Buffer.alloc(2048), 'chart.png'));
    expect(photo.photo?.length, 'a photo message back').toBeGreaterThan(0);
    expect(standIn.callsTo('sendDocument')[0]?.payload.document, 'the upload, summarized').toEqual({ filename: 'fills.csv', size: 8 });
    expect(standIn.botMessages(-1001234)[0], 'stored as a photo in a supergroup').toMatchObject({ kind: 'photo', media: { filename: 'chart.png', size: 2048 } });
  });
});
