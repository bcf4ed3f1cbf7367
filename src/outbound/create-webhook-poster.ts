import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { classifyResponse, type DeliveryResult } from './classify-response.js';
import { isPrivateAddress } from './is-private-address.js';

/** Signs one delivery: the `webhook-signature` header value (`v1,<base64>`). */
export type Sign = (id: string, timestamp: Date, body: string) => string;

export interface WebhookTarget {
  readonly url: URL;
  readonly sign: Sign;
}

export interface WebhookPosterOptions {
  /** Loopback and private addresses are refused unless this is true (ALLOW_INSECURE_WEBHOOKS). */
  readonly allowPrivate: boolean;
  readonly userAgent: string;
  /** Stamps `webhook-timestamp`; receivers refuse one more than 5 minutes off. */
  readonly clock: () => Date;
  /** A receiver that has not answered in full by then counts as down. Default 10 s. */
  readonly timeoutMs?: number;
}

const STALE_SOCKET = Symbol('stale socket');

/** A name that resolved to an address we do not post to: no retry will change that. */
class RefusedAddressError extends Error {
  constructor(readonly address: string) {
    super(`resolves to ${address}, a loopback or private address (ALLOW_INSECURE_WEBHOOKS=yes allows it)`);
  }
}

/**
 * POSTs signed payloads over keep-alive connections (one agent per scheme) and turns
 * whatever happens into a DeliveryResult; it never throws. Redirects are not followed
 * (node:http never does), and the address check runs on every resolved address, so a
 * name that later resolves to 127.0.0.1 is refused too (DNS rebinding).
 */
export function createWebhookPoster(options: WebhookPosterOptions) {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  const lookup = options.allowPrivate ? undefined : checkedLookup;

  async function post(target: WebhookTarget, id: string, body: string): Promise<DeliveryResult> {
    const first = await attempt(target, id, body);
    // A kept-alive connection the receiver closed meanwhile fails at once: that is not the
    // receiver failing, so try once more on a fresh connection (as Node's docs advise).
    if (first !== STALE_SOCKET) return first;
    const second = await attempt(target, id, body);
    return second === STALE_SOCKET ? { kind: 'retry', reason: 'connection reset', ms: 0 } : second;
  }

  function attempt(target: WebhookTarget, id: string, body: string): Promise<DeliveryResult | typeof STALE_SOCKET> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    const host = target.url.hostname;
    if (!options.allowPrivate && isPrivateAddress(host)) return Promise.resolve({ kind: 'refused', reason: new RefusedAddressError(host).message, ms: 0 });
    const now = options.clock();
    const headers = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'user-agent': options.userAgent,
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': target.sign(id, now, body),
    };
    const https = target.url.protocol === 'https:';
    return new Promise((resolve) => {
      let settled = false;
      const finish = (result: DeliveryResult | typeof STALE_SOCKET) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const onResponse = (res: IncomingMessage) => {
        // Read to the end (and drop) so the connection is reused for the next event.
        res.resume();
        res.once('end', () => finish(classifyResponse(res.statusCode ?? 0, headerOf(res.headers['retry-after']), options.clock(), ms())));
        res.once('error', (error) => finish({ kind: 'retry', reason: describe(error), ms: ms() }));
      };
      const req = (https ? httpsRequest : httpRequest)(target.url, { method: 'POST', headers, agent: https ? agents.https : agents.http, ...(lookup === undefined ? {} : { lookup }) }, onResponse);
      const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      req.once('error', (error) => {
        if (req.reusedSocket && (error as { code?: unknown }).code === 'ECONNRESET') return finish(STALE_SOCKET);
        finish(error instanceof RefusedAddressError ? { kind: 'refused', reason: error.message, ms: ms() } : { kind: 'retry', reason: describe(error), ms: ms() });
      });
      req.end(body);
    });
  }

  return {
    post,
    /** Closes the idle keep-alive connections. */
    close(): void {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

export type WebhookPoster = ReturnType<typeof createWebhookPoster>;

/** dns.lookup, refusing private answers. Node 20 asks for every address (`all`) when it races IPv4 and IPv6. */
const checkedLookup = ((hostname: string, options: LookupOptions, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error !== null) return callback(error, '');
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused !== undefined) return callback(new RefusedAddressError(refused.address), '');
    if (options.all === true) return callback(null, addresses);
    const first = addresses[0];
    if (first === undefined) return callback(new Error(`${hostname} has no address`), '');
    callback(null, first.address, first.family);
  });
}) as unknown as LookupFunction;

function headerOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** `ECONNREFUSED`, `no answer within 10 s`: short, and never the URL (it may hold a token). */
function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code === 'ECONNRESET' ? 'connection reset' : code === 'ECONNREFUSED' ? 'connection refused' : code;
  return error instanceof Error ? error.message : String(error);
}
