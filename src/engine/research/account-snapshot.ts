import type { AccountRuntime } from '../execution/execution-deps.js';
import { Decimal, toDecimalString, type DecimalString } from '../money/decimal.js';

export interface HeldPosition {
  readonly symbol: string;
  /** Signed: negative is short. */
  readonly quantity: DecimalString;
  readonly averagePrice: DecimalString;
  readonly price?: DecimalString;
  readonly marketValue: DecimalString;
  readonly unrealizedPnl?: DecimalString;
}

/** The account as research sees it: what it holds and the room its limits leave. */
export interface AccountSnapshot {
  readonly accountId: string;
  readonly live: boolean;
  readonly equity: DecimalString;
  readonly cash: DecimalString;
  readonly positions: readonly HeldPosition[];
  readonly limits: {
    readonly maxOpenPositions: number;
    readonly openSlots: number;
    readonly maxDailyLossPct: number;
    /** Loss still allowed today before new risk is blocked, in quote currency. */
    readonly dailyLossLeft: DecimalString;
    readonly maxPositionPct: number;
    /** The largest position one symbol may reach: the smaller of the % and the amount cap. */
    readonly maxPosition: DecimalString;
    readonly minConfidence: number;
    /** How far from the entry a stop or target may be (the stop_and_target gate), in %. */
    readonly stopTargetBandPct: number;
    /** How far from the market a limit price may be (the price_sanity gate), in %. */
    readonly limitPriceBandPct: number;
  };
}

/** Asks the account's broker once for the account and its positions; marks held symbols at the latest price. */
export async function snapshotAccount(runtime: AccountRuntime): Promise<AccountSnapshot> {
  const { profile } = runtime;
  const [account, positions] = await Promise.all([runtime.broker.getAccount(), runtime.broker.getPositions()]);
  const held = await Promise.all(
    positions
      .filter((p) => !p.quantity.isZero())
      .map(async (p): Promise<HeldPosition> => {
        const quote = await runtime.market.latestPrice(p.symbol).catch(() => undefined);
        const mark = quote?.price ?? p.averageEntryPrice;
        return {
          symbol: p.symbol,
          quantity: toDecimalString(p.quantity),
          averagePrice: toDecimalString(p.averageEntryPrice),
          ...(quote === undefined ? {} : { price: toDecimalString(quote.price), unrealizedPnl: toDecimalString(quote.price.minus(p.averageEntryPrice).mul(p.quantity).toDecimalPlaces(2)) }),
          marketValue: toDecimalString(mark.mul(p.quantity).toDecimalPlaces(2)),
        };
      }),
  );
  const dayStart = account.dayStartEquity ?? account.equity;
  const lossSoFar = Decimal.max(0, dayStart.minus(account.equity));
  const maxPosition = Decimal.min(account.equity.mul(profile.maxPositionPct).div(100), profile.maxPositionNotional);
  return {
    accountId: profile.id,
    live: profile.live,
    equity: toDecimalString(account.equity.toDecimalPlaces(2)),
    cash: toDecimalString(account.cash.toDecimalPlaces(2)),
    positions: held,
    limits: {
      maxOpenPositions: profile.maxOpenPositions,
      openSlots: Math.max(0, profile.maxOpenPositions - held.length),
      maxDailyLossPct: profile.maxDailyLossPct,
      dailyLossLeft: toDecimalString(Decimal.max(0, dayStart.mul(profile.maxDailyLossPct).div(100).minus(lossSoFar)).toDecimalPlaces(2)),
      maxPositionPct: profile.maxPositionPct,
      maxPosition: toDecimalString(Decimal.max(0, maxPosition).toDecimalPlaces(2)),
      minConfidence: profile.minConfidence,
      stopTargetBandPct: profile.stopTargetBandPct,
      limitPriceBandPct: profile.limitPriceBandPct,
    },
  };
}
