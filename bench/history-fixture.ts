import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import type { OrderRecord } from '../src/engine/orders/order-record.js';
import type { Proposal } from '../src/engine/proposals/proposal.js';
import { summarizeProposal } from '../src/engine/proposals/summarize-proposal.js';
import { formatLine, segmentNameOf } from '../src/store/history/history-line.js';

const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'BNB/USDT', 'XRP/USDT', 'ADA/USDT', 'DOGE/USDT', 'AVAX/USDT', 'LINK/USDT', 'DOT/USDT'];
const GATES = ['kill_switch', 'paused', 'market_open', 'stale_market_data', 'price_sanity', 'min_confidence', 'cooldown', 'max_open_positions', 'max_position_size', 'max_daily_loss'];
const DAY_MS = 86_400_000;

/**
 * Writes the history segments of a bot that settled `count` proposals over the 30 days
 * before `now`, each approved and filled (buys and sells taking turns per symbol), with
 * a full gate trace: what a busy scanner leaves behind after a few months.
 */
export async function writeHistoryFixture(dataDir: string, count: number, now: Date): Promise<void> {
  const dir = path.join(dataDir, 'history');
  await mkdir(dir, { recursive: true });
  const files = new Map<string, Awaited<ReturnType<typeof open>>>();
  let buffered: string[] = [];
  let bufferedSegment = '';
  const flush = async () => {
    if (buffered.length === 0) return;
    let file = files.get(bufferedSegment);
    if (file === undefined) files.set(bufferedSegment, (file = await open(path.join(dir, `${bufferedSegment}.jsonl`), 'a')));
    await file.write(buffered.join(''));
    buffered = [];
  };
  for (let i = 0; i < count; i++) {
    const created = new Date(now.getTime() - 30 * DAY_MS + (i * 30 * DAY_MS) / Math.max(1, count));
    const { proposal, order } = settledTrade(i, created);
    const at = new Date(created.getTime() + 60_000).toISOString();
    const segment = segmentNameOf(at);
    if (segment !== bufferedSegment) await flush();
    bufferedSegment = segment;
    buffered.push(formatLine({ kind: 'order', id: order.clientOrderId, at, value: order }), formatLine({ kind: 'proposal', id: proposal.id, at, summary: summarizeProposal(proposal), value: proposal }));
    if (buffered.length >= 2_000) await flush();
  }
  await flush();
  for (const file of files.values()) await file.close();
}

function settledTrade(i: number, created: Date): { proposal: Proposal; order: OrderRecord } {
  const symbol = SYMBOLS[i % SYMBOLS.length] as string;
  const side = Math.floor(i / SYMBOLS.length) % 2 === 0 ? 'buy' : 'sell';
  const at = created.toISOString();
  const decidedAt = new Date(created.getTime() + 45_000).toISOString();
  const price = (100 + (i % 97)).toFixed(2);
  const id = `p${created.getTime().toString(36)}${i.toString(36).padStart(6, '0')}`;
  const proposal: Proposal = {
    id,
    accountId: 'paper',
    venue: 'paper',
    symbol,
    side,
    size: { kind: 'quantity', quantity: '0.5' },
    orderType: 'market',
    source: i % 3 === 0 ? 'manual' : 'strategy:swing',
    confidence: 0.6 + (i % 40) / 100,
    rationale: 'close above the 20-bar high on 1.8× average volume',
    referencePrice: price,
    createdAt: at,
    expiresAt: new Date(created.getTime() + 30 * 60_000).toISOString(),
    gateTrace: { evaluatedAt: at, verdicts: GATES.map((gate) => ({ gate, outcome: 'pass' as const, details: { checked: gate, value: '0.5' } })), notEvaluated: [], passed: true },
    state: 'filled',
    decision: { decision: 'approved', by: 111, byName: 'Ann', at: decidedAt },
    history: [
      { state: 'pending', at },
      { state: 'approved', at: decidedAt, by: 111 },
      { state: 'submitted', at: decidedAt },
      { state: 'filled', at: decidedAt },
    ],
    fill: { filledQuantity: '0.5', averagePrice: price, fees: '0.05', slippage: '0' },
  };
  const order: OrderRecord = {
    clientOrderId: `cs-${id}`,
    proposalId: id,
    accountId: 'paper',
    venue: 'paper',
    symbol,
    side,
    type: 'market',
    quantity: '0.5',
    state: 'filled',
    venueOrderId: `paper-${i + 1}`,
    filledQuantity: '0.5',
    averagePrice: price,
    fees: '0.05',
    submitAttempts: 1,
    createdAt: decidedAt,
    updatedAt: decidedAt,
  };
  return { proposal, order };
}
