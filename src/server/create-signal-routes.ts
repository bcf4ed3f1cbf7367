import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import { sendJson } from './send-json.js';

/** Handles a request it knows and returns true, or leaves it alone and returns false. */
export type ExtraRoutes = (req: IncomingMessage, res: ServerResponse, path: string) => boolean;

export interface SignalRoutesDeps {
  /** POST /signals/<source id>; absent without INBOUND_SIGNALS (the path is then 404). */
  readonly signals?: (req: IncomingMessage, res: ServerResponse, sourceId: string) => Promise<void>;
  readonly metrics: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  readonly logger: Pick<Logger, 'error'>;
}

const SIGNALS_PREFIX = '/signals/';

/**
 * `/signals/<source id>` and `/metrics`, for the webhook server and for the HTTP_PORT
 * server of polling and local mode alike.
 */
export function createSignalRoutes(deps: SignalRoutesDeps): ExtraRoutes {
  const run = (res: ServerResponse, work: Promise<void>) =>
    void work.catch((error: unknown) => {
      deps.logger.error({ err: error }, 'request failed');
      sendJson(res, 500, '{"ok":false,"error":"internal"}');
    });
  return (req, res, path) => {
    if (path === '/metrics') {
      run(res, deps.metrics(req, res));
      return true;
    }
    if (deps.signals === undefined || !path.startsWith(SIGNALS_PREFIX)) return false;
    const sourceId = path.slice(SIGNALS_PREFIX.length);
    if (!/^[a-z][a-z0-9_]{0,30}$/.test(sourceId)) return false;
    run(res, deps.signals(req, res, sourceId));
    return true;
  };
}
