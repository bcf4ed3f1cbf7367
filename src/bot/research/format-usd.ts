import { toDecimal } from '../../engine/money/decimal.js';
import type { TokenUsage } from '../../engine/research/price-table.js';

/** `$0.0123` below a dollar (research calls cost cents), `$12.40` above, `$0.00` for nothing. */
export function formatUsd(value: string | number): string {
  const d = toDecimal(value);
  const abs = d.abs();
  if (abs.isZero()) return '$0.00';
  return `${d.isNegative() && !d.isZero() ? '-' : ''}$${abs.lt(1) ? abs.toFixed(4) : abs.toFixed(2)}`;
}

const count = (n: number) => n.toLocaleString('en-US');

/** `3,112 in (2,048 from cache) · 412 out`: input counts every input token, cached or not. */
export function formatUsage(usage: TokenUsage): string {
  const input = usage.input + usage.cacheWrite + usage.cacheRead;
  const cached = usage.cacheRead > 0 ? ` (${count(usage.cacheRead)} from cache)` : usage.cacheWrite > 0 ? ` (${count(usage.cacheWrite)} cached for the next run)` : '';
  return `${count(input)} in${cached} · ${count(usage.output)} out`;
}
