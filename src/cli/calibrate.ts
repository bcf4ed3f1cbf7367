/**
 * `npm run calibrate`: how often each strategy's signals were right, per score bucket, and
 * the confidence that follows. From the simulated market by default (the built-in table),
 * or with --bars from the bars a user backfilled; --save makes the bot use that table.
 * Progress goes to stderr, the table to stdout.
 */
import { join } from 'node:path';
import { createConfig, loadEnvironment } from '../config.js';
import { calibrateHistory, type CalibrationProgress } from '../engine/calibration/calibrate-history.js';
import { readSimulatedHistory } from '../engine/calibration/read-simulated-history.js';
import { readStoredHistory } from '../engine/calibration/read-stored-history.js';
import type { CalibrationGroup, CalibrationTable } from '../engine/calibration/calibration-table.js';
import { SIM_CALIBRATION } from '../engine/calibration/sim-calibration.js';
import { TIMEFRAMES, type Timeframe } from '../engine/market/bars.js';
import { SCORED_STRATEGIES } from '../engine/strategies/strategy-registry.js';
import { CountersignError } from '../errors.js';
import { createFileBarStore } from '../store/bar-store/create-file-bar-store.js';
import { writeCalibrationFile } from '../store/calibration-file.js';
import { acquireDataDirLock } from '../store/data-dir-lock.js';
import { formatCalibrationMarkdown, formatCalibrationModule } from './format-calibration.js';
import { CALIBRATE_USAGE, parseCalibrateCli, type CalibrateCommand } from './parse-calibrate-cli.js';

const strategies = Object.values(SCORED_STRATEGIES);

async function main(): Promise<number> {
  const parsed = parseCalibrateCli(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`${parsed.problems.join('\n')}\n\nUsage: ${CALIBRATE_USAGE}\n`);
    return 2;
  }
  const { command } = parsed;
  if (command.kind === 'help') {
    process.stdout.write(`${CALIBRATE_USAGE}\n`);
    return 0;
  }
  return command.kind === 'simulated' ? calibrateSimulated(command) : calibrateBars(command);
}

async function calibrateSimulated(command: Extract<CalibrateCommand, { kind: 'simulated' }>): Promise<number> {
  const day = command.end.toISOString().slice(0, 10);
  process.stderr.write(`Replaying the simulated market (seed ${command.seed}, history up to ${day}) through ${strategies.map((s) => s.name).join(', ')}…\n`);
  const table = await calibrateHistory(
    strategies,
    readSimulatedHistory({ seed: command.seed, end: command.end, timeframes: TIMEFRAMES }),
    { label: `sim seed ${command.seed}`, source: `the simulated market, seed ${command.seed}, every symbol, history up to ${day}`, computedAt: command.end },
    printProgress,
  );
  const flags = [command.seed === 42 ? '' : ` --seed ${command.seed}`, day === '2026-01-01' ? '' : ` --end ${day}`].join('');
  process.stdout.write(command.typescript ? formatCalibrationModule(table, `npm run calibrate -- --typescript${flags}`) : formatCalibrationMarkdown(table));
  return 0;
}

async function calibrateBars(command: Extract<CalibrateCommand, { kind: 'bars' }>): Promise<number> {
  const config = createConfig(loadEnvironment(process.env));
  // The bars must not change under us, and --save writes into the data directory.
  const lock = await acquireDataDirLock(config.dataDir);
  try {
    const bars = createFileBarStore({ dir: join(config.dataDir, 'bars') });
    const where = command.venue === undefined ? 'every venue' : command.venue;
    process.stderr.write(`Replaying the bars stored under ${config.dataDir} (${where}) through ${strategies.map((s) => s.name).join(', ')}…\n`);
    const now = new Date();
    const label = command.venue === undefined ? 'your bars' : `your ${command.venue} bars`;
    const timeframes = new Set<Timeframe>();
    const onSeries = (progress: CalibrationProgress) => {
      timeframes.add(progress.series.timeframe);
      printProgress(progress);
    };
    const table = await calibrateHistory(strategies, readStoredHistory(bars, command.venue), { label, source: `the bars stored under ${config.dataDir} (${where}) on ${now.toISOString().slice(0, 10)}`, computedAt: now }, onSeries);
    if (table.groups.length === 0) {
      process.stderr.write('No signal could be judged: backfill more history first (a few hundred bars a series at least).\n');
      return 1;
    }
    process.stdout.write(command.typescript ? formatCalibrationModule(table, 'npm run calibrate -- --bars --typescript') : formatCalibrationMarkdown(table));
    const missing = findMissingKinds(table, timeframes);
    if (missing.length > 0) process.stderr.write(`Too little history to judge ${missing.join(', ')}: with this table their signals get confidence 0.5 (a coin flip). Backfill more days of those timeframes first.\n`);
    if (command.save) process.stderr.write(`Saved ${await writeCalibrationFile(config.dataDir, table)}: the bot uses it from its next start.\n`);
    return 0;
  } finally {
    await lock.release();
  }
}

/** Kinds of signal the built-in table knows on these timeframes that the user's bars could not judge. */
function findMissingKinds(table: CalibrationTable, timeframes: ReadonlySet<Timeframe>): string[] {
  const has = (g: CalibrationGroup) => table.groups.some((t) => t.strategy === g.strategy && t.side === g.side && t.timeframe === g.timeframe);
  return SIM_CALIBRATION.groups.filter((g) => timeframes.has(g.timeframe) && !has(g)).map((g) => `${g.strategy} ${g.side}s on ${g.timeframe}`);
}

function printProgress(progress: CalibrationProgress): void {
  const { series, signals } = progress;
  process.stderr.write(`  ${series.symbol} ${series.timeframe}: ${series.bars.length.toLocaleString('en-US')} bars, ${signals.toLocaleString('en-US')} signals judged\n`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof CountersignError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
