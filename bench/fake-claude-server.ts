import { createServer, type IncomingMessage, type Server } from 'node:http';
import { estimateTokens } from '../src/engine/research/estimate-tokens.js';

/**
 * A stand-in for the Messages API on localhost, for the research bench and for trying
 * research without network (`npx tsx bench/fake-claude-server.ts 8787`, then
 * ANTHROPIC_BASE_URL=http://127.0.0.1:8787). It answers like the API documents: usage with
 * the prompt-cache fields (a prefix up to a `cache_control` block is written once, read
 * for five minutes after, if it is at least 1,024 tokens), and a research answer built
 * from the <market_data> table (the most oversold symbols, bought with ATR-based levels).
 * Tokens are the same documented estimate research uses (3 characters per token).
 */
export interface FakeClaude {
  readonly url: string;
  readonly requests: readonly Record<string, unknown>[];
  close(): Promise<void>;
}

const CACHE_TTL_MS = 5 * 60_000;
const MIN_CACHEABLE_TOKENS = 1_024;

interface Block {
  text: string;
  cache_control?: unknown;
}

export async function startFakeClaude(port = 0): Promise<FakeClaude> {
  const cache = new Map<string, number>();
  const requests: Record<string, unknown>[] = [];
  const server: Server = createServer((req, res) => {
    void readJson(req).then((body) => {
      requests.push(body);
      const answer = req.url?.endsWith('/count_tokens') ? { input_tokens: countTokens(body).total } : answerMessage(body, cache);
      const text = JSON.stringify(answer);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'request-id': `req_fake_${requests.length}` });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  return { url: `http://127.0.0.1:${actual}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function countTokens(body: Record<string, unknown>): { total: number; prefixes: { key: string; tokens: number }[] } {
  const tools = JSON.stringify(body.tools ?? '') + JSON.stringify((body.output_config as { format?: unknown } | undefined)?.format ?? '');
  const system = (body.system as Block[] | undefined) ?? [];
  const messages = JSON.stringify(body.messages ?? []);
  let prefix = tools;
  const prefixes: { key: string; tokens: number }[] = [];
  for (const block of system) {
    prefix += block.text;
    if (block.cache_control !== undefined) prefixes.push({ key: `${String(body.model)}\u0000${prefix}`, tokens: estimateTokens(prefix) });
  }
  return { total: estimateTokens(prefix + messages), prefixes };
}

function answerMessage(body: Record<string, unknown>, cache: Map<string, number>) {
  const now = Date.now();
  const { total, prefixes } = countTokens(body);
  const cacheable = prefixes.filter((p) => p.tokens >= MIN_CACHEABLE_TOKENS);
  const hit = [...cacheable].reverse().find((p) => (cache.get(p.key) ?? 0) > now);
  const longest = cacheable.at(-1);
  for (const p of cacheable) cache.set(p.key, now + CACHE_TTL_MS);
  const read = hit?.tokens ?? 0;
  const written = longest === undefined ? 0 : longest.tokens - read;
  const research = researchAnswer(body);
  const json = JSON.stringify(research);
  const useTool = Array.isArray(body.tools) && body.tools.length > 0;
  const content = useTool
    ? [{ type: 'tool_use', id: `toolu_fake_${now.toString(36)}`, name: (body.tools as { name: string }[])[0]?.name ?? 'submit_research', input: research }]
    : [{ type: 'text', text: json }];
  return {
    id: `msg_fake_${now.toString(36)}`,
    type: 'message',
    role: 'assistant',
    model: String(body.model),
    content,
    stop_details: null,
    stop_reason: useTool ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: {
      cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: written },
      cache_creation_input_tokens: written,
      cache_read_input_tokens: read,
      inference_geo: 'global',
      input_tokens: total - read - written,
      output_tokens: estimateTokens(json),
      output_tokens_details: { thinking_tokens: 0 },
      server_tool_use: { web_fetch_requests: 0, web_search_requests: 0 },
      service_tier: 'standard',
    },
  };
}

/** The most oversold symbols with a price, up to the mandate's count, bought with ATR-based levels. */
function researchAnswer(body: Record<string, unknown>) {
  const system = ((body.system as Block[] | undefined) ?? []).map((b) => b.text).join('\n');
  const maxIdeas = Number(/Return at most (\d+) idea/.exec(system)?.[1] ?? 1);
  const user = String((body.messages as { content: string }[] | undefined)?.[0]?.content ?? '');
  const table = user.slice(user.indexOf('<market_data>'), user.indexOf('</market_data>')).split('\n').slice(2);
  const rows = table
    .map((line) => line.split('|'))
    .filter((cells) => cells[1] !== undefined && cells[1] !== '-' && cells[6] !== '-' && cells[9] !== '-')
    .map((cells) => ({ symbol: cells[0] ?? '', price: Number(cells[1]), rsi: Number(cells[6]), atr: Number(cells[9]), r5d: cells[4] ?? '-' }))
    .sort((a, b) => a.rsi - b.rsi)
    .slice(0, maxIdeas);
  const round = (n: number) => Number(n.toPrecision(6));
  // Two ATRs of risk for three of reward, kept inside the default stop-and-target band (25 %).
  const stopPct = (atr: number) => Math.min(2 * atr, 12);
  const targetPct = (atr: number) => Math.min(3 * atr, 18);
  return {
    market_view: `A fake analyst for local runs: it buys the ${rows.length} most oversold symbols of the table. Not advice.`,
    ideas: rows.map((row, i) => ({
      symbol: row.symbol,
      side: 'buy',
      entry: { type: 'market' },
      stop: round(row.price * (1 - stopPct(row.atr) / 100)),
      target: round(row.price * (1 + targetPct(row.atr) / 100)),
      horizon_days: 10,
      size_pct: 3,
      confidence: round(0.68 - i * 0.05),
      thesis: `${row.symbol} has the lowest RSI of the table (${row.rsi}) after ${row.r5d}% over 5 days; a mean-reversion bounce of up to three ATRs (${row.atr}% a day) is the bet.`,
      risks: ['Oversold can stay oversold in a downtrend', 'This answer comes from a local fake, not from Claude'],
      invalidation: `A daily close below ${round(row.price * (1 - stopPct(row.atr) / 100))}.`,
    })),
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

if (process.argv[1]?.endsWith('fake-claude-server.ts') === true) {
  const fake = await startFakeClaude(Number(process.argv[2] ?? 8787));
  console.log(`fake Messages API on ${fake.url} (Ctrl-C to stop)`);
}
