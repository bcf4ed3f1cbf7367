import { takeAccount } from './parse-account.js';
import { quote, type Parsed } from './parsed.js';
import { parseSymbol } from './parse-symbol.js';
import { splitWords } from './split-words.js';

export type WatchArgs =
  | { readonly action: 'list'; readonly accountId: string }
  | { readonly action: 'add' | 'remove'; readonly accountId: string; readonly symbols: readonly string[] };

export const WATCH_USAGE = 'list|add|remove [SYMBOL …] [@account]';

const HINT = 'Use /watch list, /watch add SYMBOL …, or /watch remove SYMBOL … (add @account for another account).';

/**
 * `/watch [list|add|remove] [SYMBOL …] [@account]`. The action is always the first word:
 * the registry gates add and remove by that word, so nothing else may name them.
 */
export function parseWatchArgs(text: string, accounts: readonly string[]): Parsed<WatchArgs> {
  const [first, ...others] = splitWords(text);
  const action = first?.toLowerCase();
  if (action === 'add' || action === 'remove') return parseChange(action, others, accounts);
  // `/watch` and `/watch @spicy` list, as `/watch list` does.
  const words = action === 'list' ? others : splitWords(text);
  const taken = takeAccount(words, accounts);
  if (!taken.ok) return taken;
  const [extra] = taken.value.rest;
  if (extra !== undefined) return { ok: false, error: describeExtra(extra, action === 'list') };
  return { ok: true, value: { action: 'list', accountId: taken.value.accountId } };
}

function describeExtra(word: string, afterList: boolean): string {
  if (/^(add|remove|list)$/i.test(word)) return `Put the action first, e.g. /watch ${word.toLowerCase()} BTC/USDT @account.`;
  return afterList ? `/watch list takes only an @account (got ${quote(word)}). ${HINT}` : `${quote(word)} is not a /watch action. ${HINT}`;
}

function parseChange(action: 'add' | 'remove', words: readonly string[], accounts: readonly string[]): Parsed<WatchArgs> {
  const taken = takeAccount(words, accounts);
  if (!taken.ok) return taken;
  const symbols: string[] = [];
  for (const word of taken.value.rest) {
    const symbol = parseSymbol(word);
    if (!symbol.ok) return symbol;
    if (!symbols.includes(symbol.value)) symbols.push(symbol.value);
  }
  if (symbols.length === 0) return { ok: false, error: `Name the symbols to ${action}, e.g. /watch ${action} BTC/USDT.` };
  return { ok: true, value: { action, accountId: taken.value.accountId, symbols } };
}
