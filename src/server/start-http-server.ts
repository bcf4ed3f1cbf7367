import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import type { ExtraRoutes } from './create-signal-routes.js';
import type { HealthReport } from './create-server.js';
import { sendJson } from './send-json.js';

export interface HttpServerOptions {
  readonly port: number;
  readonly host: string;
  readonly routes: ExtraRoutes;
  readonly health: () => HealthReport;
  readonly logger: Pick<Logger, 'info'>;
}

export interface RunningHttpServer {
  readonly port: number;
  /** Stops accepting; open connections get up to `timeoutMs` to finish. */
  close(timeoutMs?: number): Promise<void>;
}

/**
 * HTTP_PORT in polling and local mode, where there is no webhook server: `/signals/<id>`,
 * `/metrics` and `/healthz` (200 while running, 503 otherwise).
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const server = createServer((req, res) => {
    const query = req.url?.indexOf('?') ?? -1;
    const path = query === -1 ? (req.url ?? '/') : (req.url ?? '/').slice(0, query);
    if (options.routes(req, res, path)) return;
    if (path === '/healthz') {
      const { status, mode, uptimeSeconds, version } = options.health();
      return sendJson(res, status === 'ok' ? 200 : 503, JSON.stringify({ status, mode, uptimeSeconds, version }), { 'Cache-Control': 'no-store' });
    }
    sendJson(res, 404, '{"ok":false,"error":"not_found"}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  options.logger.info({ port, host: options.host }, 'HTTP server for /signals and /metrics listening');
  let closing: Promise<void> | undefined;
  return {
    port,
    close(timeoutMs = 5_000) {
      closing ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
