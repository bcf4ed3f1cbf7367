import { parseAccount } from './parse-account.js';
import type { Parsed } from './parsed.js';
import { parseSymbol } from './parse-symbol.js';
import { splitWords } from './split-words.js';

export type ResearchArgs =
  | { readonly action: 'cost' }
  | { readonly action: 'stats' }
  /** No account: every account with a mandate. No symbols: the mandate's universe. */
  | { readonly action: 'run'; readonly accountId?: string; readonly symbols?: readonly string[] };

export const RESEARCH_USAGE = '/research [account] [SYMBOL…] · /research cost · /research stats';
const MAX_SYMBOLS = 30;

/**
 * `/research [run] [account] [SYMBOL…]`, `/research cost`, `/research stats`. The first
 * word picks the action exactly as the registry's role check reads it (cost and stats
 * are read-only; anything else runs research).
 */
export function parseResearchArgs(text: string, accounts: readonly string[]): Parsed<ResearchArgs> {
  const words = splitWords(text);
  const first = words[0]?.toLowerCase();
  if (first === 'cost' || first === 'stats') {
    if (words.length > 1) return { ok: false, error: `/research ${first} takes nothing after it. Usage: ${RESEARCH_USAGE}` };
    return { ok: true, value: { action: first } };
  }
  const rest = first === 'run' ? words.slice(1) : words;
  const [maybeAccount] = rest;
  const named = maybeAccount !== undefined && (maybeAccount.startsWith('@') || accounts.some((id) => id === maybeAccount.toLowerCase()));
  let accountId: string | undefined;
  if (named) {
    const account = parseAccount(maybeAccount, accounts);
    if (!account.ok) return account;
    accountId = account.value;
  }
  const symbolWords = named ? rest.slice(1) : rest;
  if (symbolWords.length > MAX_SYMBOLS) return { ok: false, error: `Name at most ${MAX_SYMBOLS} symbols (got ${symbolWords.length}).` };
  const symbols: string[] = [];
  for (const word of symbolWords) {
    const symbol = parseSymbol(word.replace(/,$/, ''));
    if (!symbol.ok) return { ok: false, error: `${symbol.error} Usage: ${RESEARCH_USAGE}` };
    if (!symbols.includes(symbol.value)) symbols.push(symbol.value);
  }
  return { ok: true, value: { action: 'run', ...(accountId === undefined ? {} : { accountId }), ...(symbols.length === 0 ? {} : { symbols }) } };
}
