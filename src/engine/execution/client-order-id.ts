import { createHash } from 'node:crypto';

/**
 * The venue idempotency key for a proposal's order (DESIGN principle 4).
 *
 * Shape: `cs-<slug>-<hash>[-r<attempt>]`, at most 36 characters of `[A-Za-z0-9_-]`, so it
 * fits Alpaca (≤ 128 chars, https://docs.alpaca.markets/reference/postorder) and Binance
 * (`^[\.A-Z\:/a-z0-9_-]{1,36}$`,
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints).
 * The slug is the proposal id's first alphanumerics, for a human matching a venue's order
 * list to the chat; uniqueness comes from the hash of the whole proposal id, lower-case hex
 * so venues that fold case cannot merge two ids.
 */
export const CLIENT_ORDER_ID_PREFIX = 'cs-';
export const MAX_CLIENT_ORDER_ID_LENGTH = 36;
export const MAX_CLIENT_ORDER_ID_ATTEMPT = 9999;

const SLUG_LENGTH = 6;
/** 80 bits: collisions among a bot's proposals are out of reach. */
const HASH_LENGTH = 20;

/**
 * Deterministic: the same proposal and attempt always give the same id, so a restart
 * mid-submit re-derives the key the venue already knows. `attempt > 1` is only for a
 * resubmission after a lookup proved the earlier attempt absent.
 */
export function getClientOrderId(proposalId: string, attempt = 1): string {
  if (proposalId.length === 0) throw new RangeError('proposalId must not be empty');
  if (!Number.isInteger(attempt) || attempt < 1 || attempt > MAX_CLIENT_ORDER_ID_ATTEMPT) {
    throw new RangeError(`attempt must be an integer in 1..${MAX_CLIENT_ORDER_ID_ATTEMPT}, got ${attempt}`);
  }
  const slug = proposalId.replace(/[^A-Za-z0-9]/g, '').slice(0, SLUG_LENGTH);
  const hash = createHash('sha256').update(proposalId, 'utf8').digest('hex').slice(0, HASH_LENGTH);
  const base = slug.length > 0 ? `${CLIENT_ORDER_ID_PREFIX}${slug}-${hash}` : `${CLIENT_ORDER_ID_PREFIX}${hash}`;
  return attempt === 1 ? base : `${base}-r${attempt}`;
}
