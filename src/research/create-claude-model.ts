import Anthropic from '@anthropic-ai/sdk';
import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import type { Message, TextBlockParam } from '@anthropic-ai/sdk/resources/messages/messages';
import type * as z from 'zod';
import type { ResearchModel, ResearchModelRequest, ResearchModelResponse } from '../engine/ports/research-model.js';
import { mapClaudeError } from './map-claude-error.js';
import { noRetryOnSpendCap } from './no-retry-on-spend-cap.js';

export interface ClaudeModelOptions {
  readonly apiKey: string;
  /** Undefined: the SDK's own default (ANTHROPIC_BASE_URL in the environment, else api.anthropic.com). */
  readonly baseUrl?: string;
  /** `structured`: output_config.format; `tool`: a strict tool, for servers without structured outputs. */
  readonly output: 'structured' | 'tool';
  /** `output_config.effort`; undefined sends none (the model's default). */
  readonly effort?: 'low' | 'medium' | 'high' | 'xhigh' | 'max';
  /** Tests hand in a fetch built after nock is active: the SDK keeps the one it was given. */
  readonly fetch?: typeof globalThis.fetch;
  readonly maxRetries?: number;
  readonly timeoutMs?: number;
}

/** A research call rarely takes a minute; two minutes is the most a run waits for one. */
const TIMEOUT_MS = 120_000;

/**
 * Claude through the official SDK. The SDK retries 429, 529 and 5xx with backoff that
 * honours retry-after (twice by default); nothing here retries again. The answer is
 * handed back as JSON, unvalidated: the engine checks each idea with zod on its own, so
 * one bad idea never discards the rest (the SDK's zod parse would throw for all).
 */
export function createClaudeModel(options: ClaudeModelOptions): ResearchModel {
  const client = new Anthropic({
    apiKey: options.apiKey,
    ...(options.baseUrl === undefined ? {} : { baseURL: options.baseUrl }),
    timeout: options.timeoutMs ?? TIMEOUT_MS,
    maxRetries: options.maxRetries ?? 2,
    fetch: noRetryOnSpendCap(options.fetch ?? ((input, init) => globalThis.fetch(input, init))),
  });
  return {
    async complete(request) {
      try {
        const effort = options.effort === undefined ? {} : { effort: options.effort };
        const message = options.output === 'tool' ? await askWithTool(client, request, effort) : await askStructured(client, request, effort);
        return toResponse(message, request.toolName);
      } catch (error) {
        throw mapClaudeError(error);
      }
    },
  };
}

function baseParams(request: ResearchModelRequest) {
  // cache_control on a block caches everything up to it: the rules, then the mandate.
  const system: TextBlockParam[] = request.system.map((block) => ({ type: 'text', text: block.text, ...(block.cache ? { cache_control: { type: 'ephemeral' as const } } : {}) }));
  return { model: request.model, max_tokens: request.maxTokens, system, messages: [{ role: 'user' as const, content: request.user }] };
}

/** The JSON schema from zod, and a parse that never throws: a cut-off answer must still show its stop reason. */
function lenientFormat(schema: z.ZodType) {
  const strict = zodOutputFormat(schema as Parameters<typeof zodOutputFormat>[0]);
  return { type: strict.type, schema: strict.schema, parse: (text: string): unknown => readJson(text) };
}

type Effort = { effort?: NonNullable<ClaudeModelOptions['effort']> };

async function askStructured(client: Anthropic, request: ResearchModelRequest, effort: Effort): Promise<Message & { parsed_output?: unknown }> {
  return client.messages.parse({ ...baseParams(request), output_config: { format: lenientFormat(request.schema), ...effort } });
}

async function askWithTool(client: Anthropic, request: ResearchModelRequest, effort: Effort): Promise<Message> {
  const { schema } = lenientFormat(request.schema);
  return client.messages.create({
    ...baseParams(request),
    ...(effort.effort === undefined ? {} : { output_config: effort }),
    tools: [{ name: request.toolName, description: 'Submit the market view and the trade ideas of this research run.', input_schema: { ...schema, type: 'object' }, strict: true }],
    // Newer models refuse forced tool use; the rules ask for the tool, and a missing call reads as no answer.
    tool_choice: { type: 'auto' },
  });
}

function toResponse(message: Message & { parsed_output?: unknown }, toolName: string): ResearchModelResponse {
  const tool = message.content.find((block) => block.type === 'tool_use' && block.name === toolName);
  const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n');
  const output = tool?.type === 'tool_use' ? tool.input : (message.parsed_output ?? readJson(text));
  const usage = message.usage;
  // Older servers and gateways leave stop_details out; the API sends null or the refusal.
  const details = (message as { stop_details?: Message['stop_details'] }).stop_details ?? null;
  return {
    id: message.id,
    model: message.model,
    stopReason: message.stop_reason,
    ...(details?.type === 'refusal' ? { refusal: { category: details.category, explanation: details.explanation } } : {}),
    output: output ?? undefined,
    text,
    usage: { input: usage.input_tokens, output: usage.output_tokens, cacheWrite: usage.cache_creation_input_tokens ?? 0, cacheRead: usage.cache_read_input_tokens ?? 0 },
  };
}

function readJson(text: string): unknown {
  try {
    return text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
