import { describe, expect, it } from 'vitest';
import { createConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

const WHSEC = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const endpoint = (url: string) => JSON.stringify([{ id: 'desk', url, events: ['proposal.created', 'order.filled'] }]);

function problemsOf(env: Record<string, string>): string[] {
  try {
    createConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
}

describe('SIGNAL_WEBHOOKS and INBOUND_SIGNALS', () => {
  it('reads endpoints and sources with their secrets, which the logger then scrubs', () => {
    const config = createConfig({
      SIGNAL_WEBHOOKS: endpoint('https://hooks.example.com/cs'),
      SIGNAL_WEBHOOK_DESK_SECRET: WHSEC,
      INBOUND_SIGNALS: '[{"id":"tv","account":"paper","auth":"passphrase","maxPerMinute":10}]',
      INBOUND_SIGNAL_TV_SECRET: 'correct-horse-battery',
      METRICS_TOKEN: 'mK2v9Qx4Lr7Tz1Pw',
      HTTP_PORT: '8090',
    });
    expect(config.signals.endpoints.map((e) => [e.id, e.url.href, e.events]), 'the endpoint').toEqual([['desk', 'https://hooks.example.com/cs', ['proposal.created', 'order.filled']]]);
    expect(config.signals.sources[0], 'the source, with defaults').toMatchObject({ id: 'tv', account: 'paper', auth: 'passphrase', maxPerMinute: 10, confidence: 0.7 });
    expect(config.signals.retry, 'the documented retry defaults').toEqual({ baseMs: 5_000, maxDelayMs: 3_600_000, retryForMs: 86_400_000, pauseAfter: 5 });
    expect(config.http.port, 'HTTP_PORT').toBe(8090);
    expect(config.secrets, 'every secret is scrubbed from logs').toEqual(expect.arrayContaining([WHSEC, 'correct-horse-battery', 'mK2v9Qx4Lr7Tz1Pw']));
  });

  it('is empty by default', () => {
    const config = createConfig({});
    expect([config.signals.endpoints.length, config.signals.sources.length, config.http.port, config.metricsToken], 'nothing set').toEqual([0, 0, undefined, undefined]);
  });

  it.each([
    ['http:// without ALLOW_INSECURE_WEBHOOKS', { SIGNAL_WEBHOOKS: endpoint('http://hooks.example.com/cs'), SIGNAL_WEBHOOK_DESK_SECRET: WHSEC }, 'url must be https://'],
    ['a loopback address', { SIGNAL_WEBHOOKS: endpoint('https://127.0.0.1/cs'), SIGNAL_WEBHOOK_DESK_SECRET: WHSEC }, '127.0.0.1 is a loopback or private address'],
    ['localhost', { SIGNAL_WEBHOOKS: endpoint('https://localhost:9000/cs'), SIGNAL_WEBHOOK_DESK_SECRET: WHSEC }, 'localhost is a loopback or private address'],
    ['a private address', { SIGNAL_WEBHOOKS: endpoint('https://192.168.1.20/cs'), SIGNAL_WEBHOOK_DESK_SECRET: WHSEC }, 'loopback or private address'],
    ['a missing secret', { SIGNAL_WEBHOOKS: endpoint('https://hooks.example.com/cs') }, 'SIGNAL_WEBHOOK_DESK_SECRET: is required'],
    ['a secret that is not whsec_', { SIGNAL_WEBHOOKS: endpoint('https://hooks.example.com/cs'), SIGNAL_WEBHOOK_DESK_SECRET: 'hunter2' }, 'SIGNAL_WEBHOOK_DESK_SECRET: is not valid'],
    ['an unknown event', { SIGNAL_WEBHOOKS: '[{"id":"desk","url":"https://x.example.com","events":["trade.done"]}]', SIGNAL_WEBHOOK_DESK_SECRET: WHSEC }, 'events must be among'],
    ['bad JSON', { SIGNAL_WEBHOOKS: '[{' }, 'SIGNAL_WEBHOOKS: is not valid JSON'],
    ['an unknown account', { INBOUND_SIGNALS: '[{"id":"tv","account":"nope","auth":"passphrase"}]', INBOUND_SIGNAL_TV_SECRET: 'correct-horse-battery' }, 'names account "nope", which is not in ACCOUNTS'],
    ['a short passphrase', { INBOUND_SIGNALS: '[{"id":"tv","account":"paper","auth":"passphrase"}]', INBOUND_SIGNAL_TV_SECRET: 'short' }, 'INBOUND_SIGNAL_TV_SECRET: is too short'],
    ['a standard-webhooks source without a whsec_ secret', { INBOUND_SIGNALS: '[{"id":"bot","account":"paper","auth":"standard-webhooks"}]', INBOUND_SIGNAL_BOT_SECRET: 'correct-horse-battery' }, 'INBOUND_SIGNAL_BOT_SECRET: is not valid'],
    ['an unknown auth', { INBOUND_SIGNALS: '[{"id":"tv","account":"paper","auth":"hmac"}]' }, 'auth must be "passphrase" or "standard-webhooks"'],
  ])('refuses %s, naming the variable and the fix', (_, env, says) => {
    const problems = problemsOf(env);
    expect(problems.join('\n'), 'the problem is named').toContain(says);
  });

  it('allows http:// and loopback with ALLOW_INSECURE_WEBHOOKS=yes', () => {
    const config = createConfig({ SIGNAL_WEBHOOKS: endpoint('http://127.0.0.1:9000/cs'), SIGNAL_WEBHOOK_DESK_SECRET: WHSEC, ALLOW_INSECURE_WEBHOOKS: 'yes' });
    expect(config.signals.allowInsecure, 'allowed').toBe(true);
  });
});
