import type { BackfillManager } from '../engine/backfill/backfill-manager.js';
import type { BackfillReport } from '../engine/backfill/run-backfill.js';
import { summarizeBackfill } from '../engine/backfill/summarize-backfill.js';
import { backfillNextStep, describePlan, describeSeriesResult } from '../bot/messages/backfill-messages.js';
import { parseSymbolList, parseVenue } from '../bot/parse/parse-backfill-args.js';
import type { BackfillCliOptions } from './parse-backfill-cli.js';

export interface BackfillCliDeps {
  readonly backfills: Pick<BackfillManager, 'venues' | 'checkSymbols' | 'estimate' | 'start'>;
  readonly watchlistOf: (venue: string) => readonly string[];
  readonly out: { write(text: string): unknown };
  readonly err: { write(text: string): unknown };
  /** A person at a terminal who can answer a question; undefined when there is none (a pipe, cron). */
  readonly ask: ((question: string) => Promise<boolean>) | undefined;
  /** Called once the job runs, with its cancel (Ctrl-C). */
  readonly onStarted?: (cancel: () => void) => void;
  /** Called when the job ended, before the report (to end a progress line). */
  readonly onDone?: () => void;
}

/** The backfill command line once its options are read: check, estimate, ask when big, run, report. Returns the exit code. */
export async function runBackfillCli(deps: BackfillCliDeps, options: BackfillCliOptions): Promise<number> {
  const refuse = (problem: string) => {
    deps.err.write(`${problem}\n`);
    return 2;
  };
  const venue = parseVenue(options.venue, deps.backfills.venues());
  if (!venue.ok) return refuse(`--venue: ${venue.error}`);
  const symbols = parseSymbolList(options.symbols, deps.watchlistOf(venue.value));
  if (!symbols.ok) return refuse(`--symbols: ${symbols.error}`);
  const unknown = await deps.backfills.checkSymbols(venue.value, symbols.value);
  if (unknown !== undefined) return refuse(`--symbols: ${unknown}.`);
  const request = { venue: venue.value, symbols: symbols.value, timeframes: options.timeframes, days: options.days };
  const estimate = await deps.backfills.estimate(request);
  deps.out.write(`Backfill on ${request.venue}: ${describePlan(request, estimate)}.\n`);
  if (estimate.needsConfirmation && !options.yes) {
    if (deps.ask === undefined) {
      deps.err.write('This backfill is big and there is no terminal to ask on: pass --yes to start it.\n');
      return 1;
    }
    if (!(await deps.ask('That is a lot. Start it?'))) {
      deps.out.write('Not started.\n');
      return 1;
    }
  }
  const started = deps.backfills.start(request);
  if (started.kind === 'invalid') return refuse(started.problem);
  if (started.kind === 'busy') return refuse(`A backfill is already running on ${request.venue}: ${started.running.id}.`);
  deps.onStarted?.(() => started.handle.cancel());
  const report = await started.handle.done;
  deps.onDone?.();
  deps.out.write(formatCliReport(report));
  return report.series.every((s) => s.status === 'ok') ? 0 : 1;
}

/** The series that need attention, then the one-line summary and what to do next; the chat's report in plain text. */
export function formatCliReport(report: BackfillReport): string {
  const lines = report.series.map(describeSeriesResult).filter((line) => line !== undefined);
  const next = backfillNextStep(report, 'command');
  return [...lines.map((line) => `  ${line}`), summarizeBackfill(report), ...(next === undefined ? [] : [next])].map((line) => `${line}\n`).join('');
}
