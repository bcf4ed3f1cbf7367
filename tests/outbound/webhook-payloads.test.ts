import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { toWebhookEvent } from '../../src/outbound/to-webhook-event.js';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_PAYLOADS, webhookJsonSchemas, type WebhookEventType } from '../../src/outbound/webhook-payloads.js';
import { webhookId } from '../../src/outbound/create-webhook-outbox.js';
import { createTestEngine } from '../helpers/test-engine.js';

describe('webhook payloads', () => {
  it('turns a proposal, its approval and its fill into payloads that match their schemas', async () => {
    const h = createTestEngine();
    const result = await h.engine.propose({ accountId: 'paper', symbol: 'BTC/USDT', side: 'buy', size: { kind: 'quantity', quantity: '0.01' }, orderType: 'market', source: 'signal:tv', confidence: 0.8, rationale: 'RSI crossed 30' });
    if (result.kind !== 'proposed') throw new Error(JSON.stringify(result));
    await h.engine.approve(result.proposal.id, { id: 1, name: 'Ann' });
    await h.tasks.drain(5_000);
    const payloads = h.events.flatMap((e) => {
      const w = toWebhookEvent(e, () => false);
      return w === undefined ? [] : [{ type: w.type, timestamp: '2026-11-20T12:00:00.000Z', data: w.data }];
    });
    expect(payloads.map((p) => p.type), 'created, decided, filled').toEqual(['proposal.created', 'proposal.decided', 'order.filled']);
    for (const p of payloads) {
      const parsed = WEBHOOK_PAYLOADS[p.type].safeParse(p);
      expect(parsed.error?.issues ?? [], `${p.type} matches its schema`).toEqual([]);
    }
    const created = payloads[0]?.data as { proposal: Record<string, unknown> };
    expect(created.proposal, 'money as decimal strings, the source and the PAPER mode').toMatchObject({ quantity: '0.01', source: 'signal:tv', mode: 'paper', symbol: 'BTC/USDT' });
    expect(typeof created.proposal.referencePrice, 'no binary floats for prices').toBe('string');
  });

  it('exports every event type as JSON Schema', () => {
    const schemas = webhookJsonSchemas() as Record<WebhookEventType, { type?: string; properties?: Record<string, unknown> }>;
    expect(Object.keys(schemas).sort(), 'one per event type').toEqual([...WEBHOOK_EVENT_TYPES].sort());
    for (const type of WEBHOOK_EVENT_TYPES) expect(Object.keys(schemas[type].properties ?? {}), `${type} has the envelope`).toEqual(['type', 'timestamp', 'data']);
  });

  it('prints the same schemas with npm run webhook-schemas', async () => {
    const root = new URL('../../', import.meta.url);
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { scripts: Record<string, string> };
    const script = pkg.scripts['webhook-schemas']?.split(' ') ?? [];
    expect(script[0], 'the npm script runs a TypeScript file with tsx').toBe('tsx');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', ...script.slice(1)], { cwd: root });
    expect(JSON.parse(stdout), 'JSON on stdout, nothing else').toEqual(webhookJsonSchemas());
  });

  it('gives an event the same webhook id for the same endpoint, a different one for another', () => {
    expect(webhookId('desk', 'proposal.created:p1'), 'stable').toBe(webhookId('desk', 'proposal.created:p1'));
    expect(webhookId('desk', 'proposal.created:p1'), 'per endpoint').not.toBe(webhookId('audit', 'proposal.created:p1'));
    expect(webhookId('desk', 'proposal.created:p1'), 'per event').not.toBe(webhookId('desk', 'proposal.decided:p1'));
  });

  it('has README examples that match their schemas', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('<!-- webhook examples'), readme.indexOf('### Incoming'));
    const examples = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1] as string) as { type: WebhookEventType });
    expect(examples.map((e) => e.type), 'the examples shown').toEqual(['proposal.created', 'proposal.decided', 'order.filled', 'alert.raised', 'ping']);
    for (const example of examples) expect(WEBHOOK_PAYLOADS[example.type].safeParse(example).error?.issues ?? [], `${example.type} example`).toEqual([]);
  });
});
