import * as z from 'zod';
import type { ResearchModelRequest } from '../ports/research-model.js';

/**
 * A documented estimate, not a count: three characters per token. Anthropic's rule of
 * thumb is about 3.5 characters per token for English prose; tables of numbers and JSON
 * tokenize denser, so three errs on the high side, which is the safe side for a budget
 * checked before the call. The API's own count (`usage.input_tokens` plus the cache
 * fields) is what every run records and what the budget sums afterwards.
 */
export const CHARS_PER_TOKEN = 3;

/** Roles, block framing and the schema's wrapper: a small fixed overhead per request. */
const REQUEST_OVERHEAD_TOKENS = 50;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

const schemaChars = new WeakMap<z.ZodType, number>();

/** Input tokens of a request: system blocks, the user message and the answer's JSON schema. */
export function estimateRequestTokens(request: Pick<ResearchModelRequest, 'system' | 'user' | 'schema'>): { total: number; prefix: number } {
  let chars = schemaChars.get(request.schema);
  if (chars === undefined) {
    chars = JSON.stringify(z.toJSONSchema(request.schema)).length;
    schemaChars.set(request.schema, chars);
  }
  const prefix = estimateTokens(request.system.map((b) => b.text).join('\n')) + Math.ceil(chars / CHARS_PER_TOKEN);
  return { total: prefix + estimateTokens(request.user) + REQUEST_OVERHEAD_TOKENS, prefix };
}
