import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { createConfig } from '../../src/config.js';
import { createFakeKeyboard, FakeTerminal } from '../helpers/fake-terminal.js';
import { waitFor } from '../helpers/wait-for.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The lines of the README's first session, exactly as written there. */
function firstSession(): string {
  const section = README.slice(README.indexOf('### A first session'));
  const block = /```\n([\s\S]*?)```/.exec(section)?.[1];
  if (block === undefined) throw new Error('no first session in the README');
  return block;
}

/** The session piped into a fresh local bot whose clock starts at `at` (the simulated market's prices follow it). */
async function runAt(at: string, session = firstSession()): Promise<string> {
  const start = Date.now();
  const clock = () => new Date(Date.parse(at) + (Date.now() - start));
  const input = new PassThrough();
  let output = '';
  const config = createConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'cs-first-')) });
  const app = await startApp(config, pino({ level: 'silent' }), { input, output: { write: (text: string) => (output += text) }, interactive: false }, clock);
  input.end(session);
  await app.done;
  await app.stop();
  return output;
}

/** The session pasted whole into a terminal (one chunk of keyboard input), on a fresh local bot. */
async function pasteAt(at: string): Promise<string[]> {
  const start = Date.now();
  const clock = () => new Date(Date.parse(at) + (Date.now() - start));
  const terminal = new FakeTerminal(120, 60);
  const keyboard = createFakeKeyboard();
  const config = createConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'cs-first-')) });
  const app = await startApp(config, pino({ level: 'silent' }), { input: keyboard, output: terminal, interactive: true }, clock);
  try {
    keyboard.write(firstSession().replaceAll('\n', '\r'));
    await waitFor(() => terminal.lines().some((l) => l.startsWith('    What confidence means')), 'the answer to the last line, /gates', 60_000);
    return terminal.lines();
  } finally {
    keyboard.end();
    await app.done;
    await app.stop();
  }
}

describe("the README's first session", () => {
  it('shows scan → proposal → approval → fill under the default 0.6 minimum, on a day with a daily dip (a Thursday before the NYSE open)', async () => {
    const out = await runAt('2026-12-03T08:45:00Z');
    const scan = /(\d+) signals?: (\d+) proposed/.exec(out);
    expect(Number(scan?.[2]), `the scan proposed something:\n${out}`).toBeGreaterThan(0);
    expect(out, 'a card with a calibrated confidence over 0.6, and the evidence for it').toMatch(
      /bot #\d+ › 📄 PAPER · Proposal \w+ · account paper\n {4}BUY 1,000\.00 USDT worth of \w+\/USDT \(≈ [\d.]+ \w+ at the current price\) · market[\s\S]*?Confidence 6\d% · source strategy:dca[\s\S]*?confidence 0\.6\d: [\d.]+% of [\d,]+ earlier dca buys on 1d bars/,
    );
    expect(out, '#1 pressed Approve on the newest card').toMatch(/you › \[\d+\.1\] Approve on #\d+: 📄 PAPER · Proposal/);
    expect(out, 'the card edited with the fill').toMatch(/✅ Approved by You at [\d:]+ UTC · filled [\d.]+ @ [\d,.]+/);
    expect(out, 'the position').toMatch(/you › \/positions\nbot #\d+ › 📄 PAPER · Positions · paper\n {4}\w+\/USDT: [\d.]+ @/);
    expect(out, '/gates explains confidence').toContain('What confidence means (sim seed 42)');
  }, 120_000);

  it('on a day with no daily dip (a Saturday), says so plainly and points at the gates', async () => {
    const out = await runAt('2026-02-14T12:00:00Z');
    expect(out, 'nothing proposed').toMatch(/\d+ signals?: 0 proposed/);
    expect(out, '#1 has nothing to press, and says why').toContain('local › #1: no message has buttons now');
    expect(out, '/gates shows what stopped each signal').toMatch(/min_confidence: \d+[\s\S]*confidence 0\.\d+ is below the minimum 0\.6|market_open: \d+/);
    expect(out, 'and what confidence means').toContain('What confidence means (sim seed 42)');
  }, 120_000);

  it('pasted whole into a terminal, runs each line after the work of the one before: the backfill is not canceled, and the card is approved', async () => {
    const out = (await pasteAt('2026-12-03T08:45:00Z')).join('\n');
    expect(out, `the backfill finished:\n${out}`).toMatch(/✅ Done in \d+s: 24\/24 series ok · 58,056 bars stored/);
    expect(out, 'the scan ran on the stored bars, and said when').toMatch(/ {4}↳ now: \/scan\n[\s\S]*\d+ signals?: [1-9]\d* proposed/);
    expect(out, '#1 pressed Approve on the newest card, not Cancel').toMatch(/ {4}↳ \[\d+\.1\] Approve on #\d+: 📄 PAPER · Proposal/);
    expect(out, 'the fill').toMatch(/✅ Approved by You at [\d:]+ UTC · filled [\d.]+ @ [\d,.]+/);
  }, 120_000);
});
