/**
 * The outgoing webhook event types, apart from their payload schemas: the config checks
 * endpoint subscriptions against these at every start, and building the zod schemas for
 * that alone cost start-up time (webhook-payloads.ts keeps the two in step).
 */
export const WEBHOOK_EVENT_TYPES = ['proposal.created', 'proposal.decided', 'proposal.expired', 'order.filled', 'order.unfilled', 'alert.raised', 'ping'] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}
