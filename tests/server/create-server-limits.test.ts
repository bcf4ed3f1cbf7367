import { afterEach, describe, expect, it } from 'vitest';
import {
  SECRET,
  SECRET_HEADER,
  WEBHOOK_PATH,
  closeHarnesses,
  rawUpdateRequest,
  sleep,
  startHarness,
  waitUntil,
} from './webhook-harness.js';
import { HEALTH_REQUEST, openConnection } from '../helpers/raw-connection.js';

afterEach(closeHarnesses);

/** Headers of an update whose 100-byte body will come slowly, or never. */
const SLOW_BODY_HEAD =
  `POST ${WEBHOOK_PATH} HTTP/1.1\r\nHost: localhost\r\n${SECRET_HEADER}: ${SECRET}\r\n` +
  'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"update_id":';

describe('request timeouts', () => {
  it('cuts a slow body sent with the right secret once the request timeout passes', async () => {
    const h = await startHarness({ requestTimeoutMs: 400 });
    const slow = await openConnection(h.port);
    slow.write(SLOW_BODY_HEAD);
    // A byte every 100 ms: always active, never done. Node's own default would wait 300 s.
    const drip = setInterval(() => slow.write(' '), 100);
    try {
      const { afterMs } = await slow.closed;
      expect(afterMs, 'not cut before the timeout').toBeGreaterThanOrEqual(390);
      // Checked every tenth of the timeout; the slack is for a busy machine. Node's default is 300 s.
      expect(afterMs, 'cut soon after it').toBeLessThan(3_000);
    } finally {
      clearInterval(drip);
    }
    expect(h.handled, 'the half-sent update never reached the bot').toEqual([]);
    // The server's side of the cut connection settles a moment after the client saw it close.
    await waitUntil(() => h.server.inFlight() === 0);
    expect(h.server.inFlight(), 'and holds nothing').toBe(0);
  });

  it('cuts a connection whose headers never end', async () => {
    const h = await startHarness({ requestTimeoutMs: 300 });
    const slow = await openConnection(h.port);
    slow.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
    const { afterMs } = await slow.closed;
    expect(afterMs, 'the header timeout holds too').toBeLessThan(3_000);
    expect(slow.received(), 'the server says why').toMatch(/^HTTP\/1\.1 408/);
  });

  it('does not count the idle time of a keep-alive connection against the next request', async () => {
    const h = await startHarness({ requestTimeoutMs: 200 });
    const conn = await openConnection(h.port);
    expect(await conn.request(rawUpdateRequest(1)), 'the first update').toMatch(/^HTTP\/1\.1 200/);
    await sleep(500);
    expect(await conn.request(rawUpdateRequest(2)), 'Telegram reuses its connection after a pause').toMatch(/^HTTP\/1\.1 200/);
    expect(h.handled, 'both updates were handled').toEqual([1, 2]);
    conn.end();
  });

  it('closes an idle keep-alive connection after the keep-alive timeout', async () => {
    const h = await startHarness({ keepAliveTimeoutMs: 200 });
    const conn = await openConnection(h.port);
    expect(await conn.request(HEALTH_REQUEST), 'one request').toMatch(/^HTTP\/1\.1 200/);
    const { afterMs, error } = await conn.closed;
    // Node waits 1 s past the timeout it advertises, so a client that trusts the header is never cut mid-send.
    expect(afterMs, 'the idle connection is let go in time').toBeLessThan(4_000);
    expect(error, 'closed, not reset').toBeUndefined();
  });
});

describe('connection cap', () => {
  it('drops connections over the cap at once and accepts again when one closes', async () => {
    const h = await startHarness({ maxConnections: 3 });
    const held = await Promise.all([1, 2, 3].map(() => openConnection(h.port)));
    // Each one answered: all three are established on the server side, not just queued.
    for (const conn of held) expect(await conn.request(HEALTH_REQUEST), 'a connection within the cap').toMatch(/^HTTP\/1\.1 200/);

    const over = await openConnection(h.port);
    const { afterMs } = await over.closed;
    expect(afterMs, 'the fourth connection is dropped straight away').toBeLessThan(1_000);
    expect(over.received(), 'without a byte of response').toBe('');

    held[0]?.end();
    await held[0]?.closed;
    await sleep(20); // The server side of the closed connection goes a moment later.
    const again = await openConnection(h.port);
    expect(await again.request(HEALTH_REQUEST), 'a freed slot is usable again').toMatch(/^HTTP\/1\.1 200/);
    for (const conn of [...held, again]) conn.end();
  });
});
