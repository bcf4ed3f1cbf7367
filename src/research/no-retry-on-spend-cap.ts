/**
 * The API tier's monthly cap answers 429 `rate_limit_error` with
 * `details.error_code: "enforced_spend_limit_reached"` and no retry-after: no retry can
 * pass before the next month (platform.claude.com → Errors, Rate limits). The SDK retries
 * every 429 unless the response says `x-should-retry: false`, so this fetch adds that
 * header to those responses alone; every other answer is passed through untouched.
 */
export function noRetryOnSpendCap(fetchImpl: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (response.status !== 429) return response;
    const body = await response.clone().text();
    if (!isSpendCap(body)) return response;
    const headers = new Headers(response.headers);
    headers.set('x-should-retry', 'false');
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  };
}

export const SPEND_CAP_CODE = 'enforced_spend_limit_reached';

function isSpendCap(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { error?: { details?: { error_code?: unknown } } };
    return parsed.error?.details?.error_code === SPEND_CAP_CODE;
  } catch {
    return false;
  }
}
