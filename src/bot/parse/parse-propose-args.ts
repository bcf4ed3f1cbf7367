import type { ProposalSize, Side } from '../../engine/proposals/proposal.js';
import { quote, type Parsed } from './parsed.js';
import { parseSymbol } from './parse-symbol.js';
import { splitWords } from './split-words.js';

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

const NUMBER = /^\d+(\.\d+)?$/;
const PRICE_KEYS = ['limit', 'stop', 'target'] as const;
type PriceKey = (typeof PRICE_KEYS)[number];

/** `0.01` is a quantity; `$500` an amount of quote currency to spend. */
export function parseSize(text: string): Parsed<ProposalSize> {
  const notional = text.startsWith('$');
  const value = notional ? text.slice(1) : text;
  if (!NUMBER.test(value) || Number(value) <= 0) return { ok: false, error: `Size must be a number above zero, like 0.01 or $500 (got ${quote(text)}).` };
  return { ok: true, value: notional ? { kind: 'notional', notional: value } : { kind: 'quantity', quantity: value } };
}

export function parseSide(text: string): Parsed<Side> {
  const side = text.toLowerCase();
  return side === 'buy' || side === 'sell' ? { ok: true, value: side } : { ok: false, error: `Side must be buy or sell (got ${quote(text)}).` };
}

export function parsePrice(text: string, what: string): Parsed<string> {
  return NUMBER.test(text) && Number(text) > 0 ? { ok: true, value: text } : { ok: false, error: `The ${what} price must be a number above zero (got ${quote(text)}).` };
}

/**
 * The one-line form: `/propose paper BTC/USDT buy 0.01 limit 64000`. The account is not
 * checked here: the engine refuses an unknown one with the list of accounts. With the
 * accounts at hand, a line that left the account out gets the very line to send instead.
 */
export function parseProposeArgs(text: string, accounts: readonly string[] = []): Parsed<ProposeArgs> {
  const words = splitWords(text);
  const missing = missingAccount(words, accounts);
  if (missing !== undefined) return { ok: false, error: missing };
  if (words.length < 4) return { ok: false, error: `Give the account, symbol, side and size. Usage: /propose ${PROPOSE_USAGE}` };
  const [accountId = '', rawSymbol = '', rawSide = '', rawSize = '', ...rest] = words;
  const symbol = parseSymbol(rawSymbol);
  if (!symbol.ok) return symbol;
  const side = parseSide(rawSide);
  if (!side.ok) return side;
  const size = parseSize(rawSize);
  if (!size.ok) return size;
  const prices = parsePrices(rest);
  if (!prices.ok) return prices;
  const { limit, stop, target } = prices.value;
  return {
    ok: true,
    value: {
      accountId: accountId.toLowerCase(),
      symbol: symbol.value,
      side: side.value,
      size: size.value,
      ...(limit === undefined ? {} : { limitPrice: limit }),
      ...(stop === undefined ? {} : { stopPrice: stop }),
      ...(target === undefined ? {} : { targetPrice: target }),
    },
  };
}

/**
 * `BTC/USDT buy 0.01`: a symbol then a side, where the account should come first. Other
 * commands take an optional `@account`, so this is the mistake a person makes; "give the
 * account, symbol, side and size" would wrongly say the rest was missing too.
 */
function missingAccount(words: readonly string[], accounts: readonly string[]): string | undefined {
  const [first = '', second = ''] = words;
  const [example] = accounts;
  if (example === undefined || accounts.some((a) => a.toLowerCase() === first.toLowerCase())) return undefined;
  if (!parseSymbol(first).ok || !parseSide(second).ok) return undefined;
  return `Start with the account: /propose ${example} ${words.join(' ')} (accounts: ${accounts.join(', ')}).`;
}

/** `limit 64000 stop 60000 …`: each key once, each followed by its price. */
function parsePrices(words: readonly string[]): Parsed<Partial<Record<PriceKey, string>>> {
  const prices: Partial<Record<PriceKey, string>> = {};
  for (let i = 0; i < words.length; i += 2) {
    const word = words[i] ?? '';
    const key = PRICE_KEYS.find((k) => k === word.toLowerCase());
    if (key === undefined) return { ok: false, error: `Unexpected ${quote(word)}: after the size come only limit, stop or target with a price. Usage: /propose ${PROPOSE_USAGE}` };
    if (prices[key] !== undefined) return { ok: false, error: `Give the ${key} price once, not twice.` };
    const raw = words[i + 1];
    if (raw === undefined) return { ok: false, error: `The ${key} price is missing: put it after ${key}, like ${key} 64000. Usage: /propose ${PROPOSE_USAGE}` };
    const price = parsePrice(raw, key);
    if (!price.ok) return price;
    prices[key] = price.value;
  }
  return { ok: true, value: prices };
}
