import { describe, expect, it } from 'vitest';
import { gatesMessage } from '../../../src/bot/messages/market-messages.js';
import type { DecisionRecord } from '../../../src/engine/ports/decision-log.js';
import { summarizeGateBlocks } from '../../../src/engine/scanner/summarize-gate-blocks.js';
import { makeProposal } from '../gates/gate-fixtures.js';

const AT = '2026-03-02T12:00:00.000Z';

function blocked(symbol: string, gate: string, reason: string): DecisionRecord {
  return {
    at: AT,
    dataMode: 'PAPER',
    proposal: makeProposal({ symbol }),
    trace: { evaluatedAt: AT, verdicts: [{ gate, outcome: 'block', reason }], blockedBy: gate, notEvaluated: [], passed: false },
    outcome: 'blocked',
  };
}

const proposed = (symbol: string): DecisionRecord => ({ ...blocked(symbol, 'x', 'x'), trace: { evaluatedAt: AT, verdicts: [], notEvaluated: [], passed: true }, outcome: 'proposed' });

describe('summarizeGateBlocks', () => {
  it('groups by gate and kind of reason and shows the range of the values, not one of them', () => {
    const summary = summarizeGateBlocks([
      blocked('BTC/USDT', 'min_confidence', 'confidence 0.427 is below the minimum 0.6'),
      blocked('SOL/USDT', 'min_confidence', 'confidence 0.419 is below the minimum 0.6'),
      blocked('ETH/USDT', 'cooldown', 'ETH/USDT was approved 3 min ago (cooldown 60 min)'),
      blocked('BTC/USDT', 'cooldown', 'BTC/USDT was approved 45 min ago (cooldown 60 min)'),
      blocked('BTC/USDT', 'cooldown', 'an order for BTC/USDT is still open'),
      proposed('AAPL'),
    ]);
    expect([summary.decisions, summary.blocked], 'every decision counted, the blocked ones apart').toEqual([6, 5]);
    const [cooldown, confidence] = summary.gates;
    expect(confidence, 'two blocks at 0.427 and 0.419: one kind, its range, both symbols (latest first)').toEqual({
      gate: 'min_confidence',
      count: 2,
      reasons: [{ count: 2, reason: 'confidence 0.419–0.427 is below the minimum 0.6', symbols: ['SOL/USDT', 'BTC/USDT'] }],
      otherCount: 0,
    });
    expect(cooldown?.reasons, 'the symbol is not a kind of its own; an open order is another kind').toEqual([
      { count: 2, reason: 'each symbol was approved 3–45 min ago (cooldown 60 min)', symbols: ['BTC/USDT', 'ETH/USDT'] },
      { count: 1, reason: 'an order for BTC/USDT is still open', symbols: ['BTC/USDT'] },
    ]);
  });

  it('keeps clock times as wording and counts the kinds beyond the top ones', () => {
    const summary = summarizeGateBlocks(
      [
        blocked('AAPL', 'market_open', 'NYSE is closed; it opens Mon 09:30 ET'),
        blocked('MSFT', 'market_open', 'NYSE is closed; it opens Mon 09:30 ET'),
        blocked('MSFT', 'market_open', 'NYSE is closed; it opens Tue 09:30 ET'),
      ],
      1,
    );
    expect(summary.gates[0]?.reasons, 'the same opening, both symbols').toEqual([{ count: 2, reason: 'NYSE is closed; it opens Mon 09:30 ET', symbols: ['MSFT', 'AAPL'] }]);
    expect(summary.gates[0]?.otherCount, 'the third block is counted, not dropped').toBe(1);
  });

  it('/gates prints each kind with its range and the symbols it blocked', () => {
    const text = gatesMessage(
      summarizeGateBlocks([
        blocked('BTC/USDT', 'min_confidence', 'confidence 0.427 is below the minimum 0.6'),
        blocked('SOL/USDT', 'min_confidence', 'confidence 0.419 is below the minimum 0.6'),
      ]),
    ).value;
    expect(text, 'a header, the gate, the kind with its range').toBe(
      ['<b>What blocks trading</b> (last 2 decisions: 2 blocked, 0 proposed)', '<b>min_confidence</b>: 2', '   2× confidence 0.419–0.427 is below the minimum 0.6 · SOL/USDT, BTC/USDT'].join('\n'),
    );
  });
});
