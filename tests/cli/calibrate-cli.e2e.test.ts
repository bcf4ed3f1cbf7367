import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSimulatedHistory } from '../../src/engine/calibration/read-simulated-history.js';
import { createFileBarStore } from '../../src/store/bar-store/create-file-bar-store.js';
import { readCalibrationFile } from '../../src/store/calibration-file.js';

const ROOT = new URL('../../', import.meta.url).pathname;

function run(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/calibrate.ts', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run calibrate -- --bars', () => {
  it("recomputes the table from the user's backfilled bars and, with --save, leaves it for the bot", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cs-calibrate-'));
    const bars = createFileBarStore({ dir: join(dataDir, 'bars') });
    for await (const series of readSimulatedHistory({ seed: 5, end: new Date('2026-06-01T00:00:00Z'), timeframes: ['1d'], symbols: ['BTC/USDT', 'ETH/USDT'], days: { '1d': 900 } })) {
      await bars.append({ venue: 'sim', symbol: series.symbol, timeframe: '1d' }, series.bars);
    }
    const { code, stdout, stderr } = await run(['--bars', '--venue', 'sim', '--save'], dataDir);
    expect(code, stderr).toBe(0);
    expect(stdout, 'the table, one row per bucket').toMatch(/^\| Strategy \| Timeframe \| Judged after \| Score \| Signals \| Right \| Confidence \|\n[\s\S]*\| dca buy \| 1d \| 20 bars \| [\d.–]+ \| [\d,]+ \| [\d.]+ % \| 0\.\d\d \|/);
    expect(stderr, 'progress per series, then where it was saved').toMatch(/BTC\/USDT 1d: 900 bars, \d+ signals judged[\s\S]*Saved .*calibration\.json: the bot uses it from its next start\./);
    expect(stderr, 'names the kind 900 daily bars were too short to judge, and what that means').toContain(
      'Too little history to judge swing buys on 1d: with this table their signals get confidence 0.5 (a coin flip).',
    );
    const saved = await readCalibrationFile(dataDir);
    expect(saved?.label, 'named in every rationale and in /gates').toBe('your sim bars');

    const empty = await run(['--bars'], mkdtempSync(join(tmpdir(), 'cs-calibrate-')));
    expect(empty.code, 'no bars: nothing to judge, exit 1').toBe(1);
    expect(empty.stderr, 'says what to do').toContain('No signal could be judged: backfill more history first');
  }, 120_000);
});
