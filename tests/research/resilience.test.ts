import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { breakerAlert, eventAlert } from '../../src/alerts/alert-table.js';
import type { BreakerChange } from '../../src/resilience/create-dependency-health.js';
import type { ResearchProblem } from '../../src/engine/research/research-problem.js';

const alertOf = (problem: ResearchProblem) => eventAlert({ type: 'research_problem', problem });
import { ANTHROPIC, anthropicFixture, createResearchHarness } from './research-harness.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

const messages = () => nock(ANTHROPIC).post('/v1/messages');

async function run(h: Awaited<ReturnType<typeof createResearchHarness>>) {
  const result = await h.research.run({ accountId: 'paper', trigger: 'manual' });
  if (result.kind !== 'done') throw new Error(result.kind);
  return result.report;
}

describe('Claude failing: the SDK retries what may pass, nothing else', () => {
  it('waits out a 429 for its retry-after, then succeeds', async () => {
    const h = await createResearchHarness();
    const retryCounts: string[] = [];
    messages().reply(function () {
      retryCounts.push(String(this.req.headers['x-stainless-retry-count']));
      return [429, anthropicFixture('error-rate-limit'), { 'retry-after': '0.4' }];
    });
    messages().reply(function () {
      retryCounts.push(String(this.req.headers['x-stainless-retry-count']));
      return [200, anthropicFixture('message-structured')];
    });
    const started = Date.now();
    const report = await run(h);
    expect(Date.now() - started, 'the 0.4 s the API asked for was waited').toBeGreaterThanOrEqual(380);
    expect(retryCounts, 'the second attempt is the SDK retry').toEqual(['0', '1']);
    expect(report.run.outcome, 'the retry succeeded').toBe('ok');
  });

  it('retries a 529 overloaded', async () => {
    const h = await createResearchHarness();
    messages().reply(529, anthropicFixture('error-overloaded'));
    messages().reply(200, anthropicFixture('message-structured'));
    expect((await run(h)).run.outcome, 'the second attempt answered').toBe('ok');
    expect(nock.isDone(), 'both replies used').toBe(true);
  });

  it('gives up on a 500 after the SDK\'s two retries and records a failed run with no ideas', async () => {
    const h = await createResearchHarness();
    const scope = messages().times(3).reply(500, anthropicFixture('error-api'));
    const report = await run(h);
    expect(scope.isDone(), 'one attempt and two retries').toBe(true);
    expect(report.run.outcome, 'failed').toBe('failed');
    expect(report.run.detail, 'in words a trader reads').toBe('Claude did not answer after the retries (500 api_error); try again later.');
    expect(h.proposals(), 'nothing proposed').toEqual([]);
    expect(h.problems(), 'a transient failure alone raises no alert').toEqual([]);
  });

  it('opens the claude breaker after three failed calls: the fourth run sends nothing, /health shows it, and its alert is a WARNING', async () => {
    const h = await createResearchHarness({ maxRetries: 0 });
    const changes: BreakerChange[] = [];
    h.dependencies.onBreakerChange((change) => changes.push(change));
    const scope = messages().times(3).reply(500, anthropicFixture('error-api'));
    for (let i = 0; i < 3; i++) await run(h);
    expect(scope.isDone(), 'three calls went out').toBe(true);
    const fourth = await run(h);
    expect(fourth.run.detail, 'paused, without calling').toBe('Claude failed three times in a row, so calls to it are paused for half a minute; run research again after that.');
    expect(h.dependencies.snapshot().map((d) => [d.name, d.kind, d.state]), '/health lists it').toEqual([['claude', 'research', 'open']]);
    const alerts = changes.map((change) => breakerAlert(change));
    expect(alerts.map((a) => [a?.type, a?.severity, a?.title]), 'the breaker alert, through the table, once').toEqual([['breaker_open', 'WARNING', 'Claude (research) is failing: calls paused']]);
    expect(alerts[0]?.body, 'says what stops and what does not').toContain('Research runs stop at once and say so; scans and trading go on.');
    expect(h.problems(), 'no research alert of its own besides').toEqual([]);
  });

  it('never retries a 400 for a low credit balance, and raises one HIGH alert that says what to do', async () => {
    const h = await createResearchHarness();
    const scope = messages().once().reply(400, anthropicFixture('error-credit-balance'));
    const report = await run(h);
    expect(scope.isDone() && nock.pendingMocks().length === 0, 'exactly one request').toBe(true);
    expect(report.run.outcome, 'failed').toBe('failed');
    const problems = h.problems();
    expect(problems.map((p) => p.kind), 'recognised as billing').toEqual(['billing']);
    const alert = alertOf(problems[0] ?? { kind: 'billing', detail: '' });
    expect(alert?.severity, 'a person must act').toBe('HIGH');
    expect(alert?.body, 'says what to do').toContain('Add credits or raise the spend limit at console.anthropic.com');
  });

  it('takes a 400 for a spend limit you set as billing: not retried, one HIGH alert with the date the API names', async () => {
    const h = await createResearchHarness();
    const scope = messages().once().reply(400, anthropicFixture('error-spend-limit'));
    await run(h);
    expect(scope.isDone() && nock.pendingMocks().length === 0, 'exactly one request').toBe(true);
    const [problem] = h.problems();
    expect([problem?.kind, alertOf(problem ?? { kind: 'billing', detail: '' })?.severity], 'billing, HIGH').toEqual(['billing', 'HIGH']);
    expect(problem?.detail, 'when access comes back, in the API\'s words').toContain('You will regain access on 2027-01-01 at 00:00 UTC.');
  });

  it("takes the 429 of the API tier's monthly cap as billing and never retries it, whatever the SDK does with other 429s", async () => {
    const h = await createResearchHarness();
    let calls = 0;
    messages()
      .times(3)
      .reply(() => {
        calls += 1;
        return [429, anthropicFixture('error-monthly-cap')];
      });
    const report = await run(h);
    expect(calls, 'one request: a retry cannot pass before the month ends').toBe(1);
    expect(report.run.detail, 'says the account cannot pay, not that Claude is busy').toMatch(/^Claude refused: the Anthropic account cannot pay \(You have reached your API usage limits/);
    expect(h.problems().map((p) => [p.kind, alertOf(p)?.severity]), 'one HIGH alert').toEqual([['billing', 'HIGH']]);
    expect(h.dependencies.snapshot()[0]?.state, 'a refusal is no outage: the breaker stays closed').toBe('closed');
  });

  it('never retries a 401, and tells the owner to fix the key', async () => {
    const h = await createResearchHarness();
    messages().once().reply(401, anthropicFixture('error-authentication'));
    const report = await run(h);
    expect(report.run.outcome, 'failed').toBe('failed');
    expect(h.problems().map((p) => [p.kind, alertOf(p)?.severity]), 'HIGH').toEqual([['authentication', 'HIGH']]);
    expect(h.problems()[0]?.detail, 'what to do').toContain('Set a valid key');
  });

  it('never retries a 403', async () => {
    const h = await createResearchHarness();
    messages().once().reply(403, anthropicFixture('error-permission'));
    await run(h);
    expect(h.problems().map((p) => p.kind), 'permission').toEqual(['permission']);
  });
});
