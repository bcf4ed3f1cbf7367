import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bot, Context } from 'grammy';
import type { Logger } from '../logger.js';
import { createWebhookHandler } from './handle-webhook.js';
import { sendJson } from './send-json.js';
import { createUpdateDeduper } from './update-deduper.js';

export type HealthStatus = 'starting' | 'ok' | 'stopping' | 'degraded';

export interface HealthReport {
  status: HealthStatus;
  mode: string;
  uptimeSeconds: number;
  version: string;
}

export interface WebhookServerOptions<C extends Context = Context> {
  /** Path Telegram posts updates to, e.g. `/telegram/<random>`; must start with `/`. */
  webhookPath: string;
  /** The `secret_token` given to setWebhook; every update must carry it. */
  secretToken: string;
  bot: Bot<C>;
  /** Read on every GET /healthz; anything but status 'ok' answers 503. */
  health: () => HealthReport;
  logger: Logger;
  /** Largest accepted update body; Telegram's own updates stay far below 1 MiB. */
  maxBodyBytes?: number;
  /** How long close() waits for in-flight updates before cutting connections. */
  shutdownTimeoutMs?: number;
  /** Other routes (`/signals/<id>`, `/metrics`): true when one handled the request. */
  routes?: (req: IncomingMessage, res: ServerResponse, path: string) => boolean;
}

export interface WebhookServer {
  /** Starts listening; port 0 picks a free port, which the result reports. */
  listen(port: number, host?: string): Promise<{ port: number }>;
  /** Stops accepting, lets in-flight updates finish (bounded), then resolves. Idempotent. */
  close(): Promise<void>;
  /** Webhook requests being processed right now. */
  inFlight(): number;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 8_000;
const HEALTH_PATH = '/healthz';
const NOT_FOUND = '{"ok":false,"error":"not_found"}';
const METHOD_NOT_ALLOWED = '{"ok":false,"error":"method_not_allowed"}';
const HEALTH_HEADERS = { 'Cache-Control': 'no-store' } as const;
const HEALTH_ALLOW = { Allow: 'GET, HEAD' } as const;

/**
 * The node:http server in front of the bot: `POST <webhookPath>` for Telegram and
 * `GET /healthz` for the platform's probes. Everything else is 404.
 */
export function createWebhookServer<C extends Context>(options: WebhookServerOptions<C>): WebhookServer {
  assertPaths(options.webhookPath);
  const { logger, health } = options;
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  // Responses of webhook requests still being processed; close() waits for them.
  const active = new Set<ServerResponse>();
  let closing: Promise<void> | undefined;
  let onDrained: (() => void) | undefined;

  const handleWebhook = createWebhookHandler({
    bot: options.bot,
    secretToken: options.secretToken,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    deduper: createUpdateDeduper(),
    logger,
    isClosing: () => closing !== undefined,
  });

  function trackWebhook(req: IncomingMessage, res: ServerResponse): void {
    active.add(res);
    // Done when the handler settled (a webhook reply may answer before the handler
    // ends) and the response closed (Node has then released the connection, so
    // closeIdleConnections sees it idle).
    let pending = 2;
    const done = (): void => {
      pending -= 1;
      if (pending > 0) return;
      active.delete(res);
      if (active.size === 0) onDrained?.();
    };
    res.once('close', done);
    handleWebhook(req, res)
      .catch((error: unknown) => {
        logger.error({ err: error }, 'Webhook request failed');
        sendJson(res, 500, '{"ok":false,"error":"internal"}');
      })
      .finally(done);
  }

  function handleHealth(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, METHOD_NOT_ALLOWED, HEALTH_ALLOW);
    const report = readHealth(health, logger);
    if (closing !== undefined) report.status = 'stopping';
    sendJson(res, report.status === 'ok' ? 200 : 503, JSON.stringify(report), HEALTH_HEADERS);
  }

  const server = createServer((req, res) => {
    // Once closing, no connection is kept alive for a next request.
    if (closing !== undefined) res.setHeader('Connection', 'close');
    const path = pathOf(req.url);
    if (path === options.webhookPath) return trackWebhook(req, res);
    if (path === HEALTH_PATH) return handleHealth(req, res);
    if (options.routes?.(req, res, path) === true) return;
    sendJson(res, 404, NOT_FOUND);
  });

  async function shutdown(): Promise<void> {
    for (const res of active) if (!res.headersSent) res.setHeader('Connection', 'close');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const drained = active.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => (onDrained = resolve));
    // Connections that were busy become idle once their response is out.
    const settled = drained.then(() => server.closeIdleConnections()).then(() => closed);
    if (!(await settlesWithin(settled, shutdownTimeoutMs))) {
      logger.warn({ inFlight: active.size, timeoutMs: shutdownTimeoutMs }, 'Shutdown timed out; closing connections');
      server.closeAllConnections();
      await closed;
    }
  }

  return {
    listen: (port, host) => listen(server, port, host),
    close: () => (closing ??= shutdown()),
    inFlight: () => active.size,
  };
}

function assertPaths(webhookPath: string): void {
  if (!webhookPath.startsWith('/') || webhookPath === HEALTH_PATH) {
    throw new Error(`webhookPath must start with "/" and differ from ${HEALTH_PATH}, got "${webhookPath}"`);
  }
}

/** The path without its query string, without the cost of a URL object per request. */
function pathOf(url: string | undefined): string {
  if (url === undefined) return '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * Only the documented fields, copied: the endpoint is public and must not leak
 * whatever else the report object carries.
 */
function readHealth(health: () => HealthReport, logger: Logger): HealthReport {
  try {
    // Copied inside the try: a getter on the report may throw as well as the call.
    const { status, mode, uptimeSeconds, version } = health();
    return { status, mode, uptimeSeconds, version };
  } catch (error) {
    // A probe that throws must still answer, and answer "not healthy".
    logger.error({ err: error }, 'Health check threw');
    return { status: 'degraded', mode: 'unknown', uptimeSeconds: Math.round(process.uptime()), version: 'unknown' };
  }
}

function listen(server: ReturnType<typeof createServer>, port: number, host?: string): Promise<{ port: number }> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    const onListening = (): void => {
      server.off('error', onError);
      resolve({ port: (server.address() as AddressInfo).port });
    };
    if (host === undefined) server.listen(port, onListening);
    else server.listen(port, host, onListening);
  });
}

/** True when `promise` settled in time; the timer never holds the process open. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(resolve, ms, false);
    timer.unref();
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
