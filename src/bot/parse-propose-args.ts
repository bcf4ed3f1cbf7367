import type { ProposalSize, Side } from '../engine/proposals/proposal.js';

export interface ProposeArgs {
  readonly accountId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly size: ProposalSize;
  readonly limitPrice?: string;
  readonly stopPrice?: string;
  readonly targetPrice?: string;
}

export const PROPOSE_USAGE = '<account> <symbol> <buy|sell> <size|$amount> [limit <price>] [stop <price>] [target <price>]';

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const NUMBER = /^\d+(\.\d+)?$/;

/** `0.01` is a quantity; `$500` an amount of quote currency to spend. */
export function parseSize(text: string): Parsed<ProposalSize> {
  const notional = text.startsWith('$');
  const value = notional ? text.slice(1) : text;
  if (!NUMBER.test(value) || Number(value) <= 0) return { ok: false, error: `Size must be a number above zero, like 0.01 or $500 (got "${text}").` };
  return { ok: true, value: notional ? { kind: 'notional', notional: value } : { kind: 'quantity', quantity: value } };
}

export function parseSide(text: string): Parsed<Side> {
  const side = text.toLowerCase();
  return side === 'buy' || side === 'sell' ? { ok: true, value: side } : { ok: false, error: `Side must be buy or sell (got "${text}").` };
}

export function parsePrice(text: string, what: string): Parsed<string> {
  return NUMBER.test(text) && Number(text) > 0 ? { ok: true, value: text } : { ok: false, error: `The ${what} price must be a number above zero (got "${text}").` };
}

/** Symbols are upper case; crypto pairs keep their slash (btc/usdt → BTC/USDT). */
export function normalizeSymbol(text: string): Parsed<string> {
  const symbol = text.toUpperCase();
  return /^[A-Z0-9.]{1,15}(\/[A-Z0-9]{1,10})?$/.test(symbol) ? { ok: true, value: symbol } : { ok: false, error: `"${text}" is not a symbol like AAPL or BTC/USDT.` };
}

/** The one-line form: `/propose paper BTC/USDT buy 0.01 limit 64000`. */
export function parseProposeArgs(text: string): Parsed<ProposeArgs> {
  const words = text.trim().split(/\s+/).filter((w) => w.length > 0);
  if (words.length < 4) return { ok: false, error: `Usage: /propose ${PROPOSE_USAGE}` };
  const [accountId = '', rawSymbol = '', rawSide = '', rawSize = '', ...rest] = words;
  const symbol = normalizeSymbol(rawSymbol);
  if (!symbol.ok) return symbol;
  const side = parseSide(rawSide);
  if (!side.ok) return side;
  const size = parseSize(rawSize);
  if (!size.ok) return size;
  const prices: Partial<Record<'limit' | 'stop' | 'target', string>> = {};
  for (let i = 0; i < rest.length; i += 2) {
    const key = rest[i]?.toLowerCase();
    if (key !== 'limit' && key !== 'stop' && key !== 'target') return { ok: false, error: `Unexpected "${rest[i]}". Usage: /propose ${PROPOSE_USAGE}` };
    const price = parsePrice(rest[i + 1] ?? '', key);
    if (!price.ok) return price;
    prices[key] = price.value;
  }
  return {
    ok: true,
    value: {
      accountId: accountId.toLowerCase(),
      symbol: symbol.value,
      side: side.value,
      size: size.value,
      ...(prices.limit === undefined ? {} : { limitPrice: prices.limit }),
      ...(prices.stop === undefined ? {} : { stopPrice: prices.stop }),
      ...(prices.target === undefined ? {} : { targetPrice: prices.target }),
    },
  };
}
