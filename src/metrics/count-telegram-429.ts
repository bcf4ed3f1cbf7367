import type { Transformer } from 'grammy';

/**
 * Counts Telegram's 429 answers on an Api. On an Api with auto-retry installed before it,
 * only the 429s left after its bounded retries are seen; the outboxes' Api has none, so
 * every 429 they meet is counted.
 */
export function createTelegram429Counter() {
  let count = 0;
  const transformer: Transformer = async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    if (!result.ok && result.error_code === 429) count += 1;
    return result;
  };
  return { transformer, count: () => count };
}
