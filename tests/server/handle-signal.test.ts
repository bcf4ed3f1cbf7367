import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { APPROVER, OWNER, type TestBotOptions } from '../helpers/test-bot.js';
import { createTestClock } from '../helpers/test-engine.js';
import { VenueUnavailableError } from '../../src/errors.js';
import { PASSPHRASE, STANDARD_SECRET, startSignalHarness } from './signal-harness.js';

type Harness = Awaited<ReturnType<typeof startSignalHarness>>;
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function setUp(sources?: string, options?: TestBotOptions): Promise<Harness> {
  harness = await startSignalHarness(sources, options);
  return harness;
}

/** Proposals and decisions: what a refused signal must leave exactly as it was. */
const created = (h: Harness) => ({ proposals: h.engine.listProposals().length, decisions: h.decisions.entries.length });

describe('POST /signals/<id>: a TradingView-style signal', () => {
  it('becomes one proposal through every gate, and its card reaches the approvers; nothing trades', async () => {
    const h = await setUp();
    const res = await h.signal({ id: 'tv-1', text: 'RSI crossed 30 on 1h', stop: 60000, target: '80000' });
    await h.settle();
    expect(res.status, 'created').toBe(201);
    expect(res.json, 'names the proposal and PAPER').toMatchObject({ ok: true, status: 'proposed', mode: 'paper' });
    const [proposal] = h.engine.listProposals();
    expect(proposal, 'pending, from the source, with its levels').toMatchObject({ id: res.json.proposal, state: 'pending', source: 'signal:tv', rationale: 'RSI crossed 30 on 1h', stopPrice: '60000', targetPrice: '80000' });
    expect(proposal?.gateTrace.passed, 'every gate ran and passed').toBe(true);
    const cards = h.calls.filter((c) => c.method === 'sendMessage');
    expect(cards.map((c) => c.payload.chat_id).sort(), 'one card per approver').toEqual([OWNER, APPROVER].sort());
    expect(String(cards[0]?.payload.text), 'the card says PAPER and where it came from').toMatch(/PAPER[\s\S]*source signal:tv/);
    expect(await h.engine.listOrders(), 'a signal never trades by itself').toEqual([]);
  });

  it("accepts the README's TradingView message once TradingView filled in its placeholders", async () => {
    // A stock, so on a Friday at 10:00 New York time: the market_open gate would block it otherwise.
    const h = await setUp(undefined, { engine: { clock: createTestClock('2026-11-20T15:00:00Z') } });
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const template = /Paste this as the \*\*Message\*\*[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const filled: Record<string, string> = { 'strategy.order.id': 'Long', timenow: '2026-11-20T15:00:00Z', ticker: 'AAPL', 'strategy.order.action': 'buy', 'strategy.order.contracts': '3', 'strategy.order.comment': 'Breakout', interval: '60', close: '189.42' };
    const body = template.replace('paste INBOUND_SIGNAL_TV_SECRET here', PASSPHRASE).replace(/\{\{([^}]+)\}\}/g, (_, name: string) => filled[name] ?? `?${name}`);
    expect(body, 'every placeholder is one TradingView fills in').not.toContain('?');
    const res = await h.post('/signals/tv', body);
    expect([res.status, res.json.status], 'proposed').toEqual([201, 'proposed']);
    expect(h.engine.listProposals()[0], 'as TradingView described it').toMatchObject({ symbol: 'AAPL', side: 'buy', size: { kind: 'quantity', quantity: '3' }, rationale: 'Breakout on 60 at 189.42' });
  });

  it('makes one proposal of a repeated id, also when the repeats arrive at once', async () => {
    const h = await setUp('[{"id":"tv","account":"paper","auth":"passphrase","maxPerMinute":100}]');
    const answers = await Promise.all(Array.from({ length: 5 }, () => h.signal({ id: 'same' })));
    const again = await h.signal({ id: 'same' });
    expect(answers.map((a) => a.status).sort(), 'one created, the rest told it is a repeat').toEqual([200, 200, 200, 200, 201]);
    expect(again.json, 'a later repeat names the first proposal').toMatchObject({ status: 'duplicate', proposal: answers.find((a) => a.status === 201)?.json.proposal });
    expect(h.engine.listProposals().length, 'one proposal').toBe(1);
  });

  it('reports a signal a gate blocks, records the decision and sends no card', async () => {
    const h = await setUp();
    const res = await h.signal({ confidence: 0.1 });
    await h.settle();
    expect(res.json, 'blocked, by which gate').toMatchObject({ ok: true, status: 'blocked', gate: 'min_confidence' });
    expect(h.decisions.entries.map((d) => d.outcome), 'in the decision log').toEqual(['blocked']);
    expect(h.calls.filter((c) => c.method === 'sendMessage'), 'no card').toEqual([]);
  });
});

describe('POST /signals/<id>: refusals name the problem and create nothing', () => {
  it.each([
    ['a wrong passphrase', { passphrase: 'nope' }, 401, 'passphrase'],
    ['no passphrase', { passphrase: undefined }, 401, 'passphrase'],
    ['no symbol', { symbol: undefined }, 400, 'symbol'],
    ['a side that is not buy or sell', { side: 'hold' }, 400, 'side'],
    ['neither quantity nor notional', { quantity: undefined }, 400, 'quantity'],
    ['both quantity and notional', { notional: '500' }, 400, 'quantity'],
    ['a negative quantity', { quantity: -1 }, 400, 'quantity'],
    ['confidence above 1', { confidence: 75 }, 400, 'confidence'],
    ['an unknown symbol', { symbol: 'NOPE' }, 422, 'symbol'],
  ])('%s: %i naming %s', async (_, fields, status, field) => {
    const h = await setUp();
    const before = created(h);
    const res = await h.signal(fields);
    expect(res.status, 'the status').toBe(status);
    expect(res.json, 'names the field').toMatchObject({ ok: false, field });
    expect(typeof res.json.message, 'and says what to fix').toBe('string');
    expect(created(h), 'nothing created').toEqual(before);
  });

  it('answers 503 with Retry-After while the venue cannot be reached, and the same id goes through once it can', async () => {
    let down = true;
    const h = await setUp(undefined, {
      engine: {
        runtimes: (built) => {
          const paper = built.get('paper');
          if (paper === undefined) throw new Error('no paper account');
          const broker = { ...paper.broker, getAccount: () => (down ? Promise.reject(new VenueUnavailableError('paper', 'connect ECONNREFUSED')) : paper.broker.getAccount()) };
          return new Map([['paper', { ...paper, broker }]]);
        },
      },
    });
    const before = created(h);
    const refused = await h.signal({ id: 'while-down' });
    expect([refused.status, refused.headers.get('retry-after'), refused.json.error], 'a 503 the sender may retry').toEqual([503, '60', 'venue_unreachable']);
    expect(refused.json.message, 'says what failed and that nothing happened').toMatch(/^paper is unreachable \(.*\); nothing was created/);
    expect(created(h), 'nothing created').toEqual(before);
    down = false;
    const resent = await h.signal({ id: 'while-down' });
    expect([resent.status, resent.json.status], 'the id was not remembered: the resend is proposed').toEqual([201, 'proposed']);
  });

  it('answers malformed JSON with 400, an oversized body with 413, a stranger path with 404', async () => {
    const h = await setUp();
    const before = created(h);
    const malformed = await h.post('/signals/tv', '{"passphrase":');
    expect([malformed.status, malformed.json.error], 'malformed').toEqual([400, 'malformed_json']);
    const huge = await h.post('/signals/tv', JSON.stringify({ passphrase: PASSPHRASE, text: 'x'.repeat(70 * 1024) }));
    expect([huge.status, huge.json.error], 'over 64 KiB').toEqual([413, 'payload_too_large']);
    const unknown = await h.post('/signals/nobody', '{}');
    expect([unknown.status, unknown.json.error], 'unknown source').toEqual([404, 'unknown_source']);
    const get = await fetch(`${h.base}/signals/tv`);
    expect(get.status, 'only POST').toBe(405);
    expect(created(h), 'nothing created').toEqual(before);
  });

  it('rate-limits a flood per source with 429 and Retry-After', async () => {
    const h = await setUp();
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push(await h.signal({ id: `flood-${i}` }));
    expect(answers.map((a) => a.status), 'the first 5 in the minute, then 429').toEqual([...Array(5).fill(201), ...Array(7).fill(429)]);
    expect(Number(answers[5]?.headers.get('retry-after')), 'says when to come back').toBeGreaterThan(0);
    expect(h.engine.listProposals().length, 'only the accepted ones became proposals').toBe(5);
    const stranger = await h.signal({ passphrase: 'nope' });
    expect(stranger.status, 'a wrong passphrase still gets 401, not 429: strangers cannot use up the quota').toBe(401);
  });
});

describe('POST /signals/<id> with a Standard Webhooks signature', () => {
  const sign = (body: string, id = 'msg_1', at = new Date()) => ({ 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(STANDARD_SECRET).sign(id, at, body) });
  const body = JSON.stringify({ id: 'algo-1', symbol: 'ETH/USDT', side: 'buy', notional: 250 });

  it('accepts a correctly signed signal', async () => {
    const h = await setUp();
    const res = await h.post('/signals/algo', body, sign(body));
    expect(res.status, 'created').toBe(201);
    expect(h.engine.listProposals()[0], 'the proposal').toMatchObject({ source: 'signal:algo', side: 'buy', size: { kind: 'notional', notional: '250' } });
  });

  it.each([
    ['a tampered body', (b: string) => ({ body: b.replace('250', '2500'), headers: sign(b) })],
    ['no signature', (b: string) => ({ body: b, headers: {} })],
    ['a signature older than 5 minutes', (b: string) => ({ body: b, headers: sign(b, 'msg_1', new Date(Date.now() - 6 * 60_000)) })],
    ['another secret', (b: string) => ({ body: b, headers: { ...sign(b), 'webhook-signature': new Webhook(`whsec_${Buffer.from('another-secret-another-secret-32').toString('base64')}`).sign('msg_1', new Date(), b) } })],
  ])('refuses %s with 401', async (_, make) => {
    const h = await setUp();
    const { body: sent, headers } = make(body);
    const res = await h.post('/signals/algo', sent, headers);
    expect([res.status, res.json.error], 'unauthorized').toEqual([401, 'unauthorized']);
    expect(h.engine.listProposals(), 'nothing created').toEqual([]);
  });
});
