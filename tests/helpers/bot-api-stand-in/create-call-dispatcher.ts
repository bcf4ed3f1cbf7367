import { BotApiError, notFound, unauthorized } from './bot-api-error.js';
import type { FaultInjector } from './create-fault-injector.js';
import type { Payload } from './read-payload.js';
import type { MethodHandler } from './stand-in-context.js';

/** One call the bot made, as the stand-in answered it. */
export interface CallRecord {
  readonly method: string;
  readonly token: string;
  readonly payload: Payload;
  /** When it arrived, in ms by the stand-in's clock. */
  readonly at: number;
  /** The HTTP status answered; 0 while pending, or when the connection was dropped or left hanging. */
  status: number;
  description?: string;
  fault?: 'close' | 'hang' | 'accept-then-close';
}

/** `accepted`: what the method did before the connection was dropped anyway. */
export type CallOutcome = { kind: 'reply'; status: number; body: unknown } | { kind: 'close'; accepted?: CallOutcome } | { kind: 'hang' };

interface DispatcherDeps {
  methods: Record<string, MethodHandler>;
  faults: FaultInjector;
  now: () => number;
  /** Only this token is let in (others get 401); any token when undefined. */
  token: string | undefined;
}

/**
 * Runs one Bot API call through the token check, the injected faults and the method,
 * records it, and says how to answer. Method names are case-insensitive, as in Telegram.
 */
export function createCallDispatcher(deps: DispatcherDeps) {
  const calls: CallRecord[] = [];
  const canonical = new Map(Object.keys(deps.methods).map((m) => [m.toLowerCase(), m]));

  const run = async (method: string, token: string, payload: Payload, signal: AbortSignal): Promise<CallOutcome> => {
    if (deps.token !== undefined && token !== deps.token) return refusal(unauthorized());
    const fault = deps.faults.faultFor(method);
    if (fault?.kind === 'error') return refusal(fault.error);
    if (fault?.kind === 'close' || fault?.kind === 'hang') return fault;
    const outcome = await perform(method, token, payload, signal);
    // Telegram did the work, but its answer never reached the bot (a timeout after acceptance).
    return fault?.kind === 'accept-then-close' ? { kind: 'close', accepted: outcome } : outcome;
  };

  const perform = async (method: string, token: string, payload: Payload, signal: AbortSignal): Promise<CallOutcome> => {
    const handler = deps.methods[method];
    if (handler === undefined || deps.faults.isMissing(method)) return refusal(notFound());
    try {
      return { kind: 'reply', status: 200, body: { ok: true, result: await handler(payload, { token, signal }) } };
    } catch (error) {
      if (error instanceof BotApiError) return refusal(error);
      return { kind: 'reply', status: 500, body: { ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` } };
    }
  };

  const dispatch = async (rawMethod: string, token: string, payload: Payload, signal: AbortSignal): Promise<CallOutcome> => {
    const method = canonical.get(rawMethod.toLowerCase()) ?? rawMethod;
    const record: CallRecord = { method, token, payload, at: deps.now(), status: 0 };
    calls.push(record);
    const outcome = await run(method, token, payload, signal);
    if (outcome.kind === 'reply') {
      record.status = outcome.status;
      const description = (outcome.body as { description?: string }).description;
      if (description !== undefined) record.description = description;
    } else record.fault = outcome.kind === 'close' && outcome.accepted !== undefined ? 'accept-then-close' : outcome.kind;
    return outcome;
  };

  return { dispatch, calls };
}

const refusal = (error: BotApiError): CallOutcome => ({ kind: 'reply', status: error.errorCode, body: error.toBody() });
