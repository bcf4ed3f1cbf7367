/** What one delivery attempt came to. A value, not an error: every outcome is expected. */
export type DeliveryResult =
  | { readonly kind: 'delivered'; readonly status: number; readonly ms: number }
  | { readonly kind: 'retry'; readonly status?: number; readonly retryAfterMs?: number; readonly reason: string; readonly ms: number }
  | { readonly kind: 'refused'; readonly status?: number; readonly reason: string; readonly ms: number };

/** Longest Retry-After honoured; a larger one still ends at the retry window. */
const MAX_RETRY_AFTER_MS = 86_400_000;

/**
 * 2xx is delivered. 408, 429 and 5xx are the receiver's passing trouble: retried, after
 * its Retry-After when it gives one. Redirects are not followed (a receiver that moved
 * must be reconfigured, not guessed), and any other 4xx will not change by retrying.
 */
export function classifyResponse(status: number, retryAfter: string | undefined, now: Date, ms: number): DeliveryResult {
  if (status >= 200 && status < 300) return { kind: 'delivered', status, ms };
  if (status === 408 || status === 429 || status >= 500) {
    const wait = parseRetryAfter(retryAfter, now);
    return { kind: 'retry', status, reason: `answered ${status}`, ms, ...(wait === undefined ? {} : { retryAfterMs: wait }) };
  }
  if (status >= 300 && status < 400) return { kind: 'refused', status, reason: `answered ${status} (a redirect; redirects are not followed: set the new URL)`, ms };
  return { kind: 'refused', status, reason: `refused with ${status}`, ms };
}

/** `Retry-After: 120` or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | undefined, now: Date): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const text = header.trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now.getTime();
  return Number.isFinite(ms) ? Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms)) : undefined;
}
