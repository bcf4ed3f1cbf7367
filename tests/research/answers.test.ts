import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ANTHROPIC, anthropicFixture, createResearchHarness } from './research-harness.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

async function runWith(fixture: string, env: Record<string, string> = {}, host = ANTHROPIC, path = '/v1/messages') {
  const h = await createResearchHarness({ env });
  let body: Record<string, unknown> = {};
  const scope = nock(host)
    .post(path, (b: Record<string, unknown>) => {
      body = b;
      return true;
    })
    .reply(200, anthropicFixture(fixture));
  const result = await h.research.run({ accountId: 'paper', trigger: 'manual' });
  if (result.kind !== 'done') throw new Error(result.kind);
  return { h, scope, body, report: result.report };
}

describe('what a response allows', () => {
  it('takes the ideas from a tool_use block when RESEARCH_OUTPUT=tool, with a strict tool and no forced choice', async () => {
    const { h, body, report } = await runWith('message-tool-use', { RESEARCH_OUTPUT: 'tool' });
    const tools = body.tools as { name: string; strict: boolean; input_schema: { type: string; properties: object } }[];
    expect(tools.map((t) => [t.name, t.strict, t.input_schema.type]), 'one strict tool carrying the schema').toEqual([['submit_research', true, 'object']]);
    expect(body.tool_choice, 'newer models refuse forced tool use').toEqual({ type: 'auto' });
    expect(body.output_config, 'no structured-output format in tool mode, only the effort').toEqual({ effort: 'medium' });
    expect(report.ideas.map((i) => [i.symbol, i.verdict.kind]), 'the tool input read as the answer').toEqual([['BTC/USDT', 'proposed']]);
    expect(report.run.usage.cacheRead, 'cache reads recorded').toBe(2384);
    expect(h.proposals().map((p) => p.source), 'a research proposal').toEqual(['research']);
  });

  it("sends no effort with RESEARCH_EFFORT=model, for models and servers without it", async () => {
    const { body, report } = await runWith('message-structured', { RESEARCH_EFFORT: 'model' });
    expect(Object.keys(body.output_config as object), 'only the format').toEqual(['format']);
    expect(report.run.outcome, 'answered as usual').toBe('ok');
  });

  it('reports a refusal with the category and explanation of stop_details, takes no ideas, but records what it cost', async () => {
    const { h, report } = await runWith('message-refusal');
    expect(report.run.outcome, 'stop_reason refusal').toBe('refused');
    expect(report.run.detail, "the API's own words are kept for the summary and the report").toBe(
      'Claude declined this request (policy category general_harms): "This request was declined because it conflicts with Anthropic\'s Usage Policy."; no ideas were taken.',
    );
    expect(report.ideas, 'nothing taken').toEqual([]);
    expect(h.proposals(), 'nothing proposed').toEqual([]);
    expect(report.run.costUsd, 'the call still cost money: 2911×$2 + 2384 cached×$0.10 per million').toBe('0.0060604');
  });

  it('reports a cut-off answer (max_tokens) and takes no ideas, not even the ones that parse', async () => {
    const { h, report } = await runWith('message-max-tokens');
    expect(report.run.outcome, 'stop_reason max_tokens').toBe('truncated');
    expect(report.run.detail, 'says which setting to raise').toContain('RESEARCH_MAX_TOKENS');
    expect(h.proposals(), 'nothing proposed').toEqual([]);
  });

  it('drops an unknown symbol, a confidence of 3 and a missing stop, each with its reason', async () => {
    const { h, report } = await runWith('message-schema-violations');
    expect(report.run.outcome, 'the envelope was fine').toBe('ok');
    expect(report.ideas, 'no idea survived').toEqual([]);
    expect(report.run.dropped.map((d) => d.symbol), 'all three counted').toEqual(['XYZ', 'BTC/USDT', 'ETH/USDT']);
    const [unknown, confidence, stop] = report.run.dropped.map((d) => d.reason);
    expect(unknown, 'outside the universe').toBe("XYZ is not in this account's research universe");
    expect(confidence, 'names the field and the limit').toBe('invalid: confidence must be between 0 and 1');
    expect(stop, 'names the missing field').toBe('invalid: stop is missing');
    expect(h.proposals(), 'nothing reached the gates').toEqual([]);
  });

  it('goes to ANTHROPIC_BASE_URL when it is set (a gateway or a compatible server)', async () => {
    const { scope, report } = await runWith('message-structured', { ANTHROPIC_BASE_URL: 'http://gateway.internal:8080/anthropic' }, 'http://gateway.internal:8080', '/anthropic/v1/messages');
    expect(scope.isDone(), 'the gateway got the call').toBe(true);
    expect(report.run.outcome, 'and answered it').toBe('ok');
  });
});
