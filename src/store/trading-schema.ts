import * as z from 'zod';
import { ORDER_STATES } from '../engine/orders/order-record.js';
import { PROPOSAL_STATES } from '../engine/proposals/proposal.js';

/** Zod schemas for the trading state in the store file: validated on every load. */

const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number as a string');
const isoTimestamp = z.iso.datetime({ offset: true });
const venue = z.union([z.literal('paper'), z.literal('alpaca'), z.string().regex(/^ccxt:[a-z0-9]+$/)]);
const side = z.enum(['buy', 'sell']);
const orderType = z.enum(['market', 'limit']);
const timeInForce = z.enum(['gtc', 'day']);

const verdict = z.union([
  z.object({ gate: z.string(), outcome: z.literal('pass'), details: z.record(z.string(), z.unknown()).optional() }),
  z.object({ gate: z.string(), outcome: z.literal('block'), reason: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
]);

export const GateTraceSchema = z.object({
  evaluatedAt: isoTimestamp,
  verdicts: z.array(verdict),
  blockedBy: z.string().optional(),
  notEvaluated: z.array(z.string()),
  passed: z.boolean(),
});

export const ProposalSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  venue,
  symbol: z.string(),
  side,
  size: z.union([
    z.object({ kind: z.literal('quantity'), quantity: decimalString }),
    z.object({ kind: z.literal('notional'), notional: decimalString }),
  ]),
  orderType,
  limitPrice: decimalString.optional(),
  timeInForce: timeInForce.optional(),
  stopPrice: decimalString.optional(),
  targetPrice: decimalString.optional(),
  source: z.union([z.literal('manual'), z.literal('research'), z.string().regex(/^(strategy|signal):.+$/)]),
  confidence: z.number().min(0).max(1),
  rationale: z.string(),
  referencePrice: decimalString,
  createdAt: isoTimestamp,
  expiresAt: isoTimestamp,
  createdBy: z.number().optional(),
  gateTrace: GateTraceSchema,
  state: z.enum(PROPOSAL_STATES),
  decision: z
    .object({ decision: z.enum(['approved', 'rejected']), by: z.number(), byName: z.string(), at: isoTimestamp })
    .optional(),
  history: z.array(z.object({ state: z.enum(PROPOSAL_STATES), at: isoTimestamp, by: z.number().optional(), note: z.string().optional() })),
  fill: z
    .object({ filledQuantity: decimalString, averagePrice: decimalString, fees: decimalString, slippage: decimalString })
    .optional(),
  reason: z.string().optional(),
  research: z
    .object({
      runId: z.string(),
      ideaId: z.string(),
      thesis: z.string(),
      risks: z.array(z.string()),
      invalidation: z.string(),
      horizonDays: z.number(),
      model: z.string(),
      runCostUsd: decimalString.optional(),
    })
    .optional(),
});

export const OrderRecordSchema = z.object({
  clientOrderId: z.string(),
  proposalId: z.string(),
  accountId: z.string(),
  venue,
  symbol: z.string(),
  side,
  type: orderType,
  timeInForce: timeInForce.optional(),
  quantity: decimalString.optional(),
  notional: decimalString.optional(),
  limitPrice: decimalString.optional(),
  state: z.enum(ORDER_STATES),
  venueOrderId: z.string().optional(),
  filledQuantity: decimalString,
  averagePrice: decimalString.optional(),
  fees: decimalString,
  submitAttempts: z.int().nonnegative(),
  reason: z.string().optional(),
  cancelRequestedAt: isoTimestamp.optional(),
  lapseCheckedAt: isoTimestamp.optional(),
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});

const ControlChangeSchema = z.object({ id: z.number(), name: z.string(), at: isoTimestamp });

const SymbolActivitySchema = z.object({ lastApprovedAt: isoTimestamp.optional(), entries: z.int().nonnegative() });

/** The live trading state: settled proposals and final orders live in the history segments. */
export const TradingStateSchema = z.object({
  proposals: z.record(z.string(), ProposalSchema).default({}),
  orders: z.record(z.string(), OrderRecordSchema).default({}),
  // Who and when are optional: a file written before they were recorded loads as it is.
  controls: z
    .object({
      paused: z.boolean().default(false),
      halted: z.boolean().default(false),
      pausedBy: ControlChangeSchema.optional(),
      haltedBy: ControlChangeSchema.optional(),
      resumedBy: ControlChangeSchema.optional(),
    })
    .default({ paused: false, halted: false }),
  activity: z.record(z.string(), z.record(z.string(), SymbolActivitySchema)).default({}),
});

export const EMPTY_TRADING_STATE = { proposals: {}, orders: {}, controls: { paused: false, halted: false }, activity: {} };
