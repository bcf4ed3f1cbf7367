import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ANTHROPIC, anthropicFixture, createResearchHarness } from './research-harness.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

interface SentBody {
  model: string;
  max_tokens: number;
  system: { type: string; text: string; cache_control?: { type: string } }[];
  messages: { role: string; content: string }[];
  output_config?: { format: { type: string; schema: { properties: Record<string, unknown> } }; effort?: string };
  tools?: { name: string; strict?: boolean; input_schema: { type: string } }[];
  tool_choice?: { type: string };
}

function captureMessages(status: number, reply: unknown, headers: Record<string, string> = {}) {
  const sent: { body: SentBody; headers: Record<string, string | string[]> }[] = [];
  const scope = nock(ANTHROPIC)
    .post('/v1/messages', (body: SentBody) => {
      sent.push({ body, headers: {} });
      return true;
    })
    .reply(function (_uri, _body) {
      const last = sent.at(-1);
      if (last !== undefined) last.headers = this.req.headers;
      return [status, reply, headers];
    });
  return { scope, sent };
}

describe('research through the real SDK, structured outputs', () => {
  it('tells the model the bands as changed from the chat, not as configured', async () => {
    const h = await createResearchHarness();
    const applied = await h.engine.thresholds.apply({ accountId: 'paper', key: 'stopTargetBandPct', value: 15, reason: 'tighter stops' }, { id: 111, name: 'Ann', role: 'owner' });
    expect(applied.kind, 'the change was made').toBe('applied');
    const { scope, sent } = captureMessages(200, anthropicFixture('message-structured'));
    await h.research.run({ accountId: 'paper', trigger: 'manual', by: 222 });
    expect(scope.isDone(), 'one call to /v1/messages').toBe(true);
    expect(sent[0]?.body.messages[0]?.content, 'the band in force now').toContain('stop and target within 15% of the entry');
  });

  it('sends the cached prefix, the data and the schema, and turns each valid idea into a research proposal', async () => {
    const h = await createResearchHarness();
    const { scope, sent } = captureMessages(200, anthropicFixture('message-structured'));
    const result = await h.research.run({ accountId: 'paper', trigger: 'manual', by: 222 });
    expect(scope.isDone(), 'one call to /v1/messages').toBe(true);
    if (result.kind !== 'done') throw new Error(result.kind);
    const [request] = sent;
    if (request === undefined) throw new Error('no request');
    expect(request.body.model, 'the default model').toBe('claude-sonnet-5-5');
    expect(request.body.max_tokens, 'RESEARCH_MAX_TOKENS default').toBe(4000);
    expect(request.body.system.map((b) => b.cache_control?.type), 'a cache breakpoint after the rules and after the mandate').toEqual(['ephemeral', 'ephemeral']);
    expect(request.body.system[1]?.text, 'the mandate is in the cached prefix').toContain('buy pullbacks in uptrends');
    expect(request.body.messages[0]?.content, 'the run data is in the user message, not the prefix').toContain('<market_data>');
    expect(request.body.messages[0]?.content, "the account's bands, so ideas are not made to be blocked").toContain('stop and target within 25% of the entry; a limit price within 5% of the last price');
    expect(request.body.output_config?.format.type, 'structured outputs').toBe('json_schema');
    expect(request.body.output_config?.effort, 'medium effort keeps thinking and answer inside max_tokens').toBe('medium');
    expect(Object.keys(request.body.output_config?.format.schema.properties ?? {}), 'the schema zod generated').toEqual(['market_view', 'ideas']);
    const auth = `${String(request.headers['x-api-key'] ?? '')} ${String(request.headers.authorization ?? '')}`;
    expect(auth, 'the key reaches the API (the installed SDK sends it as a bearer token)').toContain('sk-ant-api03-test');
    expect(request.headers['anthropic-version'], 'the API version header').toBeDefined();

    const { run, ideas } = result.report;
    expect(run.outcome, 'the answer was read').toBe('ok');
    expect(ideas.map((i) => [i.symbol, i.verdict.kind]), 'BTC and ETH proposed, SOL blocked').toEqual([
      ['BTC/USDT', 'proposed'],
      ['ETH/USDT', 'proposed'],
      ['SOL/USDT', 'blocked'],
    ]);
    expect(ideas[2]?.verdict.kind === 'blocked' && ideas[2].verdict.gate, 'confidence 0.55 under the account minimum').toBe('min_confidence');
    expect(run.dropped, 'TSLA with confidence 3 dropped, with the reason').toEqual([{ symbol: 'TSLA', reason: expect.stringContaining('confidence') }]);
    expect(run.usage, 'usage as the API reported it').toEqual({ input: 2911, output: 731, cacheWrite: 2384, cacheRead: 0 });
    expect(run.costUsd, '2911×$2 + 2384×$2.50 + 731×$10 per million').toBe('0.019092');
    const proposals = h.proposals();
    expect(proposals.map((p) => [p.symbol, p.source, p.orderType]), 'through the same gates as any proposal').toEqual([
      ['BTC/USDT', 'research', 'market'],
      ['ETH/USDT', 'research', 'limit'],
    ]);
    expect(proposals[0]?.research?.thesis, 'Details can show the thesis').toContain('50-day average');
    expect(proposals[0]?.research?.runCostUsd, 'and the run cost').toBe('0.019092');
    expect(proposals[0]?.size, '5% of the 100,000 paper equity').toEqual({ kind: 'notional', notional: '5000' });
  });

  it('records the run and its ideas in the history', async () => {
    const h = await createResearchHarness();
    captureMessages(200, anthropicFixture('message-structured'));
    const result = await h.research.run({ accountId: 'paper', trigger: 'schedule' });
    if (result.kind !== 'done') throw new Error(result.kind);
    expect(h.history.find('research_run', result.report.run.id), 'the run, with its cost').toMatchObject({ outcome: 'ok', costUsd: '0.019092' });
    expect(result.report.run.ideaIds.map((id) => h.history.find<{ symbol: string }>('research_idea', id)?.symbol), 'each idea, kept').toEqual(['BTC/USDT', 'ETH/USDT', 'SOL/USDT']);
  });
});
