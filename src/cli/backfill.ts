/**
 * `npm run backfill -- --venue sim --symbols BTC/USDT,ETH/USDT --timeframes 1h,1d --days 180`
 * The same backfill as /backfill in the chat, from a shell: the estimate first (and a
 * question when it is big), a progress bar on a terminal, plain progress lines otherwise,
 * the report at the end, and a non-zero exit code when any series failed. It takes the
 * data directory's lock, so it refuses to run beside the bot. See CLI_USAGE.
 */
import { join } from 'node:path';
import { createAccountRuntimes } from '../create-account-runtimes.js';
import { createMarketRuntime } from '../create-market-runtime.js';
import { createConfig, loadEnvironment } from '../config.js';
import { createEventBus } from '../engine/events.js';
import { createSimulatedMarket } from '../engine/venues/sim/simulated-market.js';
import { getWatchlist } from '../engine/watchlist/manage-watchlist.js';
import { CountersignError } from '../errors.js';
import { createBackfillJobsRepository } from '../store/backfill-jobs-repository.js';
import { createFileBarStore } from '../store/bar-store/create-file-bar-store.js';
import { openStore } from '../store/open-store.js';
import { createPaperLedgerRepository } from '../store/paper-ledger-repository.js';
import { createWatchlistRepository } from '../store/watchlist-repository.js';
import { askYesNo } from './ask-yes-no.js';
import { CLI_USAGE, parseBackfillCli, type BackfillCliOptions } from './parse-backfill-cli.js';
import { createProgressPrinter } from './progress-printer.js';
import { runBackfillCli } from './run-backfill-cli.js';

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseBackfillCli(argv);
  if (parsed.kind === 'help') {
    process.stdout.write(`${CLI_USAGE}\n`);
    return 0;
  }
  if (parsed.kind === 'problems') {
    process.stderr.write(`${parsed.problems.join('\n')}\n\n${CLI_USAGE}\n`);
    return 2;
  }
  return runWithStore(parsed.options);
}

async function runWithStore(options: BackfillCliOptions): Promise<number> {
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
    const bars = createFileBarStore({ dir: join(config.dataDir, 'bars') });
    const market = await createMarketRuntime({ config, accounts, exchanges, simulatedMarket, bars, jobs: createBackfillJobsRepository(store), watchlists, events, clock });
    const watchlistOf = (venue: string) => {
      const account = [...accounts.keys()].find((id) => market.barVenueOf(id) === venue);
      return account === undefined ? [] : getWatchlist(watchlists, account, market.defaultWatchlist(account));
    };
    const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
    return await runBackfillCli(
      {
        backfills: market.backfills,
        watchlistOf,
        out: process.stdout,
        err: process.stderr,
        ask: interactive ? (question) => askYesNo(question, { input: process.stdin, output: process.stdout }) : undefined,
        // The first Ctrl-C stops after the pages in flight (all stored, so a re-run resumes);
        // the listener goes with it, so a second one ends the process at once.
        onStarted: (cancel) =>
          process.once('SIGINT', () => {
            printer.done();
            process.stderr.write('Canceling after the pages in flight; Ctrl-C again to quit at once.\n');
            cancel();
          }),
        onDone: () => printer.done(),
      },
      options,
    );
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof CountersignError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
