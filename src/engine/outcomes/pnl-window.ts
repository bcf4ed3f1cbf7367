/** The periods /pnl knows. `today` is the UTC day so far. */
export const PNL_WINDOWS = ['today', '7d', '30d', 'all'] as const;
export type PnlWindow = (typeof PNL_WINDOWS)[number];

/** Trades closed in [from, to] count; `from` undefined means since the first fill. */
export interface PnlRange {
  readonly label: string;
  readonly from: Date | undefined;
  readonly to: Date;
}

const DAY_MS = 86_400_000;

export function isPnlWindow(text: string): text is PnlWindow {
  return (PNL_WINDOWS as readonly string[]).includes(text);
}

export function resolvePnlWindow(window: PnlWindow, now: Date): PnlRange {
  switch (window) {
    case 'today':
      return { label: 'today (UTC)', from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())), to: now };
    case '7d':
      return lastDays(7, now);
    case '30d':
      return lastDays(30, now);
    case 'all':
      return { label: 'all time', from: undefined, to: now };
  }
}

/** The `days` × 24 h before `now`: what the daily and weekly reports cover. */
export function lastDays(days: number, now: Date): PnlRange {
  return { label: days === 1 ? 'last 24 h' : `last ${days} days`, from: new Date(now.getTime() - days * DAY_MS), to: now };
}

export function isInRange(iso: string, range: PnlRange | undefined): boolean {
  if (range === undefined) return true;
  const at = new Date(iso).getTime();
  return (range.from === undefined || at >= range.from.getTime()) && at <= range.to.getTime();
}
