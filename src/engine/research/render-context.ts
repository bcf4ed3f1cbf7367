import type { AccountSnapshot } from './account-snapshot.js';
import type { PastIdeasSummary } from './summarize-past-ideas.js';
import type { SymbolSnapshot } from './symbol-snapshot.js';

export interface ResearchContext {
  readonly accountId: string;
  readonly at: Date;
  readonly symbols: readonly SymbolSnapshot[];
  readonly account: AccountSnapshot;
  readonly past: PastIdeasSummary;
}

/**
 * Text that did not come from the operator (symbols, broker data, earlier model output,
 * later news) goes inside data tags. Escaping `<`, `>` and `&` means no data can close its
 * tag or open another, and one line per value means it cannot add rows either.
 */
export function escapeData(text: string, maxLength = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const short = flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
  return short.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// Built on first use: an Intl date format built at load would set up ICU's date formatting
// (some 10 ms) during the bot's start.
let newYork: Intl.DateTimeFormat | undefined;
const newYorkTime = (at: Date) => (newYork ??= new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'short' })).format(at);

/** The user message: the run's data in its tags, then the request. */
export function renderContext(context: ResearchContext): string {
  const at = context.at;
  return [
    `Research run for account "${escapeData(context.accountId)}" at ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC (${newYorkTime(at)} New York).`,
    '<market_data>',
    'symbol|price|age|r1d|r5d|r20d|rsi14|sma20|sma50|atr|bb|vol',
    ...context.symbols.map(marketRow),
    '</market_data>',
    '<account>',
    ...accountLines(context.account),
    '</account>',
    '<past_ideas>',
    ...context.past.lines.map((line) => escapeData(line, 400)),
    '</past_ideas>',
    'Give your ideas for this account now, through the response schema.',
  ].join('\n');
}

const num = (value: number | undefined, decimals: number) => (value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(decimals));
const signed = (value: number | undefined, decimals = 1) => (value === undefined || !Number.isFinite(value) ? '-' : `${value >= 0 ? '+' : ''}${value.toFixed(decimals)}`);

/** Seven significant digits: enough for a stop on any price, short for the table. */
export function formatPromptPrice(price: number): string {
  return Number(price.toPrecision(7)).toString();
}

function marketRow(s: SymbolSnapshot): string {
  if (s.price === undefined) return `${escapeData(s.symbol, 24)}|-|-|-|-|-|-|-|-|-|-|-`;
  return [
    escapeData(s.symbol, 24),
    formatPromptPrice(s.price),
    String(s.ageMinutes ?? '-'),
    signed(s.return1d),
    signed(s.return5d),
    signed(s.return20d),
    num(s.rsi14, 0),
    signed(s.vsSma20),
    signed(s.vsSma50),
    num(s.atrPct, 1),
    num(s.bollingerPosition, 2),
    num(s.volumeRatio, 1),
  ].join('|');
}

function accountLines(a: AccountSnapshot): string[] {
  const positions =
    a.positions.length === 0
      ? ['positions: none']
      : a.positions.map(
          (p) =>
            `position ${escapeData(p.symbol, 24)}: quantity ${p.quantity}, average ${p.averagePrice}, price ${p.price ?? '-'}, value ${p.marketValue}, unrealized ${p.unrealizedPnl ?? '-'}`,
        );
  const l = a.limits;
  return [
    `equity ${a.equity}, cash ${a.cash}`,
    ...positions,
    `limits: open position slots ${l.openSlots} of ${l.maxOpenPositions}; loss still allowed today ${l.dailyLossLeft} (limit ${l.maxDailyLossPct}% of the day's start); largest position per symbol ${l.maxPosition} (${l.maxPositionPct}% of equity or less); minimum confidence ${l.minConfidence}; stop and target within ${l.stopTargetBandPct}% of the entry; a limit price within ${l.limitPriceBandPct}% of the last price`,
  ];
}
