import { describe, expect, it, vi } from 'vitest';
import { createHeartbeat, HeartbeatError } from '../../src/jobs/create-heartbeat.js';
import { createTestClock } from '../helpers/test-engine.js';

const URL_WITH_KEY = 'https://hc-ping.example/0b5e-secret-key';

function setup(answer: () => Promise<Response>, method?: 'GET' | 'POST') {
  const clock = createTestClock('2026-11-20T12:00:00Z');
  const fetch = vi.fn<typeof globalThis.fetch>(answer);
  const heartbeat = createHeartbeat({ url: URL_WITH_KEY, fetch, clock: clock.now, ...(method === undefined ? {} : { method }) });
  return { heartbeat, fetch, clock };
}

describe('createHeartbeat', () => {
  it('GETs the URL and records the ping with its time and status', async () => {
    const { heartbeat, fetch } = setup(async () => new Response('OK', { status: 200 }));
    expect(await heartbeat.ping()).toEqual({ status: 200 });
    expect(fetch.mock.calls[0]?.[0]).toBe(URL_WITH_KEY);
    expect(fetch.mock.calls[0]?.[1]?.method).toBe('GET');
    expect(heartbeat.status()).toMatchObject({ configured: true, lastHttpStatus: 200 });
    expect(heartbeat.status().lastPingAt?.toISOString()).toBe('2026-11-20T12:00:00.000Z');
  });

  it('POSTs when asked to', async () => {
    const { heartbeat, fetch } = setup(async () => new Response(null, { status: 204 }), 'POST');
    await heartbeat.ping();
    expect(fetch.mock.calls[0]?.[1]).toMatchObject({ method: 'POST', body: 'ok' });
  });

  it('a non-2xx answer or a network failure throws HeartbeatError without the URL, and keeps the last good ping', async () => {
    let answer = async () => new Response('OK', { status: 200 });
    const { heartbeat, clock } = setup(() => answer());
    await heartbeat.ping();
    answer = async () => new Response('nope', { status: 503 });
    clock.advance(300_000);
    const failed = await heartbeat.ping().catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(HeartbeatError);
    expect((failed as HeartbeatError).status).toBe(503);
    expect(heartbeat.status()).toMatchObject({ lastHttpStatus: 503, lastProblem: 'HTTP 503' });
    expect(heartbeat.status().lastPingAt?.toISOString(), 'the last good ping stays').toBe('2026-11-20T12:00:00.000Z');
    answer = () => Promise.reject(new TypeError(`fetch failed: ${URL_WITH_KEY}`));
    const down = (await heartbeat.ping().catch((e: unknown) => e)) as Error;
    expect(down.message).toBe('heartbeat request could not connect');
    expect(JSON.stringify(heartbeat.status()), 'the key never lands in the status').not.toContain('secret');
  });

  it('records a withheld ping', () => {
    const { heartbeat } = setup(async () => new Response());
    heartbeat.withhold('self-check found breaker_open');
    expect(heartbeat.status()).toMatchObject({ lastProblem: 'self-check found breaker_open' });
  });

  it('without a URL it is off', async () => {
    const heartbeat = createHeartbeat({ url: undefined });
    expect(heartbeat.configured).toBe(false);
    expect(heartbeat.status()).toEqual({ configured: false });
    await expect(heartbeat.ping()).rejects.toThrow(HeartbeatError);
  });
});
