import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import { createSecretTokenCheck } from './check-secret-token.js';
import { sendJson } from './send-json.js';

export interface MetricsHandlerDeps {
  /** METRICS_TOKEN: when set, a scrape needs `Authorization: Bearer <token>`. */
  readonly token: string | undefined;
  /** The Prometheus text exposition and its content type. */
  readonly render: () => Promise<{ contentType: string; body: string }>;
  readonly logger: Pick<Logger, 'error'>;
}

/** `GET /metrics` for Prometheus. */
export function createMetricsHandler(deps: MetricsHandlerDeps) {
  const isAuthorized = deps.token === undefined ? () => true : createSecretTokenCheck(`Bearer ${deps.token}`);
  return async function handleMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, '{"ok":false,"error":"method_not_allowed"}', { Allow: 'GET, HEAD' });
    if (!isAuthorized(req.headers.authorization)) return sendJson(res, 401, '{"ok":false,"error":"unauthorized","message":"send Authorization: Bearer <METRICS_TOKEN>"}', { 'WWW-Authenticate': 'Bearer' });
    try {
      const { contentType, body } = await deps.render();
      res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      deps.logger.error({ err: error }, 'metrics could not be collected');
      sendJson(res, 500, '{"ok":false,"error":"metrics_failed"}');
    }
  };
}
