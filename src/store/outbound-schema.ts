import * as z from 'zod';

/**
 * The outbound webhook outbox in the store file: per endpoint, the events still to be
 * delivered (in order) and what /webhooks shows. Defaulted, so files written before it
 * existed load without a migration.
 */

const isoTimestamp = z.iso.datetime({ offset: true });

export const OutboundEntrySchema = z.strictObject({
  id: z.string().min(1).max(100),
  type: z.string().min(1).max(64),
  body: z.string(),
  createdAt: isoTimestamp,
  attempts: z.int().nonnegative(),
  nextAttemptAt: isoTimestamp.optional(),
  lastError: z.string().max(500).optional(),
});

const OutcomeSchema = z.strictObject({
  at: isoTimestamp,
  eventId: z.string(),
  type: z.string(),
  detail: z.string().max(500),
});

export const OutboundEndpointSchema = z.strictObject({
  entries: z.array(OutboundEntrySchema).default([]),
  paused: z.strictObject({ at: isoTimestamp, reason: z.string().max(500) }).optional(),
  consecutiveFailures: z.int().nonnegative().default(0),
  lastSuccess: OutcomeSchema.optional(),
  lastFailure: OutcomeSchema.optional(),
});

export const OutboundStateSchema = z.strictObject({
  /** Keyed by endpoint id (SIGNAL_WEBHOOKS). */
  endpoints: z.record(z.string(), OutboundEndpointSchema).default({}),
});

/** A fresh object each time: the document mutates what a default hands it. */
export const EMPTY_OUTBOUND_STATE = () => ({ endpoints: {} });

/**
 * Inbound signals already turned into a decision, by `<source id>:<signal id>`, oldest
 * first: the same signal id posted again makes no second proposal.
 */
export const SignalInboxSchema = z.strictObject({
  seen: z
    .record(
      z.string(),
      z.strictObject({
        at: isoTimestamp,
        outcome: z.enum(['proposed', 'blocked']),
        proposalId: z.string(),
        /** The blocking gate and its reason, for a blocked one. */
        detail: z.string().max(500).optional(),
      }),
    )
    .default({}),
});

export const EMPTY_SIGNAL_INBOX = () => ({ seen: {} });
