import * as z from 'zod';

/**
 * The message outbox in the store file: what the bot still has to send or edit, and the
 * messages it keeps current (slots). Fields added later get a `.default()`, so older files
 * keep loading without a migration.
 */

const isoTimestamp = z.iso.datetime({ offset: true });

const KeyboardSchema = z.array(z.array(z.strictObject({ text: z.string(), callbackData: z.string().max(64) })));

export const OutboxContentSchema = z.strictObject({
  text: z.string(),
  parseMode: z.literal('HTML').optional(),
  keyboard: KeyboardSchema.optional(),
  silent: z.boolean().optional(),
  document: z.strictObject({ path: z.string().min(1), fileName: z.string().min(1).max(200) }).optional(),
});

export const OutboxEntrySchema = z.strictObject({
  id: z.string().min(1).max(64),
  chatId: z.number().int(),
  kind: z.enum(['send', 'edit']),
  slot: z.string().min(1).max(80).optional(),
  content: OutboxContentSchema,
  replyToSlot: z.string().min(1).max(80).optional(),
  createdAt: isoTimestamp,
  attempts: z.int().nonnegative(),
  nextAttemptAt: isoTimestamp.optional(),
  sending: z.strictObject({ at: isoTimestamp, afterMessageId: z.int().nonnegative() }).optional(),
});

export const SlotRecordSchema = z.strictObject({
  chatId: z.number().int(),
  slot: z.string(),
  messageId: z.int().positive(),
  content: OutboxContentSchema,
});

export const OutboxStateSchema = z.strictObject({
  entries: z.array(OutboxEntrySchema).default([]),
  /** By `<chat id>:<slot>`, oldest first. */
  slots: z.record(z.string(), SlotRecordSchema).default({}),
  /** By chat id: the newest message id the bot knew of, where a lost send is looked for. */
  chats: z.record(z.string(), z.strictObject({ lastMessageId: z.int().nonnegative() })).default({}),
});

export const EMPTY_OUTBOX_STATE = { entries: [], slots: {}, chats: {} };
