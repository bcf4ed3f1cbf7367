import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, onTestFailed } from 'vitest';
import { mulberry32, testSeed } from '../helpers/seeded-random.js';
import { waitFor } from '../helpers/wait-for.js';
import { makeTempDir } from '../store/helpers.js';
import { startWebhookReceiver } from './webhook-receiver.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EVENTS = 60;
const KILLS = 2;

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function startChild(dataDir: string, url: URL, from: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/outbound/fixtures/deliver-webhooks.ts', dataDir, url.href, String(from), String(EVENTS)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const closed = once(child, 'close');
  const published = () => Math.max(from - 1, ...[...stdout.matchAll(/^published (\d+)$/gm)].map((m) => Number(m[1])));
  return { child, closed, published, idle: () => stdout.includes('idle\n'), output: () => `${stdout}${stderr}` };
}

describe('kill -9 during delivery', () => {
  it('loses nothing: every event published before the kill reaches the receiver, in order', { timeout: 60_000 }, async () => {
    const seed = testSeed();
    console.log(`kill-during-delivery seed: ${seed} (TEST_SEED=${seed} replays the kill points)`);
    onTestFailed(() => console.log(`failed with seed ${seed}`));
    const random = mulberry32(seed);
    const dataDir = await makeTempDir();
    const receiver = await startWebhookReceiver();
    // A slow receiver keeps requests in flight, so a kill lands mid-delivery.
    receiver.answer(() => ({ status: 200, delayMs: 3 }));
    let next = 1;
    // Where each kill fell in the receiver's list of deliveries.
    const boundaries: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const run = startChild(dataDir, receiver.url, next);
      // Kill once some (a random number of) deliveries have happened in this run.
      const target = receiver.verified.length + 3 + Math.floor(random() * 15);
      await waitFor(() => receiver.verified.length >= target || run.idle(), `deliveries before kill ${kill + 1}`, 20_000);
      run.child.kill('SIGKILL');
      await run.closed;
      // A reply the receiver was still holding (3 ms) counts before the boundary.
      await new Promise((resolve) => setTimeout(resolve, 20));
      boundaries.push(receiver.verified.length);
      console.log(`kill ${kill + 1}: ${receiver.verified.length} delivered, ${run.published()} published`);
      // What was acknowledged is durable; the next run publishes the rest (a repeat of one
      // in flight has the same key, so the same webhook id).
      next = run.published() + 1;
    }
    const last = startChild(dataDir, receiver.url, next);
    await waitFor(last.idle, 'the last run to empty the outbox', 30_000);
    const ids = receiver.verified.map((d) => d.id);
    const titles = receiver.verified.map((d) => (JSON.parse(d.body) as { data: { alert: { title: string } } }).data.alert.title);
    const firstSeen = [...new Map(titles.map((t, i) => [t, i])).keys()];
    expect(new Set(titles).size, `all ${EVENTS} events arrived`).toBe(EVENTS);
    expect(firstSeen, 'first arrivals are in publish order').toEqual(Array.from({ length: EVENTS }, (_, i) => `event ${i + 1}`));
    expect(new Set(ids).size, 'one webhook id per event, redeliveries included').toBe(EVENTS);
    // At least once: the events whose completion the kill cut off before it reached the disk
    // come again, first thing after the restart, in order and with the same ids; never later.
    for (const [k, start] of boundaries.entries()) {
      const segment = ids.slice(start, boundaries[k + 1] ?? ids.length);
      const before = ids.slice(0, start);
      const replayed = segment.findIndex((id) => !before.includes(id));
      const prefix = replayed === -1 ? segment : segment.slice(0, replayed);
      expect(prefix, `after kill ${k + 1}, the redeliveries are the last ones delivered before it`).toEqual(before.slice(before.length - prefix.length));
      expect(segment.slice(prefix.length).filter((id) => before.includes(id)), `after kill ${k + 1}, no old event comes again later`).toEqual([]);
    }
    await receiver.close();
  });
});
