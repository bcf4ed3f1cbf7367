import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from '../../src/store/data-dir-lock.js';
import { HEALTH_REQUEST, openConnection } from '../helpers/raw-connection.js';
import { WEBHOOK_MAX_CONNECTIONS, rawUpdate, startWebhookBot } from '../helpers/webhook-bot-process.js';
import { waitFor } from '../helpers/wait-for.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Polls with new connections until one is refused (ECONNREFUSED); false if none is in time. */
async function refusedWithin(port: number, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    const refused = await openConnection(port).then(
      (conn) => {
        conn.end();
        return false;
      },
      (error: NodeJS.ErrnoException) => error.code === 'ECONNREFUSED',
    );
    if (refused) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

describe('webhook mode, through the real entry point: connection cap and shutdown', () => {
  it('caps connections at WEBHOOK_MAX_CONNECTIONS + 10, and on SIGTERM finishes the updates in flight while refusing new work', async () => {
    // Every answer takes 5 s, so the updates are still being handled when SIGTERM comes.
    const bot = await startWebhookBot({ sendMessage: { delayMs: 5_000 } });
    cleanups.push(bot.close);
    const { api, port, dataDir, main } = bot;

    const cap = WEBHOOK_MAX_CONNECTIONS + 10;
    const held = await Promise.all(Array.from({ length: cap }, () => openConnection(port)));
    for (const conn of held) expect(await conn.request(HEALTH_REQUEST), `within the cap (${cap})`).toMatch(/^HTTP\/1\.1 200/);
    const over = await openConnection(port);
    const dropped = await Promise.race([over.closed.then(() => true), new Promise<false>((r) => setTimeout(r, 1_000, false))]);
    expect(dropped, 'one connection more is dropped at once').toBe(true);
    expect(over.received(), 'without an answer').toBe('');
    const [probe, ...busy] = held;
    for (const conn of busy.slice(3)) conn.end();

    const inFlight = busy.slice(0, 3).map((conn, i) => conn.request(rawUpdate(9_000 + i, '/status')));
    await waitFor(() => api.calls.filter((c) => c.method === 'sendMessage').length === 3, `the three handlers to be running; output:\n${main.output()}`);
    const signalledAt = performance.now();
    main.child.kill('SIGTERM');
    // The listener closes first thing on SIGTERM: new connections are refused from then on.
    await expect(refusedWithin(port, 4_000), 'new connections are refused').resolves.toBe(true);

    const health = await probe?.request(HEALTH_REQUEST);
    expect(health, 'a probe on a connection still open hears 503, not a reset').toMatch(/^HTTP\/1\.1 503/);
    expect(health, 'saying why').toContain('"status":"stopping"');
    for (const response of await Promise.all(inFlight)) {
      expect(response, 'each update in flight is answered 200 once handled').toMatch(/^HTTP\/1\.1 200/);
    }
    expect(await main.exited, `exit code; output:\n${main.output()}`).toBe(0);
    expect(performance.now() - signalledAt, 'within the 10 s budget').toBeLessThan(10_000);
    expect(existsSync(join(dataDir, LOCK_FILE_NAME)), 'the data directory is released').toBe(false);
  });
});
