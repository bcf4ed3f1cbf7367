import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bot, Context } from 'grammy';
import type { Logger } from '../logger.js';
import { createWebhookHandler } from './handle-webhook.js';
import { sendJson } from './send-json.js';
import { shutDownServer } from './shut-down-server.js';
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
  /** How long close() waits for in-flight updates before answering them 503. */
  shutdownTimeoutMs?: number;
  /** Other routes (`/signals/<id>`, `/metrics`): true when one handled the request. */
  routes?: (req: IncomingMessage, res: ServerResponse, path: string) => boolean;
  /**
   * Most connections open at once; more are dropped on accept. Set it above Telegram's
   * `max_connections` so that health probes still get in while Telegram uses all of its own.
   */
  maxConnections?: number;
  /** Longest a request may take to arrive, headers and body (a slow body is cut after it). */
  requestTimeoutMs?: number;
  /** How long an idle keep-alive connection is kept for the client's next request. */
  keepAliveTimeoutMs?: number;
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
/**
 * Within the app's stop budget (main gives up at 9.5 s): an update handler answers in
 * milliseconds, since long work runs in the background, so 6 s only cuts a stuck one.
 */
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 6_000;
/** Telegram's own default `max_connections` (40) plus room for probes. */
const DEFAULT_MAX_CONNECTIONS = 50;
/** Telegram sends a whole update at once; 10 s is its own webhook timeout. Node's default is 300 s. */
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/**
 * Above the 60 s idle timeout of common proxies and load balancers (nginx upstream
 * keep-alive, AWS ALB): the client closes an idle connection first, so it never sends a
 * request into one we are closing.
 */
const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 65_000;
const HEALTH_PATH = '/healthz';
const NOT_FOUND = '{"ok":false,"error":"not_found"}';
const METHOD_NOT_ALLOWED = '{"ok":false,"error":"method_not_allowed"}';
const HEALTH_HEADERS = { 'Cache-Control': 'no-store' } as const;
const HEALTH_ALLOW = { Allow: 'GET, HEAD' } as const;
const STOPPING = '{"ok":false,"error":"stopping"}';
const STOPPING_HEADERS = { Connection: 'close', 'Retry-After': '1' } as const;

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

  const server = createHttpServer(options, (req, res) => {
    // Once closing, no connection is kept alive for a next request.
    if (closing !== undefined) res.setHeader('Connection', 'close');
    const path = pathOf(req.url);
    if (path === options.webhookPath) return trackWebhook(req, res);
    if (path === HEALTH_PATH) return handleHealth(req, res);
    if (options.routes?.(req, res, path) === true) return;
    sendJson(res, 404, NOT_FOUND);
  });

  function shutdown(): Promise<void> {
    for (const res of active) if (!res.headersSent) res.setHeader('Connection', 'close');
    const drained = active.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => (onDrained = resolve));
    // Unanswered at the deadline: not handled for sure, so Telegram must send it again.
    const answerStragglers = () => {
      for (const res of active) sendJson(res, 503, STOPPING, STOPPING_HEADERS);
    };
    return shutDownServer({ server, drained, answerStragglers, timeoutMs: shutdownTimeoutMs, logger });
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

/**
 * Node's defaults suit neither a public endpoint nor Telegram: a request may take 300 s to
 * arrive, timeouts are checked only every 30 s, and connections are not capped.
 */
function createHttpServer(options: Pick<WebhookServerOptions, 'maxConnections' | 'requestTimeoutMs' | 'keepAliveTimeoutMs' | 'logger'>, handler: RequestListener): Server {
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const server = createServer(
    {
      headersTimeout: requestTimeout,
      requestTimeout,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
      // Checked often enough that a timeout ends within about a tenth of itself past due.
      connectionsCheckingInterval: Math.min(1_000, Math.max(50, Math.floor(requestTimeout / 10))),
    },
    handler,
  );
  server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  let lastDropWarning = 0;
  server.on('drop', () => {
    // One line a minute at most: a flood of refused connections must not flood the log too.
    if (Date.now() - lastDropWarning < 60_000) return;
    lastDropWarning = Date.now();
    options.logger.warn({ maxConnections: server.maxConnections }, 'Connection refused: too many open connections');
  });
  return server;
}

function listen(server: Server, port: number, host?: string): Promise<{ port: number }> {
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
