import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { report } from './measure.js';

const ROOT = new URL('../', import.meta.url).pathname;
const SCRIPT = '/backfill sim watchlist 15m,1h,1d 180\n/scan\n/gates\n/chart BTC/USDT 1h\n/positions\n/status\n';

function readRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/**
 * The bot as it runs in production (compiled, plain node), in local mode, through a
 * session that loads ~175,000 bars, scans, charts and reports: the peak resident memory
 * sampled every 20 ms. Builds dist/ first.
 */
export async function benchMemory(): Promise<void> {
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const dataDir = mkdtempSync(join(tmpdir(), 'cs-bench-mem-'));
  try {
    const child = spawn(process.execPath, ['dist/src/main.js'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir }, stdio: ['pipe', 'ignore', 'inherit'] });
    let peak = 0;
    const sampler = setInterval(() => {
      if (child.pid !== undefined) peak = Math.max(peak, readRssMb(child.pid));
    }, 20);
    child.stdin.end(SCRIPT);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearInterval(sampler);
    if (code !== 0) throw new Error(`the bot exited with ${code}`);
    report('bot peak resident memory (compiled; backfill of ~175k bars, scan, chart, reports)', peak, 'MB', '< 300 MB', 0);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
