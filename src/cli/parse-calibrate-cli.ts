import { parseArgs } from 'node:util';

export const CALIBRATE_USAGE =
  'npm run calibrate [-- options]\n' +
  '  (no options)   from the simulated market: seed 42, history up to 2026-01-01 (the built-in table)\n' +
  '  --seed N       another seed of the simulated market\n' +
  '  --end DATE     the simulated history ends on this day (YYYY-MM-DD)\n' +
  '  --bars         from the bars backfilled into DATA_DIR instead (stop the bot first)\n' +
  '  --venue V      with --bars: only this venue\'s bars (sim, alpaca, ccxt:<id>)\n' +
  '  --save         with --bars: write DATA_DIR/calibration.json; the bot uses it from its next start\n' +
  '  --typescript   print the table as src/engine/calibration/sim-calibration.ts\n' +
  '  --help         this text';

export type CalibrateCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'simulated'; readonly seed: number; readonly end: Date; readonly typescript: boolean }
  | { readonly kind: 'bars'; readonly venue?: string; readonly save: boolean; readonly typescript: boolean };

export const DEFAULT_CALIBRATION_SEED = 42;
export const DEFAULT_CALIBRATION_END = '2026-01-01';

/** Reads the command line; every problem is reported at once. */
export function parseCalibrateCli(argv: readonly string[]): { ok: true; command: CalibrateCommand } | { ok: false; problems: string[] } {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: { seed: { type: 'string' }, end: { type: 'string' }, bars: { type: 'boolean' }, venue: { type: 'string' }, save: { type: 'boolean' }, typescript: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }).values;
  } catch (error) {
    return { ok: false, problems: [error instanceof Error ? error.message : String(error)] };
  }
  if (values.help === true) return { ok: true, command: { kind: 'help' } };
  const problems: string[] = [];
  const typescript = values.typescript === true;
  if (values.bars === true) {
    if (values.seed !== undefined || values.end !== undefined) problems.push('--seed and --end are for the simulated market, not with --bars');
    const venue = typeof values.venue === 'string' ? values.venue : undefined;
    return problems.length > 0 ? { ok: false, problems } : { ok: true, command: { kind: 'bars', ...(venue === undefined ? {} : { venue }), save: values.save === true, typescript } };
  }
  if (values.venue !== undefined || values.save === true) problems.push('--venue and --save go with --bars');
  const seed = Number(values.seed ?? DEFAULT_CALIBRATION_SEED);
  if (!Number.isSafeInteger(seed)) problems.push(`--seed must be a whole number, got "${String(values.seed)}"`);
  const endText = typeof values.end === 'string' ? values.end : DEFAULT_CALIBRATION_END;
  const end = new Date(`${endText}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(endText) || Number.isNaN(end.getTime())) problems.push(`--end must be a day as YYYY-MM-DD, got "${endText}"`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, command: { kind: 'simulated', seed, end, typescript } };
}
