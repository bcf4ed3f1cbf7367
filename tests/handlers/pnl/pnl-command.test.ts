import { describe, expect, it, vi } from 'vitest';
import type * as Registry from '../../../src/handlers/command-registry.js';
import { formatSignedMoney } from '../../../src/bot/messages/format-number.js';
import { toDecimal } from '../../../src/engine/money/decimal.js';
import type { OrderRecord } from '../../../src/engine/orders/order-record.js';
import { createOutcomes } from '../../../src/engine/outcomes/create-outcomes.js';
import { parsePnlArgs, PNL_USAGE } from '../../../src/handlers/pnl.js';
import { sentTexts } from '../../helpers/record-api.js';
import { APPROVER, STRANGER, VIEWER, createTestBot } from '../../helpers/test-bot.js';
import { callbackUpdate, textUpdate } from '../../helpers/updates.js';

// Until /pnl is in the registry, add it for these tests (a no-op once it is).
vi.mock('../../../src/handlers/command-registry.js', async (importOriginal) => {
  const original = await importOriginal<typeof Registry>();
  const { pnlCommand } = await import('../../../src/handlers/pnl.js');
  return { ...original, COMMANDS: original.COMMANDS.some((c) => c.name === 'pnl') ? original.COMMANDS : [...original.COMMANDS, pnlCommand] };
});

type Harness = ReturnType<typeof createTestBot>;

const ACCOUNTS = '[{"id":"paper","venue":"paper","cooldownMinutes":0},{"id":"swing","venue":"paper","cooldownMinutes":0}]';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MARK = '70000';

/**
 * A bot whose engine has outcomes built from its own order records, with a fixed mark so
 * the numbers can be worked out by hand. (Replaces `engine.outcomes` once it is wired.)
 */
function createPnlBot(): Harness {
  const h = createTestBot({}, { engine: { accounts: ACCOUNTS } });
  const outcomes = createOutcomes({
    settledFills: async () => (await h.engine.listOrders(Number.MAX_SAFE_INTEGER)).map((order) => ({ order, source: 'manual' as const })),
    liveFills: () => [],
    proposalsSince: async () => h.engine.listProposals(),
    marks: async () => toDecimal(MARK),
    clock: h.clock.now,
  });
  Object.assign(h.engine, { outcomes });
  return h;
}

async function say(h: Harness, text: string, from = VIEWER) {
  const before = h.calls.length;
  await h.bot.handleUpdate(textUpdate(from, text));
  await h.settle();
  return h.calls.slice(before);
}

/** Proposes in the chat, approves with the button, and waits for the paper fill. */
async function trade(h: Harness, line: string): Promise<OrderRecord> {
  await say(h, line, APPROVER);
  const id = h.engine.listProposals({ state: 'pending' })[0]?.id;
  if (id === undefined) throw new Error(`no proposal: ${sentTexts(h.calls).slice(-2).join('\n')}`);
  await h.bot.handleUpdate(callbackUpdate(APPROVER, `pa:${id}`));
  await h.settle();
  const order = (await h.engine.listOrders()).find((o) => o.proposalId === id);
  if (order?.state !== 'filled') throw new Error(`not filled: ${JSON.stringify(order)}`);
  h.clock.advance(60_000);
  return order;
}

describe('/pnl through the bot', () => {
  it('shows realized and unrealized P&L worked out from the fills, then the equity curve', async () => {
    const h = createPnlBot();
    const buy = await trade(h, '/propose paper BTC/USDT buy 0.02');
    const sell = await trade(h, '/propose paper BTC/USDT sell 0.01');
    // By hand: half the buy (fee included) is sold; the other half is open at the mark.
    const halfCost = toDecimal(buy.filledQuantity).mul(buy.averagePrice ?? '').plus(buy.fees).div(2);
    const realized = toDecimal(sell.filledQuantity).mul(sell.averagePrice ?? '').minus(sell.fees).minus(halfCost);
    const unrealized = toDecimal('0.01').mul(MARK).minus(halfCost);
    expect(toDecimal(buy.fees).gt(0) && toDecimal(sell.fees).gt(0), 'the paper broker charges fees on both sides').toBe(true);

    const calls = await say(h, '/pnl');
    expect(calls.map((c) => c.method), 'the numbers, then the picture').toEqual(['sendMessage', 'sendPhoto']);
    const text = String(calls[0]?.payload.text);
    for (const part of [
      '📄 <b>PAPER</b> · <b>P&amp;L</b> · today (UTC) · all accounts',
      `Realized <b>${formatSignedMoney(realized)}</b> · unrealized ${formatSignedMoney(unrealized)} · total <b>${formatSignedMoney(realized.plus(unrealized))}</b>`,
      `Trades 1 · win rate ${realized.gt(0) ? '100.0%' : '0.0%'}`,
      '<b>By account</b>',
      '📄 <b>PAPER</b> <b>paper</b>: realized',
      '<b>manual</b>: realized',
    ]) {
      expect(text, `the message shows ${part}`).toContain(part);
    }
    const photo = calls[1]?.payload.photo as { filename: string; data: Buffer } | undefined;
    expect(photo?.filename).toBe('pnl-today.png');
    expect(photo?.data.subarray(0, 8).equals(PNG_SIGNATURE), 'a PNG file').toBe(true);
    expect(calls[1]?.payload.caption, 'the caption repeats the totals').toBe(
      `Equity curve · today (UTC) · all accounts: realized ${formatSignedMoney(realized)}, unrealized ${formatSignedMoney(unrealized)}`,
    );
  });

  it('narrows to one account, and says so when it has nothing; no picture then', async () => {
    const h = createPnlBot();
    await trade(h, '/propose paper BTC/USDT buy 0.01');
    const calls = await say(h, '/pnl all @swing');
    expect(calls.map((c) => c.method)).toEqual(['sendMessage']);
    expect(String(calls[0]?.payload.text)).toBe('📄 <b>PAPER</b> · <b>P&amp;L</b> · all time · swing\nNo trades closed and nothing open in this period.');
    const open = await say(h, '/pnl 7d paper');
    expect(open.map((c) => c.method), 'an open position is worth a curve').toEqual(['sendMessage', 'sendPhoto']);
    expect(String(open[0]?.payload.text)).toContain('Trades 0 · win rate —');
  });

  it.each([
    ['/pnl 9d', '"9d" is neither a period (today, 7d, 30d, all) nor an account (paper, swing).'],
    ['/pnl today 7d', 'Give one period, not two.'],
    ['/pnl paper swing', 'Give one account, or none for all of them.'],
    ['/pnl 7d paper extra', 'Too many arguments.'],
  ])('%s → a clear error with the usage, nothing else', async (line, error) => {
    const h = createPnlBot();
    const calls = await say(h, line);
    expect(calls.map((c) => c.method), 'one reply, no photo').toEqual(['sendMessage']);
    expect(calls[0]?.payload.text).toBe(`${error} ${PNL_USAGE}`);
  });

  it('is denied to a stranger', async () => {
    const h = createPnlBot();
    const calls = await say(h, '/pnl', STRANGER);
    expect(String(calls[0]?.payload.text)).toMatch(/^Not authorized/);
  });
});

describe('parsePnlArgs', () => {
  const accounts = ['paper', 'swing'];
  it('takes a period and an account in either order, any case, with or without @', () => {
    expect(parsePnlArgs('', accounts)).toEqual({ ok: true, window: 'today', accountId: undefined });
    expect(parsePnlArgs('30D', accounts)).toEqual({ ok: true, window: '30d', accountId: undefined });
    expect(parsePnlArgs('Swing all', accounts)).toEqual({ ok: true, window: 'all', accountId: 'swing' });
    expect(parsePnlArgs(' @paper   7d ', accounts)).toEqual({ ok: true, window: '7d', accountId: 'paper' });
  });

  it('shortens a long unknown word in the error', () => {
    const result = parsePnlArgs('x'.repeat(100), accounts);
    expect(result.ok === false && result.error.startsWith(`"${'x'.repeat(32)}…" is neither`)).toBe(true);
  });
});
