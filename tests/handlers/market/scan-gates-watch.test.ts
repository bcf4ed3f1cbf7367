import { describe, expect, it } from 'vitest';
import type { BackfillRequest } from '../../../src/engine/backfill/run-backfill.js';
import { sentTexts } from '../../helpers/record-api.js';
import { APPROVER, OWNER, VIEWER, createTestBot } from '../../helpers/test-bot.js';
import { createTestClock } from '../../helpers/test-engine.js';
import { textUpdate } from '../../helpers/updates.js';
import type { Harness } from './market-chat-fixtures.js';

/** A Monday, 10:00 in New York: stocks trade, and the seeded walk gives signals that pass and one that is blocked. */
const MONDAY_OPEN = '2026-11-16T15:00:00Z';
const TWO_ACCOUNTS = '[{"id":"steady","venue":"paper"},{"id":"spicy","venue":"paper"}]';

async function say(h: Harness, text: string, from = APPROVER) {
  await h.bot.handleUpdate(textUpdate(from, text));
  await h.settle();
  return sentTexts(h.calls).at(-1) ?? '';
}

async function backfill(h: Harness, request: Partial<BackfillRequest> = {}) {
  const started = h.engine.market.startBackfill({ venue: 'sim', symbols: h.market.knownSymbols(), timeframes: ['1h', '1d'], days: 90, ...request });
  if (started.kind !== 'started') throw new Error(`backfill not started: ${JSON.stringify(started)}`);
  await started.handle.done;
  await h.settle();
}

describe('/scan after a backfill', () => {
  it('answers "Scanning…", then a summary whose numbers match the proposals and blocks that happened', async () => {
    const h = createTestBot({}, { engine: { clock: createTestClock(MONDAY_OPEN) } });
    await backfill(h);
    const before = h.calls.length;
    await h.bot.handleUpdate(textUpdate(APPROVER, '/scan'));
    expect(sentTexts(h.calls.slice(before)), 'answered at once; the scan runs in the background').toEqual(['Scanning…']);
    await h.settle();

    const summary = sentTexts(h.calls).find((t) => t.startsWith('<b>Scan</b>')) ?? '';
    const numbers = /Signals (\d+) · proposed (\d+) · blocked (\d+)/.exec(summary);
    const [signals, proposed, blocked] = [1, 2, 3].map((i) => Number(numbers?.[i])) as [number, number, number];
    expect(summary, 'every symbol, two timeframes each').toContain('<b>paper</b> (sim): 8 symbols, 16 series in ');
    const proposals = h.engine.listProposals();
    const blocks = h.decisions.entries.filter((d) => d.outcome === 'blocked');
    expect(proposed, 'at this moment some signals pass the gates').toBeGreaterThan(0);
    expect(blocked, 'and some are blocked').toBeGreaterThan(0);
    expect(proposed, 'proposed = proposals awaiting approval').toBe(proposals.length);
    expect(blocked, 'blocked = blocked decisions in the shadow log').toBe(blocks.length);
    expect(signals, 'every proposal and block came from a signal').toBeGreaterThanOrEqual(proposed + blocked);
    const byGate = blocks.reduce<Record<string, number>>((acc, d) => ({ ...acc, [d.trace.blockedBy ?? '?']: (acc[d.trace.blockedBy ?? '?'] ?? 0) + 1 }), {});
    expect(summary, 'the blocking gates are named with counts').toContain(`Blocked by: ${Object.entries(byGate).map(([g, c]) => `${g} ${c}`).join(', ')}`);

    const approvals = h.calls.filter((c) => c.method === 'sendMessage' && String(c.payload.text).includes('<b>Proposal</b>'));
    expect(approvals.length, 'each proposal went to the owner and the approver').toBe(2 * proposals.length);
    expect(new Set(approvals.map((c) => c.payload.chat_id)), 'never to the viewer').toEqual(new Set([OWNER, APPROVER]));
    for (const p of proposals) {
      expect(p.source, `${p.symbol} came from a strategy`).toMatch(/^strategy:(dca|swing|channel)$/);
      expect(approvals.some((c) => String(c.payload.text).includes(`source ${p.source}`) && String(c.payload.text).includes(p.symbol)), `${p.symbol} awaits approval in chat`).toBe(true);
    }
  });

  it('says what was stale when nothing was backfilled, and scans only the named account', async () => {
    const h = createTestBot({}, { engine: { accounts: TWO_ACCOUNTS } });
    await h.engine.market.changeWatchlist('spicy', { remove: ['AAPL', 'MSFT', 'NVDA', 'SPY', 'TSLA'] });
    const summary = await say(h, '/scan spicy');
    expect(summary, 'only spicy, with its 3 symbols').toMatch(/^<b>Scan<\/b>\n\n<b>spicy<\/b> \(sim\): 3 symbols, 6 series in/);
    expect(summary, 'nothing to work on').toContain('Signals 0 · proposed 0 · blocked 0\n6 series had no fresh bars (run /backfill) and were skipped');
    expect(await say(h, '/scan nope'), 'an unknown account').toBe('Unknown account "nope".');
    expect(await say(h, '/scan', VIEWER), 'a viewer may not scan').toBe('/scan needs the approver role; you are viewer.');
  });
});

describe('/gates', () => {
  it('lists the blocking gates with counts and an example reason', async () => {
    const h = createTestBot({}, { engine: { clock: createTestClock(MONDAY_OPEN) } });
    expect(await say(h, '/gates', VIEWER), 'nothing yet').toBe('No decisions recorded yet.');
    await backfill(h);
    await say(h, '/scan');
    await say(h, '/propose paper SOL/USDT buy 1000');
    await say(h, '/propose paper SOL/USDT buy 2000');
    const decisions = h.decisions.entries;
    const blocked = decisions.filter((d) => d.outcome === 'blocked');
    const text = await say(h, '/gates', VIEWER);
    expect(text, 'a header with the totals').toContain(`<b>What blocks trading</b> (last ${decisions.length} decisions: ${blocked.length} blocked, ${decisions.length - blocked.length} proposed)`);
    expect(text, 'the manual ones are blocked by size, counted once per decision').toContain('<b>max_position_size</b>: 2');
    // One line per gate, then its reasons; the newest wording of each stands for its kind.
    const newest = new Map(blocked.map((d) => [d.trace.blockedBy, d.trace.verdicts.find((v) => v.outcome === 'block')]));
    for (const [gate, verdict] of newest) {
      const count = blocked.filter((d) => d.trace.blockedBy === gate).length;
      expect(text, `${gate} is listed with its count`).toContain(`<b>${gate}</b>: ${count}`);
      expect(text, `${gate} gives an example reason`).toContain(`   ${count}× ${verdict?.outcome === 'block' ? verdict.reason : '?'}`);
    }
    expect(text.indexOf('max_position_size'), 'the most frequent gate first').toBeLessThan(text.indexOf('min_confidence'));
    expect(await say(h, '/gates 2', VIEWER), 'only the last two decisions').toContain('(last 2 decisions: 2 blocked, 0 proposed)');
  });

  it.each(['abc', '0', '-5', '1.5', '100001'])('/gates %s → a clear error', async (arg) => {
    const h = createTestBot();
    expect(await say(h, `/gates ${arg}`, VIEWER), 'says what it wants').toBe('Give the number of decisions as a whole number from 1 to 100000, e.g. /gates 200.');
  });
});

describe('/watch', () => {
  it('lists for anyone, changes for approvers, refuses unknown symbols', async () => {
    const h = createTestBot();
    const all = h.market.knownSymbols();
    expect(await say(h, '/watch', VIEWER), 'the default watchlist').toBe(`<b>Watchlist</b> of paper (8): ${all.join(', ')}`);
    expect(await say(h, '/watch remove AAPL', VIEWER), 'a viewer may not change it').toBe('Changing a watchlist needs the approver role.');
    expect(await say(h, '/watch remove AAPL'), 'removed').toBe(`Removed AAPL.\n<b>Watchlist</b> of paper (7): ${all.filter((s) => s !== 'AAPL').join(', ')}`);
    expect(await say(h, '/watch remove AAPL'), 'not there any more').toBe('Watchlist not changed: not on the watchlist: AAPL.');
    expect(await say(h, '/watch add doge/usdt'), 'unknown at the venue').toBe('Watchlist not changed: unknown symbol "DOGE/USDT" at this account\'s venue.');
    expect(await say(h, '/watch add aapl'), 'added back, normalized').toMatch(/^Added AAPL\.\n<b>Watchlist<\/b> of paper \(8\): .*, AAPL$/);
    expect(await say(h, '/watch add AAPL'), 'adding twice adds nothing').toMatch(/^Added nothing new\./);
    expect(await say(h, '/watch add'), 'needs symbols').toBe('Name the symbols to add, e.g. /watch add BTC/USDT.');
    expect(await say(h, '/watch shuffle'), 'unknown action').toBe('Use /watch list, /watch add SYMBOL …, or /watch remove SYMBOL … (add @account for another account).');
    expect(h.document.data.watchlists.paper?.length, 'persisted').toBe(8);
  });

  it('changes another account with @account, and only that one', async () => {
    const h = createTestBot({}, { engine: { accounts: TWO_ACCOUNTS } });
    expect(await say(h, '/watch remove TSLA @spicy'), 'spicy changed').toContain('<b>Watchlist</b> of spicy (7)');
    expect(await say(h, '/watch list', VIEWER), 'the first account is the default').toContain('<b>Watchlist</b> of steady (8)');
    expect(await say(h, '/watch list @spicy', VIEWER), 'spicy has no TSLA').not.toContain('TSLA');
    expect(await say(h, '/watch add TSLA @nope'), 'an unknown account').toBe('Unknown account "nope".');
    expect(h.engine.market.watchlist('steady'), 'steady untouched').toContain('TSLA');
  });
});

describe('/chart', () => {
  const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const USAGE = 'Usage: /chart SYMBOL [1m|5m|15m|1h|4h|1d] [@account], e.g. /chart BTC/USDT 1h';

  it('sends a PNG of the last bars after a backfill', async () => {
    const h = createTestBot();
    await backfill(h, { symbols: ['BTC/USDT'], timeframes: ['1h'], days: 10 });
    await say(h, '/chart btc/usdt', VIEWER);
    const call = h.calls.at(-1);
    expect(call?.method, 'a photo, uploaded').toBe('sendPhoto');
    const photo = call?.payload.photo as { filename: string; data: Buffer } | undefined;
    expect(photo?.filename, 'named after the series').toBe('BTC-USDT-1h.png');
    expect(photo?.data.subarray(0, 8).equals(PNG_SIGNATURE), 'a PNG file').toBe(true);
    expect(photo?.data.length, 'a real picture, not an empty canvas').toBeGreaterThan(5_000);
    const last = (await h.engine.market.bars('sim', 'BTC/USDT', '1h', 1))[0];
    expect(call?.payload.caption, 'the caption names the bars and the last close').toBe(`BTC/USDT 1h: last 120 bars, close ${last?.c}`);
    expect(call?.payload.chat_id, 'to whoever asked (multipart fields are text)').toBe(String(VIEWER));
  });

  it('says to /backfill first when there are no bars', async () => {
    const h = createTestBot();
    expect(await say(h, '/chart ETH/USDT 4h', VIEWER), 'a hint, no photo').toBe('No 4h bars for ETH/USDT at sim yet: /backfill first.');
    expect(h.calls.some((c) => c.method === 'sendPhoto'), 'nothing rendered').toBe(false);
  });

  it.each(['/chart', '/chart BTC/USDT 2h', '/chart !!! 1h', '/chart BTC/USDT 1h @nope'])('%s → the usage', async (line) => {
    const h = createTestBot();
    expect(await say(h, line, VIEWER), 'how to ask').toBe(USAGE);
  });
});
