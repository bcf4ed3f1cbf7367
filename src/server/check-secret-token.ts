import { timingSafeEqual } from 'node:crypto';

/**
 * Builds the check for Telegram's `X-Telegram-Bot-Api-Secret-Token` header. The secret
 * is encoded once, so a request costs one small buffer and one constant-time compare.
 */
export function createSecretTokenCheck(secretToken: string): (header: string | string[] | undefined) => boolean {
  if (secretToken.length === 0) {
    // An empty secret would make every caller "authorized"; refuse to build that check.
    throw new Error('The webhook secret token must not be empty');
  }
  const expected = Buffer.from(secretToken, 'utf8');

  return (header) => {
    // Node joins repeated custom headers into one string; an array cannot be ours.
    if (typeof header !== 'string') return false;
    const actual = Buffer.from(header, 'utf8');
    if (actual.length !== expected.length) {
      // timingSafeEqual needs equal lengths. Comparing the secret with itself keeps
      // the work the same, so the time taken does not tell a length guess apart.
      timingSafeEqual(expected, expected);
      return false;
    }
    return timingSafeEqual(actual, expected);
  };
}
