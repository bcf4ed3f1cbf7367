import * as z from 'zod';

/**
 * What research asks Claude to return, as zod: the JSON schema sent with the request is
 * generated from it (structured outputs or a strict tool), and every idea that comes
 * back is validated against it one by one, so one bad idea never costs the good ones.
 * Keys are snake_case, as the model reads them in the schema; messages are written for
 * the chat, where a dropped idea shows why.
 */

const missingOr = (expected: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'is missing' : `must be ${expected}`);
const number = () => z.number({ error: missingOr('a number') });
const text = (max: number) => z.string({ error: missingOr('text') }).min(1, 'is empty').max(max, `is longer than ${max} characters`);
const price = () => number().positive('must be above zero').max(1e12, 'is not a price');

// The three are built on first use, not at load: research runs long after start, and
// building them would be start-up time.
export const IdeaSchema = z.lazy(() =>
  z.strictObject({
    symbol: text(24).describe('Exactly as written in <market_data>'),
    side: z.enum(['buy', 'sell'], { error: missingOr('buy or sell') }),
    entry: z
      .discriminatedUnion('type', [z.strictObject({ type: z.literal('market') }), z.strictObject({ type: z.literal('limit'), price: price() })], { error: missingOr('{"type":"market"} or {"type":"limit","price":…}') })
      .describe('market, or a limit order at a price'),
    stop: price().describe('Stop-loss price: below the entry for a buy, above it for a sell'),
    target: price().describe('Target price: above the entry for a buy, below it for a sell'),
    horizon_days: z.int({ error: missingOr('a whole number of days') }).min(1, 'must be at least 1 day').max(60, 'must be at most 60 days').describe('Trading days the idea needs to work out'),
    size_pct: number().gt(0, 'must be above 0%').max(100, 'must be at most 100%').describe('Suggested size, % of account equity'),
    confidence: number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').describe('Probability (0 to 1) that the price is on the right side of the entry at the horizon'),
    thesis: text(600),
    risks: z.array(text(200), { error: missingOr('a list') }).min(1, 'must name at least one risk').max(5, 'must name at most five risks'),
    invalidation: text(300).describe('What would prove the idea wrong'),
  }),
);

export type Idea = z.infer<typeof IdeaSchema>;

export const ResearchOutputSchema = z.lazy(() =>
  z.strictObject({
    market_view: z.string().max(600).describe('Two or three sentences on the market as the data shows it'),
    ideas: z.array(IdeaSchema).max(10),
  }),
);

/**
 * The envelope alone, for reading a response: ideas are checked one at a time after it.
 * Lenient on purpose (a missing view is no reason to drop valid ideas).
 */
export const ResearchEnvelopeSchema = z.lazy(() =>
  z.object({
    market_view: z.string().max(2_000).optional(),
    ideas: z.array(z.unknown(), { error: missingOr('a list') }).max(50, 'holds more than 50 ideas'),
  }),
);

/** The tool that carries the answer when structured outputs are not used. */
export const RESEARCH_TOOL_NAME = 'submit_research';
