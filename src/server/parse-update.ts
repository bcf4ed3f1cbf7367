import type { Update } from 'grammy/types';

/**
 * Parses a webhook body into an update, or undefined when it is not JSON or has no
 * numeric `update_id` (the one field the deduper and every log line rely on). The rest
 * of the shape is left to grammY, whose filters ignore what they do not know.
 */
export function parseUpdate(body: Buffer): Update | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const updateId = (parsed as { update_id?: unknown }).update_id;
  return Number.isSafeInteger(updateId) ? (parsed as Update) : undefined;
}
