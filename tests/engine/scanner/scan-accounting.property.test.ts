import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProposeResult } from '../../../src/engine/proposals/create-proposal.js';
import { TIMEFRAME_MS, type Bar } from '../../../src/engine/market/bars.js';
import { scanWatchlist, totalOf } from '../../../src/engine/scanner/scan.js';
import type { Signal, Strategy } from '../../../src/engine/strategies/strategy.js';
import { makeProposal } from '../gates/gate-fixtures.js';

const NOW = new Date('2026-03-02T12:00:00.000Z');
const SYMBOLS = ['A', 'B', 'C', 'D'];
const TIMEFRAMES = ['1h', '4h'] as const;

const fresh = (step: number): Bar[] =>
  Array.from({ length: 30 }, (_, i) => ({ t: NOW.getTime() - (30 - i) * step, o: 100, h: 101, l: 99, c: 100, v: 1 }));

const outcome = fc.constantFrom<ProposeResult | 'throw'>(
  { kind: 'proposed', proposal: makeProposal() },
  { kind: 'invalid', problem: 'no price' },
  { kind: 'blocked', proposal: makeProposal(), trace: { evaluatedAt: NOW.toISOString(), verdicts: [], blockedBy: 'cooldown', notEvaluated: [], passed: false } },
  'throw',
);
const signal = fc.option(fc.record({ side: fc.constantFrom<'buy' | 'sell'>('buy', 'sell'), strength: fc.double({ min: 0, max: 1, noNaN: true }) }), { nil: undefined });

describe('scan accounting', () => {
  it('for any signals, answers and pending proposals, proposed + blocked + skipped + failed = signals', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.dictionary(fc.constantFrom(...SYMBOLS.flatMap((s) => TIMEFRAMES.map((t) => `${s} ${t}`))), signal), { minLength: 1, maxLength: 3 }),
        fc.dictionary(fc.constantFrom(...SYMBOLS), outcome),
        fc.subarray(SYMBOLS),
        fc.subarray(SYMBOLS),
        async (tables, answers, pending, held) => {
          const strategies: Strategy[] = tables.map((table, i) => ({
            name: `s${i}`,
            description: 'property',
            minBars: 1,
            evaluate: (input) => {
              const s = table[`${input.symbol} ${input.timeframe}`];
              return s === undefined ? undefined : ({ ...s, confidence: 0.5, entry: 100, reasons: ['x'] } satisfies Signal);
            },
          }));
          const summary = await scanWatchlist(
            {
              bars: { readLast: async (key) => fresh(TIMEFRAME_MS[key.timeframe]) },
              strategies,
              propose: async (input) => {
                const answer = answers[input.symbol] ?? { kind: 'proposed', proposal: makeProposal() };
                if (answer === 'throw') throw new Error('store down');
                return answer;
              },
              positions: (_a, symbol) => ({ quantity: held.includes(symbol) ? 1 : 0 }),
              hasPending: (_a, symbol) => pending.includes(symbol),
              clock: () => NOW,
            },
            { accountId: 'main', venue: 'sim', symbols: SYMBOLS, timeframes: [...TIMEFRAMES], notionalPerTrade: '100' },
          );
          const parts = summary.proposed + totalOf(summary.blocked) + totalOf(summary.skipped) + summary.failed;
          expect(parts, `every signal ends in exactly one place: ${JSON.stringify(summary)}`).toBe(summary.signals);
        },
      ),
      { numRuns: 150 },
    );
  });
});
