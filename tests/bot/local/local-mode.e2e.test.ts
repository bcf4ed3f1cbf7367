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
    expect(stdout, '/start answered with its buttons, numbered by message').toMatch(/bot #1 › 📄 PAPER · Countersign[\s\S]*\[1\.1\] Help {2}\[1\.2\] Status/);
    expect(stdout, 'the press is shown with the message it went to').toContain('you › [1.2] Status on #1: 📄 PAPER · Countersign');
    const statusAnswers = stdout.match(/bot #\d+ › 📄 PAPER · Status/g) ?? [];
    expect(statusAnswers, 'one /status from the button, one from the command').toHaveLength(2);
    expect(stdout, '/help documents the presses').toContain('type #3.1 to press button 1 of message #3, or #1 for button 1 of the newest message');
    expect(stdout).toContain('Unknown command /nope.');
    expect(stdout, 'a press of a missing button is explained').toContain('local › #9: no button 9 on message #1: it has 2 buttons');
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
    expect(stdout).not.toContain('you › [1.1] Help');
  });

  it('proposes, approves with #1 and shows the paper fill and the position', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'cs-e2e-')), 'data');
    const { code, stdout, stderr } = await runLocal('/propose paper BTC/USDT buy 0.01\n#1\n/positions\n', dataDir);
    expect(code, stderr).toBe(0);
    expect(stdout, 'the proposal with its buttons').toMatch(/bot #2 › 📄 PAPER · Proposal p\w+ · account paper\n {4}BUY 0\.01 BTC\/USDT · market[\s\S]*\[2\.1\] Approve {2}\[2\.2\] Reject {2}\[2\.3\] Details/);
    expect(stdout).toMatch(/you › \[2\.1\] Approve on #2: 📄 PAPER · Proposal p\w+ · account paper · BUY 0\.01 BTC\/USDT/);
    expect(stdout, 'the message edited with the fill').toMatch(/bot #2 \(edited\) › [\s\S]*Approved by You at .* · filled 0\.01 @ [\d,.]+/);
    expect(stdout, 'the fill details').toMatch(/Filled: 0\.01 @ [\d,.]+ USDT\n {4}Fees: [\d.]+ USDT\n {4}Slippage vs/);
    expect(stdout, 'the position').toMatch(/you › \/positions\nbot #\d+ › 📄 PAPER · Positions · paper\n {4}BTC\/USDT: 0\.01 @ [\d,.]+ · now [\d,.]+ · unrealized [+-][\d,.]+ USDT/);
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

  it('with two proposals pending, presses Approve on the older one by #M.1 and says which message it went to', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'cs-e2e-')), 'data');
    // Each /propose answers with a note (#1, #3) and the card (#2, #4).
    const { code, stdout, stderr } = await runLocal('/propose paper BTC/USDT buy 0.01\n/propose paper ETH/USDT buy 0.5\n#2.1\n/pending\n', dataDir);
    expect(code, stderr).toBe(0);
    expect(stdout, 'the older card is #2, the newer #4').toMatch(/bot #2 › 📄 PAPER · Proposal[\s\S]*BUY 0\.01 BTC[\s\S]*bot #4 › 📄 PAPER · Proposal[\s\S]*BUY 0\.5 ETH/);
    expect(stdout, 'the press names the message and what it is').toMatch(/you › \[2\.1\] Approve on #2: 📄 PAPER · Proposal p\w+ · account paper · BUY 0\.01 BTC\/USDT/);
    expect(stdout, 'the older one was approved and filled').toMatch(/bot #2 \(edited\) › [\s\S]*BUY 0\.01 BTC\/USDT[\s\S]*filled 0\.01 @/);
    expect(stdout.split('you › /pending')[1], 'the newer one still waits, with its own buttons').toMatch(/BUY 0\.5 ETH\/USDT[\s\S]*Awaiting approval[\s\S]*\[\d+\.1\] Approve/);
    expect(stdout.split('you › /pending')[1], 'and only it').not.toContain('BTC/USDT');
  });

  it('/health lists the paper venue and the simulated data source under Connections, and no Telegram', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'cs-e2e-')), 'data');
    const { code, stdout, stderr } = await runLocal('/health\n', dataDir);
    expect(code, stderr).toBe(0);
    const connections = stdout.split('Connections')[1]?.split('Data freshness')[0] ?? '';
    expect(stdout, 'a plain heading').not.toContain('circuit breakers');
    expect(connections, 'the paper account').toMatch(/paper \(paper, simulated\): OK/);
    expect(connections, 'the data source').toMatch(/sim data \(simulated\): OK/);
    expect(connections, 'the terminal chat is not Telegram').not.toContain('telegram');
  });
});
