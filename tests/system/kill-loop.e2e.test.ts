import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Proposal } from '../../src/engine/proposals/proposal.js';
import { openStore } from '../../src/store/open-store.js';
import { startBotApiStandIn } from '../helpers/bot-api-stand-in/start-bot-api-stand-in.js';
import { spawnCompiledBot, type BotProcess } from '../helpers/compiled-bot.js';
import { freePort } from '../helpers/free-port.js';
import { mulberry32, testSeed } from '../helpers/seeded-random.js';
import { TEST_TOKEN } from '../helpers/test-bot.js';
import { waitFor } from '../helpers/wait-for.js';
import { readDurableDocumentSync } from '../helpers/read-durable-document.js';

const OWNER = 111;
const APPROVER = 222;
const CHATS = [OWNER, APPROVER];
const CYCLES = Number(process.env.KILL_LOOP_CYCLES ?? 20);
const SEED = testSeed();
const replay = `TEST_SEED=${SEED} npx vitest run tests/system/kill-loop.e2e.test.ts`;

const running: BotProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) p.child.kill('SIGKILL');
});

describe.each([
  { mode: 'polling', cycles: CYCLES },
  { mode: 'webhook', cycles: Math.ceil(CYCLES / 2) },
])(`kill -9 loop against a Bot API stand-in, $mode (seed ${SEED})`, ({ mode, cycles }) => {
  it(`decides every answered tap once, delivers every card and fill once, and never acts twice (${cycles} kills)`, { timeout: 400_000 }, async () => {
    const random = mulberry32(SEED);
    const port = await freePort();
    const standIn = await startBotApiStandIn({ token: TEST_TOKEN, webhook: { origin: `http://127.0.0.1:${port}` } });
    const dataDir = mkdtempSync(join(tmpdir(), 'cs-kill-'));
    const webhook: Record<string, string> = mode === 'webhook' ? { WEBHOOK_URL: 'https://bot.example.com/tg/hook', WEBHOOK_SECRET: 'kill_loop_secret', HOST: '127.0.0.1', PORT: String(port) } : {};
    const env = {
      ...webhook,
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_ALLOWED_USERS: `${OWNER}:owner,${APPROVER}:approver`,
      TELEGRAM_API_ROOT: standIn.url,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // No cooldown: the loop approves the same symbol again and again.
      ACCOUNTS: '[{"id":"paper","venue":"paper","cooldownMinutes":0,"maxOpenPositions":50}]',
    };
    const start = async () => {
      const calls = standIn.calls.length;
      const bot = await spawnCompiledBot(env);
      running.push(bot);
      const ready = mode === 'webhook' ? 'setWebhook' : 'getUpdates';
      await waitFor(() => standIn.calls.slice(calls).some((c) => c.method === ready && (mode === 'polling' || c.status === 200)), `the bot to take updates (${replay})`, 15_000).catch((error: unknown) => {
        throw new Error(`${String(error)}\n${bot.output()}`);
      });
      return bot;
    };
    const proposes: number[] = [];
    const taps: { updateId: number; queryId: string; data: string }[] = [];

    for (let cycle = 0; cycle < cycles; cycle++) {
      const bot = await start();
      const actions = 1 + Math.floor(random() * 3);
      for (let a = 0; a < actions; a++) {
        const roll = random();
        if (roll < 0.4) proposes.push(standIn.userSends(APPROVER, '/propose paper BTC/USDT buy 0.001').update_id);
        else if (roll < 0.85) pressSomething(standIn, random, taps);
        await sleep(Math.floor(random() * 300));
      }
      // Killed right after taps and sends, at a point of the seed's choosing.
      await sleep(Math.floor(random() * 600));
      bot.child.kill('SIGKILL');
      await bot.exited;
    }

    // The last start runs until everything that was acknowledged has been carried out.
    const last = await start();
    await waitFor(() => isQuiet(dataDir) && standIn.pendingUpdates().length === 0, `everything acknowledged to be carried out (${replay})`, 240_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${last.output()}`);
    });
    last.child.kill('SIGTERM');
    await last.exited;

    const store = await openStore({ dataDir });
    try {
      const proposals = await allProposals(store);
      const answered = new Map(standIn.answeredCallbacks.map((a) => [a.id, a.text ?? '']));
      for (const tap of taps.filter((t) => answered.has(t.queryId))) {
        // A tap on a card someone already decided is answered with who did, and decides nothing.
        const settled = /^Already (approved|rejected)|no longer/.test(answered.get(tap.queryId) ?? '');
        expect(settled || store.history.has('intent', String(tap.updateId)), `answered tap ${tap.data} (update ${tap.updateId}, "${answered.get(tap.queryId)}") was carried out (${replay})`).toBe(true);
        const proposal = proposals.get(tap.data.slice(3));
        // Still pending only when the approval was refused at the tap (price moved, a gate), and said so.
        const intent = await store.history.get<{ result: string }>('intent', String(tap.updateId));
        if (proposal?.state === 'pending') expect(intent?.result, `answered tap ${tap.data} on a pending proposal was refused with a reason (${replay})`).toMatch(/^refused: /);
      }
      expect(store.history.count('decision'), `one /propose never made two proposals (${replay})`).toBeLessThanOrEqual(proposes.length);
      for (const proposal of proposals.values()) {
        const decisions = proposal.history.filter((h) => h.state === 'approved' || h.state === 'rejected').length;
        expect(decisions, `proposal ${proposal.id} decided at most once (${replay})`).toBeLessThanOrEqual(1);
        checkDelivery(standIn, proposal);
      }
      checkOrders(store.document.read(), proposals);
      const filled = [...proposals.values()].filter((p) => p.state === 'filled').length;
      console.log(`kill loop (${mode}), seed ${SEED}: ${cycles} kills, ${proposes.length} /propose sent, ${proposals.size} proposals (${filled} filled), ${taps.length} taps (${answered.size} answered)`);
    } finally {
      await store.close();
      await standIn.close();
    }
  });
});

/** An Approve or Reject on a card still showing its buttons, in either approver's chat. */
function pressSomething(standIn: Awaited<ReturnType<typeof startBotApiStandIn>>, random: () => number, taps: { updateId: number; queryId: string; data: string }[]) {
  const chat = CHATS[Math.floor(random() * CHATS.length)] as number;
  const cards = standIn.botMessages(chat).filter((m) => buttonData(m.replyMarkup).some((d) => d.startsWith('pa:')));
  const card = cards[Math.floor(random() * cards.length)];
  if (card === undefined) return;
  const data = random() < 0.8 ? buttonData(card.replyMarkup).find((d) => d.startsWith('pa:')) : buttonData(card.replyMarkup).find((d) => d.startsWith('pr:'));
  if (data === undefined) return;
  const update = standIn.userPresses(chat, card.messageId, data, { id: chat, is_bot: false, first_name: `User${chat}` });
  taps.push({ updateId: update.update_id, queryId: update.callback_query?.id ?? '', data });
}

function buttonData(markup: { inline_keyboard: readonly (readonly object[])[] } | undefined): string[] {
  return (markup?.inline_keyboard ?? []).flat().flatMap((b) => ('callback_data' in b && typeof b.callback_data === 'string' ? [b.callback_data] : []));
}

/** Nothing left to do: no message waiting, no tap to carry out, no order in flight. */
interface QuietShape {
  trading: { orders: Record<string, { state: string }> };
  outbox: { entries: unknown[] };
  inbound: { intents: unknown[] };
  alerts: { outbox: { sentCount: number }[] };
}

function isQuiet(dataDir: string): boolean {
  try {
    // Snapshot and journal, as the next start would read them.
    const data = readDurableDocumentSync(dataDir) as unknown as QuietShape;
    const liveOrders = Object.values(data.trading.orders) as { state: string }[];
    return data.outbox.entries.length === 0 && data.inbound.intents.length === 0 && liveOrders.length === 0 && data.alerts.outbox.every((a: { sentCount: number }) => a.sentCount > 0);
  } catch {
    return false;
  }
}

async function allProposals(store: Awaited<ReturnType<typeof openStore>>): Promise<Map<string, Proposal>> {
  const proposals = new Map<string, Proposal>();
  for await (const entry of store.history.scan<Proposal>('proposal')) proposals.set(entry.id, entry.value);
  for (const proposal of Object.values(store.document.read().trading.proposals) as Proposal[]) proposals.set(proposal.id, proposal);
  return proposals;
}

/** Both approvers got the card exactly once, and a filled proposal's fill as a reply under it. */
function checkDelivery(standIn: Awaited<ReturnType<typeof startBotApiStandIn>>, proposal: Proposal) {
  for (const chat of CHATS) {
    const cards = standIn.botMessages(chat).filter((m) => buttonData(m.replyMarkup).includes(`pd:${proposal.id}`));
    expect(cards.length, `proposal ${proposal.id}: one card in chat ${chat} (${replay})`).toBe(1);
    if (proposal.state !== 'filled') continue;
    // A card is recognised in the chat after a crash by its buttons; a reply has none, so a
    // crash right after Telegram took it can repeat it: at least once, never lost.
    const replies = standIn.botMessages(chat).filter((m) => m.replyTo === cards[0]?.messageId && (m.text ?? '').includes('Filled'));
    expect(replies.length, `proposal ${proposal.id}: the fill reply arrived in chat ${chat} (${replay})`).toBeGreaterThanOrEqual(1);
  }
}

/** One order per approved proposal at the venue, never two. */
function checkOrders(data: { paperLedgers: Record<string, { orderSequence: number }> }, proposals: Map<string, Proposal>) {
  const approved = [...proposals.values()].filter((p) => p.decision?.decision === 'approved').length;
  const placed = data.paperLedgers.paper?.orderSequence ?? 0;
  expect(placed, `no order twice: ${placed} paper orders for ${approved} approvals (${replay})`).toBeLessThanOrEqual(approved);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
