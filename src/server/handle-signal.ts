import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import type { Verify } from '../outbound/standard-webhooks.js';
import { parseSignalBody } from './parse-signal-body.js';
import { readBody } from './read-body.js';
import { sendJson } from './send-json.js';
import type { SignalRateLimiter } from './signal-rate-limiter.js';
import type { SignalResult, SignalStats } from '../signals/signal-stats.js';
import type { SignalSourceInfo, SignalSubmitter, SubmitResult } from './submit-signal.js';

/** What a sender is told to wait when the venue could not be asked: a breaker's usual pause. */
const UNAVAILABLE_RETRY_SECONDS = 60;

/** TradingView's alert messages are small; 64 KiB leaves room and stops a body flood early. */
export const MAX_SIGNAL_BODY_BYTES = 64 * 1024;

export interface SignalSourceRuntime extends SignalSourceInfo {
  /** `passphrase`: a field of the body, compared in constant time. */
  readonly checkPassphrase?: (given: unknown) => boolean;
  /** `standard-webhooks`: the signature headers over the raw body. */
  readonly verify?: Verify;
  readonly limiter: SignalRateLimiter;
}

export interface SignalHandlerDeps {
  readonly sources: ReadonlyMap<string, SignalSourceRuntime>;
  readonly submitter: Pick<SignalSubmitter, 'submit'>;
  readonly stats: Pick<SignalStats, 'record'>;
  readonly logger: Pick<Logger, 'info' | 'warn'>;
  /** The badge in every answer: what the proposal would trade with. */
  readonly modeOf: (accountId: string) => 'paper' | 'live';
}

const CLOSE = { Connection: 'close' } as const;

/**
 * `POST /signals/<source id>`: body limit → signature or passphrase → rate limit → fields
 * → one proposal through every gate. Every refusal is a JSON 4xx that names what to fix
 * (or a 503 when the account's venue cannot be reached), and creates nothing. An accepted signal only ever becomes a proposal for a person to
 * approve: nothing here trades.
 */
export function createSignalHandler(deps: SignalHandlerDeps) {
  function refuse(res: ServerResponse, sourceId: string, result: SignalResult, status: number, body: Record<string, unknown>, headers?: Record<string, string>): void {
    deps.stats.record(sourceId, result, `${status}${typeof body.field === 'string' ? ` ${body.field}` : ''}: ${String(body.message)}`);
    // A wrong secret may be an attack or a misconfigured sender: worth a warning. The rest
    // is the sender's to fix, and the answer told it how.
    deps.logger[result === 'unauthorized' ? 'warn' : 'info']({ source: sourceId, status, result, field: body.field }, 'signal refused');
    sendJson(res, status, JSON.stringify({ ok: false, ...body }), headers);
  }

  return async function handleSignal(req: IncomingMessage, res: ServerResponse, sourceId: string): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, '{"ok":false,"error":"method_not_allowed","message":"POST a JSON signal"}', { Allow: 'POST' });
    const source = deps.sources.get(sourceId);
    if (source === undefined) return sendJson(res, 404, '{"ok":false,"error":"unknown_source","message":"no signal source with this id (INBOUND_SIGNALS)"}');
    const read = await readBody(req, MAX_SIGNAL_BODY_BYTES);
    if (!read.ok) {
      if (read.reason === 'aborted') return void res.destroy();
      return refuse(res, sourceId, 'too_large', 413, { error: 'payload_too_large', message: `the body is over ${MAX_SIGNAL_BODY_BYTES / 1024} KiB` }, CLOSE);
    }
    const text = read.body.toString('utf8');
    const verified = source.verify?.(text, req.headers);
    if (verified !== undefined && !verified.ok) return refuse(res, sourceId, 'unauthorized', 401, { error: 'unauthorized', message: `webhook signature: ${verified.reason}` });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return refuse(res, sourceId, 'malformed', 400, { error: 'malformed_json', message: 'the body is not valid JSON' });
    }
    if (source.checkPassphrase !== undefined && !source.checkPassphrase((json as { passphrase?: unknown } | null)?.passphrase)) {
      return refuse(res, sourceId, 'unauthorized', 401, { error: 'unauthorized', field: 'passphrase', message: 'missing or wrong passphrase' });
    }
    // Counted once the sender is known to be genuine: strangers cannot use up its quota.
    const slot = source.limiter.take();
    if (!slot.ok) return refuse(res, sourceId, 'rate_limited', 429, { error: 'rate_limited', message: `too many signals; try again in ${slot.retryAfterSeconds} s` }, { 'Retry-After': String(slot.retryAfterSeconds) });
    const signal = parseSignalBody(json);
    if (!signal.ok) return refuse(res, sourceId, 'invalid', 400, { error: 'invalid_field', field: signal.field, message: signal.message });
    const result = await deps.submitter.submit(source, signal.value);
    if (result.kind === 'invalid') return refuse(res, sourceId, 'invalid', 422, { error: 'invalid_signal', field: result.field, message: result.message });
    if (result.kind === 'unavailable') {
      const message = `${result.venue} is unreachable (${result.reason}); nothing was created: send the signal again later`;
      return refuse(res, sourceId, 'unavailable', 503, { error: 'venue_unreachable', message }, { 'Retry-After': String(UNAVAILABLE_RETRY_SECONDS) });
    }
    answer(res, source, result);
  };

  function answer(res: ServerResponse, source: SignalSourceRuntime, result: Exclude<SubmitResult, { kind: 'invalid' | 'unavailable' }>): void {
    const mode = deps.modeOf(source.account);
    deps.stats.record(source.id, result.kind, result.proposalId);
    deps.logger.info({ source: source.id, result: result.kind, proposal: result.proposalId }, 'signal accepted');
    switch (result.kind) {
      case 'proposed':
        return sendJson(res, 201, JSON.stringify({ ok: true, status: 'proposed', mode, proposal: result.proposalId, message: 'sent to the approvers; nothing trades until a person approves' }));
      case 'blocked':
        return sendJson(res, 200, JSON.stringify({ ok: true, status: 'blocked', mode, proposal: result.proposalId, gate: result.gate, message: result.reason }));
      case 'duplicate':
        return sendJson(res, 200, JSON.stringify({ ok: true, status: 'duplicate', mode, proposal: result.proposalId, message: `this signal id was ${result.outcome} before; nothing new was created` }));
    }
  }
}

export type SignalHandler = ReturnType<typeof createSignalHandler>;
