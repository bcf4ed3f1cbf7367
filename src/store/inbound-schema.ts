import * as z from 'zod';

/**
 * The inbound section of `countersign.json` (DESIGN "Durability at the edges"): decision
 * taps recorded as intents before they are answered, and the ids of the updates that
 * already changed something, so a redelivered update never acts twice. Defaulted in the
 * store schema, so files written before it load without a migration.
 */

const isoTimestamp = z.iso.datetime({ offset: true });

/** What a recorded tap or confirmation asks for; each kind has one executor (handlers/). */
export const INTENT_KINDS = ['approve', 'reject', 'acknowledge', 'cancel_backfill', 'start_backfill', 'halt'] as const;
export type IntentKind = (typeof INTENT_KINDS)[number];

export const IntentSchema = z.strictObject({
  /** The Telegram update that carried the tap: one intent per update, ever. */
  updateId: z.int(),
  kind: z.enum(INTENT_KINDS),
  /** What it acts on: a proposal id, an alert id, a backfill job id, `trading` for HALT. */
  target: z.string().min(1),
  user: z.strictObject({ id: z.int(), name: z.string() }),
  /** Where the person is told what came of it. */
  chatId: z.int(),
  at: isoTimestamp,
});

export type Intent = z.infer<typeof IntentSchema>;

export const InboundStateSchema = z.strictObject({
  /** Update ids that changed something, oldest first, bounded (see inbound-repository.ts). */
  processed: z.array(z.int()).default([]),
  /** Recorded and not carried out yet, oldest first. */
  intents: z.array(IntentSchema).default([]),
});

export type InboundState = z.infer<typeof InboundStateSchema>;

export const createEmptyInboundState = (): InboundState => ({ processed: [], intents: [] });
