import { readdirSync, readFileSync } from 'node:fs';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCall } from '../helpers/record-api.js';
import { APPROVER, OWNER, VIEWER } from '../helpers/test-bot.js';
import { textUpdate } from '../helpers/updates.js';
import { ANTHROPIC, anthropicFixture } from './research-harness.js';
import { createResearchBot } from './research-bot.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

const text = (call: ApiCall | undefined) => String(call?.payload.text ?? call?.payload.caption ?? '');
const buttons = (call: ApiCall | undefined) => ((call?.payload.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined)?.inline_keyboard ?? []).flat();

describe('/research in the chat', () => {
  it('answers at once, runs in the background, delivers the summary and the report, and its idea is approved and filled', async () => {
    const bot = await createResearchBot();
    nock(ANTHROPIC).post('/v1/messages').once().reply(200, anthropicFixture('message-structured'));

    const asked = await bot.say('/research', APPROVER, { settle: false });
    expect(asked.calls.slice(0, 2).map((c) => c.method), 'a status line and "typing…" before any slow work').toEqual(['sendMessage', 'sendChatAction']);
    expect(asked.text, 'says PAPER and what is happening').toBe('📄 <b>PAPER</b> · 🔎 Research for paper: starting…');
    await bot.settle();

    const after = bot.calls.slice(asked.calls.length);
    const statusEdits = after.filter((c) => c.method === 'editMessageText' && c.payload.chat_id === APPROVER);
    expect(statusEdits.length, 'the status line was edited as the run moved on').toBeGreaterThan(0);
    expect(text(statusEdits.at(-1)), 'and ends with the result').toMatch(/^📄 <b>PAPER<\/b> · 🔎 Research done in .*; the summary is below\.\npaper: 2 proposed, 1 blocked, 1 dropped$/);
    expect(bot.typing, 'typing… is kept up while the run goes on').toContain(APPROVER);

    const summary = after.find((c) => c.method === 'sendMessage' && text(c).includes('🔎 <b>Research</b>'));
    const lines = text(summary).split('\n');
    expect(summary?.payload.chat_id, 'the summary goes to the chat that asked').toBe(APPROVER);
    expect(lines[0], 'with the badge').toBe('📄 <b>PAPER</b> · 🔎 <b>Research</b> · account paper');
    const [btc, eth] = bot.engine.listProposals({ state: 'pending' }).sort((a, b) => a.symbol.localeCompare(b.symbol));
    expect(lines.slice(2, 6), 'every idea with its verdict').toEqual([
      `1. <b>BUY BTC/USDT</b> · 72% · ✅ proposed as <code>#${btc?.id ?? ''}</code>`,
      `2. <b>BUY ETH/USDT</b> · 64% · ✅ proposed as <code>#${eth?.id ?? ''}</code>`,
      '3. <b>BUY SOL/USDT</b> · 55% · ⛔ blocked by min_confidence: confidence 0.55 is below the minimum 0.6',
      '4. ✗ TSLA dropped: invalid: confidence must be between 0 and 1',
    ]);
    expect(lines.at(-1), 'tokens and cost').toBe('Tokens: 5,295 in (2,384 cached for the next run) · 731 out · cost $0.0191 · today $0.0191 of $2.00');

    const report = after.find((c) => c.method === 'sendDocument');
    expect(text(report), 'the full report follows as a document').toBe('📄 <b>PAPER</b> · Full research report for paper (Markdown)');
    const [file] = readdirSync(`${bot.dataDir}/research-reports`).map((name) => `${bot.dataDir}/research-reports/${name}`);
    expect(readFileSync(file ?? '', 'utf8'), 'with the thesis, risks and the data sent').toMatch(/### 1\. BUY BTC\/USDT — proposed as #p[\s\S]*\*\*Risks\.\*\*[\s\S]*## The data sent to Claude[\s\S]*<market_data>/);

    const card = after.find((c) => c.method === 'sendMessage' && c.payload.chat_id === APPROVER && text(c).includes(`<code>${btc?.id ?? ''}</code>`) && text(c).includes('<b>Proposal</b>'));
    expect(text(card), 'the idea is a proposal like any other, source research').toContain('source research');
    expect(buttons(card).map((b) => b.text), 'with the same buttons').toEqual(['Approve', 'Reject', 'Details']);

    const details = await bot.press(`pd:${btc?.id ?? ''}`, VIEWER);
    expect(details.text, 'Details show the thesis, risks, model and cost').toMatch(/<b>Thesis<\/b> \(research, 10 trading days\)\nBTC\/USDT holds above[\s\S]*<b>Risks<\/b>\n• A break below 66,000[\s\S]*<b>Model<\/b> claude-sonnet-5-5 · run cost \$0\.0191/);

    await bot.press(`pa:${btc?.id ?? ''}`, APPROVER);
    expect((await bot.engine.getProposal(btc?.id ?? ''))?.state, 'approved and filled on the paper venue').toBe('filled');
    const fills = bot.calls.filter((c) => c.method === 'sendMessage' && text(c).includes('Filled:'));
    expect(fills.map((c) => c.payload.chat_id).sort(), 'the fill is told to every approver').toEqual([OWNER, APPROVER].sort());
  });

  it('runs research once when Telegram delivers the same /research twice (each run costs money)', async () => {
    const bot = await createResearchBot();
    let calls = 0;
    nock(ANTHROPIC)
      .post('/v1/messages')
      .times(2)
      .reply(() => {
        calls += 1;
        return [200, anthropicFixture('message-structured')];
      });
    const update = textUpdate(APPROVER, '/research');
    await bot.send(update);
    await bot.settle();
    const again = await bot.send(update);
    await bot.settle();
    expect(again.calls, 'the redelivery does nothing at all').toEqual([]);
    expect(calls, 'one call to Claude').toBe(1);
    expect(bot.engine.listProposals().filter((p) => p.source === 'research').length, 'one set of proposals').toBe(2);
  });

  it('lets a viewer read the cost and the statistics but not run research', async () => {
    const bot = await createResearchBot();
    expect((await bot.say('/research', VIEWER)).text, 'running needs the approver role').toBe('/research run needs the approver role; you are viewer.');
    expect((await bot.say('/research cost', VIEWER)).text, 'the cost is for everyone').toMatch(/^📄 <b>PAPER<\/b> · 🔎 <b>Research cost<\/b>/);
    expect((await bot.say('/research stats', VIEWER)).text, 'and so are the statistics').toBe('📄 <b>PAPER</b> · 🔎 <b>Research statistics</b> (last 90 days)\nNo research yet.');
  });

  it('says research is off without a key, with PAPER on it', async () => {
    const bot = await createResearchBot({ env: { ANTHROPIC_API_KEY: '' } });
    expect((await bot.say('/research', APPROVER)).text, 'what to set').toBe('📄 <b>PAPER</b> · Research is off: set ANTHROPIC_API_KEY and restart.');
    expect((await bot.say('/research stats', VIEWER)).text, 'the statistics say so too').toBe('📄 <b>PAPER</b> · 🔎 <b>Research statistics</b> (last 90 days)\nResearch is off: set ANTHROPIC_API_KEY and restart.');
  });
});
