import { toDecimal, toDecimalString, type DecimalString } from '../money/decimal.js';

/** Tokens of one call, as the Messages API reports them in `usage`. */
export interface TokenUsage {
  /** Input tokens after the last cache breakpoint: neither written to nor read from the cache. */
  readonly input: number;
  readonly output: number;
  /** `cache_creation_input_tokens`: written to the prompt cache (dearer than input). */
  readonly cacheWrite: number;
  /** `cache_read_input_tokens`: read from the prompt cache (a tenth of input or less). */
  readonly cacheRead: number;
}

/** USD per million tokens. */
export interface ModelPrice {
  readonly input: number;
  readonly output: number;
  /** 5-minute cache writes. */
  readonly cacheWrite: number;
  readonly cacheRead: number;
}

export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * Anthropic's list prices, USD per million tokens, from platform.claude.com/docs (the
 * pricing page and each model's overview), read on 2026-12-03. Cache reads are 10% of
 * input, but 5% on Claude Sonnet 5.5 and Opus 5.5 (so the overview of Haiku 5.5, of
 * 2026-10-07, says). Claude Haiku 5.5 is priced by prompt length: these are its rates up
 * to 100,000 tokens, five times over the 20,000 a research request stays under.
 * RESEARCH_PRICES overrides or adds models; a model missing here is budgeted in tokens
 * (RESEARCH_DAILY_TOKEN_BUDGET) instead of dollars.
 */
export const PRICE_SOURCE = 'platform.claude.com/docs (pricing and model overview pages), read 2026-12-03';

export const DEFAULT_PRICES: PriceTable = {
  'claude-sonnet-5-5': { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.1 },
  'claude-sonnet-5': { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 },
  'claude-opus-5-5': { input: 4, output: 20, cacheWrite: 5, cacheRead: 0.2 },
  'claude-opus-5': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  'claude-haiku-5-5': { input: 0.1, output: 0.5, cacheWrite: 0.125, cacheRead: 0.01 },
  'claude-haiku-4-5': { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 },
};

/** The price of a model, by its exact id or by a dated snapshot of it (`claude-haiku-4-5-20251001`). */
export function findPrice(prices: PriceTable, model: string): ModelPrice | undefined {
  return prices[model] ?? prices[model.replace(/-\d{8}$/, '')];
}

/** What a call cost in USD, exactly (decimals, never summed as floats). */
export function calculateCost(usage: TokenUsage, price: ModelPrice): DecimalString {
  const part = (tokens: number, perMillion: number) => toDecimal(tokens).mul(perMillion);
  const micro = part(usage.input, price.input)
    .plus(part(usage.output, price.output))
    .plus(part(usage.cacheWrite, price.cacheWrite))
    .plus(part(usage.cacheRead, price.cacheRead));
  return toDecimalString(micro.div(1_000_000));
}

export function totalTokens(usage: TokenUsage): number {
  return usage.input + usage.output + usage.cacheWrite + usage.cacheRead;
}

export const NO_USAGE: TokenUsage = { input: 0, output: 0, cacheWrite: 0, cacheRead: 0 };
