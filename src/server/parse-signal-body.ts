import * as z from 'zod';
import { isPlainDecimal, toDecimal, toDecimalString } from '../engine/money/decimal.js';
import type { ProposeInput } from '../engine/proposals/create-proposal.js';

/**
 * A signal as posted to /signals/<source id>, checked and normalized: the order fields of a
 * proposal, and what the sender may add.
 */
export interface SignalBody extends Pick<ProposeInput, 'symbol' | 'side' | 'size' | 'orderType' | 'limitPrice' | 'stopPrice' | 'targetPrice'> {
  /** The sender's id: the same id twice makes one proposal. */
  readonly id?: string;
  readonly confidence?: number;
  readonly text?: string;
}

/** A refusal names the field, and its message is a whole sentence for the sender. */
export type ParsedSignal = { readonly ok: true; readonly value: SignalBody } | { readonly ok: false; readonly field: string; readonly message: string };

// Built on the first signal, not at load: most bots never receive one, and building the
// schema would be start-up time.
const SignalSchema = z.lazy(() => {
  /**
   * TradingView fills `{{close}}` in as a bare number and `"{{close}}"` as a string: both are
   * accepted, and both become a plain decimal string (a number goes through decimal.js, so
   * 1e-7 becomes "0.0000001", never a float's text).
   */
  const positiveDecimal = z.union([z.number(), z.string().trim()]).transform((raw, ctx) => {
    const text = typeof raw === 'number' ? (Number.isFinite(raw) ? toDecimalString(raw) : '') : raw;
    if (!isPlainDecimal(text) || !toDecimal(text).gt(0)) {
      ctx.addIssue({ code: 'custom', message: 'must be a number above zero, like 0.5 or "0.5"' });
      return z.NEVER;
    }
    return text;
  });
  return z.object({
    id: z
      .union([z.string(), z.number().int()])
      .transform(String)
      .pipe(z.string().regex(/^[\x21-\x7e]{1,128}$/, 'must be 1-128 visible characters without spaces'))
      .optional(),
    symbol: z
      .string({ error: 'must be a symbol like AAPL or BTC/USDT' })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9.]{1,15}(\/[A-Z0-9]{1,10})?$/, 'must be a symbol like AAPL or BTC/USDT'),
    side: z
      .string({ error: 'must be buy or sell' })
      .trim()
      .toLowerCase()
      .pipe(z.enum(['buy', 'sell'], { error: 'must be buy or sell' })),
    quantity: positiveDecimal.optional(),
    notional: positiveDecimal.optional(),
    limit: positiveDecimal.optional(),
    stop: positiveDecimal.optional(),
    target: positiveDecimal.optional(),
    confidence: z.union([z.number(), z.string().trim().regex(/^\d+(\.\d+)?$/).transform(Number)]).pipe(z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1')).optional(),
    text: z.string().max(500, 'must be at most 500 characters').optional(),
  });
});

/**
 * Checks a parsed JSON body field by field; the first problem names its field, so the
 * sender's error says exactly what to fix. Fields it does not know (TradingView templates
 * often carry extra ones) are ignored.
 */
export function parseSignalBody(json: unknown): ParsedSignal {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, field: '(body)', message: 'the body must be a JSON object' };
  const parsed = SignalSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0] === undefined ? '(body)' : String(issue.path[0]);
    const given = (json as Record<string, unknown>)[field];
    return { ok: false, field, message: `${field} ${given === undefined ? 'is required' : (issue?.message ?? 'is invalid')}` };
  }
  const b = parsed.data;
  if ((b.quantity === undefined) === (b.notional === undefined)) {
    return { ok: false, field: 'quantity', message: 'give quantity (units to trade) or notional (amount to spend): one of the two' };
  }
  const size: SignalBody['size'] = b.quantity !== undefined ? { kind: 'quantity', quantity: b.quantity } : { kind: 'notional', notional: b.notional as string };
  const text = b.text?.trim();
  return {
    ok: true,
    value: {
      ...(b.id === undefined ? {} : { id: b.id }),
      symbol: b.symbol,
      side: b.side,
      size,
      orderType: b.limit === undefined ? 'market' : 'limit',
      ...(b.limit === undefined ? {} : { limitPrice: b.limit }),
      ...(b.stop === undefined ? {} : { stopPrice: b.stop }),
      ...(b.target === undefined ? {} : { targetPrice: b.target }),
      ...(b.confidence === undefined ? {} : { confidence: b.confidence }),
      ...(text === undefined || text === '' ? {} : { text }),
    },
  };
}
