import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../store/helpers.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const run = promisify(execFile);

/** The real command line (`npm run backfill` runs this file through tsx), on its own data directory. */
async function backfill(args: readonly string[], dataDir = '/nonexistent/countersign-cli-test') {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir };
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/backfill.ts', ...args], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run backfill', () => {
  // Regression, fixed: --help printed "Unknown option" and exited 2.
  it('prints the usage for --help and exits 0, without opening the data directory', async () => {
    const help = await backfill(['--help']);
    expect(help.code, 'help is no error').toBe(0);
    expect(help.stdout, 'the usage, on stdout').toMatch(/^Usage: npm run backfill -- --venue sim --symbols/);
    for (const option of ['--venue', '--symbols', '--timeframes', '--days', '--yes', '--help']) expect(help.stdout, `documents ${option}`).toContain(option);
    expect(help.stdout, 'and the exit codes').toContain('Exit codes: 0 done, 1 a series failed, it was canceled (Ctrl-C) or a big backfill was not\nconfirmed, 2 bad arguments.');
    expect((await backfill(['-h'])).code, '-h too').toBe(0);
  });

  // Regression, fixed: with no arguments it named only some of the missing options.
  it('names every missing option at once with no arguments, and exits 2', async () => {
    const bare = await backfill([]);
    expect(bare.code, 'bad arguments').toBe(2);
    expect(bare.stderr.split('\n')[0], 'all four, in one line').toBe('Missing options: --venue, --symbols, --timeframes, --days.');
    expect(bare.stderr, 'then the usage').toContain('Usage: npm run backfill');
    const some = await backfill(['--venue', 'sim', '--days', '0']);
    expect(some.stderr.split('\n').slice(0, 2), 'the missing ones and the bad one').toEqual(['Missing options: --symbols, --timeframes.', '--days: Days must be a whole number from 1 to 3650 (got "0").']);
  });

  it('reaches further back on a second run: 60 days, then 120 stores the older 60, exit 0', async () => {
    const dataDir = await makeTempDir();
    const args = (days: number) => ['--venue', 'sim', '--symbols', 'BTC/USDT', '--timeframes', '1d', '--days', String(days)];
    const first = await backfill(args(60), dataDir);
    expect(first.stdout, 'the first run').toContain('1/1 series ok · 59 bars stored');
    const second = await backfill(args(120), dataDir);
    expect(second.stdout, 'the estimate counts only what is missing').toContain('1 symbol × 1 timeframe = 1 series, 120 days back: about 60 bars');
    expect(second.stdout, 'the older 60 days stored, no gap reported').toMatch(/1\/1 series ok · 60 bars stored\n$/);
    expect(second.code, 'success').toBe(0);
  });

  it('does not start a big backfill without a terminal to ask on unless --yes, and refuses unknown symbols', async () => {
    const dataDir = await makeTempDir();
    const big = await backfill(['--venue', 'sim', '--symbols', 'watchlist', '--timeframes', '1m', '--days', '3650'], dataDir);
    expect(big.stdout, 'the estimate is shown').toMatch(/8 symbols × 1 timeframe = 8 series, 3,650 days back: about 42,000,000 bars · 1\.9 GB on disk/);
    expect(big.stderr, 'and why it did not start').toBe('This backfill is big and there is no terminal to ask on: pass --yes to start it.\n');
    expect(big.code, 'not confirmed').toBe(1);
    const unknown = await backfill(['--venue', 'sim', '--symbols', 'FOO/USDT', '--timeframes', '1d', '--days', '5'], dataDir);
    expect(unknown.stderr, 'named, with the known ones').toMatch(/^--symbols: "FOO\/USDT" is not a symbol on sim\. Known there: AAPL, /);
    expect(unknown.code, 'bad arguments').toBe(2);
  });

  it('stops on Ctrl-C after the pages in flight, says so at once, and ends with the report and how to resume', async () => {
    const dataDir = await makeTempDir();
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir };
    const args = ['--venue', 'sim', '--symbols', 'watchlist', '--timeframes', '1m', '--days', '90', '--yes'];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/backfill.ts', ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, 'exit');
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        // Interrupted once pages are coming in: about a million bars in all, far from done.
        if (/· [1-9][\d,]* bars stored/.test(stdout)) resolve();
      });
    });
    child.kill('SIGINT');
    const [code] = (await exited) as [number | null];
    expect(stderr, 'told at once what Ctrl-C does').toBe('Canceling after the pages in flight; Ctrl-C again to quit at once.\n');
    expect(stdout, 'the report counts what is not done, then how to resume').toMatch(/\n[0-7]\/8 series ok, [1-8] not done · [\d,]+ bars stored · canceled\nRun the same command again to resume where it stopped\.\n$/);
    expect(stdout, 'no progress line claims it finished').not.toContain('100%');
    expect(code, 'not everything done: exit 1').toBe(1);
  }, 60_000);
});
