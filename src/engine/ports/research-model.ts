import type * as z from 'zod';
import type { TokenUsage } from '../research/price-table.js';

/** One block of the stable prefix; `cache` puts a prompt-cache breakpoint after it. */
export interface PromptBlock {
  readonly text: string;
  readonly cache: boolean;
}

export interface ResearchModelRequest {
  readonly model: string;
  readonly maxTokens: number;
  /** System blocks: the rules, then the account's mandate. */
  readonly system: readonly PromptBlock[];
  /** The run's data, inside its data tags. */
  readonly user: string;
  /** The answer's shape; the adapter turns it into a JSON schema. */
  readonly schema: z.ZodType;
  readonly toolName: string;
}

export interface ResearchModelResponse {
  readonly id: string;
  /** The model that answered, as the API names it. */
  readonly model: string;
  readonly stopReason: string | null;
  /** The answer as JSON (structured text or the tool's input); undefined when there is none. */
  readonly output: unknown;
  /** Any plain text of the answer. */
  readonly text: string;
  /** `stop_details` of a refusal: the policy category and the API's explanation, when it gives them. */
  readonly refusal?: { readonly category: string | null; readonly explanation: string | null };
  readonly usage: TokenUsage;
}

/**
 * Claude, as research sees it. The adapter lives outside the engine (src/research) and
 * throws ResearchRequestRefusedError for requests the API refused, and the shared
 * VenueRateLimitedError / VenueUnavailableError once the SDK's own retries are spent.
 */
export interface ResearchModel {
  complete(request: ResearchModelRequest): Promise<ResearchModelResponse>;
}
