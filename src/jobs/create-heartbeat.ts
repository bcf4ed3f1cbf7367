import type { HeartbeatStatus } from '../engine/health/collect-health.js';

export interface HeartbeatOptions {
  /** HEARTBEAT_URL; undefined turns the heartbeat off. It may hold a key: never logged. */
  readonly url: string | undefined;
  readonly method?: 'GET' | 'POST';
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  readonly clock?: () => Date;
}

export interface Heartbeat {
  readonly configured: boolean;
  /** Pings the URL; throws HeartbeatError on a failed request or a non-2xx answer. */
  ping(): Promise<{ status: number }>;
  /** Records that a self-check failed and no ping was sent. */
  withhold(reason: string): void;
  status(): HeartbeatStatus;
}

/** The ping failed; the message never contains the URL. */
export class HeartbeatError extends Error {
  override readonly name = 'HeartbeatError';
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
  }
}

/**
 * A dead-man's switch for an outside monitor (healthchecks.io, Uptime Kuma push, Better
 * Stack): the process pings a URL while it is healthy, and the monitor alerts when pings
 * stop — the one failure the bot cannot report itself. Never a chat message.
 */
export function createHeartbeat(options: HeartbeatOptions): Heartbeat {
  const clock = options.clock ?? (() => new Date());
  const doFetch = options.fetch ?? globalThis.fetch;
  let state: HeartbeatStatus = { configured: options.url !== undefined };
  return {
    configured: options.url !== undefined,
    async ping() {
      const url = options.url;
      if (url === undefined) throw new HeartbeatError('HEARTBEAT_URL is not set', undefined);
      const attemptAt = clock();
      let status: number;
      try {
        const response = await doFetch(url, {
          method: options.method ?? 'GET',
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
          ...(options.method === 'POST' ? { body: 'ok', headers: { 'content-type': 'text/plain' } } : {}),
        });
        status = response.status;
        await response.body?.cancel();
      } catch (error) {
        // fetch's messages can quote the URL: keep only the kind of failure.
        const kind = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError') ? 'timed out' : 'could not connect';
        state = { ...state, lastAttemptAt: attemptAt, lastProblem: `request ${kind}` };
        throw new HeartbeatError(`heartbeat request ${kind}`, undefined);
      }
      if (status < 200 || status >= 300) {
        state = { ...state, lastAttemptAt: attemptAt, lastHttpStatus: status, lastProblem: `HTTP ${status}` };
        throw new HeartbeatError(`heartbeat answered HTTP ${status}`, status);
      }
      state = { configured: true, lastAttemptAt: attemptAt, lastPingAt: clock(), lastHttpStatus: status };
      return { status };
    },
    withhold(reason) {
      state = { ...state, lastAttemptAt: clock(), lastProblem: reason };
    },
    status: () => state,
  };
}
