import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../helpers/wait-for.js';
import { readDurableDocumentSync } from '../../helpers/read-durable-document.js';

const ROOT = new URL('../../../', import.meta.url).pathname;

describe('Ctrl-C in local mode, through npm start', () => {
  it('stops cleanly during a long backfill: the data directory freed, the backfill left to resume at the next start', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'cs-e2e-')), 'data');
    const env = { ...process.env, DATA_DIR: dataDir, TELEGRAM_BOT_TOKEN: '', WEBHOOK_URL: '', LOG_LEVEL: '' };
    // Its own process group, like a shell's foreground job: Ctrl-C reaches npm, sh, tsx and
    // the bot all at once, and npm and tsx pass it on again, so the bot sees it twice.
    const child = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<string>((resolve) => child.on('close', (code, signal) => resolve(signal ?? `exit ${code}`)));
    // stdin stays open: the person is still at the terminal.
    child.stdin.write('/backfill sim watchlist 1m 300\n');
    // Millions of bars: it asks first.
    await waitFor(() => /\[1\.1\] Confirm/.test(stdout), 'the question before a big backfill', 60_000);
    child.stdin.write('#1\n');
    await waitFor(() => /Series \d+\/8 done · [1-9][\d,]* bars stored/.test(stdout), 'the backfill under way', 60_000);

    const interruptedAt = Date.now();
    process.kill(-(child.pid as number), 'SIGINT');
    // npm passes a child's Ctrl-C on as its own: it ends by SIGINT (a shell shows 130), as npm does.
    expect(await exited, `how npm ended; output:\n${stdout}`).toMatch(/^(SIGINT|exit 0)$/);
    expect(Date.now() - interruptedAt, 'at once: the backfill stops at its next page instead of being waited for').toBeLessThan(4_000);
    expect(stdout, 'no forced exit, no crash, nothing left running').not.toMatch(/took too long|unhandled|Error|still running at shutdown/);
    expect(stdout, 'says what the stop cuts short').toMatch(/local › stopping now; this stops where it is and carries on at the next start:\n {4}backfill b\w+ \(sim: 8 symbols × 1m, 300 days\)/);
    expect(existsSync(join(dataDir, 'countersign.lock')), 'the lock was released: a clean stop').toBe(false);
    const jobs = Object.values((readDurableDocumentSync(dataDir) as unknown as { backfills: Record<string, { state: string }> }).backfills);
    expect(jobs.map((j) => j.state), 'left running, so the next start resumes it: no work lost').toEqual(['running']);
  }, 120_000);
});
