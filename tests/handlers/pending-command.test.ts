import { describe, expect, it } from 'vitest';
import type { ApiCall } from '../helpers/record-api.js';
import { APPROVER, OWNER, VIEWER, createTestBot, type TestBot } from '../helpers/test-bot.js';

const buttonsOf = (call: ApiCall | undefined) =>
  ((call?.payload.reply_markup as { inline_keyboard?: { text: string }[][] } | undefined)?.inline_keyboard ?? []).flat().map((b) => b.text);

/** The message id the recorder gave a send: ids count up from 100 over every send. */
function messageIdOf(h: TestBot, call: ApiCall): number {
  const sends = h.calls.filter((c) => c.method.startsWith('send') && c.method !== 'sendChatAction');
  return 100 + sends.indexOf(call);
}

const cardSends = (h: TestBot, chatId: number) => h.calls.filter((c) => c.method === 'sendMessage' && c.payload.chat_id === chatId && String(c.payload.text).includes('<b>Proposal</b>'));
const editsOf = (h: TestBot, chatId: number, messageId: number) =>
  h.calls.filter((c) => c.method === 'editMessageText' && c.payload.chat_id === chatId && c.payload.message_id === messageId);

async function propose(h: TestBot): Promise<string> {
  await h.say('/propose paper BTC/USDT buy 0.01', APPROVER);
  const id = h.engine.listProposals({ state: 'pending' })[0]?.id;
  if (id === undefined) throw new Error('no proposal');
  return id;
}

describe('/pending', () => {
  it('posts the card again as the copy kept current, and points the older copy down to it', async () => {
    const h = createTestBot();
    const id = await propose(h);
    const [original] = cardSends(h, OWNER);
    if (original === undefined) throw new Error('no card for the owner');
    await h.say('/pending', OWNER);
    const again = cardSends(h, OWNER).at(-1);
    if (again === undefined || again === original) throw new Error('/pending sent no card');
    expect(buttonsOf(again), 'the new copy has the buttons').toEqual(['Approve', 'Reject', 'Details']);
    const retired = editsOf(h, OWNER, messageIdOf(h, original)).at(-1);
    expect(String(retired?.payload.text), 'the older copy points down').toContain('Shown again further down');
    expect(String(retired?.payload.text), 'with its badge').toContain('📄 <b>PAPER</b>');
    expect(buttonsOf(retired), 'and has no buttons left').toEqual([]);

    await h.press(`pr:${id}`, APPROVER);
    const edited = editsOf(h, OWNER, messageIdOf(h, again)).at(-1);
    expect(String(edited?.payload.text), 'the /pending copy is edited in place').toContain('Rejected by');
    expect(buttonsOf(edited), 'no Approve or Reject once decided').toEqual(['Details']);
    expect(editsOf(h, OWNER, messageIdOf(h, original)).length, 'the older copy is not brought back').toBe(1);
  });

  it('keeps a copy shown in a chat that never had the card (a viewer) current too', async () => {
    const h = createTestBot();
    const id = await propose(h);
    await h.say('/pending', VIEWER);
    const shown = cardSends(h, VIEWER).at(-1);
    if (shown === undefined) throw new Error('/pending showed the viewer nothing');
    await h.press(`pa:${id}`, OWNER);
    const edited = editsOf(h, VIEWER, messageIdOf(h, shown)).at(-1);
    expect(String(edited?.payload.text), 'the viewer sees the outcome').toContain('Approved by');
    expect(buttonsOf(edited)).toEqual(['Details']);
  });

  it('shows each card once per chat however often it is asked', async () => {
    const h = createTestBot();
    const id = await propose(h);
    await h.say('/pending', OWNER);
    await h.say('/pending', OWNER);
    await h.press(`pr:${id}`, OWNER);
    const live = cardSends(h, OWNER).filter((card) => buttonsOf(editsOf(h, OWNER, messageIdOf(h, card)).at(-1) ?? card).includes('Approve'));
    expect(live.length, 'no copy in the chat keeps live buttons').toBe(0);
  });
});
