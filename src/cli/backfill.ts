/**
 * `npm run backfill -- --venue sim --symbols BTC/USDT,ETH/USDT --timeframes 1h,1d --days 180`
 * The same backfill as /backfill in the chat, from a shell: a progress bar on a terminal,
 * plain progress lines otherwise, the report at the end, and a non-zero exit code when
 * any series failed. It takes the data directory's lock, so it refuses to run beside the bot.
 */
import { join } from 'node:path';
import { createAccountRuntimes } from '../create-account-runtimes.js';
import { createMarketRuntime } from '../create-market-runtime.js';
import { createConfig, loadEnvironment } from '../config.js';
import { createEventBus } from '../engine/events.js';
import { summarizeBackfill } from '../engine/backfill/summarize-backfill.js';
import { createSimulatedMarket } from '../engine/venues/sim/simulated-market.js';
import { getWatchlist } from '../engine/watchlist/manage-watchlist.js';
import { CountersignError } from '../errors.js';
import { createBackfillJobsRepository } from '../store/backfill-jobs-repository.js';
import { createFileBarStore } from '../store/bar-store/create-file-bar-store.js';
import { openStore } from '../store/open-store.js';
import { createPaperLedgerRepository } from '../store/paper-ledger-repository.js';
import { createWatchlistRepository } from '../store/watchlist-repository.js';
import { CLI_USAGE, parseBackfillCli } from './parse-backfill-cli.js';
import { createProgressPrinter } from './progress-printer.js';

async function main(): Promise<number> {
  const config = createConfig(loadEnvironment(process.env));
  const store = await openStore({ dataDir: config.dataDir });
  try {
    const clock = () => new Date();
    const simulatedMarket = createSimulatedMarket({ clock });
    const { accounts, exchanges } = await createAccountRuntimes(config.accounts, { simulatedMarket, paperLedger: createPaperLedgerRepository(store), clock });
    const printer = createProgressPrinter(process.stdout, process.stdout.isTTY === true);
    const events = createEventBus(() => undefined);
    events.subscribe((event) => {
      if (event.type === 'backfill_progress') printer.progress(event.progress);
    });
    const watchlists = createWatchlistRepository(store);
    const market = await createMarketRuntime({
      config,
      accounts,
      exchanges,
      simulatedMarket,
      bars: createFileBarStore({ dir: join(config.dataDir, 'bars') }),
      jobs: createBackfillJobsRepository(store),
      watchlists,
      events,
      clock,
    });
    const watchlistOf = (venue: string) => {
      const account = [...accounts.keys()].find((id) => market.barVenueOf(id) === venue);
      return account === undefined ? [] : getWatchlist(watchlists, account, market.defaultWatchlist(account));
    };
    const parsed = parseBackfillCli(process.argv.slice(2), watchlistOf);
    if (!parsed.ok) {
      process.stderr.write(`${parsed.problems.join('\n')}\n\nUsage: ${CLI_USAGE}\n`);
      return 2;
    }
    const started = market.backfills.start(parsed.request);
    if (started.kind !== 'started') {
      process.stderr.write(`${started.kind === 'invalid' ? started.problem : `busy with ${started.running.id}`}\n`);
      return 2;
    }
    process.once('SIGINT', () => started.handle.cancel());
    const report = await started.handle.done;
    printer.done();
    for (const s of report.series.filter((r) => r.status !== 'ok' || r.gaps > 0)) {
      process.stdout.write(`  ${s.symbol} ${s.timeframe}: ${s.status}, ${s.stored} stored, ${s.gaps} gaps${s.reason === undefined ? '' : ` — ${s.reason}`}\n`);
    }
    process.stdout.write(`${summarizeBackfill(report)}\n`);
    return report.series.every((s) => s.status === 'ok') ? 0 : 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof CountersignError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
