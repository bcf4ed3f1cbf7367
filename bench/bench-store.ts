import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createConfig } from '../src/config.js';
import { createTradingEngine } from '../src/create-trading-engine.js';
import { createTaskTracker } from '../src/engine/index.js';
import { openStore, type Store } from '../src/store/open-store.js';
import { createTradingRepository } from '../src/store/trading-repository.js';
import { makeProposal } from '../tests/engine/gates/gate-fixtures.js';
import { writeHistoryFixture } from './history-fixture.js';
import { median, percentile, report, timeEach } from './measure.js';
import { measureStatusThroughput } from './webhook-throughput.js';

const SIZES = [0, 10_000, 100_000];
const WRITES = 1_000;

/**
 * The store as it ages: write latency, /status throughput and the windowed reads of
 * /stats and /pnl with 0, 10k and 100k settled proposals (each with its filled order) in
 * the history, all in one run so the figures compare on the same machine state.
 */
export async function benchStore(): Promise<void> {
  const now = new Date();
  const dirs = new Map<number, string>();
  for (const size of SIZES) {
    const dir = await mkdtemp(path.join(os.tmpdir(), `countersign-bench-store-${size}-`));
    await writeHistoryFixture(dir, size, now);
    dirs.set(size, dir);
  }
  try {
    const p99 = new Map<number, number>();
    for (const size of SIZES) {
      const started = process.hrtime.bigint();
      const store = await openStore({ dataDir: dirs.get(size) as string });
      const openMs = Number(process.hrtime.bigint() - started) / 1e6;
      const samples = await measureWrites(store);
      await store.close();
      p99.set(size, percentile(samples, 99));
      report(`store open with ${size.toLocaleString('en-US')} settled proposals and orders (index rebuilt)`, openMs, 'ms', 'informational', 0);
      report(`store write with ${size.toLocaleString('en-US')} in history, p50`, percentile(samples, 50), 'ms', 'informational');
      report(`store write with ${size.toLocaleString('en-US')} in history, p99`, percentile(samples, 99), 'ms', '< 5 ms, flat');
    }
    report('store write p99, 100k vs empty', (p99.get(100_000) ?? 0) / (p99.get(0) || 1), '×', 'flat (≈ 1×)');

    const empty = await statusRates(dirs.get(0) as string);
    const full = await statusRates(dirs.get(100_000) as string);
    report('webhook /status with an empty history, median of 3 runs', median(empty.rates), 'updates/s', 'informational', 0);
    report('webhook /status with 100,000 proposals in history, median of 3 runs', median(full.rates), 'updates/s', 'informational', 0);
    report('webhook /status, 100k history vs empty', median(full.rates) / median(empty.rates), '×', '≥ 0.9×');
    report('/stats 30d with 100,000 in history, first call after start (projection built)', full.statsColdMs, 'ms', 'informational', 0);
    report('/stats 30d with 100,000 in history, median', full.statsMs, 'ms', '< 200 ms', 0);
    report('/pnl all with 100,000 in history, median', full.pnlMs, 'ms', '< 200 ms', 0);
  } finally {
    for (const dir of dirs.values()) await rm(dir, { recursive: true, force: true });
  }
}

/** A proposal created, then the one before it rejected: live writes and archive passes mixed. */
async function measureWrites(store: Store): Promise<number[]> {
  const trading = createTradingRepository(store);
  const samples = await timeEach(WRITES, async (i) => {
    if (i % 2 === 0) {
      await trading.transact((draft) => void (draft.proposals[`bench-${i}`] = makeProposal({ id: `bench-${i}`, state: 'pending' })));
    } else {
      await trading.transact((draft) => {
        const proposal = draft.proposals[`bench-${i - 1}`];
        if (proposal !== undefined) draft.proposals[proposal.id] = { ...proposal, state: 'rejected' };
      });
    }
  });
  await store.archiver.idle();
  return samples;
}

async function statusRates(dataDir: string) {
  const config = createConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const store = await openStore({ dataDir });
  const logger = pino({ level: 'silent' });
  const tasks = createTaskTracker(() => undefined);
  const { engine } = await createTradingEngine(config, store, tasks, logger, () => new Date(), new Date());
  try {
    const rates = await measureStatusThroughput({ engine, document: store.document, history: store.history, updates: 10_000, runs: 3 });
    const statsCold = await timeEach(1, () => engine.analytics.report());
    const stats = await timeEach(7, () => engine.analytics.report());
    const pnl = await timeEach(7, () => engine.outcomes.pnl('all'));
    return { rates, statsColdMs: statsCold[0] ?? 0, statsMs: median(stats), pnlMs: median(pnl) };
  } finally {
    await tasks.drain(5_000);
    await store.close();
  }
}
