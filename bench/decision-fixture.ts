import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import type { DecisionRecord } from '../src/engine/ports/decision-log.js';
import { summarizeDecision } from '../src/engine/settings/decision-row.js';
import { formatLine, segmentNameOf } from '../src/store/history/history-line.js';
import { DECISION_KIND } from '../src/store/history/create-decision-log.js';
import { makeGateInput, makePosition } from '../tests/engine/gates/gate-fixtures.js';
import { toDecisionRecord } from '../tests/engine/settings/decision-fixtures.js';
import { toDecimal } from '../src/engine/money/decimal.js';
import { DEFAULT_ACCOUNTS, parseAccounts } from '../src/accounts-config.js';
import type { AccountProfile } from '../src/engine/accounts/account-profile.js';
import { createFileBarStore } from '../src/store/bar-store/create-file-bar-store.js';

const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'BNB/USDT', 'XRP/USDT', 'ADA/USDT', 'DOGE/USDT', 'AVAX/USDT', 'LINK/USDT', 'DOT/USDT'];
const SOURCES = ['manual', 'strategy:dca', 'strategy:swing', 'strategy:channel', 'research'] as const;
const DAY_MS = 86_400_000;
const TEMPLATES = 500;
const parsed = parseAccounts(DEFAULT_ACCOUNTS, {});
if (!parsed.ok) throw new Error(parsed.problems.join('; '));
const PAPER = (parsed.accounts[0] as { profile: AccountProfile }).profile;

/**
 * Writes `count` gate decisions of account "paper" over the 30 days before `now`, as the
 * decision log records them (trace, recorded inputs, every blocking gate): confidences
 * spread over 0.3–0.95, books holding 0–6 positions, some limits, stops and sells, so
 * every gate blocks some of them. Built from a few hundred judged templates (judging each
 * of 100,000 through the gates would make the fixture the slow part of the bench).
 */
export async function writeDecisionFixture(dataDir: string, count: number, now: Date): Promise<void> {
  const dir = path.join(dataDir, 'history');
  await mkdir(dir, { recursive: true });
  const templates = Array.from({ length: TEMPLATES }, (_, i) => judgedTemplate(i, now));
  const files = new Map<string, Awaited<ReturnType<typeof open>>>();
  const buffers = new Map<string, string[]>();
  for (let i = 0; i < count; i++) {
    // Within the window for a while after `now`: the preview runs later than the fixture is written.
    const span = 30 * DAY_MS - 3_600_000;
    const at = new Date(now.getTime() - span + Math.floor(((i + 0.5) * span) / count)).toISOString();
    const template = templates[i % TEMPLATES] as DecisionRecord;
    const id = `p${i.toString(36).padStart(8, '0')}`;
    const record: DecisionRecord = {
      ...template,
      at,
      proposal: { ...template.proposal, id, createdAt: at, source: SOURCES[i % SOURCES.length] as DecisionRecord['proposal']['source'] },
      ...(template.inputs === undefined ? {} : { inputs: { ...template.inputs, now: at } }),
    };
    const segment = segmentNameOf(at);
    const lines = buffers.get(segment) ?? [];
    buffers.set(segment, lines);
    lines.push(formatLine({ kind: DECISION_KIND, id, at, summary: summarizeDecision(record), value: record }));
    if (lines.length >= 5_000) await flush(dir, files, segment, lines);
  }
  for (const [segment, lines] of buffers) await flush(dir, files, segment, lines);
  for (const file of files.values()) await file.close();
}

async function flush(dir: string, files: Map<string, Awaited<ReturnType<typeof open>>>, segment: string, lines: string[]): Promise<void> {
  let file = files.get(segment);
  if (file === undefined) files.set(segment, (file = await open(path.join(dir, `${segment}.jsonl`), 'a')));
  await file.write(lines.join(''));
  lines.length = 0;
}

/**
 * Hourly bars of every fixture symbol at the paper account's venue (sim) from 31 days
 * before `now` to 8 days after, so the shadow P&L marks each decision at 1 d and 7 d.
 */
export async function writeShadowBars(dataDir: string, now: Date): Promise<void> {
  const bars = createFileBarStore({ dir: path.join(dataDir, 'bars') });
  const start = Math.floor((now.getTime() - 31 * DAY_MS) / 3_600_000) * 3_600_000;
  for (const [s, symbol] of SYMBOLS.entries()) {
    const series = Array.from({ length: 39 * 24 }, (_, h) => {
      const price = 100 + (s % 37) + 10 * Math.sin((h + s * 13) / 50);
      return { t: start + h * 3_600_000, o: price, h: price + 0.5, l: price - 0.5, c: price, v: 10 };
    });
    await bars.append({ venue: 'sim', symbol, timeframe: '1h' }, series);
  }
  await bars.flush();
}

function judgedTemplate(i: number, now: Date): DecisionRecord {
  const symbol = SYMBOLS[i % SYMBOLS.length] as string;
  const held = SYMBOLS.slice(0, i % 7).filter((s) => s !== symbol);
  const price = 100 + (i % 37);
  const sell = i % 9 === 0;
  const input = makeGateInput({
    now,
    proposal: {
      id: `t${i}`,
      accountId: 'paper',
      symbol,
      side: sell ? 'sell' : 'buy',
      confidence: 0.3 + ((i * 7919) % 66) / 100,
      size: { kind: 'notional', notional: String(500 + ((i * 131) % 30) * 500) },
      ...(i % 4 === 0 ? { orderType: 'limit' as const, limitPrice: String(price * (i % 8 === 0 ? 0.9 : 0.99)) } : {}),
      ...(i % 5 === 0 ? { stopPrice: String(price * 0.95), targetPrice: String(price * 1.1) } : {}),
    },
    // As configured by default: the recorded thresholds are the ones in force.
    account: PAPER,
    state: {
      positions: held.map((s) => makePosition(s, '10', String(price * 10))),
      equity: toDecimal(100_000 - (i % 11) * 400),
      dayStartEquity: toDecimal(100_000),
      ...(i % 13 === 0 ? { lastActivity: { [symbol]: new Date(now.getTime() - 20 * 60_000).toISOString() } } : {}),
    },
    market: { symbol, price: toDecimal(price), observedAt: new Date(now.getTime() - (i % 17 === 0 ? 600_000 : 5_000)) },
  });
  return toDecisionRecord(input);
}
