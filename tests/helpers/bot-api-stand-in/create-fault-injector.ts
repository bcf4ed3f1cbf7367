import type { ServerResponse } from 'node:http';
import { BotApiError, internalServerError } from './bot-api-error.js';

/**
 * What a matching call gets during an outage: a 500, a dropped connection, no answer at
 * all, or the call carried out and then its connection dropped (the bot cannot tell
 * whether its message went out).
 */
export type OutageMode = 'http500' | 'close' | 'hang' | 'accept-then-close';

/** 'sends' is every method that creates, changes or deletes a message. */
export type OutageScope = 'all' | 'sends' | readonly string[];

export interface OutageSpec {
  mode: OutageMode;
  scope?: OutageScope;
  /** Until then (by the stand-in's clock); without it, until ended. */
  durationMs?: number;
}

/** A Telegram error body for `failNext`, or a dropped or unanswered connection. */
export type InjectedError = { error_code: number; description: string; parameters?: { retry_after?: number } } | 'close' | 'hang' | 'accept-then-close';

export type Fault = { kind: 'error'; error: BotApiError } | { kind: 'close' } | { kind: 'hang' } | { kind: 'accept-then-close' };

export const isSendMethod = (method: string): boolean =>
  (method.startsWith('send') && method !== 'sendChatAction') || method.startsWith('editMessage') || method === 'deleteMessage';

interface Outage extends OutageSpec {
  until: number;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Outages, one-off failures and missing methods. An outage ends at its time, checked at
 * each call by the stand-in's clock; a real timer of the same length also releases the
 * calls it left hanging (their connections are then dropped, as a dead Telegram's would
 * be). Queued `failNext` failures come before outages.
 */
export function createFaultInjector(now: () => number, missing: Iterable<string> = []) {
  const outages = new Set<Outage>();
  const oneOffs = new Map<string, InjectedError[]>();
  const missingMethods = new Set<string>(missing);
  const hanging = new Set<ServerResponse>();

  const releaseHanging = (): void => {
    for (const res of hanging) res.destroy();
    hanging.clear();
  };

  const end = (outage: Outage): void => {
    clearTimeout(outage.timer);
    outages.delete(outage);
    if (outage.mode === 'hang' && ![...outages].some((o) => o.mode === 'hang')) releaseHanging();
  };

  const outage = (spec: OutageSpec): { end: () => void } => {
    const durationMs = spec.durationMs ?? Number.POSITIVE_INFINITY;
    const entry: Outage = { scope: 'all', ...spec, until: now() + durationMs, timer: undefined };
    if (Number.isFinite(durationMs)) entry.timer = setTimeout(() => end(entry), durationMs).unref();
    outages.add(entry);
    return { end: () => end(entry) };
  };

  const activeOutage = (method: string): Outage | undefined => {
    for (const o of outages) {
      if (o.until <= now()) end(o);
      else if (matches(o.scope ?? 'all', method)) return o;
    }
    return undefined;
  };

  const faultFor = (method: string): Fault | undefined => {
    const queued = oneOffs.get(method)?.shift();
    if (queued !== undefined) return toFault(queued);
    const o = activeOutage(method);
    if (o === undefined) return undefined;
    return o.mode === 'http500' ? { kind: 'error', error: internalServerError() } : { kind: o.mode };
  };

  return {
    outage,
    endOutages: () => [...outages].forEach(end),
    failNext: (method: string, n = 1, error: InjectedError = { error_code: 500, description: 'Internal Server Error' }) =>
      oneOffs.set(method, [...(oneOffs.get(method) ?? []), ...Array.from({ length: n }, () => error)]),
    removeMethods: (methods: readonly string[]) => methods.forEach((m) => missingMethods.add(m)),
    restoreMethods: (methods?: readonly string[]) => (methods === undefined ? missingMethods.clear() : methods.forEach((m) => missingMethods.delete(m))),
    isMissing: (method: string) => missingMethods.has(method),
    /** Drops the connections of calls left hanging (by `failNext(…, "hang")` or an outage). */
    releaseHanging,
    faultFor,
    /** Telegram itself is down: it delivers no webhook updates either. */
    isDown: () => activeOutage('*') !== undefined,
    hold: (res: ServerResponse) => {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
    },
    close: () => {
      for (const o of outages) clearTimeout(o.timer);
      outages.clear();
      releaseHanging();
    },
  };
}

export type FaultInjector = ReturnType<typeof createFaultInjector>;

function matches(scope: OutageScope, method: string): boolean {
  if (scope === 'all') return true;
  if (scope === 'sends') return isSendMethod(method);
  return scope.includes(method);
}

function toFault(error: InjectedError): Fault {
  if (typeof error === 'string') return { kind: error };
  return { kind: 'error', error: new BotApiError(error.error_code, error.description, error.parameters) };
}
