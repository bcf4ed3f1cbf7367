import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIM_CALIBRATION } from '../../src/engine/calibration/sim-calibration.js';
import { CalibrationFileError, readCalibrationFile, writeCalibrationFile } from '../../src/store/calibration-file.js';

describe('calibration file', () => {
  it('is absent until saved, then reads back exactly what was saved', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-cal-'));
    expect(await readCalibrationFile(dir), 'no file: the built-in table applies').toBeUndefined();
    const path = await writeCalibrationFile(dir, SIM_CALIBRATION);
    expect(path, 'DATA_DIR/calibration.json').toBe(join(dir, 'calibration.json'));
    expect(await readCalibrationFile(dir), 'round trip').toEqual(SIM_CALIBRATION);
  });

  it('stops start-up with a clear error on a file that is not a table, naming the fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-cal-'));
    writeFileSync(join(dir, 'calibration.json'), '{"label":"x"');
    await expect(readCalibrationFile(dir), 'broken JSON').rejects.toThrow(CalibrationFileError);
    writeFileSync(join(dir, 'calibration.json'), JSON.stringify({ ...SIM_CALIBRATION, groups: [{ strategy: 'dca', side: 'buy', timeframe: '2h', horizonBars: 20, buckets: [] }] }));
    await expect(readCalibrationFile(dir), 'says what is wrong and what to do').rejects.toThrow(/groups\.0\.timeframe.*npm run calibrate -- --bars --save/s);
  });
});
