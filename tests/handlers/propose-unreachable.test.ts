import { describe, expect, it } from 'vitest';
import type { AccountRuntime } from '../../src/engine/execution/execution-deps.js';
import { VenueUnavailableError } from '../../src/errors.js';
import { APPROVER, createTestBot } from '../helpers/test-bot.js';

/** The paper account's venue answering every account read with a network failure. */
const unreachable = (built: Map<string, AccountRuntime>) => {
  const runtime = built.get('paper');
  if (runtime === undefined) throw new Error('no paper account');
  const fail = () => Promise.reject(new VenueUnavailableError('paper', 'network failure: fetch failed'));
  return new Map([['paper', { ...runtime, broker: { ...runtime.broker, getAccount: fail, getPositions: fail }, market: { latestPrice: fail } }]]);
};

describe('/propose on a venue that cannot be reached', () => {
  it('says the venue is unreachable and that nothing was proposed, instead of "Something went wrong (ref …)"', async () => {
    const h = createTestBot({}, { engine: { runtimes: unreachable } });
    const { text } = await h.say('/propose paper BTC/USDT buy 0.01', APPROVER);
    expect(text, 'the same kind of answer /positions gives').toBe(
      "📄 <b>PAPER</b> · paper is unreachable (paper unavailable: network failure: fetch failed); nothing was proposed. Try again in a minute; /health shows the venue's state.",
    );
    expect(h.engine.listProposals(), 'nothing pending').toEqual([]);
  });

  it('step by step, says so as soon as the price cannot be fetched', async () => {
    const h = createTestBot({}, { engine: { runtimes: unreachable } });
    expect((await h.say('/propose', APPROVER)).text, 'one account: the symbol first').toMatch(/^Symbol\?/);
    expect((await h.say('BTC/USDT', APPROVER)).text, 'no "Something went wrong (ref …)"').toBe(
      "paper is unreachable (paper unavailable: network failure: fetch failed); nothing was proposed. Try again in a minute; /health shows the venue's state.",
    );
  });
});
