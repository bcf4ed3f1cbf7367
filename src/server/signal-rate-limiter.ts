/**
 * At most `maxPerMinute` signals per source in any 60 s (a sliding log, so a burst at a
 * minute's edge cannot pass twice the limit). A flood from a misfiring alert is refused
 * with 429 before it reaches the gates or the approvers' chat.
 */
export function createSignalRateLimiter(maxPerMinute: number, clock: () => number = Date.now) {
  const accepted: number[] = [];
  return {
    /** Takes a slot, or says how long until one frees up. */
    take(): { ok: true } | { ok: false; retryAfterSeconds: number } {
      const now = clock();
      while (accepted.length > 0 && (accepted[0] as number) <= now - 60_000) accepted.shift();
      if (accepted.length >= maxPerMinute) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((accepted[0] as number) + 60_000 - now) / 1000)) };
      accepted.push(now);
      return { ok: true };
    },
  };
}

export type SignalRateLimiter = ReturnType<typeof createSignalRateLimiter>;
