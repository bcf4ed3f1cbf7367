import type { ProposeInput, ProposeResult } from '../engine/proposals/create-proposal.js';
import type { SignalBody } from './parse-signal-body.js';
import type { SignalInboxPort } from '../signals/signal-inbox-port.js';

export interface SignalSourceInfo {
  readonly id: string;
  readonly account: string;
  /** Used when the signal carries none. */
  readonly confidence: number;
}

/** How a signal ended: a value for each expected outcome (DESIGN principle 2). */
export type SubmitResult =
  | { readonly kind: 'proposed'; readonly proposalId: string }
  | { readonly kind: 'blocked'; readonly proposalId: string; readonly gate: string; readonly reason: string }
  | { readonly kind: 'duplicate'; readonly outcome: 'proposed' | 'blocked'; readonly proposalId: string }
  | { readonly kind: 'invalid'; readonly field: string; readonly message: string }
  /** The account's venue could not be asked for a price: nothing was created, the id is not remembered. */
  | { readonly kind: 'unavailable'; readonly venue: string; readonly reason: string };

export interface SignalSubmitterDeps {
  /** The engine's `propose`: every gate, the decision recorded, the card to the approvers. */
  readonly propose: (input: ProposeInput) => Promise<ProposeResult>;
  readonly inbox: SignalInboxPort;
  readonly clock: () => Date;
  /** A signal id could not be written down; a repeat after a restart may make a second card. */
  readonly onRememberFailed: (error: unknown) => void;
}

/**
 * Turns a checked signal into a proposal, once per signal id. The engine proposes; a
 * person still approves: nothing here trades. A repeat of an id (a sender retrying, a
 * double-fired alert) gets the first answer, also while the first is still being decided.
 */
export function createSignalSubmitter(deps: SignalSubmitterDeps) {
  const inFlight = new Map<string, Promise<SubmitResult>>();

  async function decide(source: SignalSourceInfo, signal: SignalBody, key: string | undefined): Promise<SubmitResult> {
    const result = await deps.propose({
      accountId: source.account,
      symbol: signal.symbol,
      side: signal.side,
      size: signal.size,
      orderType: signal.orderType,
      ...(signal.limitPrice === undefined ? {} : { limitPrice: signal.limitPrice }),
      ...(signal.stopPrice === undefined ? {} : { stopPrice: signal.stopPrice }),
      ...(signal.targetPrice === undefined ? {} : { targetPrice: signal.targetPrice }),
      source: `signal:${source.id}`,
      confidence: signal.confidence ?? source.confidence,
      rationale: signal.text ?? `Signal from ${source.id}; it came without text.`,
    });
    if (result.kind === 'invalid') return { kind: 'invalid', ...fieldOf(result.problem) };
    if (result.kind === 'unreachable') return { kind: 'unavailable', venue: result.venue, reason: result.reason };
    const blocked = result.kind === 'blocked' ? result.trace.verdicts.find((v) => v.outcome === 'block') : undefined;
    const outcome: SubmitResult =
      result.kind === 'proposed'
        ? { kind: 'proposed', proposalId: result.proposal.id }
        : { kind: 'blocked', proposalId: result.proposal.id, gate: result.trace.blockedBy ?? 'unknown', reason: blocked?.outcome === 'block' ? blocked.reason : 'blocked' };
    // Remembered after the proposal is stored: a crash between the two can make a second
    // card for a repeated id (a person sees it and rejects it), never lose a signal. For the
    // same reason the answer does not wait for this write: a repeat is recognized at once
    // (the change is in memory), and its durability only matters across a crash.
    if (key !== undefined) {
      deps.inbox.remember(key, {
        at: deps.clock().toISOString(),
        outcome: outcome.kind === 'proposed' ? 'proposed' : 'blocked',
        proposalId: outcome.proposalId,
        ...(outcome.kind === 'blocked' ? { detail: `${outcome.gate}: ${outcome.reason}` } : {}),
      }).catch(deps.onRememberFailed);
    }
    return outcome;
  }

  return {
    async submit(source: SignalSourceInfo, signal: SignalBody): Promise<SubmitResult> {
      const key = signal.id === undefined ? undefined : `${source.id}:${signal.id}`;
      if (key === undefined) return decide(source, signal, undefined);
      const seen = deps.inbox.get(key);
      if (seen !== undefined) return { kind: 'duplicate', outcome: seen.outcome, proposalId: seen.proposalId };
      const pending = inFlight.get(key);
      if (pending !== undefined) return asDuplicate(await pending);
      const work = decide(source, signal, key).finally(() => inFlight.delete(key));
      inFlight.set(key, work);
      return work;
    },
  };
}

export type SignalSubmitter = ReturnType<typeof createSignalSubmitter>;

function asDuplicate(first: SubmitResult): SubmitResult {
  if (first.kind === 'proposed' || first.kind === 'blocked') return { kind: 'duplicate', outcome: first.kind, proposalId: first.proposalId };
  return first;
}

/** The engine's sentence names what was wrong; the sender is told which field that is. */
function fieldOf(problem: string): { field: string; message: string } {
  const field = /symbol/i.test(problem)
    ? 'symbol'
    : /limit/i.test(problem)
      ? 'limit'
      : /stop/i.test(problem)
        ? 'stop'
        : /target/i.test(problem)
          ? 'target'
          : /confidence/i.test(problem)
            ? 'confidence'
            : /size/i.test(problem)
              ? 'quantity'
              : '(signal)';
  return { field, message: problem };
}
