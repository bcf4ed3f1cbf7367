import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;

/** Runs the real entry point in local mode with `input` piped to stdin, as `printf … | npm start` does. */
function runLocal(input: string, dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, DATA_DIR: dataDir, TELEGRAM_BOT_TOKEN: '', WEBHOOK_URL: '', LOG_LEVEL: '' };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('local mode, end to end through the real entry point', () => {
  it('chats in the terminal: commands, a button press, then exits 0 when stdin ends', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'cs-e2e-')), 'data');
    const { code, stdout, stderr } = await runLocal('/start\n#2\n/help\n/status\n/nope\n#9\n', dataDir);

    expect(code, `exit code; stderr:\n${stderr}`).toBe(0);
    expect(stdout, 'the banner').toContain('— LOCAL · PAPER');
    expect(stdout, '/start answered with its buttons').toMatch(/bot › 📄 PAPER · Countersign[\s\S]*\[1\] Help {2}\[2\] Status/);
    expect(stdout, 'the press is shown').toContain('you › [2] Status');
    const statusAnswers = stdout.match(/bot › 📄 PAPER · Status/g) ?? [];
    expect(statusAnswers, 'one /status from the button, one from the command').toHaveLength(2);
    expect(stdout, '/help documents the #N presses').toContain('type #1 to press button 1');
    expect(stdout).toContain('Unknown command /nope.');
    expect(stdout, 'a press of a missing button is explained').toContain('no button 9: the latest message has 2');
    expect(stdout, 'HTML is rendered, not shown raw').not.toContain('<b>');
    expect(existsSync(join(dataDir, 'countersign.json')), 'the store was created').toBe(true);
    expect(existsSync(join(dataDir, 'countersign.lock')), 'the lock was released').toBe(false);
  });

  it('treats ##text as text, never as a button press', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'cs-e2e-')), 'data');
    const { code, stdout } = await runLocal('/start\n##1\n', dataDir);
    expect(code).toBe(0);
    expect(stdout).toContain('you › #1');
    expect(stdout, 'plain text gets the command hint, no button was pressed').toContain('I understand commands.');
    expect(stdout).not.toContain('you › [1] Help');
  });

  it('proposes, approves with #1 and shows the paper fill and the position', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'cs-e2e-')), 'data');
    const { code, stdout, stderr } = await runLocal('/propose paper BTC/USDT buy 0.01\n#1\n/positions\n', dataDir);
    expect(code, stderr).toBe(0);
    expect(stdout, 'the proposal with its buttons').toMatch(/bot › 📄 PAPER · Proposal p\w+ · account paper\n {4}BUY 0\.01 BTC\/USDT · market[\s\S]*\[1\] Approve {2}\[2\] Reject {2}\[3\] Details/);
    expect(stdout).toContain('you › [1] Approve');
    expect(stdout, 'the message edited with the fill').toMatch(/bot \(edited message \d+\) › [\s\S]*Approved by You at .* · filled 0\.01 @ [\d,.]+/);
    expect(stdout, 'the fill details').toMatch(/Filled: 0\.01 @ [\d,.]+ USDT\n {4}Fees: [\d.]+ USDT\n {4}Slippage vs/);
    expect(stdout, 'the position').toMatch(/you › \/positions\nbot › 📄 PAPER · Positions · paper\n {4}BTC\/USDT: 0\.01 @ [\d,.]+ · now [\d,.]+ · unrealized [+-][\d,.]+ USDT/);
  });

  it('keeps a proposal and its buttons working across a restart', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'cs-e2e-')), 'data');
    const first = await runLocal('/propose paper ETH/USDT buy 0.5\n', dataDir);
    expect(first.code, first.stderr).toBe(0);
    const second = await runLocal('/pending\n#1\n/orders\n', dataDir);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout, 'the pending proposal came back from the store').toMatch(/BUY 0\.5 ETH\/USDT/);
    expect(second.stdout, 'and its Approve button executed it').toMatch(/BUY 0\.5 ETH\/USDT · filled/);
  });
});
