import { MAX_DURATION_MS } from '../../engine/settings/check-request.js';
import { quote, type Parsed } from './parsed.js';

const UNIT_MS = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** How long a temporary value lasts: `30m`, `24h`, `7d`, `2w`; more than zero, at most 30 days. */
export function parseDuration(text: string): Parsed<number> {
  const match = /^(\d+(?:\.\d+)?)(m|min|h|d|w)$/i.exec(text.trim());
  if (match === null) return { ok: false, error: `${quote(text.trim())} is not a duration: write it like 30m, 24h or 7d.` };
  const [, amount = '', unit = ''] = match;
  const ms = Math.round(Number(amount) * UNIT_MS[unit.toLowerCase() as keyof typeof UNIT_MS]);
  if (ms <= 0) return { ok: false, error: 'A temporary value must last more than zero: write it like 30m, 24h or 7d.' };
  if (ms > MAX_DURATION_MS) return { ok: false, error: `A temporary value lasts at most 30 days (${quote(text.trim())} is longer); leave out "for …" to make it last.` };
  return { ok: true, value: ms };
}
