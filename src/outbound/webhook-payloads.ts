import * as z from 'zod';
import { WEBHOOK_EVENT_TYPES, isWebhookEventType, type WebhookEventType } from './webhook-event-types.js';

/**
 * What a receiver gets: `{type, timestamp, data}`, one zod schema per event type. The
 * schemas are the contract: every payload is built to them (tests parse each one), and
 * `webhookJsonSchemas()` exports them as JSON Schema for receivers in other languages.
 * Money and quantities are decimal strings, never binary floats.
 */

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/).describe('A decimal number as a string, e.g. "0.015"');
const timestamp = z.iso.datetime({ offset: true });
const mode = z.enum(['paper', 'live']).describe('paper: simulated or sandbox money; live: real money');

export const ProposalDataSchema = z.object({
  id: z.string(),
  account: z.string(),
  mode,
  venue: z.string(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  quantity: decimal.optional().describe('The size as a quantity of the asset (or notional is set)'),
  notional: decimal.optional().describe('The size as an amount of quote currency to spend (or quantity is set)'),
  orderType: z.enum(['market', 'limit']),
  limitPrice: decimal.optional(),
  stopPrice: decimal.optional(),
  targetPrice: decimal.optional(),
  referencePrice: decimal.describe('The market price when the proposal was made'),
  confidence: z.number().min(0).max(1),
  source: z.string().describe('manual, research, strategy:<name> or signal:<source id>'),
  rationale: z.string(),
  state: z.string().describe('pending, approved, submitted, partially_filled, filled, rejected, expired, canceled or failed'),
  createdAt: timestamp,
  expiresAt: timestamp,
  decision: z.object({ decision: z.enum(['approved', 'rejected']), by: z.number().int().describe('Telegram user id'), byName: z.string(), at: timestamp }).optional(),
  reason: z.string().optional(),
});

export const OrderDataSchema = z.object({
  clientOrderId: z.string(),
  proposalId: z.string(),
  account: z.string(),
  mode,
  venue: z.string(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  type: z.enum(['market', 'limit']),
  state: z.string().describe('filled, canceled, rejected or expired'),
  filledQuantity: decimal,
  averagePrice: decimal.optional(),
  fees: decimal,
  reason: z.string().optional(),
  updatedAt: timestamp,
});

export const AlertDataSchema = z.object({
  severity: z.enum(['INFO', 'WARNING', 'HIGH', 'CRITICAL']),
  type: z.string(),
  title: z.string(),
  body: z.string().optional(),
});

export const PingDataSchema = z.object({ endpoint: z.string(), message: z.string() });

const envelope = <T extends string, D extends z.ZodType>(type: T, data: D) => z.object({ type: z.literal(type), timestamp, data });

export const WEBHOOK_PAYLOADS = {
  'proposal.created': envelope('proposal.created', z.object({ proposal: ProposalDataSchema })),
  'proposal.decided': envelope('proposal.decided', z.object({ proposal: ProposalDataSchema })),
  'proposal.expired': envelope('proposal.expired', z.object({ proposal: ProposalDataSchema })),
  'order.filled': envelope('order.filled', z.object({ order: OrderDataSchema })),
  'order.unfilled': envelope('order.unfilled', z.object({ order: OrderDataSchema })),
  'alert.raised': envelope('alert.raised', z.object({ alert: AlertDataSchema })),
  ping: envelope('ping', PingDataSchema),
} as const satisfies Record<WebhookEventType, z.ZodType>;

export { WEBHOOK_EVENT_TYPES, isWebhookEventType, type WebhookEventType };
export type WebhookPayload<T extends WebhookEventType = WebhookEventType> = z.infer<(typeof WEBHOOK_PAYLOADS)[T]>;
export type ProposalData = z.infer<typeof ProposalDataSchema>;
export type OrderData = z.infer<typeof OrderDataSchema>;

/** Every payload as JSON Schema (draft 2020-12), by event type. */
export function webhookJsonSchemas(): Record<WebhookEventType, unknown> {
  return Object.fromEntries(WEBHOOK_EVENT_TYPES.map((type) => [type, z.toJSONSchema(WEBHOOK_PAYLOADS[type])])) as Record<WebhookEventType, unknown>;
}
