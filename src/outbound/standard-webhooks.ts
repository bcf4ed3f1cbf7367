import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { Sign } from './create-webhook-poster.js';

/**
 * The one file that loads the `standardwebhooks` library (the composition root imports it
 * only when an endpoint or a source needs it). Signing and verifying are the library's,
 * never a hand-written HMAC: receivers verify with the same maintained code.
 */

/** `v1,<base64>` over `<id>.<timestamp>.<body>` with the `whsec_…` secret. */
export function createSigner(secret: string): Sign {
  const webhook = new Webhook(secret);
  return (id, timestamp, body) => webhook.sign(id, timestamp, body);
}

export type VerifyResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };
export type Verify = (body: string, headers: Record<string, string | string[] | undefined>) => VerifyResult;

/** Checks the three headers, the signature and that the timestamp is within 5 minutes of now. */
export function createVerifier(secret: string): Verify {
  const webhook = new Webhook(secret);
  return (body, headers) => {
    const flat: Record<string, string> = {};
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const value = headers[name];
      if (typeof value === 'string') flat[name] = value;
    }
    try {
      webhook.verify(body, flat, { jsonParse: false });
      return { ok: true };
    } catch (error) {
      if (error instanceof WebhookVerificationError) return { ok: false, reason: error.message };
      throw error;
    }
  };
}
