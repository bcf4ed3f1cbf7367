import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, onTestFailed } from 'vitest';
import { createMetaRepository } from '../../src/store/meta-repository.js';
import { openStore } from '../../src/store/open-store.js';
import { mulberry32, nextSeed, testSeed } from '../helpers/seeded-random.js';
import { makeTempDir, spawnFixture, waitForChild, type ChildResult } from './helpers.js';

const ROUNDS = 15;
/** Writers loading in the background while one runs: Node + tsx start-up dominates a round. */
const WRITERS_AHEAD = 3;
/** Every kill point and every writer's batch sizes come from this seed; TEST_SEED replays a run. */
const SEED = testSeed();
const REPLAY = `seed ${SEED}: TEST_SEED=${SEED} npx vitest run tests/store/killed-writer.test.ts replays it`;
const random = mulberry32(SEED);

interface Writer {
  child: ChildProcess;
  /** Loaded and waiting for `go` on stdin. */
  ready: Promise<void>;
  firstAck: Promise<void>;
  done: Promise<ChildResult>;
}

function startWriter(dataDir: string): Writer {
  const child = spawnFixture('killed-writer.ts', [dataDir, String(nextSeed(random))], { stdin: 'pipe' });
  const done = waitForChild(child);
  const ready = waitForOutput(child, /^ready$/m, done);
  const firstAck = waitForOutput(child, /^ack \d+$/m, done);
  // Writers killed at clean-up never get here; their rejections are expected.
  ready.catch(() => undefined);
  firstAck.catch(() => undefined);
  return { child, ready, firstAck, done };
}

/** Resolves when stdout matches `pattern`; rejects if the child ends first. */
function waitForOutput(child: ChildProcess, pattern: RegExp, done: Promise<ChildResult>): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: string): void => {
      seen += chunk;
      if (!pattern.test(seen)) return;
      child.stdout?.off('data', onData);
      resolve();
    };
    child.stdout?.on('data', onData);
    void done.then((r) => reject(new Error(`writer ended (${r.code ?? r.signal}) before ${pattern}: ${r.stderr}`)));
  });
}

function getLastAck(stdout: string): number {
  const acks = [...stdout.matchAll(/^ack (\d+)$/gm)].map((match) => Number(match[1]));
  return Math.max(...acks);
}

async function killAtRandom(writer: Writer, delayMs: number): Promise<ChildResult> {
  await writer.ready;
  writer.child.stdin?.write('go\n');
  await writer.firstAck;
  await sleep(delayMs);
  writer.child.kill('SIGKILL');
  return writer.done;
}

async function loadStartCount(dataDir: string): Promise<number> {
  // The dead writer's lock is stale and its temp files are leftovers: neither may matter.
  const store = await openStore({ dataDir });
  try {
    return createMetaRepository(store).get().startCount;
  } finally {
    await store.close();
  }
}

describe('crash safety', () => {
  it(
    `loses no acknowledged write when the writer is SIGKILLed at random, ${ROUNDS} times`,
    async () => {
      onTestFailed(() => console.error(`killed-writer failed with ${REPLAY}`));
      const dataDir = await makeTempDir();
      const pending = Array.from({ length: Math.min(WRITERS_AHEAD, ROUNDS) }, () => startWriter(dataDir));
      try {
        for (let round = 1; round <= ROUNDS; round += 1) {
          const writer = pending.shift();
          if (writer === undefined) throw new Error('no writer left');
          if (round + pending.length < ROUNDS) pending.push(startWriter(dataDir));

          // Somewhere between right away and a few dozen writes later. The OS still decides
          // exactly which write the kill lands in: a replay repeats the plan, not the timing.
          const { signal, stdout, stderr } = await killAtRandom(writer, random() * 60);
          expect(signal, `round ${round}: the writer was killed, not crashed (${stderr.trim()}); ${REPLAY}`).toBe('SIGKILL');
          const lastAck = getLastAck(stdout);
          const loaded = await loadStartCount(dataDir);
          expect(loaded, `round ${round}: acked ${lastAck} but loaded ${loaded}; ${REPLAY}`).toBeGreaterThanOrEqual(lastAck);
        }
      } finally {
        for (const writer of pending) writer.child.kill('SIGKILL');
        await Promise.all(pending.map((writer) => writer.done));
      }
    },
    40_000,
  );
});
