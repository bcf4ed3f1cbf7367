import { quote, type Parsed } from './parsed.js';

/** Symbols are upper case; crypto pairs keep their slash (btc/usdt → BTC/USDT). */
export function parseSymbol(text: string): Parsed<string> {
  const symbol = text.toUpperCase();
  return /^[A-Z0-9.]{1,15}(\/[A-Z0-9]{1,10})?$/.test(symbol) ? { ok: true, value: symbol } : { ok: false, error: `${quote(text)} is not a symbol like AAPL or BTC/USDT.` };
}
