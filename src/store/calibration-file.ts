import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod';
import type { CalibrationTable } from '../engine/calibration/calibration-table.js';
import { TIMEFRAMES } from '../engine/market/bars.js';
import { writeFileAtomically } from './atomic-file.js';
import { hasErrnoCode } from './has-errno-code.js';
import { CountersignError } from '../errors.js';

/** A calibration computed from the user's own bars (`npm run calibrate -- --bars --save`). */
export const CALIBRATION_FILE_NAME = 'calibration.json';

// Built on first parse, not at load: most data directories have no calibration file, and
// building it would be start-up time.
const schema = z.lazy(() => {
  const unit = z.number().min(0).max(1);
  const bucket = z.object({ from: unit, to: unit, signals: z.number().int().positive(), right: z.number().int().nonnegative(), confidence: unit });
  return z.object({
    label: z.string().min(1),
    source: z.string().min(1),
    computedAt: z.iso.datetime(),
    groups: z.array(
      z.object({
        strategy: z.string().min(1),
        side: z.enum(['buy', 'sell']),
        timeframe: z.enum(TIMEFRAMES),
        horizonBars: z.number().int().positive(),
        buckets: z.array(bucket).min(1),
      }),
    ),
  });
});

/** The saved table, or undefined when there is none. A file that is not one stops start-up. */
export async function readCalibrationFile(dataDir: string): Promise<CalibrationTable | undefined> {
  const file = path.join(dataDir, CALIBRATION_FILE_NAME);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (hasErrnoCode(error, 'ENOENT')) return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CalibrationFileError(file, 'it is not JSON', { cause: error });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new CalibrationFileError(file, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

export async function writeCalibrationFile(dataDir: string, table: CalibrationTable): Promise<string> {
  const file = path.join(dataDir, CALIBRATION_FILE_NAME);
  await writeFileAtomically(file, `${JSON.stringify(table, null, 1)}\n`);
  return file;
}

/** The saved calibration cannot be read: start-up stops rather than trade on a table it cannot trust. */
export class CalibrationFileError extends CountersignError {
  readonly code = 'calibration_file_invalid';

  constructor(
    readonly path: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`The calibration file ${path} cannot be used: ${reason}. Recompute it (npm run calibrate -- --bars --save) or delete it to use the built-in calibration.`, options);
  }
}
