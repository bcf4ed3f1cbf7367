import { describe, expect, it } from 'vitest';
import type { BackfillRequest } from '../../../src/engine/backfill/run-backfill.js';
import { sentTexts } from '../../helpers/record-api.js';
import { APPROVER, OWNER, VIEWER, createTestBot, type TestBot } from '../../helpers/test-bot.js';
import { createTestClock, type TestEngineOptions } from '../../helpers/test-engine.js';
import { CHART_USAGE } from '../../../src/bot/parse/parse-chart-args.js';
import { formatPrice } from '../../../src/bot/messages/format-number.js';
import { formatTimeIn } from '../../../src/bot/messages/jobs-message.js';

/** A Monday, 10:00 in New York: stocks trade, and the seeded walk gives signals that pass and one that is blocked. */
const MONDAY_OPEN = '2026-11-16T15:00:00Z';
const TWO_ACCOUNTS = '[{"id":"steady","venue":"paper"},{"id":"spicy","venue":"paper"}]';

/** A test bot spoken to as an approver. */
const approverBot = (env: Record<string, string> = {}, engine: TestEngineOptions = {}) => createTestBot(env, { engine, user: APPROVER });

async function backfill(h: TestBot, request: Partial<BackfillRequest> = {}) {
  const started = h.engine.market.startBackfill({ venue: 'sim', symbols: h.market.knownSymbols(), timeframes: ['1h', '1d'], days: 90, ...request });
  if (started.kind !== 'started') throw new Error(`backfill not started: ${JSON.stringify(started)}`);
  await started.handle.done;
  await h.settle();
}

describe('/scan after a backfill', () => {
  it('answers "Scanning…", then a summary whose counts add up and match the proposals and blocks that happened', async () => {
    const h = approverBot({}, { clock: createTestClock(MONDAY_OPEN) });
    await backfill(h);
    expect((await h.say('/scan', APPROVER, { settle: false })).texts, 'answered at once; the scan runs in the background').toEqual(['Scanning…']);
    await h.settle();

    const summary = sentTexts(h.calls).find((t) => t.startsWith('📄 <b>PAPER</b> · <b>Scan</b>')) ?? '';
    const numbers = /(\d+) signals?: (\d+) proposed \+ (\d+) blocked \+ (\d+) skipped/.exec(summary);
    const [signals, proposed, blocked, skipped] = [1, 2, 3, 4].map((i) => Number(numbers?.[i])) as [number, number, number, number];
    expect(summary, 'every symbol, two timeframes each').toContain('<b>paper</b> (sim): 8 symbols, 16 series in ');
    expect(summary, 'a quick scan reads as backfill does, not "in 0s"').toMatch(/16 series in (under 1s|\d+s)/);
    expect(summary).not.toContain('in 0s');
    const proposals = h.engine.listProposals();
    const blocks = h.decisions.entries.filter((d) => d.outcome === 'blocked');
    expect(proposed, 'at this moment some signals pass the gates').toBeGreaterThan(0);
    expect(blocked, 'and some are blocked').toBeGreaterThan(0);
    expect(proposed, 'proposed = proposals awaiting approval').toBe(proposals.length);
    expect(blocked, 'blocked = blocked decisions in the shadow log').toBe(blocks.length);
    expect(signals, 'the counts add up: every signal ends in exactly one place').toBe(proposed + blocked + skipped);
    const byGate = blocks.reduce<Record<string, number>>((acc, d) => ({ ...acc, [d.trace.blockedBy ?? '?']: (acc[d.trace.blockedBy ?? '?'] ?? 0) + 1 }), {});
    expect(summary, 'the blocking gates are named with counts').toContain(`Blocked by: ${Object.entries(byGate).map(([g, c]) => `${g} ${c}`).join(', ')}`);

    const approvals = h.calls.filter((c) => c.method === 'sendMessage' && String(c.payload.text).includes('<b>Proposal</b>'));
    expect(approvals.length, 'each proposal went to the owner and the approver').toBe(2 * proposals.length);
    expect(new Set(approvals.map((c) => c.payload.chat_id)), 'never to the viewer').toEqual(new Set([OWNER, APPROVER]));
    for (const p of proposals) {
      expect(p.source, `${p.symbol} came from a strategy`).toMatch(/^strategy:(dca|swing|channel)$/);
      expect(approvals.some((c) => String(c.payload.text).includes(`source ${p.source}`) && String(c.payload.text).includes(p.symbol)), `${p.symbol} awaits approval in chat`).toBe(true);
    }

    await h.say('/scan');
    const again = sentTexts(h.calls).filter((t) => t.startsWith('📄 <b>PAPER</b> · <b>Scan</b>')).at(-1) ?? '';
    expect(h.engine.listProposals().length, 'a second scan asks nothing twice').toBe(proposals.length);
    expect(again, 'and says why').toContain(`Skipped ${proposals.length}: a proposal for the same symbol and side already awaits approval`);
  });

  it('says what was stale when nothing was backfilled, and scans only the named account', async () => {
    const h = approverBot({}, { accounts: TWO_ACCOUNTS });
    await h.engine.market.changeWatchlist('spicy', { remove: ['AAPL', 'MSFT', 'NVDA', 'SPY', 'TSLA'] });
    const summary = (await h.say('/scan spicy')).text;
    expect(summary, 'only spicy, with its 3 symbols').toMatch(/^📄 <b>PAPER<\/b> · <b>Scan<\/b>\n\n<b>spicy<\/b> \(sim\): 3 symbols, 6 series in/);
    expect(summary, 'nothing to work on').toContain('0 signals: 0 proposed + 0 blocked + 0 skipped\n6 series had no fresh bars, so no strategy ran on them (run /backfill)');
    expect((await h.say('/scan nope')).text, 'an unknown account, and the ones there are').toBe('Unknown account "nope": choose one of steady, spicy.');
    expect((await h.say('/scan', VIEWER)).text, 'a viewer may not scan').toBe('/scan needs the approver role; you are viewer.');
  });
});

describe('/gates', () => {
  it('lists the blocking gates with counts, each kind of reason with the range of its values', async () => {
    const h = approverBot({}, { clock: createTestClock(MONDAY_OPEN) });
    // What follows is what confidence means (tests/bot/messages/calibration-message.test.ts).
    expect((await h.say('/gates', VIEWER)).text, 'nothing yet').toMatch(/^No decisions recorded yet\.\n\n/);
    await backfill(h);
    await h.say('/scan');
    await h.say('/propose paper SOL/USDT buy 1000');
    await h.say('/propose paper SOL/USDT buy 2000');
    const decisions = h.decisions.entries;
    const blocked = decisions.filter((d) => d.outcome === 'blocked');
    const text = (await h.say('/gates', VIEWER)).text;
    expect(text, 'a header with the totals').toContain(`<b>What blocks trading</b> (last ${decisions.length} decisions: ${blocked.length} blocked, ${decisions.length - blocked.length} proposed)`);
    expect(text, 'the manual ones are blocked by size, counted once per decision').toContain('<b>max_position_size</b>: 2');
    for (const gate of new Set(blocked.map((d) => d.trace.blockedBy))) {
      const count = blocked.filter((d) => d.trace.blockedBy === gate).length;
      expect(text, `${gate} is listed with its count`).toContain(`<b>${gate}</b>: ${count}`);
    }
    // The two manual sizes are one kind of reason: shown with the range of their shares.
    const reasonOf = (d: (typeof blocked)[number]) => d.trace.verdicts.flatMap((v) => (v.outcome === 'block' ? [v.reason] : []))[0] ?? '';
    const shares = blocked
      .filter((d) => d.trace.blockedBy === 'max_position_size')
      .map((d) => /would be ([\d.,]+)%/.exec(reasonOf(d))?.[1] ?? '')
      .sort((a, b) => Number(a.replace(/,/g, '')) - Number(b.replace(/,/g, '')));
    expect(text, 'both values, as a range').toContain(`   2× SOL/USDT position would be ${shares[0] ?? '?'}–${shares[1] ?? '?'}% of equity`);
    expect(text.indexOf('max_position_size'), 'the most frequent gate first').toBeLessThan(text.indexOf('min_confidence'));
    expect((await h.say('/gates 2', VIEWER)).text, 'only the last two decisions').toContain('(last 2 decisions: 2 blocked, 0 proposed)');
  });

  it.each(['abc', '0', '-5', '1.5', '100001'])('/gates %s → a clear error', async (arg) => {
    const h = approverBot();
    expect((await h.say(`/gates ${arg}`, VIEWER)).text, 'quotes the input and says what it wants').toBe(`"${arg}" is not a number of decisions: give a whole number from 1 to 100000, e.g. /gates 200.`);
  });
});

describe('/watch', () => {
  it('lists for anyone, changes for approvers, refuses unknown symbols', async () => {
    const h = approverBot();
    const all = h.market.knownSymbols();
    expect((await h.say('/watch', VIEWER)).text, 'the default watchlist').toBe(`<b>Watchlist</b> of paper (8): ${all.join(', ')}`);
    expect((await h.say('/watch remove AAPL', VIEWER)).text, 'a viewer may not change it').toBe('/watch remove needs the approver role; you are viewer.');
    expect((await h.say('/watch ADD AAPL', VIEWER)).text, 'in any case').toBe('/watch add needs the approver role; you are viewer.');
    expect((await h.say('/watch remove AAPL')).text, 'removed').toBe(`Removed AAPL.\n<b>Watchlist</b> of paper (7): ${all.filter((s) => s !== 'AAPL').join(', ')}`);
    expect((await h.say('/watch remove AAPL')).text, 'not there any more').toBe('Watchlist not changed: not on the watchlist: AAPL.');
    expect((await h.say('/watch add doge/usdt')).text, 'unknown at the venue').toBe(`Watchlist not changed: "DOGE/USDT" is not a symbol on paper. Known there: ${all.join(', ')}.`);
    expect((await h.say('/watch add aapl')).text, 'added back, normalized').toMatch(/^Added AAPL\.\n<b>Watchlist<\/b> of paper \(8\): .*, AAPL$/);
    expect((await h.say('/watch add AAPL')).text, 'adding twice adds nothing').toMatch(/^Added nothing new\./);
    expect((await h.say('/watch add')).text, 'needs symbols').toBe('Name the symbols to add, e.g. /watch add BTC/USDT.');
    expect((await h.say('/watch shuffle')).text, 'unknown action').toBe('"shuffle" is not a /watch action. Use /watch list, /watch add SYMBOL …, or /watch remove SYMBOL … (add @account for another account).');
    expect((await h.say('/watch @paper remove AAPL', VIEWER)).text, 'an action after the account is refused, never run').toBe('Put the action first, e.g. /watch remove BTC/USDT @account.');
    expect(h.document.data.watchlists.paper?.length, 'persisted').toBe(8);
  });

  it('changes another account with @account, and only that one', async () => {
    const h = approverBot({}, { accounts: TWO_ACCOUNTS });
    expect((await h.say('/watch remove TSLA @spicy')).text, 'spicy changed').toContain('<b>Watchlist</b> of spicy (7)');
    expect((await h.say('/watch list', VIEWER)).text, 'the first account is the default').toContain('<b>Watchlist</b> of steady (8)');
    expect((await h.say('/watch list @spicy', VIEWER)).text, 'spicy has no TSLA').not.toContain('TSLA');
    expect((await h.say('/watch add TSLA @nope')).text, 'an unknown account').toBe('Unknown account "nope": choose one of steady, spicy.');
    expect(h.engine.market.watchlist('steady'), 'steady untouched').toContain('TSLA');
  });
});

describe('/chart', () => {
  const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  it('sends a PNG of the last bars after a backfill', async () => {
    const h = approverBot();
    await backfill(h, { symbols: ['BTC/USDT'], timeframes: ['1h'], days: 10 });
    await h.say('/chart btc/usdt', VIEWER);
    const call = h.calls.at(-1);
    expect(call?.method, 'a photo, uploaded').toBe('sendPhoto');
    const photo = call?.payload.photo as { filename: string; data: Buffer } | undefined;
    expect(photo?.filename, 'named after the series').toBe('BTC-USDT-1h.png');
    expect(photo?.data.subarray(0, 8).equals(PNG_SIGNATURE), 'a PNG file').toBe(true);
    expect(photo?.data.length, 'a real picture, not an empty canvas').toBeGreaterThan(5_000);
    const last = (await h.engine.market.bars('sim', 'BTC/USDT', '1h', 1))[0];
    const closedAt = formatTimeIn(new Date((last?.t ?? 0) + 3_600_000), 'UTC');
    expect(call?.payload.caption, 'the caption names the bars, when they end and the last close with its currency').toBe(
      `📄 PAPER · BTC/USDT 1h · sim: 120 bars to ${closedAt}, last close ${formatPrice(last?.c ?? 0)} USDT`,
    );
    expect(call?.payload.chat_id, 'to whoever asked (multipart fields are text)').toBe(String(VIEWER));
  });

  it('says how to backfill a listed symbol that has no bars yet', async () => {
    const h = approverBot();
    expect((await h.say('/chart ETH/USDT 4h', VIEWER)).text, 'the very command, no photo').toBe('No 4h bars for ETH/USDT at sim yet: /backfill sim ETH/USDT 4h 30 fetches the last 30 days.');
    expect(h.calls.some((c) => c.method === 'sendPhoto'), 'nothing rendered').toBe(false);
  });

  it('chart of an unknown symbol says it is not a symbol at that venue, not to backfill', async () => {
    const h = approverBot();
    const text = (await h.say('/chart FOO', VIEWER)).text;
    expect(text, 'not a symbol there, and which ones are watched').toBe("FOO is not a symbol at sim (account paper). On its watchlist: AAPL, MSFT, NVDA, SPY, TSLA, BTC/USDT, ETH/USDT, SOL/USDT.");
    expect(text, 'no backfill hint').not.toContain('backfill');
  });

  it('marks our own fills on the chart and says so in the caption', async () => {
    const h = approverBot();
    await backfill(h, { symbols: ['BTC/USDT'], timeframes: ['1h'], days: 10 });
    await h.say('/propose paper BTC/USDT buy 0.01');
    const id = h.engine.listProposals({ state: 'pending' })[0]?.id ?? '';
    await h.press(`pa:${id}`);
    await h.say('/chart BTC/USDT', VIEWER);
    expect(h.calls.at(-1)?.payload.caption, 'the fill just made is on the chart').toMatch(/ · 1 fill of ours marked$/);
  });

  it.each([
    ['/chart', 'Name a symbol.'],
    ['/chart BTC/USDT 2h', '"2h" is not a timeframe: use 1m, 5m, 15m, 1h, 4h, 1d.'],
    ['/chart !!! 1h', '"!!!" is not a symbol like AAPL or BTC/USDT.'],
  ])('%s → what was wrong, and the usage', async (line, error) => {
    const h = approverBot();
    expect((await h.say(line, VIEWER)).text, 'what was wrong, then how to ask').toBe(`${error} ${CHART_USAGE}`);
  });

  it('an unknown account is named with the valid ones, without the usage text', async () => {
    const h = approverBot();
    expect((await h.say('/chart BTC/USDT 1h @nosuch', VIEWER)).text, 'unknown account, and the accounts there are').toBe('Unknown account "nosuch": choose one of paper.');
  });
});
