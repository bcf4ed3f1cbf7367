import * as z from 'zod';
import { DEFAULT_PRICES, type ModelPrice, type PriceTable } from './engine/research/price-table.js';
import type { Variable } from './config-variables.js';

/**
 * The research variables (README, Research). ANTHROPIC_API_KEY turns research on;
 * ANTHROPIC_BASE_URL is the SDK's own variable, read here too so a value in `.env`
 * reaches the client as well as one in the environment.
 */

// Built on first parse, not at load: RESEARCH_PRICES is rarely set, and building it would
// be start-up time.
const PriceTableSchema = z.lazy(() => {
  const usd = z
    .number({ error: (issue) => (issue.input === undefined ? 'is missing' : 'must be a number') })
    .min(0, 'must be 0 or more')
    .max(1_000, 'must be at most 1000');
  const PriceSchema = z.strictObject({ input: usd, output: usd, cacheWrite: usd, cacheRead: usd }, { error: (issue) => (issue.code === 'unrecognized_keys' ? `has a field other than input, output, cacheWrite and cacheRead (${issue.keys.join(', ')})` : 'must be an object') });
  return z.record(z.string().min(1), PriceSchema, { error: 'must be an object of model ids' });
});

const prices = z
  .string()
  .default('')
  .transform((raw, ctx): Record<string, ModelPrice> => {
    if (raw.trim() === '') return {};
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
      return z.NEVER;
    }
    const parsed = PriceTableSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const [model, field] = issue?.path ?? [];
    const where = model === undefined ? 'the value' : `"${String(model)}"${field === undefined ? '' : ` ${String(field)}`}`;
    ctx.addIssue({ code: 'custom', message: `${where} ${issue?.message ?? 'is invalid'}: give each model input, output, cacheWrite and cacheRead in USD per million tokens` });
    return z.NEVER;
  });

export const researchVariables = {
  ANTHROPIC_API_KEY: { schema: z.string().min(1).optional(), example: 'sk-ant-api03-...' },
  ANTHROPIC_BASE_URL: { schema: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).optional(), example: 'https://api.anthropic.com' },
  RESEARCH_MODEL: { schema: z.string().regex(/^[A-Za-z0-9._:@/-]{1,100}$/, 'must be a model id such as claude-sonnet-5-5').default('claude-sonnet-5-5'), example: 'claude-sonnet-5-5' },
  RESEARCH_MAX_TOKENS: {
    schema: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(512, 'must be at least 512').max(32_000, 'must be at most 32000').default(4_000),
    example: '4000',
  },
  RESEARCH_OUTPUT: { schema: z.enum(['structured', 'tool'], { error: 'must be structured or tool' }).default('structured'), example: 'structured' },
  RESEARCH_EFFORT: { schema: z.enum(['low', 'medium', 'high', 'xhigh', 'max', 'model'], { error: 'must be low, medium, high, xhigh, max or model' }).default('medium'), example: 'medium' },
  RESEARCH_DAILY_BUDGET_USD: { schema: z.string().regex(/^\d+(\.\d+)?$/, 'must be an amount in USD like 2 or 0.50').default('2'), example: '2' },
  RESEARCH_DAILY_TOKEN_BUDGET: {
    schema: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must be at least 0').default(300_000),
    example: '300000',
  },
  RESEARCH_PRICES: { schema: prices, example: '{"claude-sonnet-5-5":{"input":2,"output":10,"cacheWrite":2.5,"cacheRead":0.1}}' },
} satisfies Record<string, Variable<unknown>>;

type Parsed = { [K in keyof typeof researchVariables]: z.output<(typeof researchVariables)[K]['schema']> };

/**
 * How much the model thinks and writes. Sonnet 5.5 thinks adaptively at `high` by default,
 * and its thinking counts against RESEARCH_MAX_TOKENS: `medium` keeps a research answer
 * well inside 4,000 tokens (platform.claude.com → Effort).
 */
export type ResearchEffort = 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export interface ResearchConfig {
  /** Undefined: research is off. A secret. */
  readonly apiKey: string | undefined;
  /** Undefined: the SDK's default (https://api.anthropic.com). */
  readonly baseUrl: string | undefined;
  readonly model: string;
  readonly maxTokens: number;
  /** Structured outputs (`output_config.format`), or a strict tool for servers without them. */
  readonly output: 'structured' | 'tool';
  /** `output_config.effort`; undefined leaves the model's default (RESEARCH_EFFORT=model). */
  readonly effort: ResearchEffort | undefined;
  readonly dailyBudgetUsd: string;
  readonly dailyTokenBudget: number;
  /** The built-in table with RESEARCH_PRICES on top. */
  readonly prices: PriceTable;
}

export function buildResearchConfig(v: Parsed): ResearchConfig {
  return Object.freeze({
    apiKey: v.ANTHROPIC_API_KEY,
    baseUrl: v.ANTHROPIC_BASE_URL?.replace(/\/+$/, ''),
    model: v.RESEARCH_MODEL,
    maxTokens: v.RESEARCH_MAX_TOKENS,
    output: v.RESEARCH_OUTPUT,
    effort: v.RESEARCH_EFFORT === 'model' ? undefined : v.RESEARCH_EFFORT,
    dailyBudgetUsd: v.RESEARCH_DAILY_BUDGET_USD,
    dailyTokenBudget: v.RESEARCH_DAILY_TOKEN_BUDGET,
    prices: Object.freeze({ ...DEFAULT_PRICES, ...v.RESEARCH_PRICES }),
  });
}
