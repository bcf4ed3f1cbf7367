import { z } from 'zod';

/**
 * What research asks Claude to return, as zod: the JSON schema sent with the request is
 * generated from it (structured outputs or a strict tool), and every idea that comes
 * back is validated against it one by one, so one bad idea never costs the good ones.
 * Keys are snake_case, as the model reads them in the schema.
 */

const price = z.number().positive().max(1e12);

export const IdeaSchema = z.strictObject({
  symbol: z.string().min(1).max(24).describe('Exactly as written in <market_data>'),
  side: z.enum(['buy', 'sell']),
  entry: z
    .discriminatedUnion('type', [z.strictObject({ type: z.literal('market') }), z.strictObject({ type: z.literal('limit'), price })])
    .describe('market, or a limit order at a price'),
  stop: price.describe('Stop-loss price: below the entry for a buy, above it for a sell'),
  target: price.describe('Target price: above the entry for a buy, below it for a sell'),
  horizon_days: z.int().min(1).max(60).describe('Trading days the idea needs to work out'),
  size_pct: z.number().gt(0).max(100).describe('Suggested size, % of account equity'),
  confidence: z.number().min(0).max(1).describe('Probability (0 to 1) that the price is on the right side of the entry at the horizon'),
  thesis: z.string().min(1).max(600),
  risks: z.array(z.string().min(1).max(200)).min(1).max(5),
  invalidation: z.string().min(1).max(300).describe('What would prove the idea wrong'),
});

export type Idea = z.infer<typeof IdeaSchema>;

export const ResearchOutputSchema = z.strictObject({
  market_view: z.string().max(600).describe('Two or three sentences on the market as the data shows it'),
  ideas: z.array(IdeaSchema).max(10),
});

/**
 * The envelope alone, for reading a response: ideas are checked one at a time after it.
 * Lenient on purpose (a missing view is no reason to drop valid ideas).
 */
export const ResearchEnvelopeSchema = z.object({
  market_view: z.string().max(2_000).optional(),
  ideas: z.array(z.unknown()).max(50),
});

/** The tool that carries the answer when structured outputs are not used. */
export const RESEARCH_TOOL_NAME = 'submit_research';
