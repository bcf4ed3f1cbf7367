import * as z from 'zod';
import { AlertStateSchema, createEmptyAlertState } from './alert-schema.js';
import { createEmptyInboundState, InboundStateSchema } from './inbound-schema.js';
import { BackfillsSchema, WatchlistsSchema } from './market-schema.js';
import { EMPTY_OUTBOX_STATE, OutboxStateSchema } from './outbox-schema.js';
import { EMPTY_OUTBOUND_STATE, EMPTY_SIGNAL_INBOX, OutboundStateSchema, SignalInboxSchema } from './outbound-schema.js';
import { EMPTY_TRADING_STATE, TradingStateSchema } from './trading-schema.js';
import { EMPTY_THRESHOLD_SETTINGS, ThresholdSettingsSchema } from './threshold-schema.js';

/**
 * The schema of `countersign.json`. Every load is validated against it after migrating
 * (DESIGN principle 9: zod at every boundary, the store file included).
 *
 * Objects are strict on purpose: a key this build does not know means the file came from
 * a newer build or was edited by hand, and accepting it would drop it on the next write.
 */

/** The version this build writes. Bump it together with a new entry in `migrations.ts`. */
export const CURRENT_STORE_VERSION = 3;

const isoTimestamp = z.iso.datetime({ offset: true });

export const MetaSchema = z.strictObject({
  createdAt: isoTimestamp,
  lastStartedAt: isoTimestamp.nullable(),
  startCount: z.int().nonnegative(),
});

/**
 * Operator settings changed from the chat. Give every new field a `.default()`: files
 * written before the field existed then load without a migration, and
 * `SettingsSchema.parse({})` keeps producing a complete value for new stores.
 */
export const SettingsSchema = z.strictObject({
  thresholds: ThresholdSettingsSchema.default(EMPTY_THRESHOLD_SETTINGS),
});

/** Plain notation only: `Decimal#toFixed()` output, never `1e-7` or a binary float. */
const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal string such as "12.5"');

export const PaperOrderSchema = z.strictObject({
  venueOrderId: z.string().min(1),
  clientOrderId: z.string().min(1),
  symbol: z.string().min(1),
  side: z.enum(['buy', 'sell']),
  type: z.enum(['market', 'limit']),
  status: z.enum(['open', 'filled', 'canceled']),
  quantity: decimalString,
  notional: decimalString.optional(),
  limitPrice: decimalString.optional(),
  filledQuantity: decimalString,
  averagePrice: decimalString.optional(),
  fees: decimalString,
  realizedPnl: decimalString.optional(),
  reason: z.string().optional(),
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});

/** The paper broker's balances, positions and orders for one account. */
export const PaperLedgerSchema = z.strictObject({
  cash: decimalString,
  positions: z.record(z.string(), z.strictObject({ quantity: decimalString, averagePrice: decimalString })),
  /** Open orders, and final ones until they move to the history. */
  orders: z.record(z.string(), PaperOrderSchema),
  /** Paper orders ever placed: numbers `paper-<n>` venue ids after old orders have moved out. */
  orderSequence: z.int().nonnegative().default(0),
  dayStart: z.strictObject({ day: z.iso.date(), equity: decimalString }).optional(),
});

export const StoreSchema = z.strictObject({
  version: z.literal(CURRENT_STORE_VERSION),
  meta: MetaSchema,
  settings: SettingsSchema,
  /** Keyed by account id. Defaulted, so version 2 files from before it load without a migration. */
  paperLedgers: z.record(z.string(), PaperLedgerSchema).default({}),
  /** Live proposals and orders, the pause and kill switch, per-symbol activity. */
  trading: TradingStateSchema.default(EMPTY_TRADING_STATE),
  /** Absent means "not set yet": each account then starts from its venue's defaults. */
  watchlists: WatchlistsSchema.default({}),
  backfills: BackfillsSchema.default({}),
  /** The alert outbox, acknowledgements and per-chat alert settings. */
  alerts: AlertStateSchema.default(createEmptyAlertState),
  /** Every other message the bot sends on its own, until Telegram accepted it. */
  outbox: OutboxStateSchema.default(EMPTY_OUTBOX_STATE),
  /** Signed outbound webhooks (SIGNAL_WEBHOOKS), per endpoint, until each was accepted. */
  webhooks: OutboundStateSchema.default(EMPTY_OUTBOUND_STATE),
  /** Inbound signal ids already decided, so a repeat makes no second proposal. */
  signals: SignalInboxSchema.default(EMPTY_SIGNAL_INBOX),
  /** Recorded taps not carried out yet, and the updates that already acted. */
  inbound: InboundStateSchema.default(createEmptyInboundState),
});

export type Meta = z.infer<typeof MetaSchema>;
export type Settings = z.infer<typeof SettingsSchema>;
export type StoreData = z.infer<typeof StoreSchema>;

/** The document a brand-new data directory starts with. */
export function createDefaultStoreData(now: Date): StoreData {
  return {
    version: CURRENT_STORE_VERSION,
    meta: { createdAt: now.toISOString(), lastStartedAt: null, startCount: 0 },
    settings: SettingsSchema.parse({}),
    paperLedgers: {},
    trading: TradingStateSchema.parse({}),
    watchlists: {},
    backfills: {},
    alerts: createEmptyAlertState(),
    outbox: OutboxStateSchema.parse({}),
    webhooks: OutboundStateSchema.parse({}),
    signals: SignalInboxSchema.parse({}),
    inbound: createEmptyInboundState(),
  };
}

/**
 * One line per problem, naming the field, e.g. `meta.startCount: Invalid input: expected int`.
 * `rootName` prefixes the paths when the validated value is itself a field (`settings`).
 */
export function formatZodIssues(error: z.ZodError, rootName?: string): string[] {
  return error.issues.map((issue) => {
    const segments = [...(rootName === undefined ? [] : [rootName]), ...issue.path.map(String)];
    const where = segments.length > 0 ? segments.join('.') : '(root)';
    return `${where}: ${issue.message}`;
  });
}
