import { describe, expect, it } from 'vitest';
import type { DeliveryResult } from '../../src/outbound/classify-response.js';
import type { EndpointStatus } from '../../src/outbound/create-webhook-outbox.js';
import type { SignalsPanel } from '../../src/signals/signals-panel.js';
import { createTestBot, OWNER, VIEWER } from '../helpers/test-bot.js';
import { textUpdate } from '../helpers/updates.js';

const desk: EndpointStatus = {
  id: 'desk',
  host: 'hooks.example.com',
  events: ['proposal.created', 'order.filled'],
  waiting: 3,
  oldestAt: '2026-11-20T11:50:00.000Z',
  nextAttemptAt: '2026-11-20T12:05:00.000Z',
  lastError: 'answered 503',
  paused: { at: '2026-11-20T11:58:00.000Z', reason: '5 events in a row failed' },
  lastSuccess: { at: '2026-11-20T11:40:00.000Z', eventId: 'msg_a', type: 'proposal.created', detail: '204 in 35 ms' },
  lastFailure: { at: '2026-11-20T11:58:00.000Z', eventId: 'msg_b', type: 'order.filled', detail: 'refused with 410' },
  counts: { delivered: 12, retried: 4, refused: 5, exhausted: 0 },
};

function createPanel(ping: DeliveryResult = { kind: 'delivered', status: 200, ms: 42 }) {
  const resumed: string[] = [];
  const panel: SignalsPanel = {
    endpoints: () => [desk],
    sources: () => [
      {
        id: 'tv',
        account: 'paper',
        auth: 'passphrase',
        stats: {
          counts: { proposed: 2, unauthorized: 1 },
          lastAccepted: { at: '2026-11-20T11:30:00.000Z', result: 'proposed', detail: 'p123' },
          lastRefused: { at: '2026-11-20T11:31:00.000Z', result: 'unauthorized', detail: '401 passphrase: missing or wrong passphrase' },
        },
      },
    ],
    test: async (id) => (id === 'desk' ? ping : undefined),
    resume: async (id) => {
      resumed.push(id);
      return 'resumed';
    },
  };
  return { panel, resumed };
}

describe('/webhooks', () => {
  it('shows each endpoint and source: backlog, last success and last failure, with the PAPER badge', async () => {
    const h = createTestBot({}, { signals: createPanel().panel });
    const { text } = await h.say('/webhooks');
    expect(text, 'the badge').toContain('📄 <b>PAPER</b> · <b>Webhooks</b>');
    expect(text, 'the endpoint and what it gets').toContain('<b>desk</b> → hooks.example.com · proposal.created, order.filled');
    expect(text, 'paused, and how to resume').toContain('paused since Fri, Nov 20, 11:58 UTC: 5 events in a row failed; events wait until /webhooks resume desk');
    expect(text, 'the backlog').toContain('backlog: 3 waiting, oldest from Fri, Nov 20, 11:50 UTC; next try Fri, Nov 20, 12:05 UTC (last: answered 503)');
    expect(text, 'last success').toContain('last success: Fri, Nov 20, 11:40 UTC, proposal.created, 204 in 35 ms');
    expect(text, 'last failure').toContain('last failure: Fri, Nov 20, 11:58 UTC, order.filled: refused with 410');
    expect(text, 'the source').toContain('<b>tv</b> → account paper · passphrase · POST /signals/tv');
    expect(text, 'its counts').toContain('since start: 2 accepted, 1 refused');
    expect(text, 'its last refusal').toContain('last failure: Fri, Nov 20, 11:31 UTC, 401 passphrase: missing or wrong passphrase');
    expect(text, 'no leftovers').not.toMatch(/undefined|NaN|\[object/);
  });

  it('says how to set things up when nothing is configured', async () => {
    const h = createTestBot();
    const { text } = await h.say('/webhooks');
    expect(text, 'the hint').toContain('No endpoints (SIGNAL_WEBHOOKS) and no signal sources (INBOUND_SIGNALS) are set');
  });

  it('sends a test event and reports the answer as its own message', async () => {
    const h = createTestBot({}, { signals: createPanel().panel });
    const { texts } = await h.say('/webhooks test desk');
    expect(texts, 'answered at once, then the result').toEqual(['📄 <b>PAPER</b> · Sending a test event to <b>desk</b>…', '📄 <b>PAPER</b> · Test event to <b>desk</b>: ✅ accepted (200 in 42 ms).']);
  });

  it('reports a refused test event with what to do', async () => {
    const h = createTestBot({}, { signals: createPanel({ kind: 'refused', status: 401, reason: 'refused with 401', ms: 12 }).panel });
    const { text } = await h.say('/webhooks test desk');
    expect(text, 'the refusal and the fix').toBe('📄 <b>PAPER</b> · Test event to <b>desk</b>: ❌ refused with 401. Events it refuses like this are dropped with a HIGH alert: fix the receiver or the URL.');
  });

  it('resumes a paused endpoint, and names the endpoints when the id is wrong', async () => {
    const { panel, resumed } = createPanel();
    const h = createTestBot({}, { signals: panel });
    expect((await h.say('/webhooks resume desk')).text, 'resumed').toBe('📄 <b>PAPER</b> · <b>desk</b> resumed: 3 waiting events go out now, in order.');
    expect(resumed, 'the panel was asked').toEqual(['desk']);
    expect((await h.say('/webhooks resume nope')).text, 'unknown').toBe('Unknown endpoint "nope". Endpoints: desk.');
    expect((await h.say('/webhooks ping desk')).text, 'unknown action').toBe('Unknown action "ping". Use /webhooks, /webhooks test ID or /webhooks resume ID.');
  });

  it('sends one test event and resumes once when Telegram redelivers the update', async () => {
    const { panel, resumed } = createPanel();
    let pings = 0;
    const h = createTestBot({}, { signals: { ...panel, test: async (id) => (pings++, panel.test(id)) } });
    for (const text of ['/webhooks test desk', '/webhooks resume desk']) {
      const update = textUpdate(OWNER, text);
      await h.send(update);
      expect((await h.send(update)).calls, `a redelivered ${text} does nothing`).toEqual([]);
    }
    expect([pings, resumed], 'one ping, one resume').toEqual([1, ['desk']]);
    expect((await h.say('/webhooks')).text, 'showing the panel is not recorded, so it always answers').toContain('<b>Webhooks</b>');
  });

  it('is for owners only', async () => {
    const { panel, resumed } = createPanel();
    const h = createTestBot({}, { signals: panel });
    const { text } = await h.say('/webhooks resume desk', VIEWER);
    expect(text, 'refused').toMatch(/owner/);
    expect(resumed, 'nothing resumed').toEqual([]);
  });
});
