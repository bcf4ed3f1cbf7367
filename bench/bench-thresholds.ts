import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createConfig } from '../src/config.js';
import { createTradingEngine } from '../src/create-trading-engine.js';
import { createTaskTracker } from '../src/engine/index.js';
import { openStore } from '../src/store/open-store.js';
import { writeDecisionFixture, writeShadowBars } from './decision-fixture.js';
import { median, report, timeEach } from './measure.js';

const DECISIONS = 100_000;
const RUNS = 15;

/**
 * The threshold preview over 30 days of 100,000 recorded decisions, through the real
 * store and engine: the decision projection is built from the history segments once
 * (as after a start), then each preview re-runs the gates a change touches.
 */
export async function benchThresholds(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'countersign-bench-thresholds-'));
  const now = new Date();
  try {
    await writeDecisionFixture(dir, DECISIONS, now);
    const config = createConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
    const store = await openStore({ dataDir: dir });
    try {
      const tasks = createTaskTracker(() => undefined);
      const { engine, warmUpHistory } = await createTradingEngine(config, store, tasks, pino({ level: 'silent' }), () => new Date(), now);
      const [built] = await timeEach(1, () => warmUpHistory());
      report('thresholds: decision projection built from 100,000 decisions (once, after start)', built ?? 0, 'ms', 'in the background', 0);
      const preview = (key: 'minConfidence' | 'maxPositionPct' | 'maxOpenPositions', value: number) => async () => {
        const result = await engine.thresholds.preview({ accountId: 'paper', key, value });
        if (result.kind !== "preview" || result.counterfactual?.decisions !== DECISIONS) throw new Error(`preview did not cover the ${DECISIONS} decisions: ${JSON.stringify(result.kind === "preview" ? result.counterfactual : result)}`);
      };
      for (const [key, value] of [['minConfidence', 0.55], ['maxPositionPct', 20], ['maxOpenPositions', 8]] as const) {
        const samples = await timeEach(RUNS, preview(key, value));
        report(`thresholds: preview of ${key} over 30 d of 100,000 decisions (median of ${RUNS})`, median(samples), 'ms', '< 300 ms', 1);
      }
    } finally {
      await store.close();
    }
    await writeShadowBars(dir, now);
    // The default band (30–50 %): the pass rate of 15 % is out, and no single setting brings it in, so every setting is weighed.
    await benchStats(dir, now, {}, 'default band 30–50 %, every setting weighed');
    // A band of 20–35 %: minConfidence 0.6 → 0.41 does, found by searching its values.
    await benchStats(dir, now, { ACCOUNTS: JSON.stringify([{ id: 'paper', venue: 'paper', approvalBandLowPct: 20, approvalBandHighPct: 35 }]) }, 'band 20–35 %, a value searched');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** /stats as the handler runs it: rates by group and window, suggestions and shadow P&L, from one read. */
async function benchStats(dir: string, now: Date, env: Record<string, string>, label: string): Promise<void> {
  const config = createConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', ...env });
  const store = await openStore({ dataDir: dir });
  try {
    const { engine, warmUpHistory } = await createTradingEngine(config, store, createTaskTracker(() => undefined), pino({ level: 'silent' }), () => new Date(), now);
    await warmUpHistory();
    let shown = '';
    const stats = async () => {
      const { report: analytics, shadow } = await engine.analytics.overview();
      const evaluated = analytics.groups.find((g) => g.kind === 'all')?.windows.at(-1)?.evaluated;
      if (evaluated !== DECISIONS) throw new Error(`/stats did not cover the ${DECISIONS} decisions: ${evaluated}`);
      const marked = shadow.horizons[0]?.groups.blocked.n ?? 0;
      if (marked === 0) throw new Error('the shadow P&L marked nothing: no bars read');
      const [first] = analytics.suggestions;
      shown = first === undefined ? 'none' : first.change === undefined ? 'none found' : `${first.change.key} ${first.change.from} → ${first.change.to}`;
    };
    const samples = await timeEach(RUNS, stats);
    report(`/stats with suggestions and shadow P&L (10 series of hourly bars) over 30 d of 100,000 decisions, ${label} (suggestion: ${shown}; median of ${RUNS})`, median(samples), 'ms', '< 300 ms', 1);
  } finally {
    await store.close();
  }
}
