import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFinalState, PROPOSAL_STATES, type ProposalState } from '../../../src/engine/proposals/proposal.js';
import { canTransition, IllegalTransitionError, transitionProposal } from '../../../src/engine/proposals/transition-proposal.js';
import { makeProposal } from '../gates/gate-fixtures.js';

/**
 * The whole table, written out independently of the source: a change to the state machine
 * must change this test too, on purpose.
 */
const LEGAL: Readonly<Record<ProposalState, readonly ProposalState[]>> = {
  pending: ['approved', 'rejected', 'expired', 'canceled'],
  approved: ['submitted', 'failed', 'canceled'],
  submitted: ['partially_filled', 'filled', 'canceled', 'expired', 'failed'],
  partially_filled: ['partially_filled', 'filled', 'canceled', 'expired'],
  filled: [],
  rejected: [],
  expired: [],
  canceled: [],
  failed: [],
};

const ALL_PAIRS = PROPOSAL_STATES.flatMap((from) => PROPOSAL_STATES.map((to) => [from, to] as const));
const LEGAL_PAIRS = ALL_PAIRS.filter(([from, to]) => LEGAL[from].includes(to));
const ILLEGAL_PAIRS = ALL_PAIRS.filter(([from, to]) => !LEGAL[from].includes(to));
const AT = '2026-03-10T15:05:00.000Z';

const inState = (state: ProposalState) => makeProposal({ state, history: [{ state, at: '2026-03-10T15:00:00.000Z' }] });

describe('transitionProposal: every legal transition', () => {
  it.each(LEGAL_PAIRS)('%s → %s works and appends to the history', (from, to) => {
    const before = inState(from);
    const after = transitionProposal(before, to, { at: AT, by: 7, note: 'why' });
    expect(after.state, 'the new state').toBe(to);
    expect(after.history, 'the old history kept, one event appended').toEqual([...before.history, { state: to, at: AT, by: 7, note: 'why' }]);
    expect(before.state, 'the input is not mutated').toBe(from);
    expect(before.history.length, 'the input history is not mutated').toBe(1);
  });

  it('applies the fields that come with a transition, and only those', () => {
    const decision = { decision: 'approved' as const, by: 7, byName: 'Ann', at: AT };
    const after = transitionProposal(inState('pending'), 'approved', { at: AT }, { decision });
    expect(after.decision, 'the decision travels with the approval').toEqual(decision);
    expect({ ...after, decision: undefined, state: 'pending', history: [] }, 'nothing else changed').toEqual({
      ...inState('pending'),
      decision: undefined,
      history: [],
    });
  });

  it('lets a partial fill grow before the order ends', () => {
    const partly = transitionProposal(transitionProposal(inState('submitted'), 'partially_filled', { at: AT }), 'partially_filled', { at: AT });
    expect(partly.history.map((e) => e.state), 'two partial fills in a row are both recorded').toEqual(['submitted', 'partially_filled', 'partially_filled']);
  });
});

describe('transitionProposal: every illegal transition', () => {
  it.each(ILLEGAL_PAIRS)('%s → %s throws IllegalTransitionError with from/to', (from, to) => {
    const proposal = inState(from);
    let caught: unknown;
    try {
      transitionProposal(proposal, to, { at: AT });
    } catch (error) {
      caught = error;
    }
    expect(caught, 'a typed error, never a silent overwrite').toBeInstanceOf(IllegalTransitionError);
    const error = caught as IllegalTransitionError;
    expect([error.proposalId, error.from, error.to, error.code], 'fields a program can act on').toEqual([proposal.id, from, to, 'illegal_transition']);
  });

  it('the table covers all 81 pairs and final states lead nowhere', () => {
    expect(LEGAL_PAIRS.length + ILLEGAL_PAIRS.length, 'nine states squared').toBe(81);
    for (const state of PROPOSAL_STATES) {
      expect(LEGAL[state].length === 0, `${state}: final exactly when it has no way out`).toBe(isFinalState(state));
    }
  });
});

describe('canTransition agrees with the table', () => {
  it.each(ALL_PAIRS)('%s → %s', (from, to) => {
    expect(canTransition(from, to), 'same answer as transitionProposal').toBe(LEGAL[from].includes(to));
  });

  it('never lets any path leave a final state or skip approval (property)', () => {
    const state = fc.constantFrom(...PROPOSAL_STATES);
    fc.assert(
      fc.property(fc.array(state, { maxLength: 12 }), (steps) => {
        let proposal = inState('pending');
        for (const to of steps) {
          const from = proposal.state;
          try {
            proposal = transitionProposal(proposal, to, { at: AT });
          } catch (error) {
            if (!(error instanceof IllegalTransitionError)) throw error;
            expect(proposal.state, 'a refused step changes nothing').toBe(from);
            continue;
          }
          expect(isFinalState(from), `left final state ${from}`).toBe(false);
          if (to === 'submitted') expect(proposal.history.some((e) => e.state === 'approved'), 'submitted only after an approval').toBe(true);
        }
        expect(proposal.history.length, 'one history entry per applied step').toBeGreaterThanOrEqual(1);
      }),
    );
  });
});
